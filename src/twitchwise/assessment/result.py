"""The typed result of an assessment (:class:`AssessmentResult`), its JSON and its JSON Schema.

The result is a plain JSON object on the wire, so it is typed as nested ``TypedDict`` s: the
engine builds dicts that mypy checks against these types, the interfaces serialise them as they
are (:func:`to_json`), and :func:`json_schema` states the same shape for OpenAPI and for the
test that checks every result against it and against the shared ``result.schema.json``.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal, NotRequired, TypedDict, Union, get_args, get_origin, get_type_hints

from twitchwise.domain.urgency import UrgencyId


class UrgencyReason(TypedDict):
    """Why the result has its urgency: a red-flag rule, a condition floor, an escalation, or none."""

    id: str
    text: str
    urgency: UrgencyId
    kind: str  # red_flag, condition, escalation, none (nothing raised it) or unscreened (narratives)


class RedFlagHit(TypedDict):
    """A warning-sign rule that holds."""

    id: str
    text: str
    urgency: UrgencyId


class MovementTypeScore(TypedDict):
    """How likely the movement is of one kind (probability 0 to 1)."""

    id: str
    name: str
    probability: float


class EvidenceItem(TypedDict):
    """A finding's weight of evidence (log-odds) for or against a condition; a cap row
    (``finding`` ``"cap:<kind>"``) also gives the ``cap`` and its reason ``text``."""

    finding: str
    effect: Literal["for", "against"]
    weight: float
    cap: NotRequired[float]
    text: NotRequired[str]


class ConditionScore(TypedDict):
    """One ranked condition (probability 0 to 1) with the evidence that moved it most."""

    id: str
    icd10: str
    name: str
    probability: float
    urgency_floor: UrgencyId
    evidence: list[EvidenceItem]


class FactorHit(TypedDict):
    """A contributing factor (caffeine, sleep, a medicine...) with plain advice."""

    id: str
    label: str
    text: str
    advice: str
    medication_class: NotRequired[str]
    medicine: NotRequired[str]


class DoctorNotes(TypedDict):
    """What the doctor is likely to ask and test, for the leading condition."""

    asks: list[str]
    tests: list[str]
    about: str


class QuestionOption(TypedDict):
    """One choice of a multiple-choice question."""

    id: str
    label: str


class NextQuestion(TypedDict):
    """A question whose answer would help most (``gain_bits``: expected information, bits)."""

    finding: str
    text: str
    kind: str
    red_flag: bool
    gain_bits: float
    options: NotRequired[list[QuestionOption]]


class MedicationMatch(TypedDict):
    """A medicine as typed, the name it was matched to (or ``None``) and its classes."""

    typed: str
    matched: str | None
    classes: list[str]
    recognised: bool


class ConcernAnswer(TypedDict):
    """An answer to a fear the case states (e.g. a family history of motor neuron disease)."""

    about: str
    kind: str
    text: str


class SourceRef(TypedDict):
    """A source a clinician would accept."""

    id: str
    title: str
    publisher: str
    year: int
    where: str


class UnscreenedRedFlag(TypedDict):
    """A warning sign a narrative did not answer (``touched``: the text came close to it)."""

    finding: str
    question: str
    touched: bool


class AssessmentResult(TypedDict):
    """The result of :meth:`twitchwise.assessment.Assessor.assess` (``result.schema.json``)."""

    urgency: UrgencyId
    urgency_text: str
    urgency_reasons: list[UrgencyReason]
    red_flags: list[RedFlagHit]
    movement_types: list[MovementTypeScore]
    conditions: list[ConditionScore]
    factors: list[FactorHit]
    advice: list[str]
    when_to_get_help: list[str]
    doctor: DoctorNotes
    next_questions: list[NextQuestion]
    medications: list[MedicationMatch]
    concerns: list[ConcernAnswer]
    sources: list[SourceRef]
    disclaimer: str
    knowledge_version: str
    #: Only in a result assessed from a narrative (the services' safety net).
    unscreened_red_flags: NotRequired[list[UnscreenedRedFlag]]


def to_json(result: AssessmentResult, indent: int | None = None) -> str:
    """The result as JSON text (UTF-8 characters kept)."""
    return json.dumps(result, ensure_ascii=False, indent=indent)


def _schema(tp: Any) -> dict[str, Any]:
    origin = get_origin(tp)
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is type(None):
        return {"type": "null"}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin is list:
        return {"type": "array", "items": _schema(get_args(tp)[0])}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema(a) for a in get_args(tp)]}
    if typing.is_typeddict(tp):
        hints = get_type_hints(tp, include_extras=True)
        props: dict[str, Any] = {}
        required: list[str] = []
        for name, hint in hints.items():
            if get_origin(hint) is NotRequired:
                hint = get_args(hint)[0]
            elif name in tp.__required_keys__:
                required.append(name)
            props[name] = _schema(hint)
        out: dict[str, Any] = {"type": "object", "properties": props, "required": required}
        out["additionalProperties"] = False
        if tp.__doc__:
            out["description"] = " ".join(tp.__doc__.split())
        return out
    raise TypeError(f"no JSON Schema for {tp!r}")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`AssessmentResult` (every object closed, nothing referenced)."""
    return _schema(AssessmentResult)
