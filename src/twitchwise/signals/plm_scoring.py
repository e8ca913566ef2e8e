"""Score leg movements and periodic leg movements over a night, from leg EMG arrays.

>>> result = score_leg_movements({"left": lat_uv, "right": rat_uv}, sf=512.0,
...                              hypnogram=stages, respiratory_events=apneas)
>>> result.summary()["plms_index"]
>>> result.events.head()
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from twitchwise.domain.errors import InputError
from twitchwise.signals import sleep_stages as st
from twitchwise.signals.leg_movements import (
    LegDetection,
    detect_leg_movements,
    emg_envelope,
    noisy_blocks,
    resting_baseline,
)
from twitchwise.signals.plm_rules import (
    ScoringRules,
    arousal_associated,
    combine_legs,
    find_series,
    imi_histogram,
    periodicity_index,
    respiratory_associated,
    rules_by_name,
)

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Columns of ``LegMovementResult.events``.
EVENT_COLUMNS = (
    "onset",
    "duration",
    "offset",
    "leg",
    "bilateral",
    "peak_uv",
    "stage",
    "candidate",
    "respiratory",
    "arousal",
    "periodic",
    "series_id",
    "imi_s",
)


@dataclass(frozen=True)
class LegMovementResult:
    """Leg movements of one night, scored by one rule set.

    Attributes
    ----------
    events : pandas.DataFrame
        One row per movement, sorted by onset. Columns: ``onset``, ``duration`` and
        ``offset`` (s from the recording start), ``leg`` ("left", "right" or
        "left+right"), ``bilateral`` (bool), ``peak_uv`` (peak envelope above the
        resting baseline, µV), ``stage`` ("W", "N1", "N2", "N3", "R" or "Uns"),
        ``candidate`` (a candidate LM by duration), ``respiratory`` (respiratory-related),
        ``arousal`` (associated with an annotated arousal: overlapping, or < 0.5 s apart),
        ``periodic`` (part of a PLM series), ``series_id`` (-1 if none) and ``imi_s``
        (interval from the previous scored candidate, s).
    series : pandas.DataFrame
        One row per PLM series: ``series_id``, ``start``, ``end`` (s), ``n_lm``, ``stage``
        (stage at its start).
    rules : ScoringRules
        The rules used.
    recording_s, sleep_s, wake_s, suspended_s, not_recorded_s : float
        Recording length; sleep and wake time scored (suspended and not recorded time
        removed); time with detection suspended (noisy EMG); time not recorded (EDF+D
        gaps); all in seconds. ``wake_s`` is NaN without a hypnogram.
    stages_available : bool
        False when no hypnogram was given: all time counts as sleep.
    legs : dict
        Per leg, its ``LegDetection`` (envelope, baseline, suspended blocks).
    """

    events: pd.DataFrame
    series: pd.DataFrame
    rules: ScoringRules
    recording_s: float
    sleep_s: float
    wake_s: float
    suspended_s: float
    stages_available: bool
    legs: dict[str, LegDetection] = field(repr=False)
    plm_count_all_clm: int = 0
    not_recorded_s: float = 0.0
    hypnogram: npt.NDArray[np.int8] | None = field(default=None, repr=False)
    arousal_count: int | None = None

    def summary(self) -> dict[str, Any]:
        """The night's figures, as a flat dict ready for JSON.

        Keys: ``rules``, ``recording_hours``, ``sleep_hours``, ``wake_hours``,
        ``time_suspended_s``, ``time_not_recorded_s`` (EDF+D gaps), ``stages_available``,
        ``lm_count`` (candidate LMs, whole night), ``lm_sleep_count``, ``lm_index`` (per hour of sleep), ``plm_count``,
        ``plms_count``, ``plms_index``, ``plmw_count``, ``plmw_index`` (per hour of wake),
        ``plms_index_all_clm`` (respiratory-related candidates not excluded, as WASM
        2016 asks to report too), ``respiratory_lm_count``, ``long_movement_count``,
        ``bilateral_lm_count``, ``series_count``, ``periodicity_index`` (sleep, 0-1),
        ``median_imi_s``, ``imi_histogram`` (sleep intervals per 2-s bin), and with
        annotated arousals ``arousal_count``, ``lm_arousal_count`` (sleep LMs with an
        arousal), ``plms_arousal_count`` and ``plms_arousal_index`` (PLMS with an arousal,
        per hour of sleep; None without arousal annotations).
        Indices are None where their denominator is zero or unknown.
        """
        ev = self.events
        cand = ev[ev["candidate"]]
        if self.stages_available:
            sleep_mask = cand["stage"].isin(["N1", "N2", "N3", "R"])
            wake_mask = cand["stage"].eq("W")
        else:
            sleep_mask = pd.Series(True, index=cand.index)
            wake_mask = pd.Series(False, index=cand.index)
        sleep_cand = cand[sleep_mask]
        periodic = cand[cand["periodic"]]
        sleep_h = self.sleep_s / 3600.0
        wake_h = self.wake_s / 3600.0 if np.isfinite(self.wake_s) else float("nan")
        imis = _sleep_imis(sleep_cand)
        pi = periodicity_index(imis)
        return {
            "rules": self.rules.name,
            "recording_hours": round(self.recording_s / 3600.0, 4),
            "sleep_hours": round(sleep_h, 4),
            "wake_hours": None if not np.isfinite(wake_h) else round(wake_h, 4),
            "time_suspended_s": round(self.suspended_s, 1),
            "time_not_recorded_s": round(self.not_recorded_s, 1),
            "stages_available": self.stages_available,
            "lm_count": len(cand),
            "lm_sleep_count": len(sleep_cand),
            "lm_index": _per_hour(len(sleep_cand), sleep_h),
            "plm_count": len(periodic),
            "plms_count": int((sleep_mask & cand["periodic"]).sum()),
            "plms_index": _per_hour(int((sleep_mask & cand["periodic"]).sum()), sleep_h),
            "plmw_count": int((wake_mask & cand["periodic"]).sum()),
            "plmw_index": _per_hour(int((wake_mask & cand["periodic"]).sum()), wake_h),
            "plms_index_all_clm": _per_hour(self.plm_count_all_clm, sleep_h),
            "respiratory_lm_count": int(cand["respiratory"].sum()),
            "long_movement_count": int((~ev["candidate"]).sum()),
            "bilateral_lm_count": int(cand["bilateral"].sum()),
            "series_count": len(self.series),
            "periodicity_index": None if pi is None else round(pi, 4),
            "median_imi_s": None if len(imis) == 0 else round(float(np.median(imis)), 2),
            "imi_histogram": imi_histogram(imis),
        } | self._arousal_figures(sleep_cand, sleep_h)

    def _arousal_figures(self, sleep_cand: pd.DataFrame, sleep_h: float) -> dict[str, Any]:
        if self.arousal_count is None:
            return dict.fromkeys(("arousal_count", "lm_arousal_count", "plms_arousal_count", "plms_arousal_index"))
        with_arousal = sleep_cand["arousal"]
        plms_arousal = int((with_arousal & sleep_cand["periodic"]).sum())
        return {
            "arousal_count": self.arousal_count,
            "lm_arousal_count": int(with_arousal.sum()),
            "plms_arousal_count": plms_arousal,
            "plms_arousal_index": _per_hour(plms_arousal, sleep_h),
        }


def _per_hour(count: int, hours: float) -> float | None:
    if not np.isfinite(hours) or hours <= 0:
        return None
    return round(count / hours, 2)


def _sleep_imis(sleep_cand: pd.DataFrame) -> FloatArray:
    """Intervals between consecutive candidate LMs in sleep (non-respiratory), s."""
    onsets = sleep_cand.loc[~sleep_cand["respiratory"], "onset"].to_numpy(dtype=np.float64)
    return np.diff(onsets)


def score_leg_movements(
    legs: Mapping[str, npt.ArrayLike],
    sf: float | Mapping[str, float],
    hypnogram: npt.ArrayLike | None = None,
    respiratory_events: npt.ArrayLike | None = None,
    rules: str | ScoringRules = "wasm2016",
    epoch_s: float = st.EPOCH_S,
    not_recorded: npt.ArrayLike | None = None,
    arousals: npt.ArrayLike | None = None,
) -> LegMovementResult:
    """Score leg movements (LM) and periodic leg movements (PLM) of one night.

    Parameters
    ----------
    legs : mapping of str to array_like
        Leg name ("left", "right") to its tibialis-anterior EMG, in microvolts (µV).
    sf : float or mapping of str to float
        Sampling rate in Hz, one for all legs or one per leg.
    hypnogram : array_like of int, optional
        One stage code per ``epoch_s`` epoch (YASA codes: W=0, N1=1, N2=2, N3=3, R=4,
        -1 artefact, -2 unscored). Without it, the whole recording counts as sleep.
    respiratory_events : array_like of float, shape (n, 2), optional
        Apneas/hypopneas as ``[onset_s, duration_s]`` rows.
    rules : {"wasm2016", "aasm"} or ScoringRules
        The scoring standard.
    epoch_s : float
        Hypnogram epoch length in seconds.
    not_recorded : array_like of float, shape (n, 2), optional
        ``[onset_s, duration_s]`` of time the recording does not hold (EDF+D gaps). It is
        not scored, counts as neither sleep nor wake, and ends a PLM series.
    arousals : array_like of float, shape (n, 2), optional
        Scored arousals as ``[onset_s, duration_s]`` rows: each candidate LM is marked
        ``arousal`` when it overlaps one or less than 0.5 s separates them (AASM, WASM
        2016). None (not annotated) is not the same as an empty list (none scored).

    Returns
    -------
    LegMovementResult
        Every movement, the PLM series and ``.summary()``.
    """
    rule_set = rules_by_name(rules) if isinstance(rules, str) else rules
    if not legs:
        raise InputError("at least one leg EMG channel is needed.", field="legs")
    rates = {leg: float(sf[leg] if isinstance(sf, Mapping) else sf) for leg in legs}
    envelopes = {leg: emg_envelope(data, rates[leg]) for leg, data in legs.items()}
    recording_s = max(len(legs[leg]) / rates[leg] for leg in legs)  # type: ignore[arg-type]
    n_sec = int(np.ceil(recording_s))

    # Detection is suspended on every leg while any leg's noise floor is too high, so
    # that an index never counts movements from one leg only without saying so.
    suspended_sec = np.zeros(n_sec, dtype=bool)
    baselines = {leg: resting_baseline(env) for leg, env in envelopes.items()}
    for leg, env in envelopes.items():
        noisy = noisy_blocks(baselines[leg], rule_set)
        suspended_sec |= _blocks_to_seconds(noisy, env.step_s, n_sec)
    gaps = _check_resp(not_recorded, "not_recorded")
    gap_sec = _interval_seconds(gaps, n_sec)
    suspended_sec &= ~gap_sec
    noisy_s = float(suspended_sec.sum())
    suspended_sec |= gap_sec
    detections: dict[str, LegDetection] = {}
    for leg, env in envelopes.items():
        mask = _seconds_to_blocks(suspended_sec, env.step_s, len(env.values_uv))
        mask |= _interval_blocks(gaps, env.step_s, len(env.values_uv))
        detections[leg] = detect_leg_movements(
            legs[leg], rates[leg], rule_set, suspended=mask, envelope=env, baseline=baselines[leg]
        )

    combined = combine_legs({leg: (d.onset_s, d.offset_s, d.peak_uv) for leg, d in detections.items()}, rule_set)
    hyp = None if hypnogram is None else np.asarray(hypnogram, dtype=np.int8)
    if hyp is not None and hyp.ndim != 1:
        raise InputError("the hypnogram must be one stage code per epoch.", field="hypnogram")
    resp_events = _check_resp(respiratory_events)
    stages = st.stage_at(combined.onset_s, hyp, epoch_s)
    cand = combined.is_candidate
    resp = respiratory_associated(combined.onset_s, combined.offset_s, resp_events, rule_set) & cand
    arousal_rows = None if arousals is None else _check_resp(arousals, "arousals")
    with_arousal = arousal_associated(combined.onset_s, combined.offset_s, arousal_rows) & cand

    # Suspended stretches end a series: what happened there is unknown.
    gap_starts = _run_starts(suspended_sec).astype(np.float64)
    onsets = np.concatenate((combined.onset_s, gap_starts))
    order = np.argsort(onsets, kind="stable")
    is_gap = np.concatenate((np.zeros(len(cand), bool), np.ones(len(gap_starts), bool)))[order]
    cand_o = np.concatenate((cand, np.zeros(len(gap_starts), bool)))[order]
    resp_o = np.concatenate((resp, np.zeros(len(gap_starts), bool)))[order]
    long_breaks = (~cand_o & ~is_gap) if rule_set.long_lm_breaks_series else np.zeros_like(cand_o)
    resp_breaks = resp_o if rule_set.resp_breaks_series else np.zeros_like(cand_o)
    breaks = is_gap | long_breaks | resp_breaks
    found = find_series(onsets[order], cand_o & ~resp_o, breaks, rule_set)
    # WASM 2016 also asks for PLM counted over all candidates, respiratory or not.
    all_clm = find_series(onsets[order], cand_o, is_gap | long_breaks, rule_set)
    back = np.argsort(order, kind="stable")[: len(cand)]
    in_series = found.in_series[back]
    series_id = found.series_id[back]
    all_clm_in_sleep = all_clm.in_series[back] & (st.is_sleep(stages) if hyp is not None else np.ones(len(cand), bool))

    events = pd.DataFrame(
        {
            "onset": np.round(combined.onset_s, 3),
            "duration": np.round(combined.duration_s, 3),
            "offset": np.round(combined.offset_s, 3),
            "leg": combined.legs,
            "bilateral": combined.bilateral,
            "peak_uv": np.round(combined.peak_uv, 1),
            "stage": st.stage_names(stages),
            "candidate": cand,
            "respiratory": resp,
            "arousal": with_arousal,
            "periodic": in_series,
            "series_id": series_id,
            "imi_s": np.round(found.imi_s[back], 3),
        },
        columns=list(EVENT_COLUMNS),
    )
    series = _series_table(events)
    if hyp is not None:
        sleep_s = st.seconds_in_stages(hyp, st.SLEEP_STAGES, suspended_sec, epoch_s)
        wake_s = st.seconds_in_stages(hyp, (st.WAKE,), suspended_sec, epoch_s)
    else:
        sleep_s = recording_s - min(recording_s, float(suspended_sec.sum()))
        wake_s = float("nan")
    return LegMovementResult(
        events=events,
        series=series,
        rules=rule_set,
        recording_s=recording_s,
        sleep_s=sleep_s,
        wake_s=wake_s,
        suspended_s=noisy_s,
        not_recorded_s=_interval_total(gaps, recording_s),
        stages_available=hyp is not None,
        legs=detections,
        plm_count_all_clm=int(all_clm_in_sleep.sum()),
        hypnogram=hyp,
        arousal_count=None if arousals is None else (0 if arousal_rows is None else len(arousal_rows)),
    )


def _check_resp(
    events: npt.ArrayLike | None, name: str = "respiratory_events"
) -> FloatArray | None:
    if events is None:
        return None
    arr = np.asarray(events, dtype=np.float64)
    if arr.size == 0:
        return None
    if arr.ndim != 2 or arr.shape[1] != 2 or np.any(arr[:, 1] < 0):
        what = "respiratory events" if name == "respiratory_events" else name
        raise InputError(
            f"{what} must be rows of [onset_s, duration_s] with duration >= 0.", field=name
        )
    return arr


def _interval_seconds(intervals: FloatArray | None, n_sec: int) -> BoolArray:
    """Per second: True where the second's centre lies inside an ``[onset_s, duration_s]``."""
    mask = np.zeros(n_sec, dtype=bool)
    if intervals is None:
        return mask
    for onset, duration in intervals:
        lo = max(0, int(np.ceil(onset - 0.5)))
        hi = min(n_sec, int(np.ceil(onset + duration - 0.5)))
        mask[lo:hi] = True
    return mask


def _interval_blocks(intervals: FloatArray | None, step_s: float, n_blocks: int) -> BoolArray:
    """Per envelope block: True where the block overlaps an ``[onset_s, duration_s]``."""
    mask = np.zeros(n_blocks, dtype=bool)
    if intervals is None:
        return mask
    for onset, duration in intervals:
        lo = max(0, int(np.floor(onset / step_s)))
        mask[lo : min(n_blocks, int(np.ceil((onset + duration) / step_s)))] = True
    return mask


def _interval_total(intervals: FloatArray | None, recording_s: float) -> float:
    """Total length of (non-overlapping) intervals inside the recording, s."""
    if intervals is None:
        return 0.0
    ends = np.minimum(intervals[:, 0] + intervals[:, 1], recording_s)
    return float(np.clip(ends - np.maximum(intervals[:, 0], 0.0), 0.0, None).sum())


def _series_table(events: pd.DataFrame) -> pd.DataFrame:
    periodic = events[events["periodic"]]
    if periodic.empty:
        return pd.DataFrame(columns=["series_id", "start", "end", "n_lm", "stage"])
    grouped = periodic.groupby("series_id", sort=True)
    return pd.DataFrame(
        {
            "series_id": grouped["onset"].min().index.to_numpy(),
            "start": grouped["onset"].min().to_numpy(),
            "end": grouped["offset"].max().to_numpy(),
            "n_lm": grouped.size().to_numpy(),
            "stage": grouped["stage"].first().to_numpy(),
        }
    )


def _blocks_to_seconds(mask: BoolArray, step_s: float, n_sec: int) -> BoolArray:
    out = np.zeros(n_sec, dtype=bool)
    idx = np.flatnonzero(mask)
    if idx.size:
        secs = np.minimum((idx * step_s).astype(np.int64), n_sec - 1)
        out[secs] = True
    return out


def _seconds_to_blocks(mask_sec: BoolArray, step_s: float, n_blocks: int) -> BoolArray:
    secs = np.minimum((np.arange(n_blocks) * step_s).astype(np.int64), len(mask_sec) - 1)
    return np.asarray(mask_sec[secs], dtype=bool)


def _run_starts(mask: BoolArray) -> npt.NDArray[np.int64]:
    """Indices where runs of True begin."""
    if not mask.any():
        return np.zeros(0, dtype=np.int64)
    padded = np.concatenate(([False], mask))
    return np.flatnonzero(~padded[:-1] & padded[1:])
