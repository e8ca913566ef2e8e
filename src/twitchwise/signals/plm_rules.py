"""The leg-movement scoring rules: WASM/IRLSSG 2016 and the AASM option, as pure functions.

Everything here works on movement tables (onsets and offsets in seconds), never on
signals: combining the two legs, respiratory association, periodic series, the
periodicity index and the intermovement-interval histogram.

References
----------
Ferri R, Fulda S, Allen RP, et al. World Association of Sleep Medicine (WASM) 2016
standards for recording and scoring leg movements in polysomnograms developed by a
joint task force from the IRLSSG and the EURLSSG. Sleep Med. 2016;26:86-95.

Berry RB, et al. The AASM Manual for the Scoring of Sleep and Associated Events,
version 2.x (limb-movement rules).

Ferri R, Zucconi M, Manconi M, et al. New approaches to the study of periodic leg
movements during sleep in restless legs syndrome. Sleep. 2006;29(6):759-769
(periodicity index).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from twitchwise.domain.errors import InputError

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ScoringRules:
    """One complete set of leg-movement scoring rules.

    Attributes
    ----------
    name : str
        ``"wasm2016"`` or ``"aasm"``.
    onset_uv, offset_uv : float
        LM onset at ``onset_uv`` above the resting baseline; offset at the start of at
        least ``offset_quiet_s`` seconds at or below ``offset_uv`` above it (µV).
    min_duration_s, max_mono_s, max_bilateral_s : float
        Candidate LM durations, in seconds (monolateral and bilateral maxima).
    max_components : int
        Most monolateral LMs one bilateral candidate may be made of.
    bilateral : {"gap", "onset"}
        ``"gap"``: movements on both legs that overlap or are less than
        ``bilateral_window_s`` apart (offset to onset) are one (WASM 2016);
        ``"onset"``: movements whose onsets are less than ``bilateral_window_s``
        apart are one (AASM).
    min_imi_s, max_imi_s : float
        Onset-to-onset intervals allowed inside a periodic series, in seconds.
    min_series : int
        Fewest consecutive candidates that make a periodic series.
    short_imi_breaks_series : bool
        True (WASM 2016): a candidate with an interval under ``min_imi_s`` ends a series
        and cannot start one; False (AASM): it is skipped and the series goes on.
    long_lm_breaks_series : bool
        True (WASM 2016): a movement too long to be a candidate ends a series.
    resp_anchor : {"end", "event"}
        ``"end"``: a candidate overlapping ``[end - resp_before_s, end + resp_after_s]``
        of a respiratory event is respiratory-related (WASM 2016); ``"event"``: one
        overlapping ``[onset - resp_before_s, end + resp_after_s]`` is (AASM).
    resp_breaks_series : bool
        True (WASM 2016): a respiratory-related candidate is not periodic and ends a
        series; False (AASM): it is not scored, and the series skips over it.
    max_resting_uv : float
        Detection is suspended where the resting baseline of the envelope exceeds this
        (µV): the noise floor is then too high to see an 8 µV rise reliably.
    """

    name: str
    onset_uv: float = 8.0
    offset_uv: float = 2.0
    offset_quiet_s: float = 0.5
    min_duration_s: float = 0.5
    max_mono_s: float = 10.0
    max_bilateral_s: float = 15.0
    max_components: int = 4
    bilateral: Literal["gap", "onset"] = "gap"
    bilateral_window_s: float = 0.5
    min_imi_s: float = 10.0
    max_imi_s: float = 90.0
    min_series: int = 4
    short_imi_breaks_series: bool = True
    long_lm_breaks_series: bool = True
    resp_anchor: Literal["end", "event"] = "end"
    resp_before_s: float = 2.0
    resp_after_s: float = 10.25
    resp_breaks_series: bool = True
    max_resting_uv: float = 10.0


WASM2016: Final = ScoringRules(name="wasm2016")

AASM: Final = ScoringRules(
    name="aasm",
    max_bilateral_s=math.inf,
    max_components=2,
    bilateral="onset",
    bilateral_window_s=5.0,
    min_imi_s=5.0,
    short_imi_breaks_series=False,
    long_lm_breaks_series=False,
    resp_anchor="event",
    resp_before_s=0.5,
    resp_after_s=0.5,
    resp_breaks_series=False,
)

RULES: Final[dict[str, ScoringRules]] = {"wasm2016": WASM2016, "aasm": AASM}


def rules_by_name(name: str) -> ScoringRules:
    """The rule set called ``name`` ("wasm2016" or "aasm"); raises InputError otherwise."""
    try:
        return RULES[name.strip().lower()]
    except KeyError:
        raise InputError(f"rules must be one of {', '.join(RULES)}; got {name!r}.", field="rules") from None


@dataclass(frozen=True)
class CombinedMovements:
    """Movements after the two legs are combined, sorted by onset.

    Attributes
    ----------
    onset_s, offset_s, peak_uv : ndarray of float
        Onset and offset in seconds from the start; peak envelope above baseline, µV.
    legs : list of str
        The leg(s) of each movement, joined with "+" when bilateral.
    n_components : ndarray of int
        How many monolateral movements each one is made of.
    is_candidate : ndarray of bool
        True for a candidate LM (duration within the rules' limits).
    """

    onset_s: FloatArray
    offset_s: FloatArray
    peak_uv: FloatArray
    legs: list[str]
    n_components: IntArray
    is_candidate: BoolArray

    @property
    def duration_s(self) -> FloatArray:
        """Duration of each movement, in seconds."""
        return self.offset_s - self.onset_s

    @property
    def bilateral(self) -> BoolArray:
        """True where a movement involves more than one leg."""
        return np.array(["+" in leg for leg in self.legs], dtype=bool)


def combine_legs(
    per_leg: dict[str, tuple[FloatArray, FloatArray, FloatArray]], rules: ScoringRules
) -> CombinedMovements:
    """Combine monolateral movements on two (or more) legs into single movements.

    Parameters
    ----------
    per_leg : dict
        Leg name to ``(onset_s, offset_s, peak_uv)`` arrays of its movements.
    rules : ScoringRules
        Decides how close movements must be to merge and which are candidates.

    Returns
    -------
    CombinedMovements
        One row per combined movement. A movement holding a monolateral part longer
        than ``max_mono_s`` is not a candidate, whatever its total length.
    """
    rows: list[tuple[float, float, float, str]] = []
    for leg, (leg_on, leg_off, leg_peak) in per_leg.items():
        for a, b, c in zip(leg_on, leg_off, leg_peak, strict=True):
            rows.append((float(a), float(b), float(c), leg))
    rows.sort(key=lambda r: r[0])

    onsets: list[float] = []
    offsets: list[float] = []
    peaks: list[float] = []
    legs: list[set[str]] = []
    components: list[int] = []
    has_long: list[bool] = []
    for on, off, peak, leg in rows:
        too_long = bool((off - on) > rules.max_mono_s)
        if onsets:
            if rules.bilateral == "gap":
                # WASM: overlapping or < 0.5 s apart, offset to onset; a chain of such
                # movements is one movement of several components.
                joins = on - offsets[-1] < rules.bilateral_window_s
            else:
                # AASM: different legs whose onsets are < 5 s apart, or overlapping.
                joins = (leg not in legs[-1] and on - onsets[-1] < rules.bilateral_window_s) or (on < offsets[-1])
            if joins:
                offsets[-1] = max(offsets[-1], off)
                peaks[-1] = max(peaks[-1], peak)
                legs[-1].add(leg)
                components[-1] += 1
                has_long[-1] = has_long[-1] or too_long
                continue
        onsets.append(on)
        offsets.append(off)
        peaks.append(peak)
        legs.append({leg})
        components.append(1)
        has_long.append(too_long)

    on_a = np.asarray(onsets, dtype=np.float64)
    off_a = np.asarray(offsets, dtype=np.float64)
    n_comp = np.asarray(components, dtype=np.int64)
    duration = off_a - on_a
    bilateral = np.array([len(s) > 1 for s in legs], dtype=bool)
    max_dur = np.where(bilateral, rules.max_bilateral_s, rules.max_mono_s)
    is_candidate = (
        (duration >= rules.min_duration_s)
        & (duration <= max_dur)
        & (n_comp <= rules.max_components)
        & ~np.asarray(has_long, dtype=bool)
    )
    return CombinedMovements(
        onset_s=on_a,
        offset_s=off_a,
        peak_uv=np.asarray(peaks, dtype=np.float64),
        legs=["+".join(sorted(s)) for s in legs],
        n_components=n_comp,
        is_candidate=is_candidate,
    )


def respiratory_associated(
    onset_s: FloatArray,
    offset_s: FloatArray,
    respiratory_events: FloatArray | None,
    rules: ScoringRules,
) -> BoolArray:
    """Which movements overlap the respiratory-association window of any respiratory event.

    Parameters
    ----------
    onset_s, offset_s : ndarray of float
        The movements, in seconds.
    respiratory_events : ndarray of float, shape (n, 2), or None
        Apneas and hypopneas as ``[onset_s, duration_s]`` rows.
    rules : ScoringRules
        WASM 2016: window from 2.0 s before to 10.25 s after the event's end;
        AASM: from 0.5 s before the event's onset to 0.5 s after its end.

    Returns
    -------
    ndarray of bool
        True for a respiratory-related movement.
    """
    if respiratory_events is None or len(respiratory_events) == 0 or len(onset_s) == 0:
        return np.zeros(len(onset_s), dtype=bool)
    ev = np.asarray(respiratory_events, dtype=np.float64).reshape(-1, 2)
    ends = ev[:, 0] + ev[:, 1]
    anchor = ends if rules.resp_anchor == "end" else ev[:, 0]
    return _overlaps_any_window(onset_s, offset_s, anchor - rules.resp_before_s, ends + rules.resp_after_s)


#: AASM and WASM 2016: an arousal and an LM are associated when they overlap or when less
#: than 0.5 s separates the end of one from the onset of the other, whichever is first.
AROUSAL_GAP_S = 0.5


def arousal_associated(
    onset_s: FloatArray, offset_s: FloatArray, arousals: FloatArray | None
) -> BoolArray:
    """Which movements are associated with an arousal (overlap, or < 0.5 s apart).

    Parameters
    ----------
    onset_s, offset_s : ndarray of float
        The movements, in seconds.
    arousals : ndarray of float, shape (n, 2), or None
        Arousals as ``[onset_s, duration_s]`` rows.

    Returns
    -------
    ndarray of bool
        True for a movement with an arousal.
    """
    if arousals is None or len(arousals) == 0 or len(onset_s) == 0:
        return np.zeros(len(onset_s), dtype=bool)
    ev = np.asarray(arousals, dtype=np.float64).reshape(-1, 2)
    # "less than 0.5 s": a gap of exactly 0.5 s is not an association
    gap = AROUSAL_GAP_S - 1e-9
    return _overlaps_any_window(onset_s, offset_s, ev[:, 0] - gap, ev[:, 0] + ev[:, 1] + gap)


def _overlaps_any_window(onset_s: FloatArray, offset_s: FloatArray, lo: FloatArray, hi: FloatArray) -> BoolArray:
    """Per movement: True if ``[onset, offset]`` overlaps any window ``[lo, hi]``."""
    out = np.zeros(len(onset_s), dtype=bool)
    order = np.argsort(lo)
    lo, hi = lo[order], np.maximum.accumulate(hi[order])
    # A movement overlaps some window iff, among windows starting before its offset,
    # the furthest-reaching one ends after its onset (windows sorted by start).
    k = np.searchsorted(lo, offset_s, side="right")
    has = k > 0
    out[has] = hi[k[has] - 1] >= onset_s[has]
    return out


@dataclass(frozen=True)
class SeriesResult:
    """Periodic series found in a sequence of movements.

    Attributes
    ----------
    in_series : ndarray of bool
        Per movement: True if it belongs to a periodic series (a PLM).
    series_id : ndarray of int
        Per movement: the series number (0, 1, ...) or -1.
    imi_s : ndarray of float
        Per movement: onset-to-onset interval from the previous scored candidate, in
        seconds (NaN for the first, and for movements that are not candidates).
    """

    in_series: BoolArray
    series_id: IntArray
    imi_s: FloatArray


def find_series(onset_s: FloatArray, scored: BoolArray, breaks: BoolArray, rules: ScoringRules) -> SeriesResult:
    """Find periodic series among movements sorted by onset.

    Parameters
    ----------
    onset_s : ndarray of float
        Movement onsets in seconds, ascending.
    scored : ndarray of bool
        Movements that may be periodic (candidates, not respiratory-related).
    breaks : ndarray of bool
        Movements that are not scored but end any running series (long movements,
        respiratory-related candidates under WASM 2016, suspended detection).
        Movements neither scored nor breaking are ignored.
    rules : ScoringRules
        Interval limits, minimum series length and how a short interval is treated.

    Returns
    -------
    SeriesResult
    """
    n = len(onset_s)
    in_series = np.zeros(n, dtype=bool)
    series_id = np.full(n, -1, dtype=np.int64)
    imi = np.full(n, np.nan, dtype=np.float64)
    run: list[int] = []
    next_id = 0
    prev_onset: float | None = None

    def close() -> None:
        nonlocal next_id
        if len(run) >= rules.min_series:
            in_series[run] = True
            series_id[run] = next_id
            next_id += 1
        run.clear()

    for i in range(n):
        if breaks[i] and not scored[i]:
            close()
            prev_onset = None
            continue
        if not scored[i]:
            continue
        t = float(onset_s[i])
        if prev_onset is None:
            close()
            run.append(i)
            prev_onset = t
            continue
        interval = t - prev_onset
        imi[i] = interval
        if interval < rules.min_imi_s:
            if rules.short_imi_breaks_series:
                close()  # neither this one nor the one before can carry a series on
                prev_onset = t
            # AASM: skipped; the next interval is measured from the last kept movement
            continue
        if interval > rules.max_imi_s:
            close()
        run.append(i)
        prev_onset = t
    close()
    return SeriesResult(in_series=in_series, series_id=series_id, imi_s=imi)


def periodicity_index(imi_s: FloatArray, low_s: float = 10.0, high_s: float = 90.0) -> float | None:
    """Ferri's periodicity index: share of intervals that sit in runs of 3+ periodic ones.

    Parameters
    ----------
    imi_s : ndarray of float
        Consecutive onset-to-onset intervals between candidate LMs, in seconds.
    low_s, high_s : float
        The periodic range.

    Returns
    -------
    float or None
        Between 0 and 1; None when there is no interval.
    """
    if len(imi_s) == 0:
        return None
    periodic = (imi_s >= low_s) & (imi_s <= high_s)
    counted = 0
    run = 0
    for p in periodic.tolist():
        if p:
            run += 1
            continue
        if run >= 3:
            counted += run
        run = 0
    if run >= 3:
        counted += run
    return counted / len(imi_s)


#: Intermovement-interval histogram bins: 2-s bins up to 90 s, then one open bin.
IMI_BIN_EDGES_S: Final = (*tuple(float(e) for e in range(0, 92, 2)), math.inf)


def imi_histogram(imi_s: FloatArray) -> dict[str, int]:
    """Counts of intervals per 2-s bin ("0-2", "2-4", ..., "88-90", ">90"), in seconds."""
    edges = np.asarray(IMI_BIN_EDGES_S)
    counts, _ = np.histogram(imi_s[np.isfinite(imi_s)], bins=edges)
    labels = [f"{int(a)}-{int(b)}" for a, b in itertools.pairwise(edges[:-1])]
    labels.append(">90")
    return dict(zip(labels, (int(c) for c in counts), strict=True))
