"""Settings: the country whose emergency number the app shows (a cookie in this browser); the number in the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from twitchwise.services.emergency_number import emergency_number, normalise_region, region_choices
from twitchwise.web.csrf import verify_csrf
from twitchwise.web.deps import api_router, pages_router
from twitchwise.web.emergency import REGION_COOKIE, emergency_for
from twitchwise.web.errors import ProblemError
from twitchwise.web.middleware import cookie_attributes, cookie_name
from twitchwise.web.rendering import render

api = api_router("settings")
pages = pages_router()
#: How long the browser keeps the chosen country, seconds (a year).
REGION_MAX_AGE = 365 * 24 * 3600


@api.get("/emergency-number", summary="The emergency number for a country")
def api_emergency_number(
    region: Annotated[str | None, Query(max_length=8, description="ISO 3166-1 alpha-2, e.g. GB; default: "
                                        "the server's TWITCHWISE_REGION or locale")] = None,
) -> Any:
    """``number`` to call, ``region`` and ``region_name`` (112 when no region is known)."""
    if region and normalise_region(region) is None:
        raise ProblemError(422, f"region '{region[:8]}' is not a country code this app knows (e.g. GB, US, DE).",
                           "region")  # fmt: skip
    found = emergency_number(region)
    return {"number": found.number, "region": found.region, "region_name": found.region_name, "tel": found.tel}


@pages.get("/settings")
def settings_page(request: Request, saved: str | None = None) -> Response:
    """The emergency number shown in the app, and the country it is for."""
    return render(request, "settings.html", {"emergency": emergency_for(request), "regions": region_choices(),
                                             "saved": bool(saved)})  # fmt: skip


@pages.post("/settings", dependencies=[Depends(verify_csrf)])
def save_settings(request: Request, region: Annotated[str, Form(max_length=8)] = "") -> Response:
    """Keep the chosen country in this browser (an empty choice forgets it)."""
    code = normalise_region(region)
    if region and code is None:
        raise ProblemError(422, "please choose a country from the list.", "region")
    name = cookie_name(request.scope, REGION_COOKIE)
    cookie = f"{name}={code}; Max-Age={REGION_MAX_AGE}" if code else f"{name}=; Max-Age=0"
    response = RedirectResponse("/settings?saved=1", status_code=303)
    response.headers.append("set-cookie", f"{cookie}; {cookie_attributes(request.scope)}")
    return response
