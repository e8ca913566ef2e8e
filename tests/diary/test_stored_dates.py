"""Reports, insights and listings are robust to any stored date.

Dates outside 1900-01-01 to tomorrow can no longer be written, but a diary from an older version
(or edited by hand) may hold them: a check-in dated 0001-01-01 once cost two minutes of CPU and
a matplotlib ValueError, an episode at the edge of the calendar an OverflowError. Such rows are
left out of reports and statistics, which say so; they can still be listed and deleted.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from twitchwise.domain.diary import Diary, MedicationPeriod
from twitchwise.domain.input_bounds import in_diary_range
from twitchwise.reports.diary_chart import MAX_BARS, weekly_chart_svg, weekly_counts
from twitchwise.services.diary import DiaryService
from twitchwise.storage.models import CheckInRow, EpisodeRow, MedicationRow

LEFT_OUT = "dated before 1900-01-01 or in the future was left out"


def _episode(start_utc: datetime, offset_s: int = 0, day: date | None = None) -> dict[str, Any]:
    return {"start_utc": start_utc, "utc_offset_s": offset_s, "tz_name": None, "day": day or start_utc.date(),
            "duration_s": 2.0, "site": "eyelid", "side": "left", "kind": "fasciculation", "intensity": 3,
            "notes": "", "symptoms": ""}  # fmt: skip


#: Rows as an older version (or a hand edit) could have stored them.
STORED = {
    "check-in 0001-01-01": (CheckInRow, {"day": date(1, 1, 1), "sleep_h": 5.0}),
    "check-in 9999-12-31": (CheckInRow, {"day": date(9999, 12, 31), "sleep_h": 5.0}),
    "check-in 1899-12-31": (CheckInRow, {"day": date(1899, 12, 31), "sleep_h": 5.0}),
    "check-in next year": (CheckInRow, {"day": date(2025, 6, 15), "stress": 3.0}),
    "episode 1800": (EpisodeRow, _episode(datetime(1800, 1, 1, 9))),
    "episode year 1, west of UTC": (EpisodeRow, _episode(datetime(1, 1, 1, 1), -7200, date(1, 1, 1))),
    "episode year 9999, east of UTC": (EpisodeRow, _episode(datetime(9999, 12, 31, 23), 7200, date(9999, 12, 31))),
    "episode 2999": (EpisodeRow, _episode(datetime(2999, 1, 1, 9))),
    "medication from 1800": (MedicationRow, {"name": "old", "start": date(1800, 1, 1), "stop": None, "dose": ""}),
    "medication until 9999": (MedicationRow, {"name": "long", "start": date(2024, 1, 1), "stop": date(9999, 12, 31),
                                              "dose": ""}),
}


def _diary_with(service: DiaryService, table: Any, values: dict[str, Any]) -> None:
    service.log_episode("fasciculation", "eyelid", when="2024-06-14T10:00:00")
    service.record_day("2024-06-14", sleep_h=7.0)
    with Session(service.engine) as s, s.begin():
        s.execute(insert(table).values(**values))


@pytest.mark.parametrize("name", list(STORED))
def test_a_stored_out_of_range_date_is_left_out_of_reports_and_said(
    sqlite_service: DiaryService, tmp_path: Path, name: str
) -> None:
    _diary_with(sqlite_service, *STORED[name])
    # It can still be seen (and so deleted) ...
    assert len(sqlite_service.list_episodes()) + len(sqlite_service.list_days()) + len(
        sqlite_service.list_medications()) == 3  # fmt: skip
    assert sqlite_service.export_text("json")
    # ... but the report and the insights leave it out, and say so.
    html = sqlite_service.report(tmp_path / "report.html", "html").read_text()
    assert "1 diary entry " + LEFT_OUT in html
    assert "1 diary entry " + LEFT_OUT in sqlite_service.insights().missing[0]
    assert sqlite_service.report(tmp_path / "report.pdf", "pdf").read_bytes().startswith(b"%PDF")


def test_a_report_says_nothing_is_left_out_when_nothing_is(sqlite_service: DiaryService, tmp_path: Path) -> None:
    sqlite_service.log_episode("fasciculation", "eyelid", when="2024-06-14T10:00:00")
    assert "left out" not in sqlite_service.report(tmp_path / "report.html", "html").read_text()
    assert not any("left out" in m for m in sqlite_service.insights().missing)


def test_within_bounds_keeps_exactly_the_entries_in_range() -> None:
    from twitchwise.domain.diary import DailyCheckIn

    today = date(2024, 6, 15)
    days = [date(1, 1, 1), date(1899, 12, 31), date(1900, 1, 1), today, date(2024, 6, 16), date(2024, 6, 17)]
    diary = Diary(checkins=tuple(DailyCheckIn(d) for d in days),
                  medications=(MedicationPeriod("a", date(1900, 1, 1), date(2024, 6, 17)),))  # fmt: skip
    kept, left_out = diary.within_bounds(today)
    assert [c.day for c in kept.checkins] == [date(1900, 1, 1), today, date(2024, 6, 16)]
    assert kept.medications == () and left_out == 4
    assert all(in_diary_range(c.day, today) for c in kept.checkins)


def test_a_century_of_weeks_is_one_outline_not_thousands_of_bars() -> None:
    """A diary spanning 1900 to now (in range) once drew 6,600 bars, 15 s of matplotlib."""
    first, last = date(1900, 1, 2), date(2024, 6, 15)
    weeks = weekly_counts({first: 1, last: 3}, first, last)
    assert len(weeks) > MAX_BARS
    svg = weekly_chart_svg(weeks, [], first, last)
    assert svg.count("<path") < 200  # bars would be one path each
    short = weekly_counts({last: 3}, date(2024, 1, 1), last)
    assert weekly_chart_svg(short, [], date(2024, 1, 1), last).count("<path") > len(short)


def _export(diary: Diary, fmt: str) -> str:
    from twitchwise.io import diary_csv, diary_fhir

    return {"csv": diary_csv.write_csv, "json": diary_csv.write_json, "fhir": diary_fhir.write_fhir}[fmt](diary)


@pytest.mark.parametrize("fmt", ["csv", "json", "fhir"])
@pytest.mark.parametrize(
    ("offset", "refused"),
    [
        (timedelta(hours=2), True),  # later today: was imported although `log` refused it
        (timedelta(hours=30), True),
        (timedelta(minutes=2), False),  # within the clock slack `log` allows too
        (timedelta(hours=-1), False),
    ],
)
def test_the_future_is_refused_the_same_way_in_every_import(
    sqlite_service: DiaryService, fmt: str, offset: timedelta, refused: bool
) -> None:
    from twitchwise.domain.diary import Episode
    from twitchwise.domain.errors import InputError

    from .conftest import NOW

    episode = Episode(NOW + offset, 1.0, "calf", "left", "cramp", 3)
    text = _export(Diary((episode,)), fmt)
    if refused:
        with pytest.raises(InputError, match="is in the future; give when it happened"):
            sqlite_service.import_text(text, fmt)
        assert sqlite_service.list_episodes() == []
        with pytest.raises(InputError, match="is in the future"):
            sqlite_service.log_episode("cramp", "calf", when=(NOW + offset).isoformat())
    else:
        assert sqlite_service.import_text(text, fmt).episodes_added == 1


def test_a_time_from_a_zone_ahead_is_read_as_the_instant_it_names(sqlite_service: DiaryService) -> None:
    """01:00 tomorrow at UTC+14 is 11:00 today in London: in the past, so it is kept."""
    from twitchwise.domain.diary import Episode

    from .conftest import NOW

    ahead = (NOW - timedelta(hours=1)).astimezone(timezone(timedelta(hours=14)))
    assert ahead.date() > NOW.date()
    assert sqlite_service.add_episodes([Episode(ahead, 1.0, "calf", "left", "cramp", 3)]) == 1
