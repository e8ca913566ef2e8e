"""Jinja2 templates and the helpers the pages share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from twitchwise.services.disclaimer import DISCLAIMER
from twitchwise.web.csrf import CSRF_FIELD, csrf_token
from twitchwise.web.lay_text import lay_sentence, lay_title

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["DISCLAIMER"] = DISCLAIMER
templates.env.globals["CSRF_FIELD"] = CSRF_FIELD
templates.env.filters["lay"] = lay_sentence
templates.env.filters["lay_title"] = lay_title

#: Pages in the navigation bar: (path, label).
NAV = (
    ("/", "Check"),
    ("/describe", "Describe"),
    ("/diary", "Diary"),
    ("/insights", "Insights & report"),
    ("/knowledge", "Knowledge"),
    ("/recordings", "Recordings"),
)
templates.env.globals["NAV"] = NAV

URGENCY_WORDS = {
    "self_care": ("Self-care", "You can manage this at home for now."),
    "routine": ("See a doctor", "Book a routine appointment with your doctor."),
    "urgent": ("See a doctor today", "Get medical advice today."),
    "emergency": ("Emergency", "Call your emergency number or go to an emergency department now."),
}
templates.env.globals["URGENCY_WORDS"] = URGENCY_WORDS


def render(request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:  # fmt: skip
    """Render a template with the request, its CSRF token and the current path."""
    ctx = {"csrf_token": csrf_token(request), "path": request.url.path, **(context or {})}
    return templates.TemplateResponse(request, name, ctx, status_code=status, headers=headers)


def render_error(request: Request, body: dict[str, Any], headers: dict[str, str] | None = None) -> HTMLResponse:
    """An error page carrying the problem's status and detail."""
    return render(request, "error.html", {"problem": body}, status=int(body["status"]), headers=headers)
