"""Leg-movement detection on one tibialis-anterior EMG channel.

The signal is band-pass filtered (10-100 Hz, or what the sampling rate allows),
rectified and averaged over short blocks (the envelope, in µV). A dynamic resting
baseline (the noise floor) is tracked through the night, and a movement starts
where the envelope rises ``onset_uv`` (8 µV) above it and ends at the start of the
first stretch of at least ``offset_quiet_s`` (0.5 s) at or below ``offset_uv``
(2 µV) above it, as the WASM 2016 and AASM rules both define. Where the baseline
itself is above ``max_resting_uv`` the noise floor is too high to score and
detection is suspended; that time is reported.

The work is done block by block in chunks, so a whole night at 512 Hz needs only
a few megabytes beyond its input array.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from scipy import ndimage, signal

from twitchwise.domain.errors import InputError
from twitchwise.signals.plm_rules import WASM2016, ScoringRules

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Lowest sampling rate accepted for leg EMG, in Hz: the band must keep 10-22 Hz at least.
MIN_EMG_SF: Final = 50.0
#: Envelope block length, in seconds (the time resolution of onsets and offsets).
ENVELOPE_BLOCK_S: Final = 0.05
#: The resting baseline is tracked per second, over a centred window of this many seconds.
BASELINE_WINDOW_S: Final = 61
#: Percentile of per-second envelope medians taken as the resting level.
BASELINE_PERCENTILE: Final = 20.0
_CHUNK_SAMPLES: Final = 1 << 20


@dataclass(frozen=True)
class Envelope:
    """Rectified, band-passed EMG averaged over fixed blocks.

    Attributes
    ----------
    values_uv : ndarray of float32
        Mean rectified band-passed EMG per block, in µV.
    step_s : float
        Block length in seconds (a whole number of samples, so not always exactly 0.05).
    band_hz : tuple of float
        The pass band actually used, in Hz.
    """

    values_uv: npt.NDArray[np.float32]
    step_s: float
    band_hz: tuple[float, float]


def emg_band(sf: float) -> tuple[float, float]:
    """The pass band used at sampling rate ``sf`` (Hz): 10-100 Hz, capped at 0.45 sf."""
    if not np.isfinite(sf) or sf < MIN_EMG_SF:
        raise InputError(
            f"leg EMG sampling rate is {sf:g} Hz; at least {MIN_EMG_SF:g} Hz is needed (200 Hz or more recommended).",
            field="sampling_rate",
        )
    return 10.0, min(100.0, 0.45 * sf)


def emg_envelope(data: npt.ArrayLike, sf: float) -> Envelope:
    """Envelope of a leg EMG channel.

    Parameters
    ----------
    data : array_like of float
        EMG in microvolts (µV), one channel.
    sf : float
        Sampling rate in Hz (at least 50).

    Returns
    -------
    Envelope
        Mean rectified band-passed EMG in blocks of about 50 ms.
    """
    x = np.asarray(data)
    if x.ndim != 1 or x.size == 0:
        raise InputError("leg EMG must be one non-empty channel of samples.", field="data")
    band = emg_band(sf)
    block = max(1, round(sf * ENVELOPE_BLOCK_S))
    n_blocks = x.size // block
    if n_blocks < 2:
        raise InputError("leg EMG is shorter than 0.1 s; nothing to score.", field="data")
    # A causal 4th-order Butterworth band-pass: its group delay (a few ms) is far
    # below the 50 ms block, and one pass costs half of a zero-phase filter.
    sos = signal.butter(2, band, btype="bandpass", fs=sf, output="sos")
    zi = np.zeros((sos.shape[0], 2), dtype=np.float64)
    out = np.empty(n_blocks, dtype=np.float32)
    chunk = (_CHUNK_SAMPLES // block) * block
    used = n_blocks * block
    # Removing the opening level avoids a start-up transient; the band-pass takes the rest.
    level = float(np.mean(x[: min(used, max(1, int(sf)))], dtype=np.float64))
    for start in range(0, used, chunk):
        stop = min(start + chunk, used)
        seg = np.asarray(x[start:stop], dtype=np.float64) - level
        filtered, zi = signal.sosfilt(sos, seg, zi=zi)
        np.abs(filtered, out=filtered)
        out[start // block : stop // block] = filtered.reshape(-1, block).mean(axis=1)
    if not np.all(np.isfinite(out)):
        raise InputError("leg EMG holds NaN or infinite values.", field="data")
    return Envelope(values_uv=out, step_s=block / sf, band_hz=band)


def resting_baseline(env: Envelope) -> FloatArray:
    """Dynamic resting level of an envelope, per block, in µV.

    The median of each second is taken, then a running low percentile of those
    over about a minute: quiet seconds between movements set the level, and the
    movements themselves (a minority of the seconds) do not lift it.
    """
    values = env.values_uv
    per_s = max(1, round(1.0 / env.step_s))
    n_full = len(values) // per_s
    medians = np.median(values[: n_full * per_s].reshape(n_full, per_s), axis=1)
    if n_full * per_s < len(values):
        medians = np.append(medians, np.median(values[n_full * per_s :]))
    medians = medians.astype(np.float64)
    n_sec = len(medians)
    window = min(BASELINE_WINDOW_S, n_sec if n_sec % 2 else max(1, n_sec - 1))
    level = ndimage.percentile_filter(medians, BASELINE_PERCENTILE, size=window, mode="nearest")
    return np.repeat(level, per_s)[: len(values)]


@dataclass(frozen=True)
class LegDetection:
    """Monolateral movements found on one leg.

    Attributes
    ----------
    onset_s, offset_s : ndarray of float
        Start and end of each movement (any duration of at least 0.5 s), in seconds.
    peak_uv : ndarray of float
        Highest envelope value above the baseline during each movement, µV.
    envelope : Envelope
        The envelope the movements were found on.
    baseline_uv : ndarray of float
        Resting baseline per envelope block, µV.
    suspended : ndarray of bool
        Per envelope block: True where detection was suspended (baseline too noisy).
    """

    onset_s: FloatArray
    offset_s: FloatArray
    peak_uv: FloatArray
    envelope: Envelope
    baseline_uv: FloatArray
    suspended: BoolArray

    @property
    def suspended_s(self) -> float:
        """Time with detection suspended, in seconds."""
        return float(self.suspended.sum()) * self.envelope.step_s


def noisy_blocks(baseline_uv: FloatArray, rules: ScoringRules = WASM2016) -> BoolArray:
    """Blocks whose resting baseline is above ``rules.max_resting_uv``."""
    return np.asarray(baseline_uv > rules.max_resting_uv, dtype=bool)


def detect_leg_movements(
    data: npt.ArrayLike,
    sf: float,
    rules: ScoringRules = WASM2016,
    suspended: BoolArray | None = None,
    envelope: Envelope | None = None,
    baseline: FloatArray | None = None,
) -> LegDetection:
    """Detect leg movements on one leg EMG channel.

    Parameters
    ----------
    data : array_like of float
        EMG in microvolts (µV).
    sf : float
        Sampling rate in Hz.
    rules : ScoringRules
        Onset/offset thresholds, minimum duration and the noise limit.
    suspended : ndarray of bool, optional
        Per envelope block, extra time to leave unscored (e.g. the other leg is noisy).
        By default, blocks where this leg's baseline is too noisy.
    envelope : Envelope, optional
        A precomputed envelope of ``data`` (saves filtering twice).
    baseline : ndarray of float, optional
        A precomputed ``resting_baseline(envelope)``.

    Returns
    -------
    LegDetection
        Movements of at least ``rules.min_duration_s``; longer-than-candidate ones are
        kept so that the series logic can see them.
    """
    env = envelope if envelope is not None else emg_envelope(data, sf)
    if baseline is None:
        baseline = resting_baseline(env)
    if suspended is None:
        suspended = noisy_blocks(baseline, rules)
    values = env.values_uv.astype(np.float64) - baseline
    n = len(values)
    high = (values >= rules.onset_uv) & ~suspended
    quiet = (values <= rules.offset_uv) | suspended
    n_quiet = max(1, round(rules.offset_quiet_s / env.step_s))

    # Starts of quiet stretches long enough to end a movement.
    q = np.concatenate(([False], quiet, [False]))
    edges = np.flatnonzero(q[1:] != q[:-1])
    run_starts, run_ends = edges[0::2], edges[1::2]
    ends_ok = run_starts[(run_ends - run_starts) >= n_quiet]
    ends_ok = np.append(ends_ok, n)  # a movement still going at the end stops there

    above = np.flatnonzero(high)
    empty = np.zeros(0, dtype=np.float64)
    if above.size == 0:
        return LegDetection(empty, empty, empty, env, baseline, suspended)
    # Each supra-threshold block belongs to the movement ending at the first long
    # quiet stretch after it, so grouping blocks by that end yields the movements.
    end_of = ends_ok[np.searchsorted(ends_ok, above, side="right")]
    _, first = np.unique(end_of, return_index=True)
    onsets = above[first]
    offsets = end_of[first]
    touches_suspended = _touches(suspended, onsets, offsets)
    keep = (offsets - onsets) * env.step_s >= rules.min_duration_s
    keep &= ~touches_suspended
    onsets, offsets = onsets[keep], offsets[keep]
    if onsets.size == 0:
        return LegDetection(empty, empty, empty, env, baseline, suspended)
    bounds = np.empty(2 * onsets.size, dtype=np.int64)
    bounds[0::2], bounds[1::2] = onsets, offsets
    peaks = np.maximum.reduceat(np.append(values, 0.0), bounds)[0::2]
    return LegDetection(
        onset_s=onsets * env.step_s,
        offset_s=offsets * env.step_s,
        peak_uv=peaks.astype(np.float64),
        envelope=env,
        baseline_uv=baseline,
        suspended=suspended,
    )


def _touches(mask: BoolArray, starts: npt.NDArray[np.int64], stops: npt.NDArray[np.int64]) -> BoolArray:
    """True for each [start, stop] block span that contains or borders a True in ``mask``."""
    if not mask.any():
        return np.zeros(len(starts), dtype=bool)
    csum = np.concatenate(([0], np.cumsum(mask)))
    lo = np.maximum(starts - 1, 0)
    hi = np.minimum(stops + 1, len(mask))
    return np.asarray(csum[hi] - csum[lo] > 0, dtype=bool)
