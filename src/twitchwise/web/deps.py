"""What the routes of several areas share: the diary service, the API's error responses, path parameters."""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam

from twitchwise.services.diary import DiaryService
from twitchwise.web.bounded_json import BoundedJsonRoute

#: Every JSON API route lives under this prefix.
API_PREFIX = "/api/v1"
PROBLEM = {"description": "Problem details (RFC 9457)", "content": {"application/problem+json": {}}}
#: The error responses every API route may give (all as problem details).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: PROBLEM for code in (400, 401, 403, 404, 405, 413, 415, 421, 422, 500)
}


def api_router(tag: str) -> APIRouter:
    """An area's JSON API router: under ``/api/v1``, documented with the problem responses.

    Cross-site requests are refused before routing (:class:`twitchwise.web.request_origin.OriginCheck`);
    JSON bodies are read by the project's bounded parser (:class:`twitchwise.web.bounded_json.BoundedJsonRoute`).
    """
    return APIRouter(prefix=API_PREFIX, responses=ERRORS, tags=[tag], route_class=BoundedJsonRoute)


def pages_router() -> APIRouter:
    """An area's HTML pages router (left out of the OpenAPI schema)."""
    return APIRouter(include_in_schema=False)


def diary_service(request: Request) -> DiaryService:
    """The app's diary service (``app.state.diary``)."""
    service: DiaryService = request.app.state.diary
    return service


Diary = Annotated[DiaryService, Depends(diary_service)]
EpisodeId = Annotated[int, PathParam(ge=1, le=2**62)]


def intake() -> ModuleType:
    """The intake service, imported on first use (it loads spaCy/medspaCy, a few seconds)."""
    from twitchwise.services import intake as intake_service

    return intake_service
