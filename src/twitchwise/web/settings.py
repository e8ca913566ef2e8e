"""Settings of the web app: who may use it, how large a request may be, which diary database.

Where it listens (loopback only unless asked) is decided by ``twitchwise web``, which binds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from twitchwise.settings import DEFAULT_MAX_BODY, DEFAULT_MAX_UPLOAD, SERVER_NAMES_ENV, load_settings

__all__ = ["DEFAULT_MAX_BODY", "DEFAULT_MAX_UPLOAD", "SERVER_NAMES_ENV", "WebSettings"]


@dataclass(frozen=True)
class WebSettings:
    """How the app runs.

    Attributes
    ----------
    token : str or None
        Access token every request must carry when set (``Authorization: Bearer``, the
        ``tw_token`` cookie, or ``?token=`` once in a browser).
    database_url : str or None
        Diary database (default ``TWITCHWISE_DATABASE_URL`` or the embedded SQLite file).
    max_body : int
        Largest JSON/form body, bytes.
    max_upload : int
        Largest recording upload, bytes.
    warm_up : bool
        Load the text parser and the search index in the background at start-up.
    server_names : tuple of str
        Host names (besides 127.0.0.1, localhost, [::1] and the address a connection arrives at)
        that requests may name in ``Host`` (``TWITCHWISE_WEB_SERVER_NAMES``, comma-separated; set by
        ``twitchwise web --server-name`` with ``--allow-remote``).
    secret_file : Path or None
        The install's secret that signs CSRF tokens (default: ``TWITCHWISE_WEB_SECRET_FILE`` or
        ``web-secret`` in the user's data directory).
    """

    token: str | None = None
    database_url: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    max_upload: int = DEFAULT_MAX_UPLOAD
    warm_up: bool = True
    server_names: tuple[str, ...] = ()
    secret_file: Path | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> WebSettings:
        """Settings from the environment plus explicit overrides.

        ``TWITCHWISE_WEB_TOKEN``, ``TWITCHWISE_WEB_MAX_BODY``, ``TWITCHWISE_WEB_MAX_UPLOAD`` (bytes) and
        ``TWITCHWISE_WEB_WARM_UP`` (``0`` turns the background warm-up off) and
        ``TWITCHWISE_WEB_SERVER_NAMES``.
        """
        env = load_settings()  # twitchwise.settings parses and validates every variable
        values: dict[str, object] = {
            "token": env.web_token,
            "max_body": env.web_max_body,
            "max_upload": env.web_max_upload,
            "warm_up": env.web_warm_up,
            "server_names": env.web_server_names,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
