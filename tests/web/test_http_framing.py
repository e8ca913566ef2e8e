"""Malformed HTTP gets problem+json (with the security headers), as every other refusal does."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from twitchwise.cli.web_serving import uvicorn_options
from twitchwise.web.http_framing import FRAMING_DETAIL, ProblemHttpProtocol


class _Transport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.written = b""
        self.closed = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self.closed:  # as a real transport: nothing leaves a closed connection
            self.written += bytes(data)

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(name, default)

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


async def _app(scope: Any, receive: Any, send: Any) -> None:
    """Reads the body (a broken chunk is found while reading it) and answers nothing itself."""
    await receive()


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nContent-Length: abc\r\n\r\n",
        b"POST /api/v1/assess HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nBad\x00Header: 1\r\n\r\n",
        b"GET /\x7f HTTP/9.9\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  # a TLS hello on the plain-http port
    ],
)
def test_malformed_http_gets_a_problem_json_400(request_bytes: bytes) -> None:
    import uvicorn
    from uvicorn.server import ServerState

    async def run() -> _Transport:
        config = uvicorn.Config(_app, http=ProblemHttpProtocol, log_level="critical")
        protocol: Any = ProblemHttpProtocol(config=config, server_state=ServerState(), app_state={},
                                                _loop=asyncio.get_running_loop())  # fmt: skip
        transport = _Transport()
        protocol.connection_made(transport)
        protocol.data_received(request_bytes)
        await asyncio.sleep(0)
        return transport

    transport = asyncio.run(run())
    head, _, body = transport.written.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    assert b"content-type: application/problem+json" in head and b"content-security-policy" in head
    problem = json.loads(body)
    assert problem["status"] == 400 and problem["detail"] == FRAMING_DETAIL
    assert transport.closed


def test_twitchwise_web_serves_with_the_problem_json_protocol() -> None:
    from uvicorn.importer import import_from_string

    options = uvicorn_options("127.0.0.1", 8000, 1, {"version": 1})
    assert import_from_string(options["http"]) is ProblemHttpProtocol
