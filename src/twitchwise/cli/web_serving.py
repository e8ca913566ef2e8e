"""Run the web app in one or several server processes.

With several processes, this process accepts the connections and hands each one (its file
descriptor, over a Unix socket) to the server process that has the fewest open, so that
keep-alive connections are spread evenly. The alternatives measured worse: uvicorn's own
``--workers`` shares one socket, and whichever process woke first took the connections (32
simultaneous connections were split 32/0, 30/2 or 23/9); one ``SO_REUSEPORT`` socket per
process leaves the split to a hash of the addresses (20/12, 19/13 or 13/19). Requests on the
crowded process waited longer in proportion.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import selectors
import signal
import socket
from typing import Any

#: uvicorn settings shared by every process (the app is loaded from its factory by name).
APP = "twitchwise.web.app:create_app"
#: uvicorn's HTTP protocol with malformed requests answered as problem+json (by name, like the app).
HTTP_PROTOCOL = "twitchwise.web.http_framing:ProblemHttpProtocol"


def _config(host: str, port: int, log_config: dict[str, Any]) -> Any:
    import uvicorn

    # uvicorn's own access log prints query strings; the app logs the route template only. No
    # proxy sits in front of a local app, so X-Forwarded-* headers are not trusted from anyone.
    # Malformed HTTP gets problem+json like every other refusal (web.http_framing).
    return uvicorn.Config(APP, factory=True, host=host, port=port, access_log=False, log_level="warning",
                          server_header=False, proxy_headers=False, log_config=log_config,
                          http=HTTP_PROTOCOL)  # fmt: skip


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def _ignore(signum: int, frame: object) -> None:
    """After a graceful stop uvicorn raises the stop signal again; the process then ends normally."""


def _serve_handed(channel: socket.socket, host: str, port: int, log_config: dict[str, Any]) -> None:
    """A server process that serves the connections the dispatcher hands it over ``channel``."""
    # uvicorn restores the handlers it found and raises the signal that stopped it once more: with
    # the default handler the process would die there, before multiprocessing's exit clean-up, and
    # the parent would warn about semaphores "leaked" by libraries such as tqdm.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _ignore)
    _handed_server(_config(host, port, log_config), channel).run(sockets=[])


def _handed_server(config: Any, channel: socket.socket) -> Any:
    import uvicorn

    class HandedConnectionsServer(uvicorn.Server):
        """uvicorn without a listening socket: connections arrive as file descriptors."""

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=[])
            loop = asyncio.get_running_loop()
            protocol_class = config.http_protocol_class
            server_state, app_state = self.server_state, self.lifespan.state

            class CountedProtocol(protocol_class):  # type: ignore[misc,valid-type]
                def connection_lost(self, exc: Exception | None) -> None:
                    super().connection_lost(exc)
                    with contextlib.suppress(OSError):  # one byte per closed connection: the dispatcher's count
                        channel.send(b"-")

            def protocol() -> asyncio.Protocol:
                made: asyncio.Protocol = CountedProtocol(
                    config=config, server_state=server_state, app_state=app_state, _loop=loop
                )
                return made

            starting: set[asyncio.Task[Any]] = set()  # referenced until done, as asyncio asks

            def receive() -> None:
                while True:
                    try:
                        data, fds, _, _ = socket.recv_fds(channel, 64, 64)
                    except (BlockingIOError, InterruptedError):
                        return
                    if not data and not fds:  # the dispatcher has gone
                        loop.remove_reader(channel.fileno())
                        self.should_exit = True
                        return
                    for fd in fds:
                        connection = socket.socket(fileno=fd)
                        connection.setblocking(False)
                        task = loop.create_task(loop.connect_accepted_socket(protocol, connection))
                        starting.add(task)
                        task.add_done_callback(starting.discard)

            channel.setblocking(False)
            loop.add_reader(channel.fileno(), receive)

    return HandedConnectionsServer(config)


def _dispatch(
    listener: socket.socket, channels: list[socket.socket], processes: list[Any], stopping: list[bool]
) -> None:
    """Accept connections and hand each to the server process with the fewest open."""
    open_counts = [0] * len(channels)
    turn = 0
    with selectors.DefaultSelector() as selector:
        selector.register(listener, selectors.EVENT_READ, -1)
        for i, channel in enumerate(channels):
            selector.register(channel, selectors.EVENT_READ, i)
        while not stopping[0]:
            if not all(process.is_alive() for process in processes):
                logging.getLogger("twitchwise.web").error("a server process ended; stopping the others")
                return
            for key, _ in selector.select(timeout=0.5):
                i = key.data
                if i >= 0:  # closed-connection notices
                    open_counts[i] = max(0, open_counts[i] - len(channels[i].recv(4096)))
                    continue
                try:
                    connection, _ = listener.accept()
                except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                    continue
                fewest = min(open_counts)
                # Among the processes with the fewest connections, take turns.
                candidates = [j for j in range(len(channels)) if open_counts[j] == fewest]
                target = candidates[turn % len(candidates)]
                turn += 1
                with connection:
                    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    socket.send_fds(channels[target], [b"+"], [connection.fileno()])
                open_counts[target] += 1


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
    listener = _listening_socket(host, port)
    listener.setblocking(False)
    context = multiprocessing.get_context("spawn")
    pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM) for _ in range(workers)]
    processes = [
        context.Process(target=_serve_handed, args=(child, host, port, log_config), name=f"twitchwise-web-{i + 1}")
        for i, (_, child) in enumerate(pairs)
    ]
    for process in processes:
        process.start()
    for _, child in pairs:
        child.close()
    stopping = [False]

    def stop(signum: int, frame: object) -> None:
        # Ctrl+C in a terminal reaches every process of the group; a signal sent to this one
        # alone (a service manager, kill) is passed on. uvicorn shuts down gracefully on either.
        stopping[0] = True
        for process in processes:
            if process.is_alive():
                process.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        _dispatch(listener, [parent for parent, _ in pairs], processes, stopping)
        stop(signal.SIGTERM, None)
        for process in processes:
            process.join()
    finally:
        listener.close()
        for parent, _ in pairs:
            parent.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
