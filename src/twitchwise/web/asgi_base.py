"""The shape shared by twitchwise's pure-ASGI middleware."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
#: Where the JSON API lives (its requests need no CSRF cookie; cross-site ones are refused).
API_PREFIX = "/api/v1/"


class HttpMiddleware(ABC):
    """Pure ASGI middleware that handles HTTP requests and passes everything else (lifespan) through.

    Pure ASGI rather than Starlette's BaseHTTPMiddleware: it streams, and costs less per request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    @abstractmethod
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one HTTP request."""
