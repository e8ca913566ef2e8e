"""The FastAPI application factory: middleware, error handlers, and the routes of every area."""

from __future__ import annotations

import gc
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.telemetry import TelemetryConfig

from twitchwise import __version__ as _version
from twitchwise.web.settings import WebSettings

STATIC = Path(__file__).parent / "static"
#: FastAPI's native telemetry settings: every signal off.
TELEMETRY_OFF: TelemetryConfig = {
    "tracing": False, "metrics": False, "logs": False, "operation_spans": False, "auto_configure": False,
}  # fmt: skip


def warm_up() -> None:
    """Load the knowledge search, the interview, the text parser and the statistics, so first uses are quick."""
    from twitchwise.services.warm_up import warm_up as load_everything

    load_everything()
    gc.freeze()  # see _lifespan


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    from twitchwise.services.assessment import assessor

    assessor()  # the knowledge base and the compiled model: ~50 ms, before the first request
    # What is loaded at start lives as long as the process. Moving it out of the garbage
    # collector's reach keeps each full collection from walking ~130,000 objects (~90 ms,
    # which would otherwise land on whichever request triggered it).
    gc.freeze()
    if app.state.settings.warm_up:
        # In the background: the server answers at once; a first description may wait for the parser.
        threading.Thread(target=warm_up, name="twitchwise-warm-up", daemon=True).start()
    yield


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """Build the web app.

    Parameters
    ----------
    settings : WebSettings, optional
        Limits, access token and database; defaults from the environment.

    Returns
    -------
    FastAPI
        The ASGI app; the diary service is ``app.state.diary``.
    """
    from twitchwise.services.diary import DiaryService
    from twitchwise.services.install_secret import load_or_create_secret
    from twitchwise.web.csrf import CsrfCookie
    from twitchwise.web.middleware import AccessLog, AccessToken, BodyLimit, CatchAll, SecurityHeaders
    from twitchwise.web.problems import install_problem_handlers
    from twitchwise.web.request_origin import HostAllowList, OriginCheck
    from twitchwise.web.routes import include_routes

    s = settings or WebSettings.from_env()
    app = FastAPI(
        title="twitchwise",
        version=str(_version),
        description=(
            "Local API of twitchwise: assess involuntary muscle movements, keep a diary, score sleep "
            "recordings. Information, not a diagnosis. Errors are RFC 9457 problem details."
        ),
        openapi_url="/api/v1/openapi.json",
        lifespan=_lifespan,
        docs_url=None,
        redoc_url=None,
        # Health data stays on this machine: FastAPI's built-in OpenTelemetry (spans, metrics, and
        # logs that can carry exception messages) is off, whatever OTEL_* variables are set. Its
        # per-request check of those variables was also a tenth of the web side of each request.
        telemetry=TELEMETRY_OFF,
    )
    app.state.settings = s
    app.state.diary = DiaryService(s.database_url)
    app.state.csrf_secret = load_or_create_secret(s.secret_file)
    install_problem_handlers(app)
    include_routes(app)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    # Outermost last: the log and the headers see every response, including refusals.
    app.add_middleware(CatchAll)
    app.add_middleware(CsrfCookie, secret=app.state.csrf_secret)
    app.add_middleware(OriginCheck, server_names=s.server_names)
    app.add_middleware(BodyLimit, max_body=s.max_body, max_upload=s.max_upload)
    app.add_middleware(AccessToken, token=s.token)
    # Before the token and everything else: a request naming another host (DNS rebinding) gets nothing.
    app.add_middleware(HostAllowList, server_names=s.server_names)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)
    return app
