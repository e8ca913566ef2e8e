"""Use cases of the free-text intake: parse a narrative, assess a text, fill a case from its narrative."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from twitchwise.assessment.evaluation import EvaluationReport, evaluate
from twitchwise.assessment.finding_metrics import FindingScores, case_findings, score_findings
from twitchwise.assessment.medication_matching import match_medication
from twitchwise.assessment.result import AssessmentResult, NextQuestion, UrgencyReason
from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import MAX_NARRATIVE_CHARS, narrative_of
from twitchwise.intake import ParsedNarrative
from twitchwise.intake.screening import unscreened
from twitchwise.services.runtime import assessor, knowledge
from twitchwise.services.runtime import parser as parser  # re-exported: the web app warms it up

#: Case fields the narrative may fill in; what the structured fields give always wins.
FILLABLE_FIELDS = (
    "age", "sex", "sites", "side", "first_noticed_days", "episode_length", "frequency", "course",
    "features", "when", "symptoms", "absent", "history", "medications",
)  # fmt: skip


def parse_narrative(text: str, today: dt.date | None = None) -> ParsedNarrative:
    """Parse a narrative into a case with spans; raises :class:`InputError` if empty or too long."""
    return parser().parse(text, today or dt.date.today())


def explanation_lines(parsed: ParsedNarrative) -> list[str]:
    """Why each finding of ``parsed`` was extracted, one line each (``twitchwise parse --explain``)."""
    from twitchwise.intake.explain import explanation_lines as lines

    return list(lines(parsed.findings))


def _not_recognised(parsed: ParsedNarrative) -> InputError:
    return InputError(parsed.message, "narrative")


_FINDING_FIELDS = ("features", "when", "symptoms", "history")


def _structured_wins(out: dict[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """A finding the structured fields list as absent is not present because the narrative seems to say so.

    And one they list as present is not absent: the structured fields win (case.schema).
    """
    given_absent = set(given.get("absent") or [])
    given_present = {v for fld in _FINDING_FIELDS for v in given.get(fld) or []}
    for fld in _FINDING_FIELDS:
        if fld in out and fld not in given:
            kept = [v for v in out[fld] if v not in given_absent]
            if kept:
                out[fld] = kept
            else:
                del out[fld]
    if "absent" in out and "absent" not in given:
        kept = [v for v in out["absent"] if v not in given_present]
        if kept:
            out["absent"] = kept
        else:
            del out["absent"]
    return out


def fill_from_narrative(case: Mapping[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """Fill a case's missing fields from its ``narrative``; structured fields win.

    A field the case gives (even an empty list) is kept as it is; ``exposures`` are merged
    key by key. A case without a narrative is returned unchanged.
    """
    out = dict(case)
    text = narrative_of(case)
    if text is None:
        return out
    parsed = parse_narrative(text, today)
    for key in FILLABLE_FIELDS:
        if key not in out and key in parsed.case:
            out[key] = parsed.case[key]
    out = _structured_wins(out, case)
    if "exposures" in parsed.case:
        merged = dict(parsed.case["exposures"])
        merged.update(case.get("exposures") or {})
        out["exposures"] = merged
    return out


#: The engine's reason when no rule holds; not said while a touched warning sign is unanswered.
_NO_RED_FLAGS = "no_red_flags"


def add_safety_net(result: AssessmentResult, text: str, case: Mapping[str, Any]) -> AssessmentResult:
    """Add what a narrative did not screen to a result assessed from it (non-interactive use).

    ``unscreened_red_flags`` lists the warning-sign questions the case leaves unanswered
    (those the text touched first, ``touched: true``); a touched one is asked first in
    ``next_questions``, and the engine's "nothing you reported is a warning sign" reason is
    replaced while one is unanswered.
    """
    signs = unscreened(text, case, knowledge())
    out = AssessmentResult(**result)  # a copy
    out["unscreened_red_flags"] = [{"finding": s.finding, "question": s.question, "touched": s.touched} for s in signs]
    touched = [s for s in signs if s.touched]
    if touched:
        first: list[NextQuestion] = [
            {"finding": s.finding, "text": s.question, "kind": "yes_no", "red_flag": True, "gain_bits": 0.0}
            for s in touched
        ]
        rest = [q for q in out.get("next_questions", []) if q.get("finding") not in {s.finding for s in touched}]
        out["next_questions"] = first + rest
    reasons = out.get("urgency_reasons") or []
    if touched and any(r.get("id") == _NO_RED_FLAGS for r in reasons):
        names = "; ".join(s.question for s in touched[:3])
        unscreened_reason: list[UrgencyReason] = [
            {
                "id": "unscreened_red_flags",
                "text": "What you wrote touches on a warning sign it does not answer, so this result cannot rule it "
                f"out. Check: {names}",
                "urgency": out.get("urgency", "self_care"),
                "kind": "unscreened",
            }
        ]
        out["urgency_reasons"] = unscreened_reason + [r for r in reasons if r.get("id") != _NO_RED_FLAGS]
    return out


def assess_text(
    text: str, extra: Mapping[str, Any] | None = None, today: dt.date | None = None
) -> tuple[AssessmentResult, ParsedNarrative]:
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
    case = _structured_wins(case, extra or {})
    return add_safety_net(assessor().assess(case), text, case), parsed


def assess_case_with_narrative(case: Any) -> AssessmentResult:
    """Assess a decoded case, filling fields it leaves out from its narrative (structured fields win)."""
    text = narrative_of(case)
    # A narrative over the limit is left to the engine, whose case check names it.
    if text is not None and len(text) <= MAX_NARRATIVE_CHARS:
        filled = fill_from_narrative(case)
        return add_safety_net(assessor().assess(filled), text, filled)
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
        thresholds = knowledge().vocab.exposure_thresholds
        given, understood = (case_findings(c, _medicine_classes, thresholds) for c in (case, extracted))
        pairs.append((given, understood))
        narrative_rows.append({**row, "case": extracted if text.strip() else {**keep, "narrative": text}})
    report = evaluate(narrative_rows, assessor().assess)
    return report, score_findings(pairs)


def interview_from_text(text: str, today: dt.date | None = None) -> tuple[Any, list[Any], ParsedNarrative]:
    """Start the interview from a narrative: its answers filled in, the unanswered warning signs to ask first.

    Returns
    -------
    (InterviewState, list of InterviewQuestion, ParsedNarrative)
        The state holds what the text answered (age, sex, sites, timing, findings present or
        absent, medicines, caffeine, sleep, stress); the questions are the warning signs it
        left unanswered, those it touched first. Ask them, then carry on with the engine.

    Raises
    ------
    InputError
        Empty or too long text, or nothing recognised.
    """
    from twitchwise.assessment.evidence import first_noticed_bucket
    from twitchwise.assessment.interview import MG_PER_CUP, InterviewQuestion, InterviewState

    parsed = parse_narrative(text, today)
    if not parsed.recognised:
        raise _not_recognised(parsed)
    case = parsed.case
    state = InterviewState()
    for key in ("age", "sex", "episode_length", "frequency", "course", "side"):
        if key in case:
            state = state.with_answer(key, case[key])
    if case.get("sites"):
        state = state.with_answer("sites", list(case["sites"]))
    if "first_noticed_days" in case:
        state = state.with_answer("first_noticed", first_noticed_bucket(float(case["first_noticed_days"])))
    for fld in _FINDING_FIELDS:
        for value in case.get(fld) or []:
            state = state.with_answer(f"{fld}:{value}", True)
    kb = knowledge()
    for value in case.get("absent") or []:
        fid = next((f"{fld}:{value}" for fld in _FINDING_FIELDS if f"{fld}:{value}" in kb.findings), None)
        if fid is not None:
            state = state.with_answer(fid, False)
    exposures = case.get("exposures") or {}
    if "caffeine_mg_day" in exposures:
        state = state.with_answer("caffeine_cups", round(float(exposures["caffeine_mg_day"]) / MG_PER_CUP, 1))
    for key in ("sleep_hours", "stress_0_10"):
        if key in exposures:
            state = state.with_answer(key, float(exposures[key]))
    if case.get("medications"):
        state = state.with_answer("medications", ", ".join(case["medications"]))
    questions = [InterviewQuestion(s.finding, s.question, "yes_no", red_flag=True) for s in unscreened(text, case, kb)]
    # The engine's warning-sign checklist is covered by these questions one by one.
    state = state.with_answer("red_flag_screen", {})
    return state, questions, parsed
