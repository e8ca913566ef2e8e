"""The check: the adaptive interview as pages (one question at a time) and as the API's assess and interview."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import parse_json
from twitchwise.services import assessment as assess_svc
from twitchwise.services.interview import CONTINUE_AFTER_EMERGENCY, MAX_QUESTIONS, InterviewQuestion
from twitchwise.services.interview_answers import (
    Answers,
    case_from_answers,
    interview_result,
    replay,
    urgency_so_far,
    with_answer_at,
)
from twitchwise.web import check_sessions
from twitchwise.web.api_models import InterviewRequest
from twitchwise.web.csrf import verify_csrf
from twitchwise.web.deps import api_router, pages_router
from twitchwise.web.emergency import banner, emergency_for, emergency_screen
from twitchwise.web.errors import ProblemError
from twitchwise.web.json_response import FastJSONResponse
from twitchwise.web.presenters import interview_step
from twitchwise.web.rendering import render
from twitchwise.web.result_view import result_context
from twitchwise.web.site_regions import grouped_options

api = api_router("assessment")
pages = pages_router()

MAX_ANSWERS_JSON = 20_000
#: Most answers a check can hold (the interview asks at most MAX_QUESTIONS, plus "continue anyway").
MAX_STEPS = 60

#: The request and response bodies of /assess in the OpenAPI schema, generated from the case schema
#: and the AssessmentResult types (the engine checks the case in full).
CASE_BODY: dict[str, Any] = {
    "required": True, "content": {"application/json": {"schema": assess_svc.case_json_schema()}}
}
RESULT_RESPONSE: dict[int | str, Any] = {
    200: {"description": "The assessment", "content": {"application/json": {"schema": assess_svc.result_json_schema()}}}
}


@api.post("/assess", summary="Assess a case", openapi_extra={"requestBody": CASE_BODY}, responses=RESULT_RESPONSE)
async def assess(request: Request) -> Response:
    """Assess one case: urgency with reasons, movement types, conditions with evidence, advice, sources."""
    # The body is decoded here, not declared as a parameter: the engine validates the case in
    # full (with errors naming the field), so a second, looser schema would only disagree with it.
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type != "application/json" and not (content_type.startswith("application/") and
                                                   content_type.endswith("+json")):  # fmt: skip
        raise ProblemError(415, "the case must be sent as application/json.", "content-type")
    case = assess_svc.parse_case_json(await request.body())
    # async on purpose: a structured case takes about a millisecond of CPU, and running it on the
    # event loop serves concurrent requests first come, first served (a thread pool makes them all
    # wait on the GIL). A case with a narrative needs the text parser, so it goes to a thread.
    if assess_svc.has_narrative(case):
        return FastJSONResponse(await run_in_threadpool(assess_svc.assess_case, case))
    return FastJSONResponse(assess_svc.assess_case(case))


@api.post("/interview", summary="Next interview question, or the result")
def interview(body: InterviewRequest) -> Any:
    """The adaptive interview, stateless: send all answers so far; get the next question or the result."""
    return interview_step([(a.question, a.value) for a in body.answers])


# ------------------------------------------------------------------ pages
def _decode_answers(raw: str) -> Answers:
    if len(raw) > MAX_ANSWERS_JSON:
        raise ProblemError(413, "too many answers; start the check again.", "answers")
    try:  # the bounded parser: a 5,000-digit number was a ValueError (500) in json.loads
        data = parse_json(raw or "[]", "answers")
    except InputError:
        raise ProblemError(422, "the answers are damaged; start the check again.", "answers") from None
    if (
        not isinstance(data, list)
        or len(data) > 60
        or not all(isinstance(a, list) and len(a) == 2 and isinstance(a[0], str) for a in data)
    ):
        raise ProblemError(422, "the answers are damaged; start the check again.", "answers")
    return [(a[0], a[1]) for a in data]


def _parse_answer(q: InterviewQuestion, value: str | None, values: list[str]) -> tuple[Any, str | None]:
    """The form's answer for question ``q`` as the interview expects it, or an error sentence."""
    ids = [o[0] for o in q.options]
    if q.kind == "number":
        number, problem = q.number_answer(value or "")
        if problem == "Please type a number.":
            problem = "Please type a number, or choose “I don't know”."
        return number, problem
    if q.kind == "text":
        return (value or "").strip()[:500], None
    if q.kind == "yes_no":
        if value in ("yes", "no"):
            return value == "yes", None
        return None, "Please choose yes or no, or “I don't know”."
    if q.kind == "choice":
        if value in ids:
            return value, None
        return None, "Please choose one answer, or “I don't know”."
    chosen = [v for v in values if v in ids]
    if q.kind == "checklist":
        return {fid: fid in chosen for fid in ids}, None
    if not chosen:
        return None, "Please choose at least one, or “I don't know”."
    return chosen, None


def _owner(request: Request) -> str:
    """The browser session a check belongs to (the CSRF middleware's session id)."""
    return str(request.scope.get("state", {}).get("csrf_session") or "")


def _prefill(q: InterviewQuestion, answer: tuple[str, Any] | None) -> dict[str, Any]:
    """The form values that show a kept answer: ``value`` (text/number/one choice) and ``values`` (ticked ids)."""
    if answer is None or answer[0] != q.id or answer[1] is None:
        return {"value": None, "values": []}
    given = answer[1]
    if q.kind == "yes_no":
        return {"value": "yes" if given else "no", "values": []}
    if q.kind == "number":
        return {"value": f"{given:g}", "values": []}
    if q.kind == "checklist":
        return {"value": None, "values": [fid for fid, ticked in given.items() if ticked]}
    if q.kind == "multi":
        return {"value": None, "values": list(given)}
    return {"value": str(given), "values": []}


def _question_page(request: Request, answers: Answers, step: int, action: str, error: str | None = None,
                   status: int = 200) -> Response:  # fmt: skip
    """Question ``step`` (0-based) after ``answers[:step]``; the result or the emergency screen when there is none."""
    given = answers[:step]
    state, question = replay(given)
    if question is None:
        so_far = urgency_so_far(state)
        if so_far.stopped:
            return emergency_screen(request, so_far.reasons, action, {})
        return render(request, "result.html", result_context(interview_result(state), case_from_answers(given)))
    so_far = urgency_so_far(state)
    kept = answers[step] if step < len(answers) else None
    return render(request, "check.html", {
        "q": question, "step": step, "total": MAX_QUESTIONS, "error": error, "action": action,
        "answers_json": json.dumps([list(a) for a in given]), "prefill": _prefill(question, kept),
        "site_groups": grouped_options(question.options) if question.id == "sites" else None,
        "banner": banner(request, so_far.urgency, so_far.reasons), "emergency": emergency_for(request),
    }, status=status)  # fmt: skip


def _applied(question: InterviewQuestion, answers: Answers, step: int, action: str, value: str | None,
             values: list[str]) -> tuple[Answers | None, str | None]:  # fmt: skip
    """The answers with this form's answer at ``step``, or the form's error sentence."""
    if action == "dont_know":
        return with_answer_at(answers, step, question.id, None), None
    parsed, problem = _parse_answer(question, value, values)
    if problem:
        return None, problem
    return with_answer_at(answers, step, question.id, parsed), None


def _to_step(cid: str, step: int) -> Response:
    return RedirectResponse(f"/check/{cid}/{step}", status_code=303)


@pages.get("/")
def check_start(request: Request) -> Response:
    """A new check, at its first question (its own address, so that Back to it keeps the answer)."""
    return _to_step(check_sessions.start(_owner(request)), 0)


@pages.post("/check", dependencies=[Depends(verify_csrf)])
def check_step(
    request: Request,
    answers: Annotated[str, Form(max_length=MAX_ANSWERS_JSON)] = "[]",
    qid: Annotated[str, Form(max_length=100)] = "",
    action: Annotated[str, Form(max_length=20)] = "answer",
    value: Annotated[str | None, Form(max_length=500)] = None,
    values: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Start a kept check from answers sent in full (the answers so far as JSON, and this step's answer)."""
    given = _decode_answers(answers)
    _, question = replay(given)  # refuses answers that do not fit the interview
    owner = _owner(request)
    if action == "back":
        return _to_step(check_sessions.start(owner, given), max(0, len(given) - 1))
    if question is None or question.id != qid:
        return _to_step(check_sessions.start(owner, given), len(given))  # a stale form: show where we are
    new, problem = _applied(question, given, len(given), action, value, values or [])
    if new is None:
        return _question_page(request, given, len(given), "/check", problem, status=422)
    return _to_step(check_sessions.start(owner, new), len(given) + 1)


def _session(request: Request, cid: str) -> check_sessions.CheckSession:
    found = check_sessions.find(cid, _owner(request))
    if found is None:
        raise ProblemError(404, "this check is no longer kept (answers are kept for 2 hours, in this browser only); "
                           "please start again from Check.", "check")  # fmt: skip
    return found


CheckId = Annotated[str, PathParam(min_length=8, max_length=40, pattern="^[A-Za-z0-9_-]+$")]
Step = Annotated[int, PathParam(ge=0, le=MAX_STEPS)]


@pages.get("/check/{cid}/{step}")
def check_at(request: Request, cid: CheckId, step: Step) -> Response:
    """Question ``step`` of a kept check, its kept answer filled in (Back, Forward and reload land here)."""
    session = _session(request, cid)
    if step > len(session.answers):
        return _to_step(cid, len(session.answers))
    return _question_page(request, session.answers, step, f"/check/{cid}/{step}")


@pages.post("/check/{cid}/{step}", dependencies=[Depends(verify_csrf)])
def check_answer(
    request: Request,
    cid: CheckId,
    step: Step,
    qid: Annotated[str, Form(max_length=100)] = "",
    action: Annotated[str, Form(max_length=20)] = "answer",
    value: Annotated[str | None, Form(max_length=500)] = None,
    values: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Apply one answer at ``step`` ("don't know", back, or "continue anyway" after the emergency screen)."""
    session = _session(request, cid)
    answers = session.answers
    if step > len(answers):
        return _to_step(cid, len(answers))
    if action == "back":
        return _to_step(cid, max(0, step - 1))
    state, question = replay(answers[:step])
    if question is None:
        if action == "continue" and urgency_so_far(state).stopped:
            check_sessions.save(cid, session, [*answers[:step], (CONTINUE_AFTER_EMERGENCY, True)])
            return _to_step(cid, step + 1)
        return _to_step(cid, step)
    if question.id != qid:
        return _to_step(cid, step)  # a stale form (e.g. a double click): show where we are
    new, problem = _applied(question, answers, step, action, value, values or [])
    if new is None:
        return _question_page(request, answers, step, f"/check/{cid}/{step}", problem, status=422)
    check_sessions.save(cid, session, new)
    return _to_step(cid, step + 1)


@pages.get("/check")
def check_reload() -> Response:
    """A reload of the first page's form post: start again."""
    return RedirectResponse("/", status_code=303)
