"""Turn service results into JSON-ready dicts for the API and the templates (no domain logic)."""

from __future__ import annotations

import dataclasses
from typing import Any

from twitchwise.assessment.interview import InterviewQuestion, InterviewState
from twitchwise.domain.diary import DailyCheckIn, Episode
from twitchwise.domain.errors import InputError
from twitchwise.services.interview import interview_engine
from twitchwise.web.api_models import jsonable


def episode_json(e: Episode) -> dict[str, Any]:
    """An episode as JSON (``start`` ISO 8601 with its offset, ``duration_s`` in seconds)."""
    return {
        "id": e.id, "start": e.start.isoformat(), "day": e.local_day.isoformat(), "duration_s": e.duration_s,
        "site": e.site, "side": e.side, "kind": e.kind, "intensity": e.intensity, "notes": e.notes,
        "symptoms": list(e.symptoms),
    }  # fmt: skip


def checkin_json(c: DailyCheckIn) -> dict[str, Any]:
    """A day's check-in as JSON."""
    out = dataclasses.asdict(c)
    out["day"] = c.day.isoformat()
    return jsonable(out)  # type: ignore[no-any-return]


def insights_json(result: Any) -> dict[str, Any]:
    """Insights as JSON: ``associations`` (rate ratio with 95% interval, p, q), ``not_tested``, notes."""
    return jsonable({  # type: ignore[no-any-return]
        "logged_days": result.logged_days,
        "associations": [dataclasses.asdict(a) | {"text": a.describe()} for a in result.associations],
        "flagged": [a.exposure for a in result.flagged],
        "not_tested": [dataclasses.asdict(n) for n in result.not_tested],
        "missing": list(result.missing),
        "summary": result.summary(),
        "method": result.method,
        "note": result.note,
    })  # fmt: skip


def question_json(q: InterviewQuestion) -> dict[str, Any]:
    """A question as JSON: ``id``, ``text``, ``kind``, ``options`` [[id, label]], ``help``, ``red_flag``, range."""
    return {
        "id": q.id, "text": q.text, "kind": q.kind, "options": [list(o) for o in q.options], "help": q.help,
        "red_flag": q.red_flag, "minimum": q.minimum, "maximum": q.maximum,
    }  # fmt: skip


def state_from_answers(answers: list[tuple[str, Any]]) -> InterviewState:
    """An interview state from ``(question, value)`` pairs."""
    state = InterviewState()
    for question, value in answers:
        state = state.with_answer(question, value)
    return state


def _fits(q: InterviewQuestion, value: Any) -> bool:
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


def interview_step(answers: list[tuple[str, Any]]) -> dict[str, Any]:
    """The next question for these answers, or the result when the interview is done.

    The answers are replayed: each must answer the question the interview asks at that
    point, with a value of the right kind, so a tampered list cannot reach the engine.

    Returns
    -------
    dict
        ``step`` (answers given), ``done``, ``question`` (or None) and ``result`` (or None).

    Raises
    ------
    InputError
        If an answer does not fit its question (naming ``answers``).
    """
    engine = interview_engine()
    state = InterviewState()
    for number, (question_id, value) in enumerate(answers, start=1):
        asked = engine.next_question(state)
        if asked is None or asked.id != question_id or not _fits(asked, value):
            raise InputError(
                f"answer {number} ({question_id[:40]!r}) does not fit the interview's questions; start again.",
                "answers",
            )
        state = state.with_answer(question_id, value)
    question = engine.next_question(state)
    return {
        "step": len(answers),
        "done": question is None,
        "question": question_json(question) if question is not None else None,
        "result": engine.result(state) if question is None else None,
    }
