"""The cardiac field in leg EMG: R peaks, and its removal by template subtraction.

The heart's electrical field reaches the tibialis leads as a small QRS complex once a
beat. Band-passed and rectified it can lift the resting baseline or lengthen a leg
movement. R peaks are found in an ECG channel, or, when a file has none, in the leg EMG
itself (where the field stands out of the leg's background as a regular train of narrow
spikes). Around each R peak, a template of the leg's cardiac field (the median of the
neighbouring beats) is scaled to the beat and subtracted, so leg movements, which are
not time-locked to the heart, stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import ndimage, signal

FloatArray = npt.NDArray[np.float64]

#: Window cancelled around each R peak, s (QRS onset to its end, with margins).
WINDOW_S = (-0.10, 0.14)
#: Beats on each side whose median makes a beat's template.
TEMPLATE_BEATS = 15


@dataclass(frozen=True)
class RPeaks:
    """R peaks of one night.

    Attributes
    ----------
    samples : ndarray of int64
        Sample index of each R peak.
    sf : float
        Sampling rate, Hz.
    source : str
        Where the peaks were found (an ECG channel's label), or "none".
    """

    samples: npt.NDArray[np.int64]
    sf: float
    source: str

    @property
    def heart_rate_bpm(self) -> float | None:
        """Median heart rate, beats per minute (None with fewer than 2 peaks)."""
        if len(self.samples) < 2:
            return None
        return float(60.0 * self.sf / np.median(np.diff(self.samples)))


def detect_r_peaks(data: npt.ArrayLike, sf: float, source: str = "ecg") -> RPeaks:
    """Find R peaks in an ECG channel.

    Parameters
    ----------
    data : array_like of float
        One channel, µV (the polarity does not matter).
    sf : float
        Sampling rate, Hz (at least 50).
    source : str
        Recorded in the result (the channel's label, or "ecg").

    Returns
    -------
    RPeaks
        With ``source="none"`` and no peaks when fewer than 10 are found, when they do
        not stand out of the background (median peak under 5 times the channel's median
        slope energy, as in noise), or when their typical interval is not a heart rate
        (30-180 per minute).
    """
    return _r_peaks(np.asarray(data, dtype=np.float32), sf, source, spikes_only=False)


#: Leg EMG: excerpts screened for a cardiac field before the whole night is searched.
SCREEN_EXCERPTS = 5
SCREEN_S = 120.0
#: A train of R peaks found in a leg: share of intervals within 0.8-1.25 x the median.
LEG_REGULARITY = 0.7


def detect_r_peaks_in_legs(legs: Mapping[str, npt.ArrayLike], sf: Mapping[str, float]) -> RPeaks:
    """Find R peaks in the leg EMG itself, for files without an ECG channel.

    Each leg is first screened (five 2-minute excerpts across the night: most of them
    must hold a regular train of narrow spikes); the leg whose field is found most often
    is then searched over the whole night. Peaks in a sustained burst (a leg movement)
    are not taken as beats: a QRS is a narrow spike in quiet surroundings.

    Parameters
    ----------
    legs : mapping of str to array_like
        Leg name to EMG, µV.
    sf : mapping of str to float
        Leg name to sampling rate, Hz.

    Returns
    -------
    RPeaks
        ``source`` is ``"leg EMG (<leg>)"``; no peaks (``source="none"``) when no leg
        carries a cardiac field that stands out.
    """
    best: tuple[int, str] | None = None
    for leg, data in legs.items():
        x = np.asarray(data, dtype=np.float32)
        rate = float(sf[leg])
        hits = sum(
            _regular(_r_peaks(excerpt, rate, leg, spikes_only=True))
            for excerpt in _excerpts(x, rate)
        )
        if hits > SCREEN_EXCERPTS // 2 and (best is None or hits > best[0]):
            best = (hits, leg)
    if best is None:
        first = next(iter(sf.values()), 0.0)
        return RPeaks(np.zeros(0, dtype=np.int64), float(first), "none")
    leg = best[1]
    peaks = _r_peaks(np.asarray(legs[leg], dtype=np.float32), float(sf[leg]), f"leg EMG ({leg})", spikes_only=True)
    return peaks if _regular(peaks) else RPeaks(np.zeros(0, dtype=np.int64), peaks.sf, "none")


def _excerpts(x: npt.NDArray[np.float32], sf: float) -> list[npt.NDArray[np.float32]]:
    n = round(SCREEN_S * sf)
    if x.size <= n * SCREEN_EXCERPTS:
        return [x[i * n : (i + 1) * n] for i in range(min(SCREEN_EXCERPTS, max(1, x.size // n)))]
    starts = np.linspace(0, x.size - n, SCREEN_EXCERPTS).astype(np.int64)
    return [x[a : a + n] for a in starts]


def _regular(peaks: RPeaks) -> bool:
    """A heartbeat train: most intervals within 0.8-1.25 times the median interval."""
    if len(peaks.samples) < 10:
        return False
    rr = np.diff(peaks.samples).astype(np.float64)
    typical = float(np.median(rr))
    return bool(np.mean((rr >= 0.8 * typical) & (rr <= 1.25 * typical)) >= LEG_REGULARITY)


def _r_peaks(x: npt.NDArray[np.float32], sf: float, source: str, spikes_only: bool) -> RPeaks:
    """R peaks of one channel; ``spikes_only`` (leg EMG) drops peaks inside sustained bursts
    and takes the threshold from the typical 10-s window, so a burst does not hide beats."""
    empty = RPeaks(np.zeros(0, dtype=np.int64), sf, "none")
    if x.size < sf * 10 or sf < 50:
        return empty
    # Peaks are sought at 200-400 Hz (a boxcar mean of q samples), then placed at the
    # full rate: the same peaks for a fraction of the memory of a 512-Hz night.
    q = max(1, int(sf // 200))
    xd = x[: x.size // q * q].reshape(-1, q).mean(axis=1, dtype=np.float32) if q > 1 else x
    sfd = sf / q
    sos = signal.butter(2, (8.0, min(30.0, 0.45 * sfd)), btype="bandpass", fs=sfd, output="sos")
    # float32 throughout (a 2nd-order band-pass is stable in single precision): half the memory
    band = np.asarray(signal.sosfiltfilt(sos.astype(np.float32), xd), dtype=np.float32)
    del xd  # the intermediate arrays of a whole night are let go as soon as they are used
    slope = np.gradient(band)
    np.abs(slope, out=slope)
    energy = ndimage.uniform_filter1d(slope, max(1, round(0.04 * sfd)))
    del slope
    # a local threshold: half of the 98th percentile in 10-s windows
    win = round(10 * sfd)
    n_win = max(1, energy.size // win)
    levels = np.percentile(energy[: n_win * win].reshape(n_win, -1), 98, axis=1)
    if spikes_only:
        # a leg movement lifts its window's level: no higher than the typical window's
        levels = np.minimum(levels, float(np.median(levels)))
    peaks = _peaks_above(energy, 0.5 * levels, win, round(0.33 * sfd))
    if spikes_only and len(peaks):
        peaks = peaks[_narrow(energy, peaks, sfd)]
    # heartbeats stand far out of the channel's background; peaks in noise do not
    if len(peaks) < 10 or np.median(energy[peaks]) < 5.0 * np.median(energy):
        return empty
    # the R peak: the largest band-passed deflection near each energy peak, then the
    # largest deviation of the raw channel within one decimation step of it
    half = round(0.05 * sfd)
    coarse = _argmax_near(np.abs(band), peaks, half)
    if q > 1:
        centre = coarse * q
        ref = round(0.05 * sf)
        level = _window_means(x, centre, ref)
        start = np.clip(centre - q, 0, x.size - 3 * q)
        windows = np.lib.stride_tricks.sliding_window_view(x, 3 * q)  # x[c - q : c + 2q]
        refined = start + np.argmax(np.abs(windows[start] - level[:, None]), axis=1)
    else:
        refined = coarse
    typical = float(np.median(np.diff(refined))) / sf
    if not 0.33 <= typical <= 2.0:
        return empty
    # a peak closer than 70 % of the typical interval to the last one kept is not a beat
    # (a leg movement's burst, or a T wave)
    kept = [int(refined[0])]
    for p in refined[1:]:
        if p - kept[-1] >= 0.7 * typical * sf:
            kept.append(int(p))
    samples = np.asarray(kept, dtype=np.int64)
    return RPeaks(samples, sf, source)


def _peaks_above(
    energy: npt.NDArray[np.float32], thresholds: FloatArray, win: int, distance: int
) -> npt.NDArray[np.intp]:
    """Local maxima at or above their window's threshold, at least ``distance`` apart.

    As ``scipy.signal.find_peaks(energy, distance=...)`` followed by the threshold (the
    higher of two close peaks is kept), but in float32 and on the maxima above the
    threshold only: find_peaks would hold a float64 copy of the whole night.
    """
    if energy.size < 3:
        return np.zeros(0, dtype=np.intp)
    mid = energy[1:-1]
    cand = np.flatnonzero((mid > energy[:-2]) & (mid >= energy[2:])) + 1
    cand = cand[energy[cand] >= thresholds[np.minimum(cand // win, len(thresholds) - 1)]]
    if len(cand) < 2:
        return np.asarray(cand, dtype=np.intp)
    # the highest first; each kept peak removes the lower ones closer than `distance`
    order = np.argsort(-energy[cand], kind="stable")
    keep = np.ones(len(cand), dtype=bool)
    lo = np.searchsorted(cand, cand - distance + 1, side="left")
    hi = np.searchsorted(cand, cand + distance - 1, side="right")
    for i in order.tolist():
        if keep[i]:
            keep[lo[i] : hi[i]] = False
            keep[i] = True
    return np.asarray(cand[keep], dtype=np.intp)


def _narrow(energy: npt.NDArray[np.float32], peaks: npt.NDArray[np.intp], sf: float) -> npt.NDArray[np.bool_]:
    """Peaks standing at least 4 times above the median energy 80-250 ms either side
    of them (a QRS in quiet EMG), not inside a sustained burst."""
    near, far = round(0.08 * sf), round(0.25 * sf)
    offsets = np.concatenate((np.arange(-far, -near), np.arange(near + 1, far + 1)))
    keep = np.zeros(len(peaks), dtype=np.bool_)
    for a in range(0, len(peaks), 8192):  # in chunks: a night has ~10^5 candidate peaks
        at = peaks[a : a + 8192]
        index = np.clip(at[:, None] + offsets[None, :], 0, energy.size - 1)
        keep[a : a + 8192] = energy[at] >= 4.0 * np.median(energy[index], axis=1)
    return keep


def _argmax_near(
    values: npt.NDArray[np.floating[Any]], at: npt.NDArray[np.intp], half: int
) -> npt.NDArray[np.int64]:
    """Index of the largest value within ``half`` samples before and after each of ``at``."""
    start = np.clip(at - half, 0, values.size - 2 * half)
    windows = np.lib.stride_tricks.sliding_window_view(values, 2 * half)  # a view, no copy
    return np.asarray(start + np.argmax(windows[start], axis=1), dtype=np.int64)


def _window_means(
    x: npt.NDArray[np.float32], at: npt.NDArray[np.int64], half: int
) -> npt.NDArray[np.float64]:
    """Mean of ``x`` over the ``2 * half`` samples around each of ``at``."""
    start = np.clip(at - half, 0, x.size - 2 * half)
    windows = np.lib.stride_tricks.sliding_window_view(x, 2 * half)
    return np.asarray(windows[start].mean(axis=1, dtype=np.float64), dtype=np.float64)


@dataclass(frozen=True)
class CardiacCancellation:
    """A leg channel with its cardiac field subtracted.

    Attributes
    ----------
    data_uv : ndarray of float32
        The cleaned channel, µV.
    affected_share : float
        Share of the channel's samples inside a cancelled window (0-1).
    beats : int
        Beats cancelled.
    field_uv : float
        Median peak-to-peak amplitude of the cardiac template, µV.
    """

    data_uv: npt.NDArray[np.float32]
    affected_share: float
    beats: int
    field_uv: float

    def summary(self) -> dict[str, Any]:
        """``ecg_beats``, ``ecg_affected_share`` and ``ecg_field_uv``."""
        return {
            "ecg_beats": self.beats,
            "ecg_affected_share": round(self.affected_share, 4),
            "ecg_field_uv": round(self.field_uv, 1),
        }


def cancel_cardiac_field(
    data: npt.ArrayLike, sf: float, peaks: RPeaks, in_place: bool = False
) -> CardiacCancellation:
    """Subtract the cardiac field from one leg EMG channel by template subtraction.

    Parameters
    ----------
    data : array_like of float
        Leg EMG, µV.
    sf : float
        Its sampling rate, Hz.
    peaks : RPeaks
        R peaks (their own rate may differ; they are mapped onto this channel's).
    in_place : bool
        Subtract from ``data`` itself (a float32 array) instead of a copy: a night's leg
        is not held twice.

    Returns
    -------
    CardiacCancellation
    """
    x = np.asarray(data, dtype=np.float32)
    if len(peaks.samples) < 2 * TEMPLATE_BEATS:
        return CardiacCancellation(x if in_place else x.copy(), 0.0, 0, 0.0)
    centres = np.round(peaks.samples * (sf / peaks.sf)).astype(np.int64)
    lo, hi = round(WINDOW_S[0] * sf), round(WINDOW_S[1] * sf)
    centres = centres[(centres + lo >= 0) & (centres + hi < x.size)]
    offsets = np.arange(lo, hi)
    # Each beat's window less its own mean, so slow drifts do not enter the templates.
    # (float32 and int32 indices: an 8-hour 512-Hz night has ~30,000 beats of 123 samples)
    index = (centres[:, None] + offsets[None, :]).astype(np.int32 if x.size < 2**31 else np.int64)
    segments = x[index]
    segments -= segments.mean(axis=1, keepdims=True, dtype=np.float64).astype(np.float32)
    taper = signal.windows.tukey(len(offsets), 0.3)
    out = x if in_place and x is data else x.copy()
    # One template per block of beats: the median of the block and its neighbours (45
    # beats; at either end of the night the 45 nearest), all blocks in one call.
    n = len(centres)
    span = min(n, 3 * TEMPLATE_BEATS)
    starts = np.clip(np.arange(0, n, TEMPLATE_BEATS) - TEMPLATE_BEATS, 0, n - span)
    windows = np.lib.stride_tricks.sliding_window_view(segments, span, axis=0)  # (n - span + 1, L, span)
    templates = np.empty((len(starts), len(offsets)), dtype=np.float32)  # (blocks, L)
    for a in range(0, len(starts), 256):  # 256 blocks at a time: bounded memory
        templates[a : a + 256] = np.median(windows[starts[a : a + 256]], axis=2)
    per_beat = templates[np.arange(n) // TEMPLATE_BEATS]
    fits = _fit_beats(segments, per_beat)
    amplitudes = np.ptp(per_beat, axis=1)
    fits *= taper.astype(np.float32)[None, :]
    out[index] -= fits  # windows do not overlap: R peaks are over 0.33 s apart, windows 0.24 s
    return CardiacCancellation(
        out,
        float(n * len(offsets) / x.size) if x.size else 0.0,
        len(centres),
        float(np.median(amplitudes)),
    )


def _fit_beats(
    segments: npt.NDArray[np.float32], templates: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """Each beat's fit by its template and the template's derivative (least squares).

    The scale is kept within 0.5-1.5 (the field changes slowly from beat to beat; a leg
    movement under a beat must not make it jump), and the derivative term, which shifts
    the template by a fraction of a sample, within one sample: at 128-256 Hz a QRS
    sampled a fraction of a sample off its template leaves a residual that chains leg
    movements (a real 128-Hz home PSG with its own ECG mixed into the legs at 50 %:
    39 LMs with the scale alone, 4 with the derivative term, 1 without the ECG).

    Parameters
    ----------
    segments, templates : ndarray of float32, shape (beats, samples)
        Each beat's window (less its mean) and the template it is fitted by.
    """
    deriv = np.gradient(templates, axis=1)
    tt = np.einsum("ij,ij->i", templates, templates, dtype=np.float64)
    td = np.einsum("ij,ij->i", templates, deriv, dtype=np.float64)
    dd = np.einsum("ij,ij->i", deriv, deriv, dtype=np.float64)
    rt = np.einsum("ij,ij->i", segments, templates, dtype=np.float64)
    rd = np.einsum("ij,ij->i", segments, deriv, dtype=np.float64)
    det = tt * dd - td * td
    solvable = (tt > 0) & (det > 1e-12 * tt * np.maximum(dd, 1e-12))
    safe_det = np.where(solvable, det, 1.0)
    scale_only = np.where(tt > 0, rt / np.where(tt > 0, tt, 1.0), 0.0)
    scale = np.clip(np.where(solvable, (rt * dd - rd * td) / safe_det, scale_only), 0.5, 1.5)
    scale = np.where(tt > 0, scale, 0.0)
    shift = np.where(solvable, np.clip((rd * tt - rt * td) / safe_det, -scale, scale), 0.0)
    out = templates * scale.astype(np.float32)[:, None]
    out += deriv * shift.astype(np.float32)[:, None]
    return np.asarray(out, dtype=np.float32)
