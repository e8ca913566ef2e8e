"""The knowledge base: conditions, movement types and topics as pages; search and conditions in the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path as PathParam
from fastapi import Query, Request
from starlette.responses import Response

from twitchwise.domain.errors import InputError
from twitchwise.services import assessment as assess_svc
from twitchwise.services.knowledge_search import ask
from twitchwise.web.deps import api_router, pages_router
from twitchwise.web.errors import ProblemError
from twitchwise.web.rendering import render

api = api_router("knowledge")
pages = pages_router()


# ------------------------------------------------------------------ API
@api.get("/knowledge/search", summary="Answer a question from the knowledge base")
def knowledge_search(
    q: Annotated[str, Query(min_length=1, max_length=500, description="e.g. why does my eyelid twitch")],
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> Any:
    """The best knowledge passages (BM25) with their sources."""
    return ask(q, limit)


@api.get("/knowledge/conditions/{condition_id}", summary="One condition")
def condition(condition_id: Annotated[str, PathParam(max_length=80)]) -> Any:
    """Everything the knowledge base says about a condition, with sources (404 if unknown)."""
    return _condition_details(condition_id)


def _condition_details(condition_id: str) -> dict[str, Any]:
    try:
        return assess_svc.condition_details(condition_id)
    except InputError as exc:
        raise ProblemError(404, exc.message, "condition_id") from None


# ------------------------------------------------------------------ pages
@pages.get("/knowledge")
def knowledge_index(request: Request, q: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    """All conditions, movement types and topics, and the search box."""
    kb = assess_svc.knowledge()
    answer = None
    error = None
    if q:
        try:
            answer = ask(q, 5)
        except InputError as exc:
            error = exc.message
    conditions = sorted(kb.conditions.values(), key=lambda c: c.name.lower())
    return render(request, "knowledge.html", {
        "q": q or "", "answer": answer, "error": error, "conditions": conditions,
        "movement_types": list(kb.movement_types.values()), "sections": kb.sections,
    })  # fmt: skip


@pages.get("/knowledge/conditions/{condition_id}")
def condition_page(request: Request, condition_id: str) -> Response:
    """One condition with its sources."""
    return render(request, "condition.html", {"c": _condition_details(condition_id)})


@pages.get("/knowledge/movement-types/{type_id}")
def movement_type_page(request: Request, type_id: str) -> Response:
    """One movement type, the conditions that show it, and sources."""
    kb = assess_svc.knowledge()
    mt = kb.movement_types.get(type_id)
    if mt is None:
        raise ProblemError(404, f"{type_id!r} is not a known movement type.", "type_id")
    conditions = sorted(
        (c for c in kb.conditions.values() if c.movement_types.get(type_id, 0) >= 0.2), key=lambda c: c.name.lower()
    )
    return render(request, "movement_type.html", {"mt": mt, "conditions": conditions, "sources": [
        kb.sources[s] for s in mt.sources if s in kb.sources]})  # fmt: skip


@pages.get("/knowledge/topics/{topic_id}")
def topic_page(request: Request, topic_id: str) -> Response:
    """One topic article with its sources."""
    kb = assess_svc.knowledge()
    section = next((s for s in kb.sections if s.id == topic_id), None)
    if section is None:
        raise ProblemError(404, f"{topic_id!r} is not a known topic.", "topic_id")
    blocks = []
    for para in section.body.split("\n\n"):
        para = para.strip()
        if para.startswith("## "):
            head, _, rest = para.partition("\n")
            blocks.append(("h2", head[3:].strip()))
            if rest.strip():
                blocks.append(("p", rest.strip()))
        elif para:
            blocks.append(("p", para))
    return render(request, "topic.html", {"section": section, "blocks": blocks, "sources": [
        kb.sources[s] for s in section.sources if s in kb.sources]})  # fmt: skip
