"""Use cases of the free-text intake: parse a narrative, assess a text, fill a case from its narrative."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from twitchwise.assessment.evaluation import EvaluationReport, evaluate
from twitchwise.assessment.finding_metrics import FindingScores, case_findings, score_findings
from twitchwise.assessment.medication_matching import match_medication
from twitchwise.domain.errors import InputError
from twitchwise.intake import NarrativeParser, ParsedNarrative
from twitchwise.services.assessment import assessor, knowledge

#: Case fields the narrative may fill in; what the structured fields give always wins.
FILLABLE_FIELDS = (
    "age", "sex", "sites", "side", "first_noticed_days", "episode_length", "frequency", "course",
    "features", "when", "symptoms", "absent", "history", "medications",
)  # fmt: skip


@lru_cache(maxsize=1)
def parser() -> NarrativeParser:
    """The narrative parser over the packaged knowledge base, built once per process."""
    return NarrativeParser(knowledge())


def parse_narrative(text: str, today: dt.date | None = None) -> ParsedNarrative:
    """Parse a narrative into a case with spans; raises :class:`InputError` if empty or too long."""
    return parser().parse(text, today or dt.date.today())


def _not_recognised(parsed: ParsedNarrative) -> InputError:
    return InputError(parsed.message, "narrative")


def fill_from_narrative(case: Mapping[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """Fill a case's missing fields from its ``narrative``; structured fields win.

    A field the case gives (even an empty list) is kept as it is; ``exposures`` are merged
    key by key. A case without a narrative is returned unchanged.
    """
    out = dict(case)
    text = case.get("narrative")
    if not isinstance(text, str) or not text.strip():
        return out
    parsed = parse_narrative(text, today)
    for key in FILLABLE_FIELDS:
        if key not in out and key in parsed.case:
            out[key] = parsed.case[key]
    if "absent" in out and "absent" not in case:
        given = {v for fld in ("features", "when", "symptoms", "history") for v in case.get(fld) or []}
        out["absent"] = [v for v in out["absent"] if v not in given] or []
        if not out["absent"]:
            del out["absent"]
    if "exposures" in parsed.case:
        merged = dict(parsed.case["exposures"])
        merged.update(case.get("exposures") or {})
        out["exposures"] = merged
    return out


def assess_text(
    text: str, extra: Mapping[str, Any] | None = None, today: dt.date | None = None
) -> tuple[dict[str, Any], ParsedNarrative]:
    """Assess a narrative (plus optional structured fields such as age and sex, which win).

    Raises
    ------
    InputError
        Empty or too long text, or nothing recognised (the message suggests `twitchwise check`).
    """
    parsed = parse_narrative(text, today)
    if not parsed.recognised:
        raise _not_recognised(parsed)
    case = dict(parsed.case)
    case.update(extra or {})
    return assessor().assess(case), parsed


def assess_case_with_narrative(case: Any) -> dict[str, Any]:
    """Assess a decoded case, filling fields it leaves out from its narrative (structured fields win)."""
    text = case.get("narrative") if isinstance(case, dict) else None
    if isinstance(text, str) and text.strip() and len(text) <= 10_000:
        case = fill_from_narrative(case)
    return assessor().assess(case)


def _medicine_classes(name: str) -> tuple[str, ...]:
    return match_medication(name, knowledge().medications).classes


def evaluate_narratives(
    rows: list[dict[str, Any]], today: dt.date | None = None
) -> tuple[EvaluationReport, FindingScores]:
    """Assess each vignette from its narrative (plus age and sex) alone; also score the findings.

    Returns
    -------
    (EvaluationReport, FindingScores)
        The usual urgency/condition figures, and finding-level micro precision/recall/F1
        of the extracted case against the vignette's structured fields.
    """
    day = today or dt.date.today()
    pairs = []
    narrative_rows = []
    for row in rows:
        case = row["case"]
        text = case.get("narrative") or ""
        keep = {k: case[k] for k in ("age", "sex") if k in case}
        try:
            parsed = parse_narrative(text, day)
            extracted = {k: v for k, v in parsed.case.items() if k not in ("age", "sex")}
        except InputError:
            extracted = {}
        extracted.update(keep)
        pairs.append((case_findings(case, _medicine_classes), case_findings(extracted, _medicine_classes)))
        narrative_rows.append({**row, "case": extracted if text.strip() else {**keep, "narrative": text}})
    report = evaluate(narrative_rows, assessor().assess)
    return report, score_findings(pairs)
