"""Synthetic diaries with planted effects, to check that the statistics find what is there.

Each simulated day has a check-in whose exposures are drawn independently
(about a third of days exposed to each) and an episode count drawn from a
Poisson (or, with ``dispersion``, a negative binomial) distribution whose
mean is ``baseline`` times the planted rate ratio of every exposure present
(at the planted lag).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from twitchwise.domain.diary import DailyCheckIn, Episode
from twitchwise.insights.daily import EXPOSURES

#: Exposure ids that can be planted.
PLANTABLE: tuple[str, ...] = tuple(e.id for e in EXPOSURES)


@dataclass(frozen=True)
class SimulatedDiary:
    """A synthetic diary.

    Attributes
    ----------
    checkins : tuple of DailyCheckIn
        One per day, all logged.
    counts : dict of date to int
        Episodes per day.
    effects : mapping of str to float
        The planted rate ratios (exposure id -> ratio).
    lag : int
        The lag at which the effects were planted (days).
    seed : int
        Random seed used.
    """

    checkins: tuple[DailyCheckIn, ...]
    counts: dict[date, int]
    effects: Mapping[str, float]
    lag: int
    seed: int

    def episodes(self, tz: str = "Europe/London") -> list[Episode]:
        """Concrete episodes matching :attr:`counts` (random times, sites and kinds)."""
        rng = np.random.default_rng(self.seed + 1)
        zone = ZoneInfo(tz)
        sites = ("eyelid", "calf", "thigh", "forearm")
        kinds = ("myokymia", "fasciculation", "fasciculation", "cramp")
        out: list[Episode] = []
        for day, n in sorted(self.counts.items()):
            for _ in range(n):
                k = int(rng.integers(0, len(sites)))
                minute = int(rng.integers(7 * 60, 23 * 60))
                start = datetime.combine(day, time(minute // 60, minute % 60), zone)
                out.append(Episode(
                    start=start, duration_s=float(rng.choice([1, 3, 5, 10, 30, 60])),
                    site=sites[k], side=("left", "right")[int(rng.integers(0, 2))],
                    kind=kinds[k], intensity=int(rng.integers(1, 8)),
                ))  # fmt: skip
        return out


def _checkin(day: date, rng: np.random.Generator) -> DailyCheckIn:
    high = rng.random(6) < np.array([0.4, 0.3, 0.35, 0.3, 0.25, 0.3])
    return DailyCheckIn(
        day=day,
        caffeine_mg=float(rng.integers(300, 500) if high[0] else rng.integers(0, 250)),
        sleep_h=float(round(rng.uniform(4, 5.9) if high[1] else rng.uniform(6, 9), 1)),
        stress=float(rng.integers(7, 11) if high[2] else rng.integers(0, 7)),
        strenuous_exercise=bool(high[3]),
        alcohol_units=float(rng.integers(3, 8) if high[4] else rng.integers(0, 3)),
        fluids_l=float(round(rng.uniform(0.5, 1.4) if high[5] else rng.uniform(1.5, 3), 1)),
    )


def simulate_diary(
    n_days: int = 60,
    baseline: float = 3.0,
    effects: Mapping[str, float] | None = None,
    *,
    lag: int = 0,
    seed: int = 0,
    start: date = date(2024, 1, 1),
    dispersion: float | None = None,
) -> SimulatedDiary:
    """Simulate a diary of ``n_days`` logged days.

    Parameters
    ----------
    n_days : int
        Number of consecutive logged days.
    baseline : float
        Mean episodes per day on unexposed days.
    effects : mapping of str to float, optional
        Planted rate ratios by exposure id (see :data:`PLANTABLE`).
    lag : int
        0 = the exposure acts on the same day, 1 = on the next day.
    seed : int
        Random seed (same seed, same diary).
    start : date
        First day.
    dispersion : float, optional
        Negative-binomial shape k (variance = mean + mean**2 / k); ``None`` = Poisson.
    """
    planted = dict(effects or {})
    unknown = set(planted) - set(PLANTABLE)
    if unknown:
        raise ValueError(f"unknown exposures {sorted(unknown)}; use {', '.join(PLANTABLE)}")
    rng = np.random.default_rng(seed)
    days = [start + timedelta(days=i) for i in range(n_days)]
    checkins = [_checkin(d, rng) for d in days]
    rules = {e.id: e.rule for e in EXPOSURES}
    counts: dict[date, int] = {}
    for i, day in enumerate(days):
        mean = baseline
        j = i - lag
        if j >= 0:
            for key, ratio in planted.items():
                if rules[key](checkins[j]) == 1.0:
                    mean *= ratio
        if dispersion is not None:
            mean = float(rng.gamma(dispersion, mean / dispersion))
        counts[day] = int(rng.poisson(mean))
    return SimulatedDiary(tuple(checkins), counts, planted, lag, seed)
