"""The body of an RFC 9457 problem (``application/problem+json``); only the standard library is imported."""

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
