"""Diary tables: episodes, daily check-ins, medications.

Revision ID: 0001_diary
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_diary"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "episodes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("start_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("utc_offset_s", sa.Integer(), nullable=False),
        sa.Column("tz_name", sa.String(64), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("intensity", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("symptoms", sa.Text(), nullable=False),
    )
    op.create_index("ix_episodes_day", "episodes", ["day"])
    op.create_index("ix_episodes_start", "episodes", ["start_utc"])
    op.create_table(
        "checkins",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("caffeine_mg", sa.Float(), nullable=True),
        sa.Column("sleep_h", sa.Float(), nullable=True),
        sa.Column("stress", sa.Float(), nullable=True),
        sa.Column("strenuous_exercise", sa.Boolean(), nullable=True),
        sa.Column("alcohol_units", sa.Float(), nullable=True),
        sa.Column("fluids_l", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("logged", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "medications",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("stop", sa.Date(), nullable=True),
        sa.Column("dose", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("medications")
    op.drop_table("checkins")
    op.drop_index("ix_episodes_start", table_name="episodes")
    op.drop_index("ix_episodes_day", table_name="episodes")
    op.drop_table("episodes")
