"""The interview replayed from a list of answers: the stateless form the web app and the API use.

The server keeps no interview; each request carries every ``(question, value)`` pair so far.
The pairs are replayed through the engine so that a tampered list cannot reach it.
"""

from __future__ import annotations

from typing import Any

from twitchwise.domain.errors import InputError
from twitchwise.services.interview import InterviewQuestion, InterviewState, build_case, interview_engine

Answers = list[tuple[str, Any]]


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
        if asked is None or asked.id != question_id or not answer_fits(asked, value):
            raise InputError(
                f"answer {number} ({question_id[:40]!r}) does not fit the interview's questions; start again.",
                "answers",
            )
        state = state.with_answer(question_id, value)
    return state, engine.next_question(state)


def interview_result(state: InterviewState) -> dict[str, Any]:
    """The result of a finished interview."""
    return interview_engine().result(state)


def case_from_answers(answers: Answers) -> dict[str, Any]:
    """The case the answers make (empty when they do not make one)."""
    try:
        return build_case(state_from_answers(answers))
    except (KeyError, TypeError, ValueError):
        return {}
