"""Alembic environment of the diary: always runs on a connection handed over by storage.engine."""

from __future__ import annotations

from alembic import context

from twitchwise.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only storage.engine.migrate runs migrations
    raise RuntimeError("run diary migrations through twitchwise.storage.engine.migrate")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
