"""Engines: embedded SQLite by default (WAL mode), PostgreSQL via ``TWITCHWISE_DATABASE_URL``.

The schema is brought to the newest Alembic revision on first use
(:func:`open_engine`); concurrent first uses are serialised by a file lock
(SQLite) or an advisory lock (PostgreSQL).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from twitchwise.settings import DATABASE_URL_ENV, load_settings

__all__ = [
    "DATABASE_URL_ENV", "HEAD_REVISION", "create_diary_engine", "current_revision", "default_database_url",
    "head_revision", "migrate", "open_engine",
]  # fmt: skip

if TYPE_CHECKING:
    from alembic.config import Config


_MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration revision. Checked against the migration scripts by a test;
#: kept here so that opening an up-to-date diary does not import Alembic (slow).
HEAD_REVISION = "0001_diary"
#: Seconds a writer waits for another writer before giving up (SQLite).
BUSY_TIMEOUT_S = 60


def default_database_url() -> str:
    """Return ``TWITCHWISE_DATABASE_URL`` or the SQLite file in the user's data directory."""
    url = load_settings().database_url
    if url:
        return url
    folder = Path(platformdirs.user_data_dir("twitchwise", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'diary.sqlite3'}"


def _normalise(url: str) -> str:
    # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE: a deferred
        # transaction that later writes can fail at once with SQLITE_BUSY
        # instead of waiting for the other writer.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_diary_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (default: :func:`default_database_url`) without migrating."""
    raw = _normalise(url or default_database_url())
    parsed = make_url(raw)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            db_file = Path(parsed.database)
            db_file.parent.mkdir(parents=True, exist_ok=True)
            # The diary is health data: only its owner may read it. SQLite gives the -wal and
            # -shm files the database file's mode, so creating it 0600 first covers all three.
            os.close(os.open(db_file, os.O_RDWR | os.O_CREAT, 0o600))
        engine = create_engine(
            raw, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
        )
        _sqlite_setup(engine)
        return engine
    return create_engine(raw, pool_pre_ping=True)


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest migration revision id, read from the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - packaging error
        raise RuntimeError("the diary migrations are missing from the package")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if value is None else str(value)


def migrate(engine: Engine) -> None:
    """Upgrade the database to the newest revision (a no-op when it is already there)."""
    if current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command

    cfg = _alembic_config()
    if engine.dialect.name == "sqlite":
        db = engine.url.database
        lock_path = Path(f"{db}.migrate.lock") if db and db != ":memory:" else None
        if lock_path is None:
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
            return
        with open(lock_path, "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                with engine.begin() as conn:
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        return
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(7244301)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_engine(url: str | None = None) -> Engine:
    """Create an engine and make sure its schema is current (migrations run on first use)."""
    engine = create_diary_engine(url)
    migrate(engine)
    return engine
