"""The server-rendered SVG charts count what they show."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from twitchwise.domain.diary import Episode
from twitchwise.web.charts import daily_timeline, events_per_interval

TODAY = date(2024, 5, 28)
ZONE = timezone(timedelta(hours=2))


def _episode(day: date, hour: int = 9) -> Episode:
    return Episode(datetime(day.year, day.month, day.day, hour, tzinfo=ZONE), 2.0, "calf", "left", "cramp", 3)


def test_daily_timeline_counts_each_day_and_ignores_older_ones() -> None:
    episodes = [_episode(TODAY), _episode(TODAY, 20), _episode(TODAY - timedelta(days=3)),
                _episode(TODAY - timedelta(days=40))]  # fmt: skip
    chart = daily_timeline(episodes, TODAY, days=28)
    assert len(chart["bars"]) == 28
    assert chart["bars"][-1]["count"] == 2 and chart["bars"][-4]["count"] == 1
    assert chart["total"] == 3 and chart["max"] == 2
    assert chart["summary"] == "3 episodes in the last 28 days; most on one day: 2."
    tallest = max(chart["bars"], key=lambda b: b["h"])
    assert tallest["day"] == TODAY.isoformat()


def test_empty_timeline_has_no_bars_drawn() -> None:
    chart = daily_timeline([], TODAY)
    assert all(b["h"] == 0 for b in chart["bars"]) and chart["summary"].startswith("0 episodes")


@pytest.mark.parametrize(("onsets", "hours", "expected"), [([10, 20, 700], 1.0, [2, 1, 0, 0, 0, 0]),
                                                          ([3599.9, 5000], 1.0, [0, 0, 0, 0, 0, 1])])  # fmt: skip
def test_events_per_interval_bins_by_ten_minutes(onsets: list[float], hours: float, expected: list[int]) -> None:
    chart = events_per_interval(onsets, hours * 3600)
    assert [b["count"] for b in chart["bars"]] == expected
