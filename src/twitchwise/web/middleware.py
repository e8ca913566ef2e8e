"""ASGI middleware: security headers, body-size limits, access token, an access log without health data.

Pure ASGI (no ``BaseHTTPMiddleware``) so that uploads stream and limits apply while reading.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from urllib.parse import parse_qs, urlencode

from starlette.requests import ClientDisconnect

from twitchwise.web.asgi_base import ASGIApp, HttpMiddleware, Message, Receive, Scope, Send
from twitchwise.web.problem_body import problem

access_log = logging.getLogger("twitchwise.web.access")

#: Strict policy: everything from this origin only; no inline script; images may be data: (plots).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    # same-origin, not no-referrer: under no-referrer browsers send ``Origin: null`` on the app's own
    # form posts, and the cross-site check (web.request_origin.OriginCheck) needs their real origin.
    # Other sites still get no Referer at all.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
#: The port a scheme means when a URL names none.
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
#: Paths (prefixes) whose bodies may be as large as an upload.
UPLOAD_PATHS = ("/api/v1/recordings", "/recordings")
TOKEN_COOKIE = "tw_token"
#: Cookie-name prefix that makes the browser insist on Secure, Path=/ and no Domain. It needs
#: https: a browser drops a Secure cookie set over plain http, so on http the plain name is used
#: (a loopback server is reached over http; the Host allow-list and SameSite=Strict guard it).
HOST_PREFIX = "__Host-"


def cookie_name(scope: Scope, name: str) -> str:
    """``name`` with the port the connection arrived at, and the ``__Host-`` prefix over https.

    Browsers keep cookies per host name, not per port: without the port in the name a server on
    127.0.0.1:8000 would receive, and could overwrite, the cookies of one on 127.0.0.1:8001.
    """
    server = scope.get("server")
    port = server[1] if server and server[1] is not None else DEFAULT_PORTS.get(str(scope.get("scheme")), 80)
    full = f"{name}_{port}"
    return HOST_PREFIX + full if scope.get("scheme") == "https" else full


def cookie_attributes(scope: Scope) -> str:
    """The attributes every twitchwise cookie gets (``Secure`` over https)."""
    return "Path=/; HttpOnly; SameSite=Strict" + ("; Secure" if scope.get("scheme") == "https" else "")


def safe_local_path(path: str) -> str:
    """A redirect target that stays on this server: ``//evil.example/`` becomes ``/evil.example/``.

    Browsers read a leading ``//`` or ``/\\`` as another host, so leading slashes and backslashes
    collapse to one slash.
    """
    return "/" + path.lstrip("/\\")
#: Paths without a route template that may be logged as they are (they carry no user data).
FIXED_PATHS = frozenset({"/api/v1/openapi.json"})


async def send_problem(send: Send, status: int, detail: str, field: str | None = None,
                       headers: list[tuple[bytes, bytes]] | None = None) -> None:  # fmt: skip
    """Answer with a problem-details body before any route ran."""
    body = json.dumps(problem(status, detail, field)).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()),
                    *(headers or [])],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders(HttpMiddleware):
    """Adds the Content-Security-Policy and the other hardening headers to every response."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, wrapped)


class BodyLimit(HttpMiddleware):
    """Answers 413 when a body is larger than allowed (by Content-Length, or while reading)."""

    def __init__(self, app: ASGIApp, max_body: int, max_upload: int) -> None:
        super().__init__(app)
        self.max_body = max_body
        self.max_upload = max_upload

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        limit = self.max_upload if path.startswith(UPLOAD_PATHS) else self.max_body
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        too_large = f"the request body is larger than {limit:,} bytes."
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await send_problem(send, 400, "Content-Length is not a number.", "content-length")
                return
            if size > limit:
                await send_problem(send, 413, too_large, "body")
                return
        received = 0
        started = False
        refused = False

        async def counting_receive() -> Message:
            nonlocal received, started, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Answer now and tell the app the client went away; whatever it sends next is dropped.
                    refused = True
                    if not started:
                        started = True
                        await send_problem(send, 413, too_large, "body")
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception:
            if not refused:
                raise


class AccessToken(HttpMiddleware):
    """When a token is set, every request needs it (Bearer header, cookie, or ``?token=`` once)."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        super().__init__(app)
        self.token = token

    def _ok(self, candidate: str | None) -> bool:
        return bool(self.token and candidate and hmac.compare_digest(candidate.encode(), self.token.encode()))

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.token:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and self._ok(auth[7:].strip()):
            await self.app(scope, receive, send)
            return
        cookies = dict(part.strip().split("=", 1) for part in headers.get("cookie", "").split(";") if "=" in part)
        if self._ok(cookies.get(cookie_name(scope, TOKEN_COOKIE))):
            await self.app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.pop("token", [None])[0]
        if self._ok(given):
            # Swap the token for a cookie so it leaves the address bar (and any history).
            rest = urlencode(query, doseq=True)
            location = safe_local_path(str(scope.get("path", "/"))) + (f"?{rest}" if rest else "")
            cookie = f"{cookie_name(scope, TOKEN_COOKIE)}={self.token}; {cookie_attributes(scope)}"
            await send({"type": "http.response.start", "status": 303,
                        "headers": [(b"location", location.encode()), (b"set-cookie", cookie.encode()),
                                    (b"content-length", b"0")]})  # fmt: skip
            await send({"type": "http.response.body", "body": b""})
            return
        await send_problem(send, 401, "this twitchwise server needs its access token.", "token",
                            [(b"www-authenticate", b'Bearer realm="twitchwise"')])  # fmt: skip


class AccessLog(HttpMiddleware):
    """Logs method, route template, status and duration only: never bodies or query strings."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        status = 500

        async def wrapped(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        finally:
            route = scope.get("route")
            path = scope.get("path", "")
            template = getattr(route, "path", None) or (
                "/static/*" if path.startswith("/static/") else path if path in FIXED_PATHS else "unmatched"
            )
            access_log.info("%s %s %d %.1fms", scope.get("method", "?"), template, status,
                            (time.perf_counter() - started) * 1000)  # fmt: skip


class CatchAll(HttpMiddleware):
    """Turns any unhandled exception into a 500 problem without re-raising it.

    Starlette's last-resort handler re-raises after answering, and the server then logs the
    traceback with the exception's message, which could quote what a user typed. Here only
    the exception's type and the route template are logged.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except ClientDisconnect:
            # The browser went away (closed tab, cancelled upload): nothing to answer, nothing wrong.
            logging.getLogger("twitchwise.web").info("client disconnected on %s %s", scope.get("method", "?"),
                                                     getattr(scope.get("route"), "path", "unmatched"))  # fmt: skip
        except Exception as exc:
            route = getattr(scope.get("route"), "path", "unmatched")
            logging.getLogger("twitchwise.web").error(
                "internal error on %s %s: %s", scope.get("method", "?"), route, type(exc).__name__
            )
            if not started:
                await send_problem(send, 500, "something went wrong on our side; nothing you entered was kept.")
