"""SQLAlchemy 2 table models of the diary.

Times are stored as naive UTC (``start_utc``) plus the original UTC offset and,
when known, the IANA zone name, so an episode reads back exactly as it was
written and its local calendar day (``day``) is fixed at write time.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of the diary tables."""


class EpisodeRow(Base):
    """One episode (see :class:`twitchwise.domain.diary.Episode`)."""

    __tablename__ = "episodes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    start_utc: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    utc_offset_s: Mapped[int] = mapped_column(Integer)
    tz_name: Mapped[str | None] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    duration_s: Mapped[float] = mapped_column(Float)
    site: Mapped[str] = mapped_column(String(32))
    side: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    intensity: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    symptoms: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_episodes_day", "day"), Index("ix_episodes_start", "start_utc"))


class CheckInRow(Base):
    """One daily check-in (see :class:`twitchwise.domain.diary.DailyCheckIn`)."""

    __tablename__ = "checkins"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    caffeine_mg: Mapped[float | None] = mapped_column(Float)
    sleep_h: Mapped[float | None] = mapped_column(Float)
    stress: Mapped[float | None] = mapped_column(Float)
    strenuous_exercise: Mapped[bool | None] = mapped_column(Boolean)
    alcohol_units: Mapped[float | None] = mapped_column(Float)
    fluids_l: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str] = mapped_column(Text, default="")
    logged: Mapped[bool] = mapped_column(Boolean, default=True)


class MedicationRow(Base):
    """One medication period (see :class:`twitchwise.domain.diary.MedicationPeriod`)."""

    __tablename__ = "medications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    start: Mapped[date] = mapped_column(Date)
    stop: Mapped[date | None] = mapped_column(Date)
    dose: Mapped[str] = mapped_column(String(200), default="")
