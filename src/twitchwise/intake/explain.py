"""Why each finding was extracted: its span, status, origin, rule and where that rule lives.

What ``twitchwise parse --explain`` prints. Every finding names the rule or lexicon entry
that produced it (``rule_id``) and the file and entry where it is written, and for a status
that a ConText modifier gave ("absent" from "no ...") the context rules that applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from twitchwise.intake.extracted import ExtractedFinding
from twitchwise.intake.rule_ids import rule_location


def explain_finding(finding: ExtractedFinding) -> dict[str, Any]:
    """One finding's explanation (JSON-ready).

    Returns
    -------
    dict
        ``span`` ([start, end] character offsets), ``text``, ``finding`` (``field:value`` or
        ``field=value`` for numbers and names), ``status``, ``origin``, ``rule_id``, ``rule``
        (the file and entry of the rule), ``modifiers`` (``[{"rule_id", "rule"}]``), and
        ``note`` / ``counts_as`` when set.
    """
    what = finding.finding_id if finding.finding_id != finding.field else f"{finding.field}={finding.value}"
    out: dict[str, Any] = {
        "span": [finding.start, finding.end],
        "text": finding.text,
        "finding": what,
        "status": str(finding.status),
        "origin": str(finding.origin),
        "rule_id": finding.rule_id,
        "rule": rule_location(finding.rule_id),
        "modifiers": [{"rule_id": m, "rule": rule_location(m)} for m in finding.modifiers],
    }
    if finding.note:
        out["note"] = finding.note
    if finding.counts_as is not None:
        out["counts_as"] = finding.counts_as
    return out


def explanation_lines(findings: Iterable[ExtractedFinding]) -> list[str]:
    """The explanation as plain lines, one block per finding, in text order."""
    lines: list[str] = []
    for f in findings:
        e = explain_finding(f)
        start, end = e["span"]
        lines.append(f'[{start}-{end}] "{e["text"]}"  {e["finding"]}  {e["status"]}  (origin: {e["origin"]})')
        lines.append(f"    rule: {e['rule_id'] or '(none)'}  in {e['rule']}")
        lines += [f"    modifier: {m['rule_id']}  in {m['rule']}" for m in e["modifiers"]]
        if "counts_as" in e:
            lines.append(f"    counted in the case as: {e['counts_as'] or '(nothing)'}")
        if "note" in e:
            lines.append(f"    note: {e['note']}")
    return lines
