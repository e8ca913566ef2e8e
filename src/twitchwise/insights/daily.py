"""The daily table: one row per calendar day with the episode count and the exposures.

Exposures are yes/no facts about a day, defined from the check-in by fixed,
plain thresholds (:data:`EXPOSURES`) or by a medication being taken. A day is
*logged* when its check-in says so or when any episode was recorded on it;
only logged days enter the statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from twitchwise.domain.diary import DailyCheckIn, MedicationPeriod

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ExposureDefinition:
    """A yes/no exposure read from a daily check-in.

    Attributes
    ----------
    id : str
        Stable id, e.g. ``"caffeine_high"``.
    label : str
        Plain description of an exposed day, e.g. ``"caffeine 300 mg or more"``.
    rule : callable
        Check-in -> 1.0 (exposed), 0.0 (not exposed) or NaN (not recorded).
    """

    id: str
    label: str
    rule: Callable[[DailyCheckIn], float]


def _threshold(attr: str, op: Callable[[float, float], bool], limit: float) -> Callable[[DailyCheckIn], float]:
    def rule(c: DailyCheckIn) -> float:
        value = getattr(c, attr)
        if value is None:
            return float("nan")
        return 1.0 if op(float(value), limit) else 0.0

    return rule


def _exercise(c: DailyCheckIn) -> float:
    return float("nan") if c.strenuous_exercise is None else float(c.strenuous_exercise)


#: The check-in exposures the diary tests, with their thresholds.
_ge, _lt = float.__ge__, float.__lt__
EXPOSURES: tuple[ExposureDefinition, ...] = (
    ExposureDefinition("caffeine_high", "caffeine 300 mg or more", _threshold("caffeine_mg", _ge, 300.0)),
    ExposureDefinition("short_sleep", "under 6 hours' sleep", _threshold("sleep_h", _lt, 6.0)),
    ExposureDefinition("high_stress", "stress 7/10 or more", _threshold("stress", _ge, 7.0)),
    ExposureDefinition("strenuous_exercise", "strenuous exercise", _exercise),
    ExposureDefinition("alcohol", "3 or more units of alcohol", _threshold("alcohol_units", _ge, 3.0)),
    ExposureDefinition("low_fluids", "under 1.5 litres of fluids", _threshold("fluids_l", _lt, 1.5)),
)


@dataclass(frozen=True)
class DailyTable:
    """Every calendar day from the first to the last day with any data.

    Attributes
    ----------
    days : tuple of date
        Consecutive calendar days.
    counts : ndarray of float
        Episodes per day (NaN on days not logged).
    logged : ndarray of bool
        Whether each day was logged.
    exposures : mapping of str to ndarray of float
        Exposure id -> 1.0 / 0.0 / NaN (not recorded) per day.
    labels : mapping of str to str
        Exposure id -> plain description of an exposed day.
    """

    days: tuple[date, ...]
    counts: FloatArray
    logged: npt.NDArray[np.bool_]
    exposures: Mapping[str, FloatArray]
    labels: Mapping[str, str]

    @property
    def n_logged(self) -> int:
        """Number of logged days."""
        return int(self.logged.sum())


def build_daily_table(
    counts: Mapping[date, int],
    checkins: Sequence[DailyCheckIn],
    medications: Sequence[MedicationPeriod] = (),
    *,
    today: date | None = None,
) -> DailyTable:
    """Build the daily table from episode counts per day, check-ins and medications.

    Parameters
    ----------
    counts : mapping of date to int
        Episodes per local calendar day (days without episodes may be absent).
    checkins : sequence of DailyCheckIn
        At most one per day.
    medications : sequence of MedicationPeriod
        Each becomes the exposure ``"med:<name>"`` (taking it that day).
    today : date, optional
        Medications still being taken count up to this day (default: the last data day).
    """
    by_day = {c.day: c for c in checkins}
    all_days = set(counts) | set(by_day)
    if not all_days:
        empty = np.zeros(0)
        return DailyTable((), empty, np.zeros(0, dtype=bool), {}, {})
    first, last = min(all_days), max(all_days)
    n = (last - first).days + 1
    days = tuple(first + timedelta(days=i) for i in range(n))
    logged = np.array([counts.get(d, 0) > 0 or (d in by_day and by_day[d].logged) for d in days], dtype=bool)
    y = np.array([float(counts.get(d, 0)) for d in days])
    y[~logged] = np.nan
    exposures: dict[str, FloatArray] = {}
    labels: dict[str, str] = {}
    nan = float("nan")
    for ex in EXPOSURES:
        exposures[ex.id] = np.array([ex.rule(by_day[d]) if d in by_day else nan for d in days])
        labels[ex.id] = ex.label
    end = today or last
    for med in medications:
        key = f"med:{med.name.strip().lower()}"
        stop = med.stop or end
        col = np.array([1.0 if med.start <= d <= stop else 0.0 for d in days])
        exposures[key] = np.maximum(exposures.get(key, np.zeros(n)), col)
        labels[key] = f"taking {med.name.strip()}"
    return DailyTable(days, y, logged, exposures, labels)
