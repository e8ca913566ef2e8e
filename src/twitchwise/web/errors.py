"""A problem's body and the exception a route raises to answer with one.

Only the standard library is imported here, so every module of the web app (the middleware,
the CSRF check, the routes) may use it without an import cycle.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

#: RFC 9457 ``type`` of every problem (the status and title say what it is).
PROBLEM_TYPE = "about:blank"


def problem(status: int, detail: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    """A problem-details body: ``type``, ``title``, ``status``, ``detail`` and the bad ``field``."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if field:
        body["field"] = field
    body.update(extra)
    return body


class ProblemError(Exception):
    """Raise in a route to answer with a problem (status, detail, field).

    :func:`twitchwise.web.problems.install_problem_handlers` turns it into problem details
    (``application/problem+json``) or, for a browser on a page, an HTML error page.
    """

    def __init__(self, status: int, detail: str, field: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.field = field
        self.headers = headers
