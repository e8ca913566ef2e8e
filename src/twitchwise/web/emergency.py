"""The emergency number for a request (the browser's region setting, else the server's), and the
emergency screen and urgency banner the check and the description share."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import Response

from twitchwise.services.emergency_number import SOURCE, WHILE_WAITING, EmergencyNumber, emergency_number
from twitchwise.services.interview_answers import FINDING_REASON_PREFIX
from twitchwise.web.middleware import cookie_name
from twitchwise.web.rendering import render

#: Cookie holding the region chosen on the settings page (an ISO 3166-1 code; not health data).
REGION_COOKIE = "tw_region"


def emergency_for(request: Request) -> EmergencyNumber:
    """The number for the region this browser chose in the settings, else the server's default."""
    return emergency_number(request.cookies.get(cookie_name(request.scope, REGION_COOKIE)))


def banner(request: Request, urgency: str, reasons: tuple[str, ...] | list[str]) -> dict[str, Any] | None:
    """What the banner on the following steps says, or None below "urgent"."""
    if urgency not in ("urgent", "emergency"):
        return None
    return {"urgency": urgency, "reasons": list(reasons)[:2], "emergency": emergency_for(request)}


def emergency_screen(request: Request, reasons: tuple[str, ...] | list[str], continue_action: str,
                     continue_fields: dict[str, str]) -> Response:  # fmt: skip
    """The full screen shown the moment an answer or a description reaches an emergency.

    ``continue_action`` and ``continue_fields`` make the "continue anyway" form.
    """
    return render(request, "emergency.html", {
        "emergency": emergency_for(request), "reasons": list(reasons)[:2], "waiting": WHILE_WAITING,
        "source": SOURCE, "continue_action": continue_action, "continue_fields": continue_fields,
    })  # fmt: skip


def result_reasons(result: dict[str, Any], levels: tuple[str, ...] = ("emergency",)) -> list[str]:
    """The texts of a result's urgency reasons at these levels, rules before a finding's own line."""
    reasons = [r for r in result.get("urgency_reasons") or [] if r.get("urgency") in levels]
    rules = [r for r in reasons if not str(r.get("id", "")).startswith(FINDING_REASON_PREFIX)] or reasons
    return list(dict.fromkeys(str(r.get("text", "")) for r in rules if r.get("text")))
