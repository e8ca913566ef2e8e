"""The interview replayed from a list of answers: the stateless form the web app and the API use.

The server keeps no interview; each request carries every ``(question, value)`` pair so far.
The pairs are replayed through the engine so that a tampered list cannot reach it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from twitchwise.assessment.result import AssessmentResult
from twitchwise.domain.errors import InputError
from twitchwise.domain.urgency import Urgency
from twitchwise.services.interview import (
    CONTINUE_AFTER_EMERGENCY,
    InterviewQuestion,
    InterviewState,
    build_case,
    interview_engine,
)

Answers = list[tuple[str, Any]]
#: Reason ids of a warning-sign finding in itself (the rules' ids do not start so).
FINDING_REASON_PREFIX = "finding_"


@dataclass(frozen=True)
class UrgencySoFar:
    """How urgent the answers so far are, and the warning signs that make them so (plain sentences).

    ``stopped`` is true when the interview stopped for an emergency (and the person has not
    chosen to continue anyway).
    """

    urgency: str
    reasons: tuple[str, ...]
    stopped: bool


def state_from_answers(answers: Answers) -> InterviewState:
    """An interview state from ``(question, value)`` pairs (not checked; see :func:`replay`)."""
    state = InterviewState()
    for question, value in answers:
        state = state.with_answer(question, value)
    return state


def answer_fits(q: InterviewQuestion, value: Any) -> bool:
    """Whether ``value`` is a possible answer to ``q`` (None, "don't know", always is)."""
    ids = {o[0] for o in q.options}
    if value is None:
        return True
    if q.kind == "number":
        number_ok = isinstance(value, int | float) and not isinstance(value, bool)
        low = q.minimum if q.minimum is not None else float("-inf")
        high = q.maximum if q.maximum is not None else float("inf")
        return number_ok and low <= float(value) <= high
    if q.kind == "yes_no":
        return isinstance(value, bool)
    if q.kind == "text":
        return isinstance(value, str)
    if q.kind == "choice":
        return isinstance(value, str) and value in ids
    if q.kind == "multi":
        return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v in ids for v in value)
    if q.kind == "checklist":
        return isinstance(value, dict) and set(value) <= ids and all(isinstance(v, bool) for v in value.values())
    return False


def replay(answers: Answers) -> tuple[InterviewState, InterviewQuestion | None]:
    """Replay the answers; returns the state and the next question (``None`` when the interview is done).

    Raises
    ------
    InputError
        If an answer does not answer the question asked at that point, or does not fit it
        (naming ``answers``).
    """
    engine = interview_engine()
    state = InterviewState()
    for number, (question_id, value) in enumerate(answers, start=1):
        asked = engine.next_question(state)
        if asked is None and question_id == CONTINUE_AFTER_EMERGENCY and value is True and engine.emergency(state):
            state = state.with_answer(question_id, value)  # "continue anyway" after the emergency screen
            continue
        if asked is None or asked.id != question_id or not answer_fits(asked, value):
            raise InputError(
                f"answer {number} ({question_id[:40]!r}) does not fit the interview's questions; start again.",
                "answers",
            )
        state = state.with_answer(question_id, value)
    return state, engine.next_question(state)


def interview_result(state: InterviewState) -> AssessmentResult:
    """The result of a finished interview."""
    return interview_engine().result(state)


def case_from_answers(answers: Answers) -> dict[str, Any]:
    """The case the answers make (empty when they do not make one)."""
    try:
        return build_case(state_from_answers(answers))
    except (KeyError, TypeError, ValueError):
        return {}


def urgency_so_far(state: InterviewState) -> UrgencySoFar:
    """The urgency the answers so far reach through a warning sign (red-flag rule or finding).

    Only warning signs count here, not how likely a serious condition is from a few answers:
    this is what a banner on the following questions says, and a guess from half an interview
    would frighten people without reason. The result at the end weighs everything.
    """
    engine = interview_engine()
    assessor = engine.assessor
    evidence = assessor.evidence_for(build_case(state), require_content=False)
    decision = assessor.urgency(evidence, assessor.posterior(evidence))
    flags = [r for r in decision.red_flags if r.urgency >= Urgency.URGENT]
    level = max((r.urgency for r in flags), default=Urgency.SELF_CARE)
    stopped = engine.emergency(state) is not None
    if stopped:
        level = Urgency.EMERGENCY
        flags = flags or [r for r in decision.reasons if r.urgency >= Urgency.EMERGENCY]
    # A rule that names what to do says more than the finding's own "worth checking" line.
    rules = [r for r in flags if not r.id.startswith(FINDING_REASON_PREFIX)] or flags
    texts = tuple(dict.fromkeys(r.text for r in sorted(rules, key=lambda r: -int(r.urgency))))
    return UrgencySoFar(level.id, texts, stopped)


def with_answer_at(answers: Answers, at: int, question_id: str, value: Any) -> Answers:
    """The answers with answer ``at`` (0-based) set; the later answers are kept while they still fit.

    Changing an earlier answer can change which questions come next: each later answer is
    kept only while it answers the question the interview now asks at its place.
    """
    engine = interview_engine()
    out = [*answers[:at], (question_id, value)]
    state = state_from_answers(out)
    for qid, later in answers[at + 1 :]:
        asked = engine.next_question(state)
        if asked is None or asked.id != qid or not answer_fits(asked, later):
            break
        out.append((qid, later))
        state = state.with_answer(qid, later)
    return out
