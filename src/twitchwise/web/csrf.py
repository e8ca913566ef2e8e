"""CSRF protection of the HTML forms: a double-submit token (cookie + hidden form field).

Every page response carries the ``tw_csrf`` cookie (SameSite=Strict); every form has a
hidden ``csrf_token`` field with the same value, and a form POST without the matching
pair is refused with 403. The JSON API is protected by refusing cross-site ``Origin``s
(:class:`~twitchwise.web.middleware.SameOriginApi`).
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import Request

from twitchwise.web.asgi_base import API_PREFIX, HttpMiddleware, Message, Receive, Scope, Send
from twitchwise.web.problems import ProblemError

CSRF_COOKIE = "tw_csrf"
CSRF_FIELD = "csrf_token"


def _cookie(headers: list[tuple[bytes, bytes]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name and v:
                    return v
    return None


class CsrfCookie(HttpMiddleware):
    """Gives each browser a CSRF token cookie and makes it available as ``scope['state']['csrf']``."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope.get("path", "")).startswith(API_PREFIX):  # no forms there (see SameOriginApi)
            await self.app(scope, receive, send)
            return
        token = _cookie(scope.get("headers", []), CSRF_COOKIE)
        fresh = token is None or len(token) != 43
        if fresh:
            token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = token

        async def wrapped(message: Message) -> None:
            if fresh and message["type"] == "http.response.start":
                cookie = f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
            await send(message)

        await self.app(scope, receive, wrapped)


def csrf_token(request: Request) -> str:
    """The token to put in this page's forms."""
    token: Any = request.scope.get("state", {}).get("csrf", "")
    return str(token)


async def verify_csrf(request: Request) -> None:
    """Dependency of every form POST: the form's token must match the cookie.

    Raises
    ------
    ProblemError
        403 when the token is missing or wrong.
    """
    cookie = request.cookies.get(CSRF_COOKIE)
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    if not cookie or not isinstance(sent, str) or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise ProblemError(403, "the form's security token is missing or out of date; reload the page and try again.",
                           CSRF_FIELD)  # fmt: skip
