"""Turn service results into JSON-ready dicts for the API and the templates (no domain logic)."""

from __future__ import annotations

import dataclasses
from typing import Any

from twitchwise.domain.diary import DailyCheckIn, Episode
from twitchwise.services.interview import InterviewQuestion
from twitchwise.services.interview_answers import Answers, interview_result, replay
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


def interview_step(answers: Answers) -> dict[str, Any]:
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
    state, question = replay(answers)
    return {
        "step": len(answers),
        "done": question is None,
        "question": question_json(question) if question is not None else None,
        "result": interview_result(state) if question is None else None,
    }
