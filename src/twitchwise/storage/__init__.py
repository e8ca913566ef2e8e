"""Storage of the diary: SQLAlchemy 2 models, repositories, engines and Alembic migrations."""
