"""Diary speed: insert 100,000 episodes, insights on two years, report generation.

Targets (SQLite, a laptop): insert < 10 s, insights < 1 s, report < 3 s.
Each figure is printed with its ratio to the target. Uses a temporary database.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from twitchwise.domain.diary import Episode
from twitchwise.services.diary import DiaryService
from twitchwise.testing.simulated_diaries import simulate_diary


def _timed(label: str, target: float, fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    dt = time.perf_counter() - t0
    print(f"{label}: {dt:.2f} s  (target < {target:g} s, ratio {dt / target:.2f})")
    return dt


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        base = datetime(2022, 1, 1, tzinfo=UTC)
        episodes = [Episode(base + timedelta(minutes=10 * i), 3.0, "calf", "left",
                            "fasciculation", i % 11) for i in range(100_000)]  # fmt: skip
        svc = DiaryService(url, clock=lambda: datetime(2024, 1, 1, tzinfo=UTC))
        _timed("insert 100,000 episodes", 10, lambda: svc.add_episodes(episodes))

        url2 = f"sqlite:///{Path(tmp) / 'two_years.sqlite3'}"
        sim = simulate_diary(730, 3.0, {"caffeine_high": 1.5}, seed=1)
        svc2 = DiaryService(url2, clock=lambda: datetime(2026, 1, 1, tzinfo=UTC))
        svc2.add_episodes(sim.episodes())
        svc2.import_text("record,day,caffeine_mg\n" + "".join(
            f"day,{c.day},{c.caffeine_mg}\n" for c in sim.checkins), "csv")  # fmt: skip
        svc2.insights()  # warm-up: loads statsmodels once
        _timed("insights on two years (730 days)", 1, svc2.insights)
        svc2.report(Path(tmp) / "warm.pdf")  # warm-up: loads WeasyPrint and fonts once
        _timed("report (PDF) on two years", 3, lambda: svc2.report(Path(tmp) / "r.pdf"))


if __name__ == "__main__":
    main()
