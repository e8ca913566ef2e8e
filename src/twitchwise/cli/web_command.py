"""`twitchwise web`: start the local web app (loopback only unless told otherwise, with a token).

The app is loaded by uvicorn from ``twitchwise.web.app:create_app`` (the CLI and the web app
are sibling layers and do not import each other); the token reaches it as
``TWITCHWISE_WEB_TOKEN``.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated, Any

import typer

from twitchwise.domain.errors import InputError

#: Shortest access token accepted, characters.
MIN_TOKEN = 16


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8, ::1) or ``localhost``."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, port: int, allow_remote: bool, token: str | None) -> None:
    """Refuse a non-loopback address unless remote access was asked for with a token.

    Raises
    ------
    InputError
        Naming ``host``, ``token`` or ``port``.
    """
    if not is_loopback(host) and not allow_remote:
        raise InputError(
            f"--host {host} is not a loopback address; twitchwise serves only this computer (127.0.0.1) "
            "unless started with --allow-remote and --token.",
            "host",
        )
    if allow_remote and (not token or len(token) < MIN_TOKEN):
        raise InputError(f"--allow-remote needs --token with at least {MIN_TOKEN} characters.", "token")
    if token is not None and len(token) < MIN_TOKEN:
        raise InputError(f"--token must have at least {MIN_TOKEN} characters.", "token")
    if not 1 <= port <= 65535:
        raise InputError(f"--port {port} must be from 1 to 65535.", "port")


def check_server_names(names: list[str], allow_remote: bool) -> list[str]:
    """The ``--server-name`` values, lower-case; only with ``--allow-remote``, plain host names only.

    Raises
    ------
    InputError
        Naming ``server-name``.
    """
    if names and not allow_remote:
        raise InputError("--server-name needs --allow-remote; on this computer use http://127.0.0.1.",
                         "server-name")  # fmt: skip
    out = []
    for name in names:
        clean = name.strip().lower()
        if not clean or len(clean) > 253 or not all((c.isascii() and c.isalnum()) or c in "-.[]:" for c in clean):
            raise InputError(f"--server-name '{name[:80]}' must be a host name such as diary.home.arpa.",
                             "server-name")  # fmt: skip
        out.append(clean)
    return out


#: Applied by uvicorn in every worker process: warnings, plus the app's access log (method,
#: route template, status, milliseconds: never a body, a query or a path id).
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    "loggers": {
        "twitchwise.web": {"level": "INFO"},
        "uvicorn": {"level": "WARNING"},
    },
}


def web(
    host: Annotated[str, typer.Option("--host", help="Address to listen on; loopback only unless --allow-remote.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help="Allow a non-loopback --host (needs --token).")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="TWITCHWISE_WEB_TOKEN",
            help="Access token (16+ characters) every request must carry; required with --allow-remote.",
        ),
    ] = None,
    server_name: Annotated[
        list[str] | None,
        typer.Option(
            "--server-name",
            help="A host name the browser will use to reach the server (with --allow-remote; repeatable). "
            "Requests naming any other host are refused (DNS rebinding).",
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            help="Server processes (1-16). One is plenty for one person; more serve many requests at once.",
        ),
    ] = 1,
) -> None:
    """Start the web app on http://127.0.0.1:8000 (the diary in the embedded SQLite database by default)."""
    check_bind(host, port, allow_remote, token)
    if not 1 <= workers <= 16:
        raise InputError(f"--workers {workers} must be from 1 to 16.", "workers")
    names = check_server_names(server_name or [], allow_remote)
    from twitchwise.cli.web_serving import check_can_listen, serve

    if token:
        os.environ["TWITCHWISE_WEB_TOKEN"] = token
    os.environ["TWITCHWISE_WEB_SERVER_NAMES"] = ",".join(names)
    # One BLAS thread per process (set before NumPy loads, and inherited by the workers): the
    # assessment's matrix-vector products are small, and OpenBLAS's threads made them twice as
    # slow while every core was already busy serving requests.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    shown = f"[{host}]" if ":" in host else host
    try:
        check_can_listen(host, port)
    except OSError as exc:
        typer.echo(f"Error: cannot listen on {shown}:{port}: {exc.strerror or exc}.", err=True)
        raise typer.Exit(2) from None
    suffix = " (open it with ?token=YOUR_TOKEN once)" if token else ""
    typer.echo(f"twitchwise is running at http://{shown}:{port}/{suffix}; press Ctrl+C to stop.")
    serve(host, port, workers, LOG_CONFIG)


def register(app: typer.Typer) -> None:
    """Add the `web` command to the root app."""
    app.command("web")(web)
