"""Errors as RFC 9457 problem details (``application/problem+json``) for every API error.

Pages get the same information as a small HTML page. The detail never repeats the
request body, so no symptom reaches a log or an error report.
"""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from twitchwise.domain.errors import InputError
from twitchwise.web.errors import ProblemError
from twitchwise.web.problem_body import problem
from twitchwise.web.rendering import render_error

log = logging.getLogger("twitchwise.web")


def wants_html(request: Request) -> bool:
    """Pages (not the API) answer browsers with HTML."""
    if request.url.path.startswith("/api/"):
        return False
    return "text/html" in request.headers.get("accept", "") or request.headers.get("hx-request") == "true"


def problem_response(request: Request, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    """The problem as JSON, or as an HTML page for a browser on a page route."""
    status = int(body["status"])
    if wants_html(request):
        return render_error(request, body, headers)
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=headers)


#: The names pydantic gives the branches of a union in an error's location ("lasted.constrained-str"):
#: they name its internals, not a field of the request.
_UNION_BRANCH = re.compile(r"(constrained-)?(str|float|int|bool|list|dict|none|function-\w+)(\[.*\])?")


def _field_of(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie", "form")]
    parts = [p for i, p in enumerate(parts) if i == 0 or not _UNION_BRANCH.fullmatch(p)]
    return ".".join(parts) or "body"


def _messages_by_field(errors: list[Any]) -> dict[str, str]:
    """The first field's messages, one per union branch, joined with "or" (insertion order kept)."""
    by_field: dict[str, list[str]] = {}
    for e in errors:
        msgs = by_field.setdefault(_field_of(e.get("loc", ("body",))), [])
        msg = str(e.get("msg", "invalid value"))
        if msg not in msgs:
            msgs.append(msg)
    return {field: ", or ".join(msgs) for field, msgs in by_field.items()}


def install_problem_handlers(app: FastAPI) -> None:
    """Turn every error (404, 405, 413, 422, 500, InputError) into problem details."""

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> Response:
        return problem_response(request, problem(422, exc.message, exc.field or None))

    @app.exception_handler(ProblemError)
    async def _problem_error(request: Request, exc: ProblemError) -> Response:
        return problem_response(request, problem(exc.status, exc.detail, exc.field), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = list(exc.errors()) or [{"loc": ("body",), "msg": "invalid request"}]
        messages = _messages_by_field(errors)
        field = next(iter(messages))
        detail = f"{field}: {messages[field]}"
        invalid = [{"field": f, "message": m} for f, m in list(messages.items())[:20]]
        return problem_response(request, problem(422, detail, field, errors=invalid))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"there is nothing at {request.url.path}."
        elif exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}."
        headers = dict(exc.headers) if exc.headers else None
        return problem_response(request, problem(exc.status_code, detail), headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # Only the exception's type: its message might quote what the user typed.
        log.error("internal error on %s %s: %s", request.method, _route_path(request), type(exc).__name__)
        return problem_response(
            request, problem(500, "something went wrong on our side; nothing you entered was kept.")
        )


def _route_path(request: Request) -> str:
    route = request.scope.get("route")
    return str(getattr(route, "path", "unmatched"))


def problem_html_fallback(status: int, detail: str) -> HTMLResponse:
    """A bare HTML error (used where templates are unavailable)."""
    return HTMLResponse(f"<!doctype html><title>{status}</title><p>{detail}</p>", status_code=status)
