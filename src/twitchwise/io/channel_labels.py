"""What a PSG channel records, from its label: a map kept as data (``channel_labels.yaml``).

The map is validated when it is loaded; a bad entry gives one error naming the file and
the key. Leg channels are then paired: a left and a right leg, two legs whose side the
label does not say, or one bipolar cross-leg channel (``LLEG-RLEG``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from twitchwise.domain.errors import InputError, KnowledgeError
from twitchwise.io.data_schemas import validate_data_file

LABEL_MAP_PATH = Path(__file__).with_name("channel_labels.yaml")

#: Every kind the map must define, in the order labels are tried.
KINDS = (
    "chin",
    "ecg",
    "respiratory",
    "eeg",
    "eog",
    "leg_bipolar",
    "leg_left",
    "leg_right",
    "leg_unsided",
)
LEG_KINDS = ("leg_bipolar", "leg_left", "leg_right", "leg_unsided")

_SEPARATORS = re.compile(r"[\s.\-/_()\[\]:,;]+")
_EMG_AFFIX = re.compile(r"^emg |^emg(?=[a-z])| emg$")


def normalise_label(label: str) -> str:
    """Lower case, separators as single spaces, an ``EMG`` prefix or suffix dropped."""
    text = _SEPARATORS.sub(" ", label.lower()).strip()
    stripped = _EMG_AFFIX.sub("", text).strip()
    return stripped or text


@dataclass(frozen=True)
class LabelMap:
    """Compiled channel-label patterns: kind to whole-label regular expressions."""

    patterns: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]

    def kind(self, label: str) -> str | None:
        """The kind of channel a label names (``"leg_left"``, ``"chin"``, ...), or None."""
        text = normalise_label(label)
        for kind, regexes in self.patterns:
            if any(r.fullmatch(text) for r in regexes):
                return kind
        return None


def parse_label_map(raw: Any, source: str) -> LabelMap:
    """Validate (JSON Schema ``schemas/channel_labels.schema.json``) and compile a label map
    read from YAML; KnowledgeError names file and key."""
    validate_data_file(raw, source, "channel_labels")
    if not isinstance(raw, dict) or not isinstance(raw.get("kinds"), dict):
        raise KnowledgeError(f"{source}: the top level needs a 'kinds' mapping.")
    kinds = raw["kinds"]
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise KnowledgeError(
            f"{source}: key 'kinds.{unknown[0]}' is not a channel kind; "
            f"allowed: {', '.join(KINDS)}."
        )
    compiled: list[tuple[str, tuple[re.Pattern[str], ...]]] = []
    for kind in KINDS:
        entries = kinds.get(kind)
        if not isinstance(entries, list) or not entries:
            raise KnowledgeError(f"{source}: key 'kinds.{kind}' must be a non-empty list.")
        regexes = []
        for i, entry in enumerate(entries):
            if not isinstance(entry, str) or not entry.strip():
                raise KnowledgeError(f"{source}: key 'kinds.{kind}[{i}]' must be a pattern text.")
            try:
                regexes.append(re.compile(entry))
            except re.error as exc:
                raise KnowledgeError(
                    f"{source}: key 'kinds.{kind}[{i}]' is not a valid pattern ({exc})."
                ) from None
        compiled.append((kind, tuple(regexes)))
    return LabelMap(tuple(compiled))


def load_label_map(path: Path | None = None) -> LabelMap:
    """Read and validate a label map (by default the one shipped with twitchwise)."""
    if path is None:
        return _default_map()
    return _load(path)


@lru_cache(maxsize=1)
def _default_map() -> LabelMap:
    return _load(LABEL_MAP_PATH)


def _load(path: Path) -> LabelMap:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path.name}: cannot be read as YAML ({exc}).") from None
    return parse_label_map(raw, path.name)


def channel_kind(label: str) -> str | None:
    """The kind of channel a label names, by the shipped map; None if unknown."""
    return _default_map().kind(label)


@dataclass(frozen=True)
class LegChoice:
    """The leg channels chosen for scoring.

    Attributes
    ----------
    channels : dict of str to str
        Leg name ("left", "right", "left+right" for a cross-leg bipolar channel, or the
        label for a leg of unknown side) to the file's label.
    one_leg : bool
        True when only one leg channel (not a cross-leg channel) is scored.
    bipolar : bool
        True when one cross-leg bipolar channel stands for both legs.
    """

    channels: dict[str, str]
    one_leg: bool = False
    bipolar: bool = False


def choose_legs(
    labels: Sequence[str], requested: Sequence[str] | None = None, one_leg: bool = False
) -> LegChoice:
    """Pair the leg channels of a file.

    Parameters
    ----------
    labels : sequence of str
        The file's channel labels.
    requested : sequence of str, optional
        Labels named by the user (case and separators ignored); used as given.
    one_leg : bool
        Accept a file in which only one leg channel is found (the result is marked).

    Returns
    -------
    LegChoice
    """
    if requested:
        return _requested(labels, requested)
    by_kind: dict[str, list[str]] = {k: [] for k in LEG_KINDS}
    for lab in labels:
        kind = channel_kind(lab)
        if kind in by_kind:
            by_kind[kind].append(lab)
    left, right = by_kind["leg_left"], by_kind["leg_right"]
    if left and right:
        return LegChoice({"left": left[0], "right": right[0]})
    if by_kind["leg_bipolar"]:
        return LegChoice({"left+right": by_kind["leg_bipolar"][0]}, bipolar=True)
    sided = [("left", lab) for lab in left] + [("right", lab) for lab in right]
    unsided = [(lab, lab) for lab in by_kind["leg_unsided"]]
    found = sided[:1] + unsided
    if len(found) >= 2:
        return LegChoice(dict(found[:2]))
    if len(found) == 1:
        name, lab = found[0]
        if not one_leg:
            raise InputError(
                f"only one leg EMG channel was found ({lab!r}); PLM scoring needs both legs, "
                "so name the other with --legs or pass --one-leg to score this leg alone.",
                field="legs",
            )
        return LegChoice({name: lab}, one_leg=True)
    raise InputError(
        "no leg EMG channel found (looked for LAT/RAT, Leg L/R, Tib L/R, SX1-SX2/DX1-DX2, "
        "PLMl/PLMr, X3/X4, LLEG-RLEG and their German, French, Italian, Dutch and Spanish "
        f"names); name them with --legs. The file's channels are: {', '.join(labels)}.",
        field="legs",
    )


def _requested(labels: Sequence[str], requested: Sequence[str]) -> LegChoice:
    norm = {_key(lab): lab for lab in labels}
    chosen: list[str] = []
    for want in requested:
        label = norm.get(_key(want))
        if label is None:
            raise InputError(
                f"leg channel {want!r} is not in the file; its channels are: "
                f"{', '.join(labels)}.",
                field="legs",
            )
        chosen.append(label)
    names: dict[str, str] = {}
    for label in chosen:
        kind = channel_kind(label)
        side = {"leg_left": "left", "leg_right": "right", "leg_bipolar": "left+right"}.get(
            kind or ""
        )
        names[side or label] = label
    if len(names) < len(chosen):
        names = {lab: lab for lab in chosen}
    bipolar = len(chosen) == 1 and "left+right" in names
    return LegChoice(names, one_leg=len(chosen) == 1 and not bipolar, bipolar=bipolar)


def _key(label: str) -> str:
    return re.sub(r"\s+", "", label).lower()
