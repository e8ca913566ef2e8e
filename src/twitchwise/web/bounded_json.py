"""JSON request bodies of the API decoded within :func:`~twitchwise.domain.input_bounds.parse_json`'s bounds.

FastAPI decodes a JSON body with :func:`json.loads`, which takes ``NaN``, ``Infinity`` and
integers of any length, and answers anything it cannot decode (invalid UTF-8, a 5,000-digit
integer) with a bare "There was an error parsing the body". Routes of this class decode the
body first with the project's one bounded parser, so the same bad body gets the same sentence
as in ``/assess``, the CLI and the importers (422 problem+json naming the body), and FastAPI
then validates the already-decoded value.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute
from starlette.responses import Response

from twitchwise.domain.input_bounds import parse_json

#: How the bad body is named in the sentence.
BODY_FIELD = "the request body"


def is_json(content_type: str) -> bool:
    """Whether a Content-Type names JSON (``application/json`` or ``application/*+json``)."""
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class BoundedJsonRequest(Request):
    """A request whose :meth:`json` is the bounded parser (decoded once, then cached)."""

    _bounded: Any

    async def json(self) -> Any:
        if not hasattr(self, "_bounded"):
            self._bounded = parse_json(await self.body(), BODY_FIELD)
        return self._bounded


class BoundedJsonRoute(APIRoute):
    """An API route whose JSON body is decoded by :class:`BoundedJsonRequest` before FastAPI sees it.

    Decoding happens outside FastAPI's own body handling, so an :class:`~twitchwise.domain.errors.InputError`
    reaches the app's problem handler with its sentence (FastAPI would turn it into a generic 400).
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def bounded(request: Request) -> Response:
            wrapped = BoundedJsonRequest(request.scope, request.receive)
            if is_json(request.headers.get("content-type", "")) and await wrapped.body():
                await wrapped.json()
            return await handler(wrapped)

        return bounded
