"""Sleep stages and respiratory events from EDF+ annotations or an annotation table.

Annotation texts differ between scoring systems ("Sleep stage N2", "Stage 2", "N2",
"Obstructive Apnea", "Hypopnea", ...); they are matched by pattern, case ignored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from twitchwise.domain.errors import InputError
from twitchwise.signals import sleep_stages as st


@dataclass(frozen=True)
class Annotation:
    """One timed annotation: ``onset`` and ``duration`` in seconds, and its text."""

    onset: float
    duration: float
    text: str


_STAGE_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^(sleep[ _-]?stage[ _-]?)?(w|wake|awake|0)$", re.I), st.WAKE),
    (re.compile(r"^(sleep[ _-]?stage[ _-]?)?(n1|s1|1|stage ?1)$", re.I), st.N1),
    (re.compile(r"^(sleep[ _-]?stage[ _-]?)?(n2|s2|2|stage ?2)$", re.I), st.N2),
    (re.compile(r"^(sleep[ _-]?stage[ _-]?)?(n3|n4|s3|s4|3|4|stage ?[34])$", re.I), st.N3),
    (re.compile(r"^(sleep[ _-]?stage[ _-]?)?(r|rem|stage ?r)$", re.I), st.REM),
    (
        re.compile(r"^(sleep[ _-]?stage[ _-]?)?(\?|unscored|movement( time)?|mt|art(efact|ifact)?)$", re.I),
        st.UNSCORED,
    ),
)
_RESP = re.compile(r"(apn(o)?ea|hypopn(o)?ea|\bahi\b|resp.*event)", re.I)


def stage_code(text: str) -> int | None:
    """The stage code an annotation text names, or None if it names no stage."""
    t = text.strip()
    for pattern, code in _STAGE_PATTERNS:
        if pattern.match(t):
            return code
    return None


def is_respiratory(text: str) -> bool:
    """True if an annotation text names an apnea or hypopnea."""
    return bool(_RESP.search(text)) and not re.search(r"desat", text, re.I)


def night_annotations(
    annotations: Sequence[Annotation], duration_s: float, epoch_s: float = st.EPOCH_S
) -> tuple[npt.NDArray[np.int8] | None, npt.NDArray[np.float64]]:
    """Hypnogram and respiratory events from a list of annotations.

    Returns
    -------
    hypnogram : ndarray of int8 or None
        A stage code per epoch (UNSCORED where no stage annotation covers it), or None
        when no annotation names a stage.
    respiratory : ndarray, shape (n, 2)
        ``[onset_s, duration_s]`` of each apnea/hypopnea.
    """
    n_epochs = max(1, math.ceil(duration_s / epoch_s))
    hyp = np.full(n_epochs, st.UNSCORED, dtype=np.int8)
    staged = False
    resp: list[tuple[float, float]] = []
    for a in annotations:
        code = stage_code(a.text)
        if code is not None:
            staged = True
            first = round(a.onset / epoch_s)
            count = max(1, round((a.duration or epoch_s) / epoch_s))
            hyp[max(0, first) : max(0, min(n_epochs, first + count))] = code
        elif is_respiratory(a.text):
            resp.append((a.onset, max(a.duration, 0.0)))
    return (hyp if staged else None), np.asarray(resp, dtype=np.float64).reshape(-1, 2)


def read_annotation_table(path: str | Path) -> list[Annotation]:
    """Read annotations from a CSV or TSV file.

    Two layouts are accepted: events with ``onset``, ``duration`` (seconds) and a text
    column (``description``, ``trial_type``, ``annotation``, ``event`` or ``stage``); or a
    hypnogram with only a ``stage`` column, one 30-s epoch per row.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"annotation file {p} does not exist.", field="annotations")
    sep = "\t" if p.suffix.lower() in {".tsv", ".txt"} else ","
    try:
        table = pd.read_csv(p, sep=sep)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError):
        raise InputError(f"annotation file {p.name} is not a readable table.", "annotations") from None
    cols = {c.lower().strip(): c for c in table.columns}
    text_col = next(
        (cols[c] for c in ("description", "trial_type", "annotation", "event", "stage") if c in cols),
        None,
    )
    if text_col is None:
        raise InputError(f"annotation file {p.name} needs a description (or stage) column.", "annotations")
    texts = table[text_col].astype(str).tolist()
    if "onset" not in cols:
        return [Annotation(i * st.EPOCH_S, st.EPOCH_S, t) for i, t in enumerate(texts)]
    onsets = pd.to_numeric(table[cols["onset"]], errors="coerce")
    durations = (
        pd.to_numeric(table[cols["duration"]], errors="coerce").fillna(0.0)
        if "duration" in cols
        else pd.Series(0.0, index=table.index)
    )
    if onsets.isna().any():
        raise InputError(f"annotation file {p.name}: onset must be seconds (numbers).", "onset")
    return [Annotation(float(o), float(d), t) for o, d, t in zip(onsets, durations, texts, strict=True)]
