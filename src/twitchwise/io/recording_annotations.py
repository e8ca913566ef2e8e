"""Sleep stages and respiratory events from EDF+ annotations or an annotation table.

Annotation texts differ between scoring systems and languages ("Sleep stage N2",
"Stage 2", "SLEEP-S2", "Wach", "Obstructive Apnea", "Apnoe", "RERA", ...); they are
matched by the patterns of ``annotation_vocabulary.yaml``, validated on load.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import yaml

from twitchwise.domain.errors import InputError, KnowledgeError
from twitchwise.io.data_schemas import validate_data_file
from twitchwise.signals import sleep_stages as st


@dataclass(frozen=True)
class Annotation:
    """One timed annotation: ``onset`` and ``duration`` in seconds, and its text."""

    onset: float
    duration: float
    text: str


VOCABULARY_PATH = Path(__file__).with_name("annotation_vocabulary.yaml")
_STAGE_KEYS = {
    "W": st.WAKE,
    "N1": st.N1,
    "N2": st.N2,
    "N3": st.N3,
    "R": st.REM,
    "UNSCORED": st.UNSCORED,
}
_SEPARATORS = re.compile(r"[\s.\-/_()\[\]:,;]+")


@dataclass(frozen=True)
class Vocabulary:
    """Compiled annotation vocabulary (see ``annotation_vocabulary.yaml``)."""

    prefixes: tuple[str, ...]
    stages: tuple[tuple[re.Pattern[str], int], ...]
    respiratory: tuple[re.Pattern[str], ...]
    respiratory_exclude: tuple[re.Pattern[str], ...]
    arousal: tuple[re.Pattern[str], ...]
    limb_movement: tuple[re.Pattern[str], ...]
    known: tuple[re.Pattern[str], ...]


def _normalise(text: str) -> str:
    return _SEPARATORS.sub(" ", text.lower()).strip()


def _patterns(raw: Any, key: str, source: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(raw, list) or not raw:
        raise KnowledgeError(f"{source}: key {key!r} must be a non-empty list of patterns.")
    out = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, str) or not entry.strip():
            raise KnowledgeError(f"{source}: key '{key}[{i}]' must be a pattern text.")
        try:
            out.append(re.compile(entry))
        except re.error as exc:
            raise KnowledgeError(
                f"{source}: key '{key}[{i}]' is not a valid pattern ({exc})."
            ) from None
    return tuple(out)


def parse_vocabulary(raw: Any, source: str) -> Vocabulary:
    """Validate (JSON Schema ``schemas/annotation_vocabulary.schema.json``) and compile a
    vocabulary read from YAML; KnowledgeError names file and key."""
    validate_data_file(raw, source, "annotation_vocabulary")
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{source}: the top level must be a mapping.")
    stages = raw.get("stages")
    if not isinstance(stages, dict) or set(stages) != set(_STAGE_KEYS):
        raise KnowledgeError(
            f"{source}: key 'stages' must map exactly {', '.join(_STAGE_KEYS)} to patterns."
        )
    prefixes = raw.get("stage_prefixes")
    if not isinstance(prefixes, list) or not all(isinstance(x, str) for x in prefixes):
        raise KnowledgeError(f"{source}: key 'stage_prefixes' must be a list of texts.")
    compiled = tuple(
        (pattern, _STAGE_KEYS[name])
        for name in _STAGE_KEYS
        for pattern in _patterns(stages[name], f"stages.{name}", source)
    )
    return Vocabulary(
        prefixes=tuple(sorted((_normalise(x) + " " for x in prefixes), key=len, reverse=True)),
        stages=compiled,
        respiratory=_patterns(raw.get("respiratory"), "respiratory", source),
        respiratory_exclude=_patterns(
            raw.get("respiratory_exclude"), "respiratory_exclude", source
        ),
        arousal=_patterns(raw.get("arousal"), "arousal", source),
        limb_movement=_patterns(raw.get("limb_movement"), "limb_movement", source),
        known=_patterns(raw.get("known"), "known", source),
    )


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read and validate an annotation vocabulary (by default the shipped one)."""
    if path is None:
        return _default_vocabulary()
    return _load_vocabulary(path)


@lru_cache(maxsize=1)
def _default_vocabulary() -> Vocabulary:
    return _load_vocabulary(VOCABULARY_PATH)


def _load_vocabulary(path: Path) -> Vocabulary:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path.name}: cannot be read as YAML ({exc}).") from None
    return parse_vocabulary(raw, path.name)


def stage_code(text: str) -> int | None:
    """The stage code an annotation text names, or None if it names no stage."""
    vocab = _default_vocabulary()
    t = _normalise(text)
    candidates = [t] + [t[len(p) :] for p in vocab.prefixes if t.startswith(p)]
    for candidate in candidates:
        for pattern, code in vocab.stages:
            if pattern.fullmatch(candidate):
                return code
    return None


def is_respiratory(text: str) -> bool:
    """True if an annotation text names an apnea, hypopnea or RERA."""
    vocab = _default_vocabulary()
    t = text.lower()
    return any(r.search(t) for r in vocab.respiratory) and not any(
        r.search(t) for r in vocab.respiratory_exclude
    )


def is_arousal(text: str) -> bool:
    """True if an annotation text names a (cortical) arousal; a RERA is respiratory instead."""
    t = text.lower()
    if stage_code(text) is not None or is_respiratory(text):
        return False
    return any(r.search(t) for r in _default_vocabulary().arousal)


def is_limb_movement(text: str) -> bool:
    """True if an annotation text names a leg/limb movement scored by a technician."""
    t = text.lower()
    if stage_code(text) is not None or is_respiratory(text) or is_arousal(text):
        return False
    return any(r.search(t) for r in _default_vocabulary().limb_movement)


def limb_movement_events(annotations: Sequence[Annotation]) -> npt.NDArray[np.float64] | None:
    """``[onset_s, duration_s]`` of every scored limb movement; None when none is annotated."""
    rows = [(a.onset, max(a.duration, 0.0)) for a in annotations if is_limb_movement(a.text)]
    if not rows:
        return None
    return np.asarray(sorted(rows), dtype=np.float64).reshape(-1, 2)


def arousal_events(annotations: Sequence[Annotation]) -> npt.NDArray[np.float64] | None:
    """``[onset_s, duration_s]`` of every arousal annotation; None when none is annotated."""
    rows = [(a.onset, max(a.duration, 0.0)) for a in annotations if is_arousal(a.text)]
    if not rows:
        return None
    return np.asarray(sorted(rows), dtype=np.float64).reshape(-1, 2)


def is_known(text: str) -> bool:
    """True if an annotation text is a stage, a respiratory event or an expected PSG event."""
    t = text.lower()
    return (
        stage_code(text) is not None
        or is_respiratory(text)
        or is_arousal(text)
        or is_limb_movement(text)
        or any(r.search(t) for r in _default_vocabulary().known)
    )


def unknown_annotations_warning(
    annotations: Sequence[Annotation], duration_s: float
) -> str | None:
    """One sentence listing the annotation texts not recognised, with the share they cover.

    Returns None when every text is recognised.
    """
    counts: dict[str, int] = {}
    covered: dict[str, float] = {}
    for a in annotations:
        if not a.text.strip() or is_known(a.text):
            continue
        counts[a.text] = counts.get(a.text, 0) + 1
        covered[a.text] = covered.get(a.text, 0.0) + max(a.duration, 0.0)
    if not counts:
        return None
    total = sum(covered.values())
    share = 100.0 * min(total, duration_s) / duration_s if duration_s > 0 else 0.0
    shown = sorted(counts, key=lambda k: (-counts[k], k))
    listed = ", ".join(f"{k!r} ({counts[k]}x)" for k in shown[:10])
    more = f" and {len(shown) - 10} more" if len(shown) > 10 else ""
    return (
        f"{len(shown)} annotation label{'s were' if len(shown) > 1 else ' was'} not recognised "
        f"and ignored, covering {share:.1f} % of the recording: {listed}{more}."
    )


def check_annotation_times(annotations: Sequence[Annotation], duration_s: float) -> str | None:
    """Refuse annotations at an unknown time; one warning about those outside the recording.

    Annotations outside the recording are kept (a stage marker after the end still ends the
    stage before it) but cover nothing; the warning says how many there are.

    Raises
    ------
    InputError
        When an onset or a duration is not a finite number of seconds (``inf``, ``nan``).
    """
    outside: list[Annotation] = []
    for a in annotations:
        if not (math.isfinite(a.onset) and math.isfinite(a.duration)):
            bad = "onset" if not math.isfinite(a.onset) else "duration"
            value = a.onset if bad == "onset" else a.duration
            raise InputError(
                f"annotation {a.text!r} has {bad} {value!r}; annotation onsets and durations "
                "must be finite seconds.",
                field="annotations",
            )
        if a.onset >= duration_s or a.onset + max(a.duration, 0.0) < 0.0:
            outside.append(a)
    if not outside:
        return None
    first = min(outside, key=lambda a: abs(a.onset))
    many = len(outside) > 1
    return (
        f"{len(outside)} annotation{'s lie' if many else ' lies'} outside the recording "
        f"(0 to {duration_s:g} s) and cover{'' if many else 's'} none of it, "
        f"e.g. {first.text!r} at {first.onset:g} s."
    )


#: A hypnogram leaving more of the recording unscored than this is worth a warning.
UNSCORED_WARNING_SHARE = 0.05


def unscored_share_warning(
    hypnogram: npt.NDArray[np.int8] | None, duration_s: float, epoch_s: float = st.EPOCH_S
) -> str | None:
    """One sentence when a hypnogram leaves more than 5 % of the recording unscored."""
    if hypnogram is None or not len(hypnogram) or duration_s <= 0:
        return None
    unscored_s = float(np.count_nonzero(hypnogram == st.UNSCORED)) * epoch_s
    share = min(unscored_s, duration_s) / duration_s
    if share <= UNSCORED_WARNING_SHARE:
        return None
    return (
        f"the sleep stages leave {100 * share:.0f} % of the recording unscored; leg "
        "movements there count in no index."
    )


def night_annotations(
    annotations: Sequence[Annotation], duration_s: float, epoch_s: float = st.EPOCH_S
) -> tuple[npt.NDArray[np.int8] | None, npt.NDArray[np.float64]]:
    """Hypnogram and respiratory events from a list of annotations.

    A stage marker of zero duration lasts until the next stage marker (the last one, one
    epoch).

    Returns
    -------
    hypnogram : ndarray of int8 or None
        A stage code per epoch (UNSCORED where no stage annotation covers it), or None
        when no annotation names a stage.
    respiratory : ndarray, shape (n, 2)
        ``[onset_s, duration_s]`` of each apnea/hypopnea/RERA.
    """
    n_epochs = max(1, math.ceil(duration_s / epoch_s))
    hyp = np.full(n_epochs, st.UNSCORED, dtype=np.int8)
    resp: list[tuple[float, float]] = []
    staged: list[tuple[Annotation, int]] = []
    for a in annotations:
        code = stage_code(a.text)
        if code is not None:
            staged.append((a, code))
        elif is_respiratory(a.text):
            resp.append((a.onset, max(a.duration, 0.0)))
    staged.sort(key=lambda item: item[0].onset)
    for k, (a, code) in enumerate(staged):
        duration = a.duration
        if duration <= 0:
            nxt = next((b.onset for b, _ in staged[k + 1 :] if b.onset > a.onset), None)
            duration = (nxt - a.onset) if nxt is not None else epoch_s
        first = round(a.onset / epoch_s)
        count = max(1, round(duration / epoch_s))
        hyp[max(0, first) : max(0, min(n_epochs, first + count))] = code
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
        raise InputError(
            f"annotation file {p.name} is not a readable table.", "annotations"
        ) from None
    cols = {c.lower().strip(): c for c in table.columns}
    text_col = next(
        (
            cols[c]
            for c in ("description", "trial_type", "annotation", "event", "stage")
            if c in cols
        ),
        None,
    )
    if text_col is None:
        raise InputError(
            f"annotation file {p.name} needs a description (or stage) column.", "annotations"
        )
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
    return [
        Annotation(float(o), float(d), t) for o, d, t in zip(onsets, durations, texts, strict=True)
    ]
