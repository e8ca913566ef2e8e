"""uvicorn's HTTP protocol with malformed requests answered as problem+json, not ``text/plain``.

Bad framing (an invalid header byte, a Content-Length that is not a number, broken chunking)
is refused by the HTTP parser before the app sees the request; uvicorn then writes a
``text/plain`` "Invalid HTTP request received.". These subclasses write the same 400 as every
other refusal of twitchwise's: RFC 9457 problem details with the security headers, and close.
"""

from __future__ import annotations

import asyncio
import json

from twitchwise.web.errors import problem
from twitchwise.web.middleware import SECURITY_HEADERS

FRAMING_DETAIL = "the request is not valid HTTP (its framing or headers are malformed); nothing was read."


def framing_error_response() -> bytes:
    """The whole HTTP/1.1 response to a request the parser refused."""
    body = json.dumps(problem(400, FRAMING_DETAIL, "request")).encode()
    headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close"), (b"cache-control", b"no-store"), *SECURITY_HEADERS]  # fmt: skip
    head = b"HTTP/1.1 400 Bad Request\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers)
    return head + b"\r\n" + body


def problem_http_protocol() -> type[asyncio.Protocol]:
    """uvicorn's fastest available HTTP protocol (httptools, else h11) with problem+json framing errors."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as Base
    except ImportError:  # httptools is optional in uvicorn
        from uvicorn.protocols.http.h11_impl import H11Protocol as Base  # type: ignore[assignment]

    class ProblemHttpProtocol(Base):
        """Writes :func:`framing_error_response` where uvicorn would write its plain-text 400."""

        def send_400_response(self, msg: str) -> None:
            self.transport.write(framing_error_response())
            self.transport.close()

    return ProblemHttpProtocol


#: What ``uvicorn.Config(http=...)`` loads by name (the CLI names it without importing the web).
ProblemHttpProtocol = problem_http_protocol()
