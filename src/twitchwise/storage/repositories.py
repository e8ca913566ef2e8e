"""Repositories: turn diary rows into domain values and back. They never commit.

Each repository works inside a :class:`sqlalchemy.orm.Session` whose
transaction the service layer opens and closes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from twitchwise.domain.diary import DailyCheckIn, Episode, EpisodeFilter, MedicationPeriod
from twitchwise.storage.models import CheckInRow, EpisodeRow, MedicationRow


def _zone_name(start: datetime) -> str | None:
    tz = start.tzinfo
    return tz.key if isinstance(tz, ZoneInfo) else None


def episode_to_row(ep: Episode) -> dict[str, Any]:
    """Column values of an episode (without its id)."""
    offset = ep.start.utcoffset() or timedelta(0)
    return {
        "start_utc": ep.start.astimezone(UTC).replace(tzinfo=None),
        "utc_offset_s": int(offset.total_seconds()),
        "tz_name": _zone_name(ep.start),
        "day": ep.local_day,
        "duration_s": float(ep.duration_s),
        "site": ep.site,
        "side": ep.side,
        "kind": ep.kind,
        "intensity": int(ep.intensity),
        "notes": ep.notes,
        "symptoms": ",".join(ep.symptoms),
    }


def episode_from_row(row: EpisodeRow) -> Episode:
    """The domain episode of a row."""
    instant = row.start_utc.replace(tzinfo=UTC)
    tz: ZoneInfo | timezone
    tz = ZoneInfo(row.tz_name) if row.tz_name else timezone(timedelta(seconds=row.utc_offset_s))
    try:
        start = instant.astimezone(tz)
    except OverflowError:
        # A time at the very edge of the calendar (year 1 or 9999, stored before dates were
        # bounded) has no local time in its zone: it is read in UTC, so it can be listed and deleted.
        start = instant
    return Episode(
        id=row.id,
        start=start,
        duration_s=row.duration_s,
        site=row.site,
        side=row.side,
        kind=row.kind,
        intensity=row.intensity,
        notes=row.notes,
        symptoms=tuple(s for s in row.symptoms.split(",") if s),
    )


class EpisodeRepository:
    """Episodes in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, ep: Episode) -> int:
        """Insert one episode and return its new id."""
        # A Core INSERT ... RETURNING: a third of the cost of an ORM flush per episode.
        stmt = insert(EpisodeRow).values(**episode_to_row(ep)).returning(EpisodeRow.id)
        return int(self.session.execute(stmt).scalar_one())

    def add_many(self, episodes: Iterable[Episode], chunk: int = 20_000) -> int:
        """Insert many episodes with executemany (fast path); returns how many."""
        n = 0
        batch: list[dict[str, Any]] = []
        for ep in episodes:
            batch.append(episode_to_row(ep))
            if len(batch) >= chunk:
                self.session.execute(insert(EpisodeRow), batch)
                n += len(batch)
                batch = []
        if batch:
            self.session.execute(insert(EpisodeRow), batch)
            n += len(batch)
        return n

    def get(self, episode_id: int) -> Episode | None:
        """The episode with this id, or ``None``."""
        row = self.session.get(EpisodeRow, episode_id)
        return None if row is None else episode_from_row(row)

    def replace(self, ep: Episode) -> bool:
        """Overwrite the stored episode with ``ep.id``; ``False`` when there is none."""
        if ep.id is None:
            return False
        row = self.session.get(EpisodeRow, ep.id)
        if row is None:
            return False
        for key, value in episode_to_row(ep).items():
            setattr(row, key, value)
        self.session.flush()
        return True

    def delete(self, episode_id: int) -> bool:
        """Delete one episode; ``False`` when there is none."""
        result = self.session.execute(delete(EpisodeRow).where(EpisodeRow.id == episode_id))
        return bool(getattr(result, "rowcount", 0))

    def query(self, flt: EpisodeFilter | None = None) -> list[Episode]:
        """Episodes matching ``flt``, newest first."""
        flt = flt or EpisodeFilter()
        q = select(EpisodeRow)
        if flt.since is not None:
            q = q.where(EpisodeRow.day >= flt.since)
        if flt.until is not None:
            q = q.where(EpisodeRow.day <= flt.until)
        if flt.kind is not None:
            q = q.where(EpisodeRow.kind == flt.kind)
        if flt.site is not None:
            q = q.where(EpisodeRow.site == flt.site)
        if flt.min_intensity is not None:
            q = q.where(EpisodeRow.intensity >= flt.min_intensity)
        q = q.order_by(EpisodeRow.start_utc.desc(), EpisodeRow.id.desc())
        if flt.limit is not None:
            q = q.limit(flt.limit)
        return [episode_from_row(r) for r in self.session.scalars(q)]

    def all_in_order(self) -> list[Episode]:
        """Every episode, oldest first."""
        q = select(EpisodeRow).order_by(EpisodeRow.start_utc, EpisodeRow.id)
        return [episode_from_row(r) for r in self.session.scalars(q)]

    def count(self) -> int:
        """How many episodes are stored."""
        return int(self.session.scalar(select(func.count()).select_from(EpisodeRow)) or 0)

    def daily_counts(self) -> dict[date, int]:
        """Episodes per local day."""
        q = select(EpisodeRow.day, func.count()).group_by(EpisodeRow.day)
        return {d: int(n) for d, n in self.session.execute(q)}


def checkin_to_row(c: DailyCheckIn) -> dict[str, Any]:
    """Column values of a check-in."""
    return {
        "day": c.day,
        "caffeine_mg": c.caffeine_mg,
        "sleep_h": c.sleep_h,
        "stress": c.stress,
        "strenuous_exercise": c.strenuous_exercise,
        "alcohol_units": c.alcohol_units,
        "fluids_l": c.fluids_l,
        "notes": c.notes,
        "logged": c.logged,
    }


def checkin_from_row(row: CheckInRow) -> DailyCheckIn:
    """The domain check-in of a row."""
    return DailyCheckIn(
        day=row.day,
        caffeine_mg=row.caffeine_mg,
        sleep_h=row.sleep_h,
        stress=row.stress,
        strenuous_exercise=row.strenuous_exercise,
        alcohol_units=row.alcohol_units,
        fluids_l=row.fluids_l,
        notes=row.notes,
        logged=row.logged,
    )


class CheckInRepository:
    """Daily check-ins in one session (one per day)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, day: date) -> DailyCheckIn | None:
        """The check-in of ``day``, or ``None``."""
        row = self.session.get(CheckInRow, day)
        return None if row is None else checkin_from_row(row)

    def put(self, c: DailyCheckIn) -> None:
        """Insert or overwrite the check-in of ``c.day``."""
        row = self.session.get(CheckInRow, c.day)
        if row is None:
            self.session.add(CheckInRow(**checkin_to_row(c)))
        else:
            for key, value in checkin_to_row(c).items():
                setattr(row, key, value)
        self.session.flush()

    def put_many(self, checkins: Sequence[DailyCheckIn]) -> None:
        """Insert or overwrite many check-ins."""
        days = [c.day for c in checkins]
        if days:
            self.session.execute(delete(CheckInRow).where(CheckInRow.day.in_(days)))
            self.session.execute(insert(CheckInRow), [checkin_to_row(c) for c in checkins])

    def delete(self, day: date) -> bool:
        """Delete the check-in of ``day``; ``False`` when there is none."""
        result = self.session.execute(delete(CheckInRow).where(CheckInRow.day == day))
        return bool(getattr(result, "rowcount", 0))

    def in_range(self, since: date | None = None, until: date | None = None) -> list[DailyCheckIn]:
        """Check-ins in a day range, oldest first."""
        q = select(CheckInRow)
        if since is not None:
            q = q.where(CheckInRow.day >= since)
        if until is not None:
            q = q.where(CheckInRow.day <= until)
        return [checkin_from_row(r) for r in self.session.scalars(q.order_by(CheckInRow.day))]


def medication_from_row(row: MedicationRow) -> MedicationPeriod:
    """The domain medication period of a row."""
    return MedicationPeriod(id=row.id, name=row.name, start=row.start, stop=row.stop, dose=row.dose)


class MedicationRepository:
    """Medication periods in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, m: MedicationPeriod) -> int:
        """Insert one period and return its id."""
        row = MedicationRow(name=m.name, start=m.start, stop=m.stop, dose=m.dose)
        self.session.add(row)
        self.session.flush()
        return row.id

    def get(self, med_id: int) -> MedicationPeriod | None:
        """The period with this id, or ``None``."""
        row = self.session.get(MedicationRow, med_id)
        return None if row is None else medication_from_row(row)

    def replace(self, m: MedicationPeriod) -> bool:
        """Overwrite the stored period with ``m.id``."""
        row = self.session.get(MedicationRow, m.id) if m.id is not None else None
        if row is None:
            return False
        row.name, row.start, row.stop, row.dose = m.name, m.start, m.stop, m.dose
        self.session.flush()
        return True

    def delete(self, med_id: int) -> bool:
        """Delete one period; ``False`` when there is none."""
        result = self.session.execute(delete(MedicationRow).where(MedicationRow.id == med_id))
        return bool(getattr(result, "rowcount", 0))

    def all(self) -> list[MedicationPeriod]:
        """Every period, by start date."""
        q = select(MedicationRow).order_by(MedicationRow.start, MedicationRow.id)
        return [medication_from_row(r) for r in self.session.scalars(q)]
