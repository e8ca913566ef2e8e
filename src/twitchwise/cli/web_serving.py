"""Run the web app in one or several server processes.

With several processes, each has its own listening socket on the same port (``SO_REUSEPORT``)
and the kernel spreads new connections between them by a hash of each connection's addresses.
uvicorn's own ``--workers`` shares one socket instead, and whichever process woke first took
the connections: 32 simultaneous connections were split 32/0, 30/2 or 23/9, and requests on
the crowded process waited two to three times as long.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
from typing import Any

#: uvicorn settings shared by every process (the app is loaded from its factory by name).
APP = "twitchwise.web.app:create_app"


def _config(host: str, port: int, log_config: dict[str, Any]) -> Any:
    import uvicorn

    # uvicorn's own access log prints query strings; the app logs the route template only. No
    # proxy sits in front of a local app, so X-Forwarded-* headers are not trusted from anyone.
    return uvicorn.Config(APP, factory=True, host=host, port=port, access_log=False, log_level="warning",
                          server_header=False, proxy_headers=False, log_config=log_config)  # fmt: skip


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def _ignore(signum: int, frame: object) -> None:
    """After a graceful stop uvicorn raises the stop signal again; the process then ends normally."""


def _serve_one(host: str, port: int, log_config: dict[str, Any]) -> None:
    import uvicorn

    # uvicorn restores the handlers it found and raises the signal that stopped it once more: with
    # the default handler the process would die there, before multiprocessing's exit clean-up, and
    # the parent would warn about semaphores "leaked" by libraries such as tqdm.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _ignore)
    config = _config(host, port, log_config)
    uvicorn.Server(config).run(sockets=[_listening_socket(host, port)])


def check_can_listen(host: str, port: int) -> None:
    """Bind the address once and let it go, so that a taken port is reported before anything starts.

    Raises
    ------
    OSError
        If the address cannot be bound (for example, the port is taken).
    """
    _listening_socket(host, port).close()


def serve(host: str, port: int, workers: int, log_config: dict[str, Any]) -> None:
    """Serve until interrupted; with ``workers`` > 1, in that many processes sharing the port."""
    if workers == 1:
        import uvicorn

        uvicorn.Server(_config(host, port, log_config)).run()
        return
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_serve_one, args=(host, port, log_config), name=f"twitchwise-web-{i + 1}")
        for i in range(workers)
    ]
    for process in processes:
        process.start()

    def stop(signum: int, frame: object) -> None:
        # Ctrl+C in a terminal reaches every process of the group; a signal sent to this one
        # alone (a service manager, kill) is passed on. uvicorn shuts down gracefully on either.
        for process in processes:
            if process.is_alive():
                process.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for process in processes:
            process.join()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
