"""Storage and service use cases on both SQLite and PostgreSQL (a real server)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect

from twitchwise.domain.diary import EpisodeFilter
from twitchwise.domain.errors import InputError
from twitchwise.knowledge.vocabulary import load_vocabulary
from twitchwise.services.diary import DiaryService
from twitchwise.storage.engine import (
    HEAD_REVISION,
    current_revision,
    head_revision,
    migrate,
    open_engine,
)

from .conftest import NOW

VOCAB = load_vocabulary()
SITES, SIDES = VOCAB.sites, VOCAB.sides


def test_migrations_run_on_first_use_and_are_idempotent(db_url: str) -> None:
    engine = open_engine(db_url)
    assert current_revision(engine) == head_revision()
    assert {"episodes", "checkins", "medications"} <= set(inspect(engine).get_table_names())
    assert head_revision() == HEAD_REVISION
    migrate(engine)  # a second run is a no-op
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_sqlite_uses_wal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = open_engine(f"sqlite:///{tmp_path / 'd.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_default_url_is_in_the_user_data_dir(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from twitchwise.storage import engine as eng

    monkeypatch.delenv(eng.DATABASE_URL_ENV, raising=False)
    monkeypatch.setattr(eng.platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "tw"))
    assert eng.default_database_url() == f"sqlite:///{tmp_path / 'tw' / 'diary.sqlite3'}"
    monkeypatch.setenv(eng.DATABASE_URL_ENV, "postgresql://u@h/db")
    assert eng.default_database_url() == "postgresql://u@h/db"


def test_log_list_edit_delete(service: DiaryService) -> None:
    a = service.log_episode("twitch", "eyelid", side="left", lasted="5s", intensity=3,
                            when="10 min ago")  # fmt: skip
    b = service.log_episode("cramp", "calf", lasted="2 min", intensity=7, when="2024-06-14T22:00",
                            symptoms=["weakness"], notes="woke me, ouch; \"bad\"")  # fmt: skip
    assert a.start == NOW - timedelta(minutes=10) and a.kind == "fasciculation"
    assert [e.id for e in service.list_episodes()] == [a.id, b.id]
    assert service.get_episode(b.id or 0) == b
    assert [e.id for e in service.list_episodes(EpisodeFilter(kind="twitch"))] == [a.id]
    assert [e.id for e in service.list_episodes(EpisodeFilter(min_intensity=5))] == [b.id]
    assert [e.id for e in service.list_episodes(EpisodeFilter(until=date(2024, 6, 14)))] == [b.id]
    edited = service.edit_episode(a.id or 0, intensity=4, lasted="7s", site="face")
    assert (edited.intensity, edited.duration_s, edited.site) == (4, 7.0, "face")
    assert service.get_episode(a.id or 0) == edited
    service.delete_episode(b.id or 0)
    assert [e.id for e in service.list_episodes()] == [a.id]
    with pytest.raises(InputError):
        service.delete_episode(b.id or 0)
    with pytest.raises(InputError):
        service.edit_episode(a.id or 0, intensity=12)
    assert service.get_episode(a.id or 0) == edited  # a failed edit changes nothing


def test_future_time_and_unknown_symptom_are_refused(service: DiaryService) -> None:
    with pytest.raises(InputError, match="future"):
        service.log_episode("twitch", "eyelid", when="2030-01-01T00:00")
    with pytest.raises(InputError) as err:
        service.log_episode("twitch", "eyelid", symptoms=["sneezing"])
    assert err.value.field == "with"
    assert service.list_episodes() == []


def test_day_checkins_merge_and_mark_logged(service: DiaryService) -> None:
    c = service.record_day(None, caffeine_mg=300.0, sleep_h=6.0, stress=7.0)
    assert c.day == NOW.date() and c.logged
    c2 = service.record_day("today", alcohol_units=2.0)
    assert (c2.caffeine_mg, c2.alcohol_units) == (300.0, 2.0)
    empty = service.record_day("2024-06-10")
    assert empty.logged and empty.caffeine_mg is None
    assert [d.day for d in service.list_days()] == [date(2024, 6, 10), NOW.date()]
    with pytest.raises(InputError):
        service.record_day("2024-06-20")


def test_medications(service: DiaryService) -> None:
    m = service.add_medication("sertraline", "2024-01-01", dose="50 mg")
    assert m.stop is None
    stopped = service.stop_medication(m.id or 0, "2024-03-01")
    assert service.list_medications() == [stopped]
    with pytest.raises(InputError):
        service.stop_medication(m.id or 0, "2023-12-01")
    service.delete_medication(m.id or 0)
    assert service.list_medications() == []


zones = st.sampled_from(["Europe/London", "America/New_York", "Australia/Lord_Howe", "UTC"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    instant=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2024, 6, 14)),  # up to the clock
    zone=zones,
    duration=st.floats(min_value=0, max_value=86_400, allow_nan=False),
    site=st.sampled_from(SITES),
    side=st.sampled_from(SIDES),
    intensity=st.integers(0, 10),
    notes=st.text(max_size=40).filter(lambda s: "\x00" not in s),
)
def test_episodes_read_back_exactly(
    service: DiaryService, instant: datetime, zone: str, duration: float, site: str, side: str,
    intensity: int, notes: str,
) -> None:
    start = instant.replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
    ep = service.log_episode("myoclonus", site, side=side, lasted=duration, intensity=intensity,
                             when=start, notes=notes)  # fmt: skip
    back = service.get_episode(ep.id or 0)
    assert back == ep
    assert back.start.utcoffset() == start.utcoffset() and back.local_day == start.date()
