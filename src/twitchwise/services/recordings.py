"""Use cases for sleep recordings: score one night, score a cohort with Dask.

A night is either a polysomnogram (EDF, EDF+, BDF) scored for leg movements, or a
wearable accelerometer CSV scored for jerks. Files are chosen by suffix.
"""

from __future__ import annotations

import glob
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from twitchwise.domain.errors import InputError
from twitchwise.io.accelerometer_csv import read_accelerometer_csv
from twitchwise.io.edf_recordings import NightRecording, read_night, write_annotated_copy
from twitchwise.io.events_table import with_trial_type, write_events
from twitchwise.io.night_plot import plot_night
from twitchwise.io.recording_annotations import Annotation
from twitchwise.io.staging_channels import read_staging_signals
from twitchwise.signals.cardiac import (
    CardiacCancellation,
    cancel_cardiac_field,
    detect_r_peaks,
    detect_r_peaks_in_legs,
)
from twitchwise.signals.jerks import JerkResult, detect_jerks
from twitchwise.signals.plm_rules import rules_by_name
from twitchwise.signals.plm_scoring import LegMovementResult, score_leg_movements
from twitchwise.signals.sleep_staging import MIN_DURATION_S, stage_sleep

PSG_SUFFIXES = {".edf", ".bdf", ".rec"}
ACC_SUFFIXES = {".csv"}


@dataclass
class ScoredRecording:
    """One scored night.

    Attributes
    ----------
    path : Path
        The input file.
    kind : str
        "psg" (leg EMG) or "accelerometer".
    result : LegMovementResult or JerkResult
        The scoring result (``.events``, ``.summary()``).
    channels : dict
        Leg name to channel label (PSG only).
    seconds : float
        Wall time to read and score, s.
    warnings : list of str
        One sentence per assumption made while reading (blank unit, flat leg, one leg).
    one_leg : bool
        True when only one leg was scored (PSG only).
    ecg_affected_share : float or None
        Share of the leg signal inside a cancelled cardiac window (0-1); None when no
        ECG channel gave R peaks (PSG only).
    ecg_channel : str
        Where the R peaks came from: the ECG channel's label, or "leg EMG (<leg>)" when
        the file has no ECG channel ("" when nothing was cancelled). In the summary as
        ``r_peaks_from`` (None when nothing was cancelled).
    stage_source : str
        Where the hypnogram came from: "annotations", "automatic (YASA ...)", or "none"
        (the whole recording counted as sleep) (PSG only).
    """

    path: Path
    kind: str
    result: LegMovementResult | JerkResult
    channels: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    one_leg: bool = False
    ecg_affected_share: float | None = None
    ecg_channel: str = ""
    stage_source: str = ""
    scored_lm_agreement: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """File, kind, channels, ``one_leg`` and ``ecg_cancelled_share`` (PSG), the result's
        summary, and ``warnings``."""
        head: dict[str, Any] = {"file": self.path.name, "kind": self.kind}
        if self.channels:
            head["channels"] = ",".join(f"{k}={v}" for k, v in self.channels.items())
            head["one_leg"] = self.one_leg
            share = self.ecg_affected_share
            head["ecg_cancelled_share"] = None if share is None else round(share, 4)
            head["r_peaks_from"] = self.ecg_channel or None
            head["stage_source"] = self.stage_source
        tail = dict(self.scored_lm_agreement) if self.channels else {}
        return head | self.result.summary() | tail | {"warnings": list(self.warnings)}


def score_recording(
    path: str | Path,
    legs: Sequence[str] | None = None,
    rules: str = "wasm2016",
    annotations: str | Path | None = None,
    one_leg: bool = False,
    cancel_ecg: bool = True,
    auto_stage: bool = True,
) -> ScoredRecording:
    """Read and score one recording.

    Parameters
    ----------
    path : str or Path
        EDF/EDF+/BDF polysomnogram, or accelerometer CSV (time, x, y, z in g).
    legs : sequence of str, optional
        Leg channel labels; found by name when omitted.
    rules : {"wasm2016", "aasm"}
        Scoring standard for leg movements (and the series logic for jerks).
    annotations : str or Path, optional
        Annotation table (CSV/TSV) or EDF+ annotation file with the hypnogram and
        respiratory events.
    one_leg : bool
        Score a PSG in which only one leg channel is found (marked in the result).
    cancel_ecg : bool
        Subtract the cardiac field from the legs (R peaks from the ECG channel) first.
    auto_stage : bool
        Without a hypnogram, stage the night automatically from its EEG (YASA) so that the
        PLMS index has a sleep-time denominator; the result says where the stages came from.
    """
    p = Path(path)
    rule_set = rules_by_name(rules)
    started = time.perf_counter()
    suffix = p.suffix.lower()
    if suffix in ACC_SUFFIXES:
        acc = read_accelerometer_csv(p)
        jerks = detect_jerks(acc.xyz, acc.sf, rules=rule_set)
        return ScoredRecording(p, "accelerometer", jerks, seconds=time.perf_counter() - started)
    if suffix not in PSG_SUFFIXES:
        raise InputError(
            f"{p.name}: recordings must be .edf, .bdf (polysomnography) or .csv (accelerometer).",
            field="file",
        )
    night = read_night(p, legs=legs, annotations=annotations, one_leg=one_leg)
    cardiac, r_peak_source = _cancel_cardiac(night) if cancel_ecg else ({}, "")
    hypnogram, stage_source = _hypnogram(night, auto_stage)
    result = score_leg_movements(
        {leg: c.data_uv for leg, c in cardiac.items()} if cardiac else night.legs,
        night.sf,
        hypnogram,
        night.respiratory_events,
        rules=rule_set,
        not_recorded=night.gaps,
        arousals=night.arousals,
    )
    return ScoredRecording(
        p,
        "psg",
        result,
        dict(night.labels),
        time.perf_counter() - started,
        warnings=night.warnings,
        one_leg=night.one_leg,
        ecg_affected_share=(
            max(c.affected_share for c in cardiac.values()) if cardiac else None
        ),
        ecg_channel=r_peak_source,
        stage_source=stage_source,
        scored_lm_agreement=scored_lm_agreement(night.scored_lms, result),
    )


#: A technician's LM and a detected one agree when they overlap or are < 0.5 s apart.
LM_MATCH_S = 0.5


def scored_lm_agreement(scored_lms: Any, result: LegMovementResult) -> dict[str, Any]:
    """How the detected leg movements compare with those scored in the annotations.

    ``annotated_lm_count``; ``annotated_lm_detected_share``: the share of annotated LMs
    that overlap a detected movement (candidate or longer, within 0.5 s);
    ``detected_lm_annotated_share``: the share of detected candidate LMs that overlap an
    annotated one. All None when the annotations hold no scored limb movement.
    """
    keys = ("annotated_lm_count", "annotated_lm_detected_share", "detected_lm_annotated_share")
    if scored_lms is None or not len(scored_lms):
        return dict.fromkeys(keys)
    ref = np.asarray(scored_lms, dtype=np.float64).reshape(-1, 2)
    ref_on, ref_off = ref[:, 0], ref[:, 0] + ref[:, 1]
    ev = result.events
    det_on, det_off = ev["onset"].to_numpy(float), ev["offset"].to_numpy(float)
    cand = ev["candidate"].to_numpy(bool)
    found = _overlapping(ref_on, ref_off, det_on, det_off)
    confirmed = _overlapping(det_on[cand], det_off[cand], ref_on, ref_off)
    return {
        "annotated_lm_count": len(ref),
        "annotated_lm_detected_share": round(float(found.mean()), 4),
        "detected_lm_annotated_share": round(float(confirmed.mean()), 4) if len(confirmed) else None,
    }


def _overlapping(on: Any, off: Any, other_on: Any, other_off: Any) -> Any:
    """Per interval ``[on, off]``: True if some other interval is within ``LM_MATCH_S``."""
    out = np.zeros(len(on), dtype=bool)
    if not len(other_on):
        return out
    for a in range(0, len(on), 1024):  # bounded memory on long nights
        o, f = on[a : a + 1024, None], off[a : a + 1024, None]
        out[a : a + 1024] = ((other_on[None, :] - LM_MATCH_S < f) & (other_off[None, :] + LM_MATCH_S > o)).any(axis=1)
    return out


def _hypnogram(night: NightRecording, auto_stage: bool) -> tuple[Any, str]:
    """The night's hypnogram and where it came from (the annotations, YASA, or none)."""
    if night.hypnogram is not None:
        return night.hypnogram, "annotations"
    none = "none (no hypnogram: the whole recording counted as sleep)"
    if not auto_stage or night.path.suffix.lower() != ".edf" or night.duration_s < MIN_DURATION_S:
        return None, none
    signals = read_staging_signals(night.path)
    if signals is None:
        return None, none
    staged = stage_sleep(signals.eeg, signals.sf, eog=signals.eog, emg=signals.emg, labels=signals.labels)
    # Said in the result (stage_source), not as a warning: it is how the night was scored.
    return staged.stages, f"{staged.source} from {signals.labels['eeg']}"


def _cancel_cardiac(night: NightRecording) -> tuple[dict[str, CardiacCancellation], str]:
    """Each leg with the cardiac field subtracted, and where the R peaks came from.

    R peaks come from the ECG channel, or, without one, from the leg EMG itself; ({}, "")
    when neither gives them.
    """
    if night.ecg is not None:
        peaks = detect_r_peaks(night.ecg, night.ecg_sf, source=night.ecg_label)
    else:
        peaks = detect_r_peaks_in_legs(night.legs, night.sf)
    if not len(peaks.samples):
        return {}, ""
    # in place: the night's legs are only scored from here on, and are not held twice
    cleaned = {
        leg: cancel_cardiac_field(data, night.sf[leg], peaks, in_place=True) for leg, data in night.legs.items()
    }
    return cleaned, peaks.source


def event_annotations(result: LegMovementResult) -> list[Annotation]:
    """Scored candidate LMs as EDF+ annotation texts ("LM left", "PLM left+right", ...)."""
    out = []
    ev = result.events[result.events["candidate"]]
    for row in ev.itertuples(index=False):
        kind = "PLM" if row.periodic else ("LM respiratory" if row.respiratory else "LM")
        out.append(Annotation(float(row.onset), float(row.duration), f"{kind} {row.leg}"))
    return out


def write_outputs(
    scored: ScoredRecording,
    events: str | Path | None = None,
    plot: str | Path | None = None,
    edf_out: str | Path | None = None,
) -> list[Path]:
    """Write the events table, the night plot and an annotated EDF copy, as asked."""
    written: list[Path] = []
    if events is not None:
        written.append(write_events(scored.result.events, events, stage_source=scored.stage_source))
    if plot is not None:
        if not isinstance(scored.result, LegMovementResult):
            raise InputError("--plot is available for polysomnography (EDF) only.", "plot")
        written.append(
            plot_night(scored.result, plot, title=scored.path.name, stage_source=scored.stage_source)
        )
    if edf_out is not None:
        if not isinstance(scored.result, LegMovementResult) or scored.path.suffix.lower() != ".edf":
            raise InputError("--edf-out needs an EDF input file.", field="edf_out")
        written.append(write_annotated_copy(scored.path, edf_out, event_annotations(scored.result)))
    return written


# ---------------------------------------------------------------- cohorts with Dask


@dataclass
class BatchResult:
    """Outcome of a cohort run.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per file: ``file``, ``status`` ("ok" or "failed"), ``error``, ``seconds``,
        then the night's summary figures (``lm_count``, ``plms_index``, ...).
    events : pandas.DataFrame
        Every scored event of every file, with a ``file`` column.
    written : list of Path
        Files written in the output folder.
    """

    summary: pd.DataFrame
    events: pd.DataFrame
    written: list[Path]

    @property
    def failed(self) -> pd.DataFrame:
        """Rows of the files that could not be scored."""
        return self.summary[self.summary["status"] == "failed"]


#: Columns of a batch's ``summary.csv``, in order, for polysomnograms (docs/cli-recordings.md
#: lists the same); accelerometer figures, when the cohort has any, come before ``warnings``.
SUMMARY_COLUMNS = (
    "file", "status", "error", "seconds", "kind", "channels", "one_leg", "ecg_cancelled_share",
    "r_peaks_from", "stage_source", "rules", "recording_hours", "sleep_hours", "wake_hours", "time_suspended_s",
    "time_not_recorded_s", "stages_available", "lm_count", "lm_sleep_count", "lm_index",
    "plm_count", "plms_count", "plms_index", "plmw_count", "plmw_index", "plms_index_all_clm",
    "respiratory_lm_count", "long_movement_count", "bilateral_lm_count", "series_count",
    "periodicity_index", "median_imi_s", "arousal_count", "lm_arousal_count",
    "plms_arousal_count", "plms_arousal_index", "annotated_lm_count", "annotated_lm_detected_share",
    "detected_lm_annotated_share", "warnings",
)  # fmt: skip


def summary_table(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """One row per night with the :data:`SUMMARY_COLUMNS` in order (a failed file too)."""
    table = pd.DataFrame(list(rows))
    extra = [c for c in table.columns if c not in SUMMARY_COLUMNS]
    return table.reindex(columns=[*SUMMARY_COLUMNS[:-1], *extra, SUMMARY_COLUMNS[-1]])


def _score_for_batch(
    path: str, rules: str, legs: Sequence[str] | None
) -> tuple[dict[str, Any], pd.DataFrame | None]:
    """Worker task: never raises, so one bad file cannot stop the cohort."""
    try:
        scored = score_recording(path, legs=legs, rules=rules)
    except InputError as exc:
        return {"file": Path(path).name, "status": "failed", "error": exc.message}, None
    except Exception as exc:  # an unreadable file must be reported, not crash the cohort
        return {
            "file": Path(path).name,
            "status": "failed",
            "error": f"{type(exc).__name__}: {exc}",
        }, None
    row = scored.summary()
    row.pop("imi_histogram", None)
    row["warnings"] = " ".join(row.get("warnings", []))
    events = with_trial_type(scored.result.events)
    events.insert(0, "file", Path(path).name)
    return {"status": "ok", "error": "", "seconds": round(scored.seconds, 3)} | row, events


def expand_pattern(pattern: str) -> list[Path]:
    """Files matching a glob pattern (or a folder: its .edf/.bdf/.csv files), sorted."""
    p = Path(pattern)
    if p.is_dir():
        files = [f for f in sorted(p.iterdir()) if f.suffix.lower() in PSG_SUFFIXES | ACC_SUFFIXES]
    else:
        files = [Path(f) for f in sorted(glob.glob(pattern, recursive=True))]
    files = [f for f in files if f.is_file()]
    if not files:
        raise InputError(f"no recording matches {pattern!r}.", field="pattern")
    return files


def batch_score(
    pattern: str,
    out_dir: str | Path,
    scheduler: str | None = None,
    workers: int | None = None,
    rules: str = "wasm2016",
    legs: Sequence[str] | None = None,
    on_done: Callable[[dict[str, Any]], None] | None = None,
) -> BatchResult:
    """Score a cohort in parallel with Dask and write one tidy table.

    Parameters
    ----------
    pattern : str
        Glob pattern (``'data/*.edf'``) or a folder.
    out_dir : str or Path
        Where ``summary.csv`` (one row per night) and ``events.csv`` (all events) go.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); by default a local
        cluster of ``workers`` processes is started and stopped.
    workers : int, optional
        Local worker processes (default: the machine's cores).
    rules : {"wasm2016", "aasm"}
    legs : sequence of str, optional
        Leg channel labels, for files where they are not found by name.
    on_done : callable, optional
        Called with each file's summary row as it finishes (for a progress bar).
    """
    from dask.distributed import Client, LocalCluster, as_completed

    rules_by_name(rules)
    files = expand_pattern(pattern)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
            except OSError as exc:
                raise InputError(
                    f"cannot reach the Dask scheduler at {scheduler}: {exc}.", "scheduler"
                ) from None
        else:
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            client = Client(cluster)  # type: ignore[no-untyped-call]
        rows: list[dict[str, Any]] = []
        frames: list[pd.DataFrame] = []
        with client:
            futures = [
                client.submit(
                    _score_for_batch, str(f), rules, list(legs) if legs else None, pure=False
                )
                for f in files
            ]
            for fut in as_completed(futures):  # type: ignore[no-untyped-call]
                row, events = fut.result()
                rows.append(row)
                if events is not None:
                    frames.append(events)
                if on_done is not None:
                    on_done(row)
    finally:
        if cluster is not None:
            cluster.close()
    order = {f.name: i for i, f in enumerate(files)}
    summary = summary_table(rows).sort_values("file", key=lambda s: s.map(order))
    summary = summary.reset_index(drop=True)
    events = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    written = [out / "summary.csv", out / "events.csv"]
    summary.to_csv(written[0], index=False)
    events.to_csv(written[1], index=False)
    return BatchResult(summary=summary, events=events, written=written)
