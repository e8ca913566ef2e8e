"""Why each finding was extracted: its span, status, origin, rule and where that rule lives.

What ``twitchwise parse --explain`` prints. Every finding names the rule or lexicon entry
that produced it (``rule_id``) and the file and entry where it is written, and for a status
that a ConText modifier gave ("absent" from "no ...") the context rules that applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from twitchwise.intake.clause_rules import clause_rules
from twitchwise.intake.context_rules import rule_position
from twitchwise.intake.extracted import ExtractedFinding

_KNOWLEDGE = "src/twitchwise/knowledge/data"
_RULES = "src/twitchwise/intake/rules"


def rule_location(rule_id: str) -> str:
    """Where the rule of ``rule_id`` lives: the file and the entry, in a few words.

    Unknown kinds are returned as they are (``"(no rule id)"`` when empty).
    """
    kind, _, rest = rule_id.partition(":")
    if kind == "lexicon":
        file, _, entry = rest.partition("#")
        if file == "medications.yaml":
            return f"{_KNOWLEDGE}/{file}, names: {entry}"
        if entry == "names":
            return f"{_KNOWLEDGE}/{file}, name and lay_names"
        return f"{_KNOWLEDGE}/{file}, {entry}, lay_phrases (or a generated form of one)"
    if kind == "paraphrase":
        return f"{_RULES}/warning_sign_paraphrases.yaml, paraphrases: {rest}"
    if kind == "clause":
        index = next((r.index for r in clause_rules() if r.id == rest), -1)
        return f"{_RULES}/clause_rules.yaml, rules[{index}] (id: {rest})"
    if kind == "context":
        return f"{_RULES}/context_rules.json, context_rules[{rule_position(rest)}] (id: {rest})"
    if kind == "code":
        module, _, function = rest.partition(".")
        return f"src/twitchwise/intake/{module}.py, {function}()"
    return rule_id or "(no rule id)"


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
