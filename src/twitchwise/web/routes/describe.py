"""Describe it in your own words: the text box, the review of what was understood, the result; the API's parse."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import MAX_NARRATIVE_CHARS
from twitchwise.web.api_models import ParseRequest
from twitchwise.web.csrf import verify_csrf
from twitchwise.web.deps import api_router, intake, pages_router
from twitchwise.web.describe_review import review_context
from twitchwise.web.emergency import banner, emergency_screen, result_reasons
from twitchwise.web.errors import ProblemError
from twitchwise.web.rendering import render
from twitchwise.web.result_view import finding_labels, result_context

api = api_router("assessment")
pages = pages_router()

#: Longest description, characters (the intake refuses longer ones with a sentence saying so).
MAX_TEXT = MAX_NARRATIVE_CHARS

# ------------------------------------------------------------------ API
@api.post("/parse", summary="Understand a description")
def parse(body: ParseRequest) -> Any:
    """What the free-text intake recognises: the case, and each finding with its character span."""
    return intake().parse_narrative(body.text).to_dict()


# ------------------------------------------------------------------ pages
@pages.get("/describe")
def describe_form(request: Request) -> Response:
    """The text box."""
    return render(request, "describe.html")


def _review(request: Request, text: str, action: str = "") -> Response:
    try:
        result, parsed = intake().assess_text(text)
    except InputError as exc:
        return render(request, "describe.html", {"error": exc.message, "text": text}, status=422)
    urgency = str(result.get("urgency", ""))
    if urgency == "emergency" and action != "continue":
        # Before the review: a description that reaches an emergency says so at once.
        return emergency_screen(request, result_reasons(result), "/describe", {"text": text})
    warning = banner(request, urgency, result_reasons(result, ("emergency", "urgent")))
    context = review_context(text, parsed.findings, finding_labels())
    return render(request, "describe_review.html", {**context, "banner": warning})


@pages.post("/describe", dependencies=[Depends(verify_csrf)])
def describe_review(
    request: Request,
    text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    action: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """The text with the recognised findings highlighted, each with a box to keep or remove it.

    When the description reaches an emergency, the emergency screen comes first; its "continue
    anyway" (``action=continue``) leads here.
    """
    return _review(request, text, action)


@pages.post("/describe/result", dependencies=[Depends(verify_csrf)])
def describe_result(
    request: Request,
    text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    keep: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Assess the description without the findings the person removed (their words are blanked out)."""
    try:
        parsed = intake().parse_narrative(text)
    except InputError as exc:
        return render(request, "describe.html", {"error": exc.message, "text": text}, status=422)
    try:
        kept = {int(i) for value in keep or [] for i in value.split(",") if i.strip()}
    except ValueError:
        raise ProblemError(422, "keep must list finding numbers.", "keep") from None
    chars = list(text)
    for index, f in enumerate(parsed.findings):
        if index not in kept and f.source != "default" and f.end > f.start:
            chars[f.start : f.end] = " " * (f.end - f.start)
    try:
        result, reparsed = intake().assess_text("".join(chars))
    except InputError as exc:
        return render(request, "describe.html", {"error": exc.message, "text": text}, status=422)
    return render(request, "result.html", result_context(result, reparsed.case))


@pages.get("/describe/result")
def describe_reload() -> Response:
    """A reload of a result made from a description: back to the text box."""
    return RedirectResponse("/describe", status_code=303)
