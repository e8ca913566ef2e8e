"""Run the web app in one server process, or in several sharing the port (uvicorn's own workers).

One process is what one person needs (docs/performance.md); ``--workers`` hands more to
uvicorn's supervisor, which restarts a worker that dies and stops them all together.
"""

from __future__ import annotations

import socket
from typing import Any

#: uvicorn settings shared by every process (the app is loaded from its factory by name).
APP = "twitchwise.web.app:create_app"
#: uvicorn's HTTP protocol with malformed requests answered as problem+json (loaded by name).
HTTP_PROTOCOL = "twitchwise.web.http_framing:ProblemHttpProtocol"


def check_can_listen(host: str, port: int) -> None:
    """Bind the address once and let it go, so that a taken port is reported before anything starts.

    Raises
    ------
    OSError
        If the address cannot be bound (for example, the port is taken).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))


def uvicorn_options(host: str, port: int, workers: int, log_config: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of ``uvicorn.run`` / ``uvicorn.Config`` for the app."""
    # uvicorn's own access log prints query strings; the app logs the route template only. No
    # proxy sits in front of a local app, so X-Forwarded-* headers are not trusted from anyone.
    # Malformed HTTP gets problem+json like every other refusal (web.http_framing).
    return {"factory": True, "host": host, "port": port, "workers": workers, "access_log": False,
            "log_level": "warning", "server_header": False, "proxy_headers": False, "log_config": log_config,
            "http": HTTP_PROTOCOL}  # fmt: skip


def serve(host: str, port: int, workers: int, log_config: dict[str, Any]) -> None:
    """Serve until interrupted, in ``workers`` server processes."""
    import uvicorn

    uvicorn.run(APP, **uvicorn_options(host, port, workers, log_config))
