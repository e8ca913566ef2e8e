"""Insights: the exposures associated with more episodes, as a page and in the API."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import Response

from twitchwise.web.deps import Diary, api_router, pages_router
from twitchwise.web.presenters import insights_json
from twitchwise.web.rendering import render

api = api_router("diary")
pages = pages_router()


@api.get("/insights", summary="Likely triggers")
def insights(service: Diary) -> Any:
    """Exposures associated with more episodes (rate ratios with 95% intervals, FDR q-values)."""
    return insights_json(service.insights())


@pages.get("/insights")
def insights_page(request: Request, service: Diary) -> Response:
    """Likely triggers with their intervals, and the report downloads."""
    return render(request, "insights.html", {"insights": insights_json(service.insights())})
