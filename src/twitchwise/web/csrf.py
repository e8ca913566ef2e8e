"""CSRF protection of the HTML forms: a signed double-submit token bound to the browser session.

Every page response makes sure the browser has a session cookie (``tw_session``, random,
HttpOnly, SameSite=Strict; ``__Host-tw_session`` over https). Each form carries a hidden
``csrf_token``: a random nonce and the HMAC-SHA256, keyed with the install's secret
(:mod:`twitchwise.storage.install_secret`), of the session id and that nonce. A form POST is
accepted only when the token's HMAC matches the session cookie it arrived with (compared in
constant time), so a token cannot be forged without the secret nor replayed with another
session, and a cookie planted by a sibling host does not help without a matching token. Every
state-changing request is also checked for a same-origin ``Origin``/``Referer``
(:class:`~twitchwise.web.request_origin.OriginCheck`); the JSON API relies on that check
(browsers always send ``Origin`` with a cross-site fetch or form post).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from fastapi import Request

from twitchwise.web.asgi_base import API_PREFIX, ASGIApp, HttpMiddleware, Message, Receive, Scope, Send
from twitchwise.web.errors import ProblemError
from twitchwise.web.middleware import cookie_attributes, cookie_name

SESSION_COOKIE = "tw_session"
CSRF_FIELD = "csrf_token"
#: Characters of a session id (``secrets.token_urlsafe(32)``).
SESSION_LENGTH = 43


def _cookie(headers: list[tuple[bytes, bytes]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name and v:
                    return v
    return None


def _mac(secret: bytes, session: str, nonce: str) -> str:
    return hmac.new(secret, f"csrf|{session}|{nonce}".encode(), hashlib.sha256).hexdigest()


def make_token(secret: bytes, session: str) -> str:
    """A fresh CSRF token for ``session``: ``nonce.hmac``."""
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_mac(secret, session, nonce)}"


def token_matches(secret: bytes, session: str | None, token: object) -> bool:
    """Whether ``token`` was made by :func:`make_token` for ``session`` with ``secret`` (constant time)."""
    if not session or not isinstance(token, str) or token.count(".") != 1 or len(token) > 200:
        return False
    nonce, mac = token.split(".")
    return hmac.compare_digest(_mac(secret, session, nonce).encode(), mac.encode("utf-8", "replace"))


class CsrfCookie(HttpMiddleware):
    """Gives each browser a session cookie and this page's token as ``scope['state']['csrf']``."""

    def __init__(self, app: ASGIApp, secret: bytes) -> None:
        super().__init__(app)
        self.secret = secret

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope.get("path", "")).startswith(API_PREFIX):  # no forms there (see OriginCheck)
            await self.app(scope, receive, send)
            return
        name = cookie_name(scope, SESSION_COOKIE)
        given = _cookie(scope.get("headers", []), name)
        fresh = given is None or len(given) != SESSION_LENGTH
        session = secrets.token_urlsafe(32) if fresh or given is None else given
        state = scope.setdefault("state", {})
        state["csrf"] = make_token(self.secret, session)
        state["csrf_session"] = session

        async def wrapped(message: Message) -> None:
            if fresh and message["type"] == "http.response.start":
                cookie = f"{name}={session}; {cookie_attributes(scope)}"
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
            await send(message)

        await self.app(scope, receive, wrapped)


def csrf_token(request: Request) -> str:
    """The token to put in this page's forms."""
    token: Any = request.scope.get("state", {}).get("csrf", "")
    return str(token)


async def verify_csrf(request: Request) -> None:
    """Dependency of every form POST: the form's token must be signed for this browser's session.

    Raises
    ------
    ProblemError
        403 when the token is missing, forged, or made for another session.
    """
    session = request.cookies.get(cookie_name(request.scope, SESSION_COOKIE))
    form = await request.form()
    secret: bytes = request.app.state.csrf_secret
    if not token_matches(secret, session, form.get(CSRF_FIELD)):
        raise ProblemError(403, "the form's security token is missing or out of date; reload the page and try again.",
                           CSRF_FIELD)  # fmt: skip
