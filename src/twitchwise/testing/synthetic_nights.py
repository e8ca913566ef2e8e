"""Synthetic nights with known events: leg EMG and wrist/ankle accelerometry.

Used by the tests and the benchmark. Everything is drawn from a seeded generator,
so a (seed, settings) pair always gives the same night. The truth is known by
construction: each placed movement says whether it is periodic under WASM 2016
and under AASM, and whether it follows a respiratory event.

The EMG has a realistic resting noise floor (slowly varying, 1-2.5 µV rms), an ECG
artefact (QRS complexes about once a second), baseline drift, optional
loose-electrode noise stretches, and movements as bursts of band-limited activity
of known onset, duration and amplitude.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from twitchwise.signals import sleep_stages as st

FloatArray = npt.NDArray[np.float64]
F32Array = npt.NDArray[np.float32]

#: Columns of ``SyntheticNight.truth``.
TRUTH_COLUMNS: Final = (
    "onset",
    "duration",
    "offset",
    "leg",
    "peak_uv",
    "kind",
    "periodic_wasm",
    "periodic_aasm",
    "respiratory",
)


@dataclass(frozen=True)
class SyntheticNight:
    """A generated polysomnography night with its truth.

    Attributes
    ----------
    legs : dict of str to ndarray of float32
        "left" and "right" tibialis EMG, µV.
    sf : float
        Sampling rate, Hz.
    hypnogram : ndarray of int8
        One YASA stage code per 30-s epoch.
    respiratory_events : ndarray, shape (n, 2)
        Apneas as ``[onset_s, duration_s]``.
    truth : pandas.DataFrame
        One row per placed movement (columns ``TRUTH_COLUMNS``); ``kind`` is "lm" for a
        candidate LM or "long" for a movement too long to be one.
    noisy_s : list of (float, float)
        Loose-electrode stretches (start, end) in seconds.
    """

    legs: dict[str, F32Array]
    sf: float
    hypnogram: npt.NDArray[np.int8]
    respiratory_events: FloatArray
    truth: pd.DataFrame
    noisy_s: list[tuple[float, float]]

    @property
    def duration_s(self) -> float:
        """Recording length in seconds."""
        return len(next(iter(self.legs.values()))) / self.sf

    def true_plms_index(self, rules: str = "wasm2016") -> float:
        """The PLMS index by construction (PLMs in sleep per hour of sleep, noise removed)."""
        col = "periodic_wasm" if rules == "wasm2016" else "periodic_aasm"
        stages = st.stage_at(self.truth["onset"].to_numpy(), self.hypnogram)
        n = int((self.truth[col].to_numpy() & st.is_sleep(stages)).sum())
        excluded = np.zeros(int(np.ceil(self.duration_s)), dtype=bool)
        for a, b in self.noisy_s:
            excluded[int(a) : int(np.ceil(b))] = True
        sleep_s = st.seconds_in_stages(self.hypnogram, st.SLEEP_STAGES, excluded)
        return n / (sleep_s / 3600.0)


def synthetic_hypnogram(hours: float, rng: np.random.Generator) -> npt.NDArray[np.int8]:
    """A plausible adult hypnogram: sleep onset after ~10 min, 90-min cycles, brief wakes."""
    n = round(hours * 3600 / st.EPOCH_S)
    hyp = np.full(n, st.N2, dtype=np.int8)
    onset = int(rng.integers(16, 24))
    hyp[:onset] = st.WAKE
    hyp[onset : onset + 6] = st.N1
    cycle = 180  # epochs
    for start in range(onset + 6, n, cycle):
        first_half = start < n // 2
        n3 = 40 if first_half else 12
        rem = 20 if first_half else 36
        hyp[start + 30 : min(n, start + 30 + n3)] = st.N3
        hyp[max(start, min(n, start + cycle - rem)) : min(n, start + cycle)] = st.REM
        wake_at = start + int(rng.integers(60, 120))
        hyp[wake_at : min(n, wake_at + int(rng.integers(2, 6)))] = st.WAKE
    hyp[-4:] = st.WAKE
    return hyp


class _Timeline:
    """Places movements without collisions and records the truth."""

    def __init__(self, duration_s: float, rng: np.random.Generator) -> None:
        self.duration_s = duration_s
        self.rng = rng
        self.rows: list[dict[str, object]] = []
        self.busy: list[tuple[float, float]] = []

    def free(self, start: float, end: float, guard: float) -> bool:
        if start < 60 or end > self.duration_s - 60:
            return False
        return all(end + guard <= a or start - guard >= b for a, b in self.busy)

    def add(
        self,
        onset: float,
        duration: float,
        kind: str = "lm",
        *,
        leg: str | None = None,
        periodic_wasm: bool = False,
        periodic_aasm: bool = False,
        respiratory: bool = False,
    ) -> None:
        rng = self.rng
        side = leg or str(rng.choice(["left", "right", "left+right"], p=[0.35, 0.35, 0.3]))
        self.rows.append(
            {
                "onset": round(onset, 3),
                "duration": round(duration, 3),
                "offset": round(onset + duration, 3),
                "leg": side,
                "peak_uv": round(float(rng.uniform(14.0, 60.0)), 1),
                "kind": kind,
                "periodic_wasm": periodic_wasm,
                "periodic_aasm": periodic_aasm,
                "respiratory": respiratory,
            }
        )

    def reserve(self, start: float, end: float) -> None:
        self.busy.append((start, end))


def _find_slot(
    tl: _Timeline, length: float, guard: float, allowed: npt.NDArray[np.bool_], tries: int = 400
) -> float | None:
    """A start time for a block of ``length`` s inside allowed epochs, clear of others."""
    for _ in range(tries):
        start = float(tl.rng.uniform(60, tl.duration_s - length - 60))
        e0, e1 = int(start // st.EPOCH_S), int((start + length) // st.EPOCH_S)
        if e1 < len(allowed) and allowed[e0 : e1 + 1].all() and tl.free(start, start + length, guard):
            return start
    return None


def _place_events(
    hyp: npt.NDArray[np.int8],
    duration_s: float,
    rng: np.random.Generator,
    n_series: int,
    n_noisy: int,
) -> tuple[_Timeline, FloatArray, list[tuple[float, float]]]:
    tl = _Timeline(duration_s, rng)
    noisy: list[tuple[float, float]] = []
    sleep = st.is_sleep(hyp)
    wake = hyp == st.WAKE
    guard = 100.0  # > 90 s so separate blocks never join one series
    # A periodic series in wake (PLMW) and long movements (> 15 s) in wake.
    for _ in range(2):
        n = int(rng.integers(4, 8))
        imis = rng.uniform(12.0, 30.0, size=n - 1)
        length = float(imis.sum()) + 5
        start = _find_slot(tl, length, guard, wake)
        if start is not None:
            for t in start + np.concatenate(([0.0], np.cumsum(imis))):
                tl.add(float(t), float(rng.uniform(1.0, 3.0)), periodic_wasm=True, periodic_aasm=True)
            tl.reserve(start, start + length)
        start = _find_slot(tl, 25.0, guard, wake)
        if start is not None:
            tl.add(start, float(rng.uniform(16.0, 22.0)), "long", leg="left+right")
            tl.reserve(start, start + 25.0)
    everywhere = np.ones(len(hyp), dtype=bool)
    for _ in range(n_noisy):
        start = _find_slot(tl, 300.0, guard, everywhere)
        if start is not None:
            noisy.append((start, start + 300.0))
            tl.reserve(start, start + 300.0)
    # Apnea clusters: an LM 0.2-1 s after each apnea ends. Respiratory-related under
    # both rules, so not periodic although the intervals would be.
    resp: list[tuple[float, float]] = []
    for _ in range(max(1, n_series // 4)):
        n = int(rng.integers(5, 12))
        durs = rng.uniform(12.0, 25.0, size=n)
        gaps = rng.uniform(15.0, 30.0, size=n)
        length = float((durs + gaps).sum()) + 10
        start = _find_slot(tl, length, guard, sleep)
        if start is None:
            continue
        t = start
        for d, g in zip(durs, gaps, strict=True):
            resp.append((t, float(d)))
            tl.add(
                t + float(d) + float(rng.uniform(0.1, 0.45)),
                float(rng.uniform(1.0, 3.0)),
                respiratory=True,
            )
            t += float(d + g)
        tl.reserve(start, start + length)
    # Periodic series in sleep, intervals 12-40 s (periodic under both rules).
    _add_runs(tl, rng, n_series, (4, 30), (12.0, 40.0), 5, (0.8, 4.0), guard, sleep,
              periodic_wasm=True, periodic_aasm=True)  # fmt: skip
    # Series with 6-9 s intervals: periodic for AASM (5-90 s), not for WASM (10-90 s).
    _add_runs(tl, rng, max(1, n_series // 6), (5, 9), (6.5, 9.0), 4, (0.6, 2.0), guard, sleep, periodic_aasm=True)
    # Isolated LMs and short runs of 2-3 (never periodic).
    _add_runs(tl, rng, n_series * 2, (1, 4), (15.0, 40.0), 5, (0.6, 5.0), guard, sleep)
    return tl, np.asarray(resp, dtype=np.float64).reshape(-1, 2), noisy


def _add_runs(
    tl: _Timeline,
    rng: np.random.Generator,
    count: int,
    lengths: tuple[int, int],
    intervals_s: tuple[float, float],
    pad_s: float,
    durations_s: tuple[float, float],
    guard: float,
    allowed: npt.NDArray[np.bool_],
    *,
    periodic_wasm: bool = False,
    periodic_aasm: bool = False,
) -> None:
    """Place ``count`` runs of LMs in free ``allowed`` time: run length drawn from ``lengths``
    (integers, high exclusive), intervals and durations uniform in the given ranges (s)."""
    for _ in range(count):
        n = int(rng.integers(*lengths))
        imis = rng.uniform(*intervals_s, size=n - 1)
        length = float(imis.sum()) + pad_s
        start = _find_slot(tl, length, guard, allowed)
        if start is None:
            continue
        for t in start + np.concatenate(([0.0], np.cumsum(imis))):
            tl.add(float(t), float(rng.uniform(*durations_s)), periodic_wasm=periodic_wasm, periodic_aasm=periodic_aasm)
        tl.reserve(start, start + length)


def _burst_shape(n: int, sf: float) -> F32Array:
    """An amplitude envelope for a movement burst: 40 ms rise, plateau, 80 ms fall."""
    shape = np.ones(n, dtype=np.float32)
    rise = min(n, max(1, int(0.04 * sf)))
    fall = min(n - rise, max(1, int(0.08 * sf)))
    shape[:rise] = np.linspace(0.3, 1.0, rise, dtype=np.float32)
    if fall > 0:
        shape[n - fall :] = np.linspace(1.0, 0.3, fall, dtype=np.float32)
    return shape


def _emg_channel(
    duration_s: float,
    sf: float,
    rng: np.random.Generator,
    events: list[tuple[float, float, float]],
    noisy: list[tuple[float, float]],
    beats: FloatArray,
) -> F32Array:
    n = round(duration_s * sf)
    # Resting noise floor: white noise whose rms wanders between 1 and 2.5 µV.
    n_knots = max(2, int(duration_s // 600) + 2)
    rms = np.interp(
        np.arange(n, dtype=np.float32),
        np.linspace(0, n, n_knots),
        rng.uniform(1.0, 2.5, size=n_knots),
    ).astype(np.float32)
    x = rng.standard_normal(n, dtype=np.float32)
    x *= rms
    del rms
    # Drift: slow wander of tens of µV (electrode potentials, sweat), removed by the band-pass.
    t_knots = np.linspace(0, n, max(2, int(duration_s // 20)))
    x += np.interp(np.arange(n, dtype=np.float32), t_knots, np.cumsum(rng.normal(0, 6.0, size=len(t_knots)))).astype(
        np.float32
    )
    # ECG: QRS complexes (a 30 ms biphasic wave of 12-20 µV).
    half = max(2, int(0.015 * sf))
    tt = np.linspace(-2.5, 2.5, 2 * half, dtype=np.float32)
    qrs = (-tt * np.exp(-tt * tt)).astype(np.float32) * float(rng.uniform(20.0, 34.0))
    for b in (beats * sf).astype(np.int64):
        if b + 2 * half < n:
            x[b : b + 2 * half] += qrs
    # Movements: bursts of noise whose mean rectified value sits peak_uv above rest.
    for onset, dur, peak in events:
        i0, i1 = int(onset * sf), min(n, int((onset + dur) * sf))
        burst = rng.standard_normal(i1 - i0, dtype=np.float32) * (peak / 0.8)
        x[i0:i1] += burst * _burst_shape(i1 - i0, sf)
    for a, b in noisy:
        i0, i1 = int(a * sf), min(n, int(b * sf))
        x[i0:i1] += rng.standard_normal(i1 - i0, dtype=np.float32) * 30.0
    return x


def synthetic_night(
    hours: float = 8.0, sf: float = 512.0, seed: int = 0, n_series: int = 24, n_noisy: int = 1
) -> SyntheticNight:
    """Generate a night of two-leg EMG with known leg movements.

    Parameters
    ----------
    hours : float
        Recording length in hours (at least 0.5).
    sf : float
        Sampling rate, Hz.
    seed : int
        Random seed; the same seed gives the same night.
    n_series : int
        How many periodic series to place in sleep (isolated LMs, AASM-only series,
        apnea clusters, wake series and long movements scale with it).
    n_noisy : int
        How many 5-minute loose-electrode stretches to add on the left leg.

    Returns
    -------
    SyntheticNight
    """
    rng = np.random.default_rng(seed)
    duration_s = hours * 3600.0
    hyp = synthetic_hypnogram(hours, rng)
    tl, resp, noisy = _place_events(hyp, duration_s, rng, n_series, n_noisy)
    truth = pd.DataFrame(tl.rows, columns=list(TRUTH_COLUMNS)).sort_values("onset")
    truth = truth.reset_index(drop=True)
    beats = np.cumsum(rng.normal(1.0, 0.06, size=int(duration_s * 1.2) + 10))
    beats = beats[beats < duration_s - 1]
    legs: dict[str, F32Array] = {}
    for leg in ("left", "right"):
        mine = truth[truth["leg"].str.contains(leg)]
        events: list[tuple[float, float, float]] = []
        for onset, dur, peak, side in mine[["onset", "duration", "peak_uv", "leg"]].itertuples(index=False):
            # In a bilateral movement the second leg starts and stops a little apart.
            shift = float(rng.uniform(0.0, 0.3)) if side == "left+right" and leg == "right" else 0.0
            events.append((onset + shift, max(0.5, dur - shift), peak))
        legs[leg] = _emg_channel(duration_s, sf, rng, events, noisy if leg == "left" else [], beats)
    return SyntheticNight(legs=legs, sf=sf, hypnogram=hyp, respiratory_events=resp, truth=truth, noisy_s=noisy)


@dataclass(frozen=True)
class SyntheticAccelerometer:
    """A generated wrist/ankle accelerometer night with known jerks.

    Attributes
    ----------
    xyz : ndarray of float32, shape (n, 3)
        Acceleration in g.
    sf : float
        Sampling rate, Hz.
    truth : pandas.DataFrame
        One row per placed burst: ``onset``, ``duration`` (s), ``kind`` ("jerk" or
        "movement"), ``periodic`` and ``hypnic`` (bool).
    """

    xyz: F32Array
    sf: float
    truth: pd.DataFrame


def synthetic_accelerometer(
    hours: float = 8.0, sf: float = 32.0, seed: int = 0, n_series: int = 6
) -> SyntheticAccelerometer:
    """Generate an accelerometer night with known jerks, turns and sleep-onset jerks.

    The wearer lies still, turns over now and then (5-15 s movements that change the
    gravity direction), has periodic jerk series (intervals 15-40 s), a few isolated
    jerks soon after a turn, and one or two sleep-onset jerks after 15+ minutes of
    stillness at the start of the night.

    Parameters
    ----------
    hours : float
        Recording length in hours.
    sf : float
        Sampling rate, Hz.
    seed : int
        Random seed.
    n_series : int
        Periodic jerk series to place.
    """
    rng = np.random.default_rng(seed)
    n = round(hours * 3600 * sf)
    duration_s = n / sf
    rows: list[dict[str, object]] = []
    busy: list[tuple[float, float]] = []

    def free(a: float, b: float, guard: float) -> bool:
        return a > 30 and b < duration_s - 30 and all(b + guard <= c or a - guard >= d for c, d in busy)

    # Sleep onset: still from 5 to 25 min, then 1-2 hypnic jerks close together.
    t0 = float(rng.uniform(1200.0, 1500.0))
    for k in range(int(rng.integers(1, 3))):
        rows.append({"onset": t0 + 8.0 * k, "duration": 0.3, "kind": "jerk", "periodic": False, "hypnic": True})
    busy.append((0.0, t0 + 20.0))
    # Turns: every 20-60 min; each may be followed 20-60 s later by an isolated jerk.
    t = t0 + 600.0
    while t < duration_s - 600:
        d = float(rng.uniform(5.0, 15.0))
        rows.append({"onset": t, "duration": d, "kind": "movement", "periodic": False, "hypnic": False})
        busy.append((t, t + d))
        if rng.random() < 0.6:
            tj = t + d + float(rng.uniform(20.0, 60.0))
            rows.append({"onset": tj, "duration": 0.3, "kind": "jerk", "periodic": False, "hypnic": False})
            busy.append((tj, tj + 1))
        t += float(rng.uniform(1200.0, 3600.0))
    for _ in range(n_series):
        k = int(rng.integers(4, 15))
        imis = rng.uniform(15.0, 40.0, size=k - 1)
        for _try in range(200):
            a = float(rng.uniform(t0 + 200, duration_s - 200 - imis.sum()))
            if free(a, a + float(imis.sum()) + 2, 100.0):
                break
        else:
            continue
        for tj in a + np.concatenate(([0.0], np.cumsum(imis))):
            rows.append({"onset": float(tj), "duration": 0.3, "kind": "jerk", "periodic": True, "hypnic": False})
        busy.append((a, a + float(imis.sum()) + 2))
    truth = pd.DataFrame(rows).sort_values("onset").reset_index(drop=True)

    # Gravity direction: constant between turns, rotating during a turn.
    xyz = np.zeros((n, 3), dtype=np.float32)
    g = np.array([0.0, 0.0, 1.0])
    last = 0
    for onset, dur, kind in truth[["onset", "duration", "kind"]].itertuples(index=False):
        if kind != "movement":
            continue
        i0, i1 = int(onset * sf), min(n, int((onset + dur) * sf))
        xyz[last:i0] = g
        new = rng.normal(size=3)
        new /= np.linalg.norm(new)
        w = np.linspace(0, 1, i1 - i0)[:, None]
        path = (1 - w) * g + w * new
        xyz[i0:i1] = path / np.linalg.norm(path, axis=1, keepdims=True)
        # Turning is slow, broad activity around 0.3 g.
        xyz[i0:i1] += rng.normal(0, 0.12, size=(i1 - i0, 3)).astype(np.float32)
        g, last = new, i1
    xyz[last:] = g
    xyz += rng.normal(0, 0.003, size=(n, 3)).astype(np.float32)
    # Jerks: a 0.3 s damped 6 Hz oscillation of 0.4-1.2 g along a random direction.
    tt = np.arange(int(0.3 * sf)) / sf
    wave = np.sin(2 * np.pi * 6.0 * tt) * np.exp(-tt / 0.12)
    for onset, kind in truth[["onset", "kind"]].itertuples(index=False):
        if kind != "jerk":
            continue
        i0 = int(onset * sf)
        direction = rng.normal(size=3)
        direction /= np.linalg.norm(direction)
        amp = float(rng.uniform(0.4, 1.2))
        xyz[i0 : i0 + len(wave)] += (amp * wave[:, None] * direction).astype(np.float32)
    return SyntheticAccelerometer(xyz=xyz, sf=sf, truth=truth)
