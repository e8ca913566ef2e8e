"""Alembic migrations of the diary schema (run by twitchwise.storage.engine.migrate)."""
