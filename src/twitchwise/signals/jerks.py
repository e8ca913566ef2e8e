"""Jerks in wearable accelerometry: short high-acceleration bursts, their periodic
series, and sleep-onset (likely hypnic) jerks.

A jerk is a burst of dynamic acceleration (gravity removed by a 0.5 Hz high-pass)
above ``jerk_g`` that lasts at most ``max_jerk_s``; longer activity is an ordinary
movement (turning over), which is not a jerk and ends any series. Jerks go through
the same periodic-series logic as leg movements (at least 4 in a row, onset to onset
10-90 s). A jerk that comes after at least ``still_before_s`` of stillness, and
jerks following it within ``cluster_s``, are flagged as likely hypnic (sleep-onset)
jerks unless they belong to a periodic series.

Accelerometry cannot see sleep stages: the flag says "at a time and in a pattern
typical of sleep onset", not "proven hypnic jerk".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import signal

from twitchwise.domain.errors import InputError
from twitchwise.signals.plm_rules import WASM2016, ScoringRules, find_series

#: Lowest accelerometer sampling rate accepted, Hz.
MIN_ACC_SF: Final = 10.0

JERK_COLUMNS: Final = (
    "onset", "duration", "peak_g", "kind", "periodic", "series_id", "hypnic", "still_before_s",
)  # fmt: skip


@dataclass(frozen=True)
class JerkSettings:
    """Thresholds for jerk detection (acceleration in g, times in seconds)."""

    jerk_g: float = 0.15
    still_g: float = 0.03
    merge_gap_s: float = 0.25
    min_jerk_s: float = 0.05
    max_jerk_s: float = 2.0
    still_before_s: float = 600.0
    cluster_s: float = 60.0


@dataclass(frozen=True)
class JerkResult:
    """Jerks and movements found in one accelerometer recording.

    Attributes
    ----------
    events : pandas.DataFrame
        One row per burst: ``onset`` and ``duration`` (s), ``peak_g`` (peak dynamic
        acceleration, g), ``kind`` ("jerk" or "movement"), ``periodic``, ``series_id``,
        ``hypnic`` (likely sleep-onset jerk) and ``still_before_s`` (stillness before it).
    recording_s : float
        Recording length, s.
    still_s : float
        Time with no activity above ``still_g``, s.
    """

    events: pd.DataFrame
    recording_s: float
    still_s: float

    def summary(self) -> dict[str, Any]:
        """Keys: ``recording_hours``, ``still_hours``, ``jerk_count``, ``jerk_index`` (per
        hour of recording), ``movement_count``, ``periodic_jerk_count``, ``jerk_series_count``,
        ``hypnic_jerk_count``."""
        ev = self.events
        jerks = ev[ev["kind"] == "jerk"]
        hours = self.recording_s / 3600.0
        return {
            "recording_hours": round(hours, 4),
            "still_hours": round(self.still_s / 3600.0, 4),
            "jerk_count": len(jerks),
            "jerk_index": round(len(jerks) / hours, 2) if hours > 0 else None,
            "movement_count": int((ev["kind"] == "movement").sum()),
            "periodic_jerk_count": int(jerks["periodic"].sum()),
            "jerk_series_count": int(jerks.loc[jerks["periodic"], "series_id"].nunique()),
            "hypnic_jerk_count": int(jerks["hypnic"].sum()),
        }


def dynamic_acceleration(data: npt.ArrayLike, sf: float) -> npt.NDArray[np.float64]:
    """Magnitude of acceleration with gravity and posture removed, in g.

    Parameters
    ----------
    data : array_like, shape (n, 3)
        x, y, z acceleration in g.
    sf : float
        Sampling rate in Hz (at least 10).
    """
    xyz = np.asarray(data, dtype=np.float64)
    if xyz.ndim != 2 or xyz.shape[1] != 3:
        raise InputError("accelerometer data must have three columns: x, y, z (g).", "data")
    if xyz.shape[0] < 2 or not np.isfinite(sf):
        raise InputError("accelerometer recording is empty.", field="data")
    if sf < MIN_ACC_SF:
        raise InputError(
            f"accelerometer sampling rate is {sf:g} Hz; at least {MIN_ACC_SF:g} Hz is needed.",
            field="sampling_rate",
        )
    if not np.all(np.isfinite(xyz)):
        raise InputError("accelerometer data holds NaN or infinite values.", field="data")
    # At rest the vector magnitude is gravity: about 1 g, about 9.8 in m/s².
    if float(np.median(np.linalg.norm(xyz[: min(len(xyz), int(sf * 600))], axis=1))) > 4.0:
        raise InputError(
            "accelerometer values look like m/s² or raw counts, not g (gravity should read 1).",
            field="units",
        )
    sos = signal.butter(2, 0.5, btype="highpass", fs=sf, output="sos")
    hp = signal.sosfiltfilt(sos, xyz, axis=0) if len(xyz) > 30 else xyz - xyz.mean(axis=0)
    return np.asarray(np.sqrt((hp * hp).sum(axis=1)), dtype=np.float64)


def detect_jerks(
    data: npt.ArrayLike,
    sf: float,
    settings: JerkSettings | None = None,
    rules: ScoringRules = WASM2016,
) -> JerkResult:
    """Detect jerks, their periodic series and likely sleep-onset jerks.

    Parameters
    ----------
    data : array_like, shape (n, 3)
        x, y, z acceleration in g, from a wrist or ankle device.
    sf : float
        Sampling rate in Hz.
    settings : JerkSettings, optional
        Detection thresholds.
    rules : ScoringRules
        Series logic (intervals and minimum run), WASM 2016 by default.

    Returns
    -------
    JerkResult
    """
    cfg = settings or JerkSettings()
    mag = dynamic_acceleration(data, sf)
    n = len(mag)
    active = mag > cfg.jerk_g
    gap = max(1, round(cfg.merge_gap_s * sf))
    starts, stops = _runs(active)
    if starts.size:
        # Join bursts separated by tiny gaps (oscillation zero crossings).
        keep = np.concatenate(([True], starts[1:] - stops[:-1] > gap))
        stops = np.maximum.reduceat(stops, np.flatnonzero(keep))
        starts = starts[keep]
    dur = (stops - starts) / sf
    ok = dur >= cfg.min_jerk_s
    starts, stops, dur = starts[ok], stops[ok], dur[ok]
    peaks = (
        np.maximum.reduceat(mag, np.ravel(np.column_stack((starts, stops))).clip(max=n - 1))[0::2]
        if starts.size
        else np.zeros(0)
    )
    kind = np.where(dur <= cfg.max_jerk_s, "jerk", "movement")

    # Stillness before each burst: from the end of the previous stretch of activity
    # above still_g to the start of the stretch holding the burst (its own lead-in).
    moving = mag > cfg.still_g
    m_starts, m_stops = _runs(moving)
    if m_starts.size:
        # Activity separated by under a second (zero crossings, filter ringing) is one stretch.
        keep = np.concatenate(([True], m_starts[1:] - m_stops[:-1] > sf))
        m_stops = np.maximum.reduceat(m_stops, np.flatnonzero(keep))
        m_starts = m_starts[keep]
    own = np.searchsorted(m_starts, starts, side="right") - 1
    prev_end = np.where(own >= 1, m_stops[np.maximum(own - 1, 0)], 0)
    still_before = (m_starts[np.maximum(own, 0)] - prev_end) / sf if starts.size else np.zeros(0)

    onsets = starts / sf
    is_jerk = kind == "jerk"
    found = find_series(onsets, is_jerk, ~is_jerk, rules)
    hypnic = np.zeros(len(onsets), dtype=bool)
    cluster_until = -np.inf
    for i in range(len(onsets)):
        if not is_jerk[i]:
            cluster_until = -np.inf
            continue
        if still_before[i] >= cfg.still_before_s:
            cluster_until = onsets[i] + cfg.cluster_s
            hypnic[i] = True
        elif onsets[i] <= cluster_until:
            hypnic[i] = True
    hypnic &= ~found.in_series
    events = pd.DataFrame(
        {
            "onset": np.round(onsets, 3),
            "duration": np.round(dur, 3),
            "peak_g": np.round(peaks, 3),
            "kind": kind,
            "periodic": found.in_series,
            "series_id": found.series_id,
            "hypnic": hypnic,
            "still_before_s": np.round(still_before, 1),
        },
        columns=list(JERK_COLUMNS),
    )
    return JerkResult(events=events, recording_s=n / sf, still_s=float((~moving).sum()) / sf)


def _runs(mask: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Start and stop (exclusive) indices of runs of True."""
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return edges[0::2].astype(np.int64), edges[1::2].astype(np.int64)
