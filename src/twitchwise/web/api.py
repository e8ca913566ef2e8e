"""The JSON API under ``/api/v1``: each route validates, calls one service, and returns JSON."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import date
from types import ModuleType
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.routing import APIRoute
from starlette.responses import Response

from twitchwise.domain.diary import EpisodeFilter
from twitchwise.domain.errors import InputError
from twitchwise.services import assessment as assess_svc
from twitchwise.services.diary import DiaryService, parse_day
from twitchwise.services.knowledge_search import ask
from twitchwise.web.api_models import CheckInIn, EpisodeIn, EpisodePatch, InterviewRequest, ParseRequest, jsonable
from twitchwise.web.json_response import FastJSONResponse
from twitchwise.web.presenters import checkin_json, episode_json, insights_json, interview_step
from twitchwise.web.problems import ProblemError
from twitchwise.web.recording_upload import score_upload

PROBLEM = {"description": "Problem details (RFC 9457)", "content": {"application/problem+json": {}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    code: PROBLEM for code in (400, 401, 403, 404, 405, 413, 415, 421, 422, 500)
}

# Cross-site requests are refused before routing (web.request_origin.OriginCheck): as a
# dependency here the check cost a quarter of the web side of every API request.
router = APIRouter(prefix="/api/v1", responses=ERRORS)


def _intake() -> ModuleType:
    """The intake service, imported on first use (it loads spaCy/medspaCy, a few seconds)."""
    from twitchwise.services import intake

    return intake


async def diary(request: Request) -> DiaryService:
    """The app's diary service."""
    service: DiaryService = request.app.state.diary
    return service


Diary = Annotated[DiaryService, Depends(diary)]


#: The request and response bodies of /assess in the OpenAPI schema, generated from the case schema
#: and the AssessmentResult types (the engine checks the case in full).
CASE_BODY: dict[str, Any] = {
    "required": True, "content": {"application/json": {"schema": assess_svc.case_json_schema()}}
}
RESULT_RESPONSE: dict[int | str, Any] = {
    200: {"description": "The assessment", "content": {"application/json": {"schema": assess_svc.result_json_schema()}}}
}


class RequestToResponseRoute(APIRoute):
    """A route whose endpoint takes the :class:`Request` and returns a finished :class:`Response`.

    FastAPI's own handler solves dependencies, validates parameters and serialises the return
    value; an endpoint with none of these does not need it (FastAPI's documented hook for custom
    route classes). On ``/assess`` that handler was a sixth of the web side of each request.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint: Callable[[Request], Coroutine[Any, Any, Response]] = self.endpoint
        return endpoint


async def assess(request: Request) -> Response:
    """Assess one case: urgency with reasons, movement types, conditions with evidence, advice, sources."""
    # The body is decoded here, not declared as a parameter: FastAPI's validation of a free-form
    # object was a fifth of the request's web-side cost, and the engine validates the case anyway.
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type != "application/json" and not (content_type.startswith("application/") and
                                                   content_type.endswith("+json")):  # fmt: skip
        raise ProblemError(415, "the case must be sent as application/json.", "content-type")
    case = assess_svc.parse_case_json(await request.body())
    # async on purpose: a structured case takes about a millisecond of CPU, and running it on the
    # event loop serves concurrent requests first come, first served (a thread pool makes them all
    # wait on the GIL). A case with a narrative needs the text parser, so it goes to a thread.
    if assess_svc.has_narrative(case):
        from starlette.concurrency import run_in_threadpool

        return FastJSONResponse(await run_in_threadpool(assess_svc.assess_case, case))
    return FastJSONResponse(assess_svc.assess_case(case))


router.add_api_route("/assess", assess, methods=["POST"], tags=["assessment"], summary="Assess a case",
                     openapi_extra={"requestBody": CASE_BODY}, responses=RESULT_RESPONSE,
                     route_class_override=RequestToResponseRoute)  # fmt: skip


@router.post("/parse", tags=["assessment"], summary="Understand a description")
def parse(body: ParseRequest) -> Any:
    """What the free-text intake recognises: the case, and each finding with its character span."""
    return _intake().parse_narrative(body.text).to_dict()


@router.post("/interview", tags=["assessment"], summary="Next interview question, or the result")
def interview(body: InterviewRequest) -> Any:
    """The adaptive interview, stateless: send all answers so far; get the next question or the result."""
    return interview_step([(a.question, a.value) for a in body.answers])


@router.get("/knowledge/search", tags=["knowledge"], summary="Answer a question from the knowledge base")
def knowledge_search(
    q: Annotated[str, Query(min_length=1, max_length=500, description="e.g. why does my eyelid twitch")],
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> Any:
    """The best knowledge passages (BM25) with their sources."""
    return ask(q, limit)


@router.get("/knowledge/conditions/{condition_id}", tags=["knowledge"], summary="One condition")
def condition(condition_id: Annotated[str, PathParam(max_length=80)]) -> Any:
    """Everything the knowledge base says about a condition, with sources (404 if unknown)."""
    try:
        return assess_svc.condition_details(condition_id)
    except InputError as exc:
        raise ProblemError(404, exc.message, "condition_id") from None


# ------------------------------------------------------------------ diary
@router.get("/diary/episodes", tags=["diary"], summary="List episodes")
def list_episodes(
    service: Diary,
    since: Annotated[str | None, Query(max_length=20, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(max_length=20, description="YYYY-MM-DD")] = None,
    kind: Annotated[str | None, Query(max_length=40)] = None,
    site: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> Any:
    """Episodes, newest first."""
    today = service.now().date()
    flt = EpisodeFilter(
        since=_day(since, today, "since"), until=_day(until, today, "until"),
        kind=kind, site=site, limit=limit,
    )  # fmt: skip
    return [episode_json(e) for e in service.list_episodes(flt)]


@router.post("/diary/episodes", tags=["diary"], status_code=201, summary="Log an episode")
def create_episode(body: EpisodeIn, service: Diary) -> Any:
    """Log one episode; returns it with its id."""
    return episode_json(service.log_episode(**body.model_dump()))


def _day(text: str | None, today: date, name: str) -> date | None:
    """A query's day, with errors naming the query parameter."""
    if not text:
        return None
    try:
        return parse_day(text, today)
    except InputError as exc:
        raise InputError(exc.message.replace("day '", f"{name} '", 1), name) from None


EpisodeId = Annotated[int, PathParam(ge=1, le=2**62)]


def _episode_call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except InputError as exc:
        if exc.field == "id":
            raise ProblemError(404, exc.message, "episode_id") from None
        raise


@router.get("/diary/episodes/{episode_id}", tags=["diary"], summary="One episode")
def get_episode(episode_id: EpisodeId, service: Diary) -> Any:
    """One episode by id (404 if there is none)."""
    return episode_json(_episode_call(service.get_episode, episode_id))


@router.patch("/diary/episodes/{episode_id}", tags=["diary"], summary="Edit an episode")
def edit_episode(episode_id: EpisodeId, body: EpisodePatch, service: Diary) -> Any:
    """Change some fields of an episode; returns the new version."""
    return episode_json(_episode_call(service.edit_episode, episode_id, **body.model_dump(exclude_none=True)))


@router.delete("/diary/episodes/{episode_id}", tags=["diary"], status_code=204, summary="Delete an episode")
def delete_episode(episode_id: EpisodeId, service: Diary) -> Response:
    """Delete an episode (404 if there is none)."""
    _episode_call(service.delete_episode, episode_id)
    return Response(status_code=204)


Day = Annotated[str, PathParam(max_length=20, description="YYYY-MM-DD, today or yesterday")]


@router.get("/diary/checkins", tags=["diary"], summary="List daily check-ins")
def list_checkins(
    service: Diary,
    since: Annotated[str | None, Query(max_length=20)] = None,
    until: Annotated[str | None, Query(max_length=20)] = None,
) -> Any:
    """Daily check-ins (caffeine mg, sleep h, stress 0-10, exercise, alcohol units, fluids l), oldest first."""
    today = service.now().date()
    return [checkin_json(c) for c in service.list_days(
        _day(since, today, "since"), _day(until, today, "until"))]  # fmt: skip


@router.put("/diary/checkins/{day}", tags=["diary"], summary="Record a day's check-in")
def put_checkin(day: Day, body: CheckInIn, service: Diary) -> Any:
    """Record or update one day's check-in (fields left out keep their value)."""
    return checkin_json(service.record_day(day, **body.model_dump(exclude_none=True)))


@router.delete("/diary/checkins/{day}", tags=["diary"], status_code=204, summary="Delete a day's check-in")
def delete_checkin(day: Day, service: Diary) -> Response:
    """Delete one day's check-in (404 if there is none)."""
    the_day = parse_day(day, service.now().date())
    try:
        service.delete_day(the_day)
    except InputError as exc:
        raise ProblemError(404, exc.message, "day") from None
    return Response(status_code=204)


@router.get("/insights", tags=["diary"], summary="Likely triggers")
def insights(service: Diary) -> Any:
    """Exposures associated with more episodes (rate ratios with 95% intervals, FDR q-values)."""
    return insights_json(service.insights())


@router.get(
    "/report.pdf",
    tags=["diary"],
    summary="The one-page report (PDF)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def report_pdf(service: Diary, page_size: Annotated[str, Query(pattern="^(A4|Letter)$")] = "A4") -> Response:
    """The one-page report for the doctor as a PDF download."""
    return Response(
        _report_bytes(service, "pdf", page_size),
        media_type="application/pdf",
        headers={"content-disposition": 'attachment; filename="twitchwise-report.pdf"'},
    )


def _report_bytes(service: DiaryService, fmt: str, page_size: str) -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="twitchwise-report-") as tmp:
        return service.report(Path(tmp) / f"report.{fmt}", fmt=fmt, page_size=page_size).read_bytes()


@router.get(
    "/export/fhir",
    tags=["diary"],
    summary="The diary as a FHIR R4 Bundle",
    response_class=Response,
    responses={200: {"content": {"application/fhir+json": {}}}},
)
def export_fhir(service: Diary) -> Response:
    """The whole diary as a FHIR R4 Bundle (JSON download)."""
    return Response(
        service.export_text("fhir"),
        media_type="application/fhir+json",
        headers={"content-disposition": 'attachment; filename="twitchwise-diary.fhir.json"'},
    )


# ------------------------------------------------------------------ recordings
@router.post("/recordings", tags=["recordings"], summary="Score a sleep recording")
def recordings(
    file: Annotated[UploadFile, File(description="EDF/BDF polysomnogram or accelerometer CSV (time, x, y, z in g)")],
    rules: Annotated[str, Form(pattern="^(wasm2016|aasm)$")] = "wasm2016",
) -> Any:
    """Score an uploaded night: the summary and every event (onset and duration in seconds)."""
    scored = score_upload(file.file, file.filename or "", rules)
    return FastJSONResponse(jsonable({"summary": scored.summary, "events": scored.events}))
