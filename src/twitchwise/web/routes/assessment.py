"""The check: the adaptive interview as pages (one question at a time) and as the API's assess and interview."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from twitchwise.services import assessment as assess_svc
from twitchwise.services.interview import MAX_QUESTIONS, InterviewQuestion, interview_engine
from twitchwise.services.interview_answers import Answers, case_from_answers, state_from_answers
from twitchwise.web.api_models import InterviewRequest
from twitchwise.web.csrf import verify_csrf
from twitchwise.web.deps import api_router, pages_router
from twitchwise.web.errors import ProblemError
from twitchwise.web.json_response import FastJSONResponse
from twitchwise.web.presenters import interview_step
from twitchwise.web.rendering import render
from twitchwise.web.result_view import result_context

api = api_router("assessment")
pages = pages_router()

MAX_ANSWERS_JSON = 20_000

#: The request body of /assess as the OpenAPI schema shows it (the engine checks the case in full).
CASE_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": {"type": "object", "description": "A case (shared/spec/case.schema.json)."}}
    },
}


# ------------------------------------------------------------------ API
@api.post("/assess", summary="Assess a case", openapi_extra={"requestBody": CASE_BODY})
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
    if isinstance(case, dict) and isinstance(case.get("narrative"), str) and case["narrative"].strip():
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
    try:
        data = json.loads(raw or "[]")
    except json.JSONDecodeError:
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


def _check_page(request: Request, answers: Answers, error: str | None = None) -> Response:
    step = interview_step(answers)
    if step["done"]:
        return render(request, "result.html", result_context(step["result"], case_from_answers(answers)))
    question = interview_engine().next_question(state_from_answers(answers))
    return render(request, "check.html", {
        "q": question, "step": len(answers), "total": MAX_QUESTIONS, "error": error,
        "answers_json": json.dumps([list(a) for a in answers]),
    }, status=422 if error else 200)  # fmt: skip


@pages.get("/")
def check_start(request: Request) -> Response:
    """The first question of the check."""
    return _check_page(request, [])


@pages.post("/check", dependencies=[Depends(verify_csrf)])
def check_step(
    request: Request,
    answers: Annotated[str, Form(max_length=MAX_ANSWERS_JSON)] = "[]",
    qid: Annotated[str, Form(max_length=100)] = "",
    action: Annotated[str, Form(max_length=20)] = "answer",
    value: Annotated[str | None, Form(max_length=500)] = None,
    values: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Apply one answer (or "don't know", or back) and show the next question or the result."""
    given = _decode_answers(answers)
    if action == "back":
        return _check_page(request, given[:-1])
    question = interview_engine().next_question(state_from_answers(given))
    if question is None or question.id != qid:
        return _check_page(request, given)  # a stale form (e.g. a double click): show where we are
    if action == "dont_know":
        return _check_page(request, [*given, (qid, None)])
    parsed, problem = _parse_answer(question, value, values or [])
    if problem:
        return _check_page(request, given, problem)
    return _check_page(request, [*given, (qid, parsed)])


@pages.get("/check")
def check_reload() -> Response:
    """A reload of a check step (the answers lived in the page): start again."""
    return RedirectResponse("/", status_code=303)
