"""Every setting twitchwise reads from the environment, parsed and validated in one place.

A bad value (a port that is not a number, an unknown time zone) is one
:class:`SettingsError` naming the variable and what is allowed; the CLI prints it and exits
with code 2, the web app refuses to start with it. Nothing else reads ``os.environ``.

=============================== ==============================================================
``TWITCHWISE_DATABASE_URL``     diary database (default: SQLite in the user's data folder)
``TWITCHWISE_TZ``               the diary's time zone, an IANA name (default: the system's)
``TWITCHWISE_NO_CACHE``         any value: do not cache the parsed knowledge files
``TWITCHWISE_WEB_SECRET_FILE``  the web app's per-install secret file
``TWITCHWISE_WEB_TOKEN``        access token the web app requires when set
``TWITCHWISE_WEB_MAX_BODY``     largest JSON or form body, bytes (1 to 1 GiB)
``TWITCHWISE_WEB_MAX_UPLOAD``   largest recording upload, bytes (1 to 16 GiB)
``TWITCHWISE_WEB_WARM_UP``      ``0``/``false``/``no`` turns the web app's warm-up off
``TWITCHWISE_WEB_SERVER_NAMES`` further host names the web app answers for, comma-separated
=============================== ==============================================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from twitchwise.domain.errors import InputError

DATABASE_URL_ENV = "TWITCHWISE_DATABASE_URL"
TZ_ENV = "TWITCHWISE_TZ"
NO_CACHE_ENV = "TWITCHWISE_NO_CACHE"
SECRET_FILE_ENV = "TWITCHWISE_WEB_SECRET_FILE"
WEB_TOKEN_ENV = "TWITCHWISE_WEB_TOKEN"
MAX_BODY_ENV = "TWITCHWISE_WEB_MAX_BODY"
MAX_UPLOAD_ENV = "TWITCHWISE_WEB_MAX_UPLOAD"
WARM_UP_ENV = "TWITCHWISE_WEB_WARM_UP"
SERVER_NAMES_ENV = "TWITCHWISE_WEB_SERVER_NAMES"
#: Every variable read, in the order of the table above.
VARIABLES = (DATABASE_URL_ENV, TZ_ENV, NO_CACHE_ENV, SECRET_FILE_ENV, WEB_TOKEN_ENV, MAX_BODY_ENV, MAX_UPLOAD_ENV,
             WARM_UP_ENV, SERVER_NAMES_ENV)  # fmt: skip

#: Largest JSON or form body, bytes.
DEFAULT_MAX_BODY = 64 * 1024
#: Largest recording upload, bytes.
DEFAULT_MAX_UPLOAD = 200 * 1024 * 1024


class SettingsError(InputError):
    """An environment variable has a value twitchwise cannot use (``field`` is its name)."""


@dataclass(frozen=True)
class Settings:
    """The environment's settings, validated (``None``: not set)."""

    database_url: str | None = None
    tz: str | None = None
    no_cache: bool = False
    secret_file: str | None = None
    web_token: str | None = None
    web_max_body: int = DEFAULT_MAX_BODY
    web_max_upload: int = DEFAULT_MAX_UPLOAD
    web_warm_up: bool = True
    web_server_names: tuple[str, ...] = ()


def _text(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None


def _bytes(env: Mapping[str, str], name: str, default: int, highest: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not 1 <= int(text) <= highest:
        raise SettingsError(f"{name} is '{text[:40]}'; it must be a whole number of bytes from 1 to {highest}.", name)
    return int(text)


def _zone(env: Mapping[str, str]) -> str | None:
    name = _text(env, TZ_ENV)
    if name is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(f"{TZ_ENV} '{name[:40]}' is not a known time zone.", "tz") from None
    return name


@lru_cache(maxsize=8)
def _parse(items: tuple[tuple[str, str], ...]) -> Settings:
    env = dict(items)
    return Settings(
        database_url=_text(env, DATABASE_URL_ENV),
        tz=_zone(env),
        no_cache=bool(env.get(NO_CACHE_ENV)),
        secret_file=_text(env, SECRET_FILE_ENV),
        web_token=env.get(WEB_TOKEN_ENV) or None,
        web_max_body=_bytes(env, MAX_BODY_ENV, DEFAULT_MAX_BODY, 2**30),
        web_max_upload=_bytes(env, MAX_UPLOAD_ENV, DEFAULT_MAX_UPLOAD, 2**34),
        web_warm_up=env.get(WARM_UP_ENV, "1").strip().lower() not in ("0", "false", "no"),
        web_server_names=tuple(n.strip() for n in env.get(SERVER_NAMES_ENV, "").split(",") if n.strip()),
    )


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings of ``environ`` (default: the process environment), parsed once per distinct value.

    Raises
    ------
    SettingsError
        Naming the first variable with a bad value and what it allows.
    """
    env = os.environ if environ is None else environ
    return _parse(tuple((name, env[name]) for name in VARIABLES if name in env))
