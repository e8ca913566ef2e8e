"""uvicorn's HTTP protocol with malformed requests answered as problem+json, not ``text/plain``.

Bad framing (an invalid header byte, a Content-Length that is not a number, broken chunking)
is refused by the HTTP parser before the app sees the request; uvicorn then writes a
``text/plain`` "Invalid HTTP request received.". These subclasses write the same 400 as every
other refusal of twitchwise's: RFC 9457 problem details with the security headers, and close.
"""

from __future__ import annotations

import json

from twitchwise.web.middleware import SECURITY_HEADERS
from twitchwise.web.problem_body import problem

FRAMING_DETAIL = "the request is not valid HTTP (its framing or headers are malformed); nothing was read."


def framing_error_response() -> bytes:
    """The whole HTTP/1.1 response to a request the parser refused."""
    body = json.dumps(problem(400, FRAMING_DETAIL, "request")).encode()
    headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close"), (b"cache-control", b"no-store"), *SECURITY_HEADERS]  # fmt: skip
    head = b"HTTP/1.1 400 Bad Request\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers)
    return head + b"\r\n" + body


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Base
except ImportError:  # httptools is optional in uvicorn: its pure-Python parser then
    from uvicorn.protocols.http.h11_impl import H11Protocol as _Base  # type: ignore[assignment]


class ProblemHttpProtocol(_Base):
    """uvicorn's fastest available HTTP protocol (httptools, else h11) with problem+json framing errors.

    ``twitchwise web`` names it by its import path (``web.http_framing:ProblemHttpProtocol``), as it
    names the app factory.
    """

    def send_400_response(self, msg: str) -> None:
        """Write :func:`framing_error_response` where uvicorn would write its plain-text 400, and close."""
        self.transport.write(framing_error_response())
        self.transport.close()
