"""Write scored events as a BIDS-style events.tsv (with its JSON sidecar) or a CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from twitchwise.domain.errors import InputError

_DESCRIPTIONS = {
    "onset": "Start of the movement, in seconds from the start of the recording.",
    "duration": "Length of the movement, in seconds.",
    "trial_type": "leg_movement or periodic_leg_movement (jerk, periodic_jerk, movement for accelerometry).",
    "leg": "left, right, or left+right for a bilateral movement.",
    "peak_uv": "Peak envelope above the resting EMG baseline, in microvolts.",
    "peak_g": "Peak dynamic acceleration, in g.",
    "stage": "Sleep stage at onset: W, N1, N2, N3, R, or Uns when unscored.",
    "candidate": "True for a candidate leg movement (duration within the rules' limits).",
    "respiratory": "True if related to a respiratory event (excluded from PLM).",
    "arousal": "True if associated with an annotated arousal (overlapping, or less than 0.5 s apart).",
    "periodic": "True if part of a periodic series.",
    "series_id": "Number of the periodic series, -1 if none.",
    "imi_s": "Onset-to-onset interval from the previous scored movement, in seconds.",
    "hypnic": "True for a likely sleep-onset (hypnic) jerk.",
}


def with_trial_type(events: pd.DataFrame) -> pd.DataFrame:
    """Events with a BIDS ``trial_type`` column placed after onset and duration."""
    out = events.copy()
    if "kind" in out.columns:  # accelerometer jerks
        trial = out["kind"].where(~(out["kind"].eq("jerk") & out["periodic"]), "periodic_jerk")
    else:
        trial = pd.Series("leg_movement", index=out.index)
        trial = trial.where(out["candidate"], "long_movement")
        trial = trial.where(~out["periodic"], "periodic_leg_movement")
    out.insert(2, "trial_type", trial)
    return out.drop(columns=[c for c in ("offset", "kind") if c in out.columns])


def write_events(events: pd.DataFrame, path: str | Path, stage_source: str = "") -> Path:
    """Write events to ``path``: ``.tsv`` as BIDS events (plus ``.json`` sidecar), ``.csv`` as CSV.

    Columns: ``onset`` and ``duration`` (s), ``trial_type``, then the scoring columns.
    ``stage_source`` (where the sleep stages came from) is added to the sidecar's
    description of the ``stage`` column.
    """
    p = Path(path)
    table = with_trial_type(events)
    suffix = p.suffix.lower()
    if suffix not in {".tsv", ".csv"}:
        raise InputError(f"events file must end in .tsv or .csv; got {p.name!r}.", "events")
    p.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".tsv":
        table.to_csv(p, sep="\t", index=False, na_rep="n/a")
        sidecar = {c: {"Description": _DESCRIPTIONS[c]} for c in table.columns if c in _DESCRIPTIONS}
        if stage_source and "stage" in sidecar:
            said = "from the annotations" if stage_source == "annotations" else stage_source
            sidecar["stage"]["Description"] += f" Stages: {said}."
        p.with_suffix(".json").write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
    else:
        table.to_csv(p, index=False)
    return p
