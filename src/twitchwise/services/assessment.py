"""Use cases of the assessment: assess one case, a batch, evaluate vignettes, browse knowledge."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from twitchwise.assessment import DISCLAIMER
from twitchwise.assessment.evaluation import EvaluationReport, evaluate
from twitchwise.assessment.result import AssessmentResult
from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import narrative_of
from twitchwise.services.runtime import assessor, knowledge

__all__ = ["assess_case", "assess_lines", "assessor", "condition_details", "evaluate_vignettes", "knowledge"]


def has_narrative(case: object) -> bool:
    """Whether a decoded case carries a narrative to read (a non-blank ``narrative`` string)."""
    return narrative_of(case) is not None


def case_json_schema() -> dict[str, Any]:
    """The JSON Schema of a case (``case.schema.json``, without its ``$schema``/``$id``), for OpenAPI."""
    import json

    from twitchwise.knowledge import default_data_dir

    schema = json.loads((default_data_dir() / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
    return {k: v for k, v in schema.items() if k not in ("$schema", "$id")}


def result_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`~twitchwise.assessment.result.AssessmentResult`, for OpenAPI."""
    from twitchwise.assessment.result import json_schema

    return json_schema()


def parse_case_json(text: str | bytes, where: str = "the case") -> Any:
    """Decode JSON within :func:`~twitchwise.domain.input_bounds.parse_json`'s bounds (UTF-8, depth,
    integer size, no NaN), raising :class:`InputError` with the line and column of a syntax error."""
    from twitchwise.domain.input_bounds import parse_json

    return parse_json(text, where)


def assess_case(case: Any) -> AssessmentResult:
    """Assess one decoded case; raises :class:`InputError` for an invalid one.

    Fields the case leaves out are filled from its ``narrative`` (structured fields win).
    """
    if has_narrative(case):
        from twitchwise.services.intake import assess_case_with_narrative

        return assess_case_with_narrative(case)
    return assessor().assess(case)


def assess_lines(lines: Iterable[str]) -> Iterator[tuple[AssessmentResult | dict[str, Any], bool]]:
    """Assess JSON Lines: yields ``(result_or_error, ok)`` per non-blank line, in order."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield assess_case(parse_case_json(line, f"line {number}")), True
        except InputError as exc:
            yield {"error": f"line {number}: {exc.message}", "line": number, "field": exc.field}, False


def evaluate_vignettes(rows: list[dict[str, Any]]) -> EvaluationReport:
    """Run labelled vignettes through the engine (structured fields)."""
    a = assessor()
    return evaluate(rows, a.assess)


def condition_details(condition_id: str) -> dict[str, Any]:
    """Everything the knowledge base says about one condition, with its sources.

    Raises
    ------
    InputError
        If the id is unknown (the message suggests the closest ids).
    """
    kb = knowledge()
    cond = kb.conditions.get(condition_id)
    if cond is None:
        close = difflib.get_close_matches(condition_id, list(kb.conditions), n=3, cutoff=0.4)
        hint = ("did you mean " + " or ".join(close) + "?") if close else "see `twitchwise conditions` for the list"
        raise InputError(f"ID {condition_id!r} is not a known condition; {hint}", "ID")
    return {
        "id": cond.id,
        "name": cond.name,
        "icd10": cond.icd10,
        "lay_names": list(cond.lay_names),
        "summary": cond.summary,
        "movement_types": [
            f"{kb.movement_types[m].name} ({p:.0%})"
            for m, p in sorted(cond.movement_types.items(), key=lambda t: -t[1])
        ],
        "causes": list(cond.causes),
        "advice": list(cond.advice),
        "see_doctor_if": list(cond.see_doctor_if),
        "doctor_asks": list(cond.doctor_asks),
        "doctor_tests": list(cond.doctor_tests),
        "urgency_floor": cond.urgency_floor.id,
        "sources": [
            {
                "id": s,
                "publisher": kb.sources[s].publisher,
                "title": kb.sources[s].title,
                "year": kb.sources[s].year,
                "url": kb.sources[s].url,
            }
            for s in cond.sources
        ],
        "disclaimer": DISCLAIMER,
    }
