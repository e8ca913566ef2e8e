"""The local web app (FastAPI, server-rendered pages, htmx): thin, it only calls the services."""

from twitchwise.web.app import create_app
from twitchwise.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
