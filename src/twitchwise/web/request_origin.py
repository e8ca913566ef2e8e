"""Which host a request names and which site sent it: the defence against DNS rebinding and CSRF.

A page on ``evil.example`` whose DNS name is re-pointed at 127.0.0.1 reaches this server with
``Host: evil.example:PORT`` and, being same-origin with itself, may read every answer. Both
``Host`` and ``Origin`` are then chosen by the attacker, so neither may be compared with the
other. :class:`HostAllowList` answers only requests whose ``Host`` is a loopback name on the
port the connection really arrived at (the socket's, not a header's), the address the
connection was accepted on, or a name configured with ``twitchwise web --server-name``.
:class:`OriginCheck` then refuses a state-changing request whose ``Origin`` (or, without one,
``Referer``) is not one of this server's own origins (its scheme, an allowed name, the socket's
port), never comparing it with ``Host``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from twitchwise.web.asgi_base import API_PREFIX, ASGIApp, HttpMiddleware, Receive, Scope, Send
from twitchwise.web.middleware import DEFAULT_PORTS, send_problem

#: Names of this computer that cannot be re-pointed by anyone's DNS.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
#: Methods that change something; they need a same-origin ``Origin``/``Referer`` when one is sent.
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def split_host(value: str, scheme: str) -> tuple[str, int] | None:
    """``(name, port)`` of a ``Host`` header value (name lower-case, IPv6 in brackets), or ``None``.

    A missing port is the scheme's default. ``None`` for anything that is not a host[:port].
    """
    text = value.strip().lower()
    if not text or any(c in text for c in "/\\@?# \t"):
        return None
    if text.startswith("["):
        name, sep, rest = text.partition("]")
        name += "]"
        if not sep or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:]
    else:
        name, _, port_text = text.partition(":")
        if ":" in port_text:
            return None
    if not name or name == "[]":
        return None
    if not port_text:
        return name, DEFAULT_PORTS.get(scheme, 80)
    if not port_text.isdigit() or len(port_text) > 5:
        return None
    return name, int(port_text)


def _address_literal(address: str) -> str | None:
    """The address as a ``Host`` would write it (IPv6 in brackets); ``None`` if it is not an IP address."""
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return None
    return f"[{ip.compressed}]" if ip.version == 6 else ip.compressed


def host_is_allowed(host: str | None, scope: Scope, names: Iterable[str] = ()) -> bool:
    """Whether a request with this ``Host`` header may be answered.

    Parameters
    ----------
    host : str or None
        The ``Host`` header (``None`` when absent: never allowed).
    scope : dict
        The ASGI scope; ``scope['server']`` is the address and port the connection arrived at.
    names : iterable of str
        Further names the server was started with (``--server-name`` with ``--allow-remote``).
    """
    if host is None:
        return False
    scheme = str(scope.get("scheme", "http"))
    parsed = split_host(host, scheme)
    if parsed is None:
        return False
    name, port = parsed
    server = scope.get("server")
    allowed = set(LOOPBACK_NAMES) | {n.strip().lower() for n in names if n.strip()}
    if server:
        bound_address, bound_port = str(server[0]), server[1]
        if bound_port is not None and port != int(bound_port):
            return False
        # An address literal cannot be rebound: the one the connection arrived at is fine.
        literal = _address_literal(bound_address)
        if literal is not None:
            allowed.add(literal)
    return name in allowed


def _header(scope: Scope, wanted: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == wanted:
            return bytes(value).decode("latin-1")
    return None


class HostAllowList(HttpMiddleware):
    """Answers 421 (or 400 without a ``Host``) before routing when the ``Host`` is not this server's."""

    def __init__(self, app: ASGIApp, server_names: Iterable[str] = ()) -> None:
        super().__init__(app)
        self.server_names = tuple(server_names)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        host = _header(scope, b"host")
        if host is None:
            await send_problem(send, 400, "the request has no Host header.", "host")
            return
        if not host_is_allowed(host, scope, self.server_names):
            await send_problem(send, 421, "this server does not answer for that host name; open it at "
                          "http://127.0.0.1 on its port (or a name given with --server-name).", "host")  # fmt: skip
            return
        await self.app(scope, receive, send)


def request_origin(scope: Scope) -> str | None:
    """The ``Origin`` the request names (or the origin of its ``Referer``); ``None`` when it names none."""
    origin = _header(scope, b"origin")
    if origin is None:
        referer = _header(scope, b"referer")
        if referer is None:
            return None
        parts = urlsplit(referer.strip())
        origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "null"
    return origin.strip().lower()


def same_origin(scope: Scope, names: Iterable[str] = ()) -> bool | None:
    """Whether the request's ``Origin`` (or ``Referer``) is one of this server's own origins.

    This server's origins are its scheme with an allowed name (:func:`host_is_allowed`: the
    loopback names, the address the connection arrived at, ``names``) on the port the connection
    arrived at. The ``Host`` header is never compared with: a rebound page chooses both.
    ``None`` when the request names no origin at all.
    """
    origin = request_origin(scope)
    if origin is None:
        return None
    if origin == "null" or "://" not in origin:
        return False
    o_scheme, _, o_host = origin.partition("://")
    if o_scheme != str(scope.get("scheme", "http")):
        return False
    if not scope.get("server"):
        # Without the socket's address (not the case for a TCP server) the port cannot be
        # checked: then only the port the allow-listed Host names is this server's.
        parsed, host = split_host(o_host, o_scheme), split_host(_header(scope, b"host") or "", o_scheme)
        if parsed is None or host is None or parsed[1] != host[1]:
            return False
    return host_is_allowed(o_host, scope, names)


class OriginCheck(HttpMiddleware):
    """Refuses (403) a request another site sent.

    Every API request and every state-changing page request (form posts) whose ``Origin``, or
    ``Referer`` when there is no ``Origin``, is not one of this server's origins (see
    :func:`same_origin`), or is ``null``. A request carrying
    neither comes from a program, not a browser page (browsers send ``Origin`` on every POST),
    and is left to the access token and, for forms, the CSRF token.
    """

    def __init__(self, app: ASGIApp, server_names: Iterable[str] = ()) -> None:
        super().__init__(app)
        self.server_names = tuple(server_names)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        checked = str(scope.get("method", "GET")).upper() in STATE_CHANGING or str(
            scope.get("path", "")).startswith(API_PREFIX)  # fmt: skip
        if checked and same_origin(scope, self.server_names) is False:
            await send_problem(send, 403, "cross-site requests are not allowed.", "origin")
            return
        await self.app(scope, receive, send)
