"""The channel-label map: real-world labels, pairing of legs, and validation of the map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from twitchwise.domain.errors import InputError, KnowledgeError
from twitchwise.io.channel_labels import channel_kind, choose_legs, load_label_map

L, R, B, U = "leg_left", "leg_right", "leg_bipolar", "leg_unsided"

LABELS = [
    # English / AASM / device exports
    ("LAT", L), ("RAT", R), ("EMG LAT", L), ("EMG RAT", R), ("LAT1-LAT2", L), ("RAT1-RAT2", R),
    ("Leg L", L), ("Leg R", R), ("Left Leg", L), ("Right Leg", R), ("L Leg", L), ("R Leg", R),
    ("Tib L", L), ("Tib R", R), ("EMG Tib L", L), ("EMG Tib R", R), ("Tibialis L", L),
    ("Tibialis R", R), ("Tib.ant.L", L), ("Tib.ant.R", R), ("L-Tib", L), ("R-Tib", R),
    ("Left Tibialis Anterior", L), ("Right Tibialis Anterior", R), ("EMG LTA", L), ("EMG RTA", R),
    ("L-TA", L), ("R-TA", R),
    # Compumedics / Natus / Embla
    ("LEG/L", L), ("LEG/R", R), ("Leg/L", L), ("Leg/R", R), ("LEG(L)", L), ("LEG(R)", R),
    ("Leg EMG L", L), ("Leg EMG R", R),
    # NSRR
    ("Lleg", L), ("Rleg", R), ("LLEG1-LLEG2", L), ("RLEG1-RLEG2", R), ("LLEG-RLEG", B),
    ("Leg 1", U), ("Leg 2", U), ("Legs", B),
    # SOMNOmedics
    ("PLMl", L), ("PLMr", R), ("PLM li", L), ("PLM re", R),
    # CAP (Italian)
    ("SX1-SX2", L), ("DX1-DX2", R), ("Tibiale sx", L), ("Tibiale dx", R), ("Gamba sx", L),
    ("Gamba dx", R),
    # ISRUC
    ("X3", L), ("X4", R),
    # German
    ("Bein li", L), ("Bein re", R), ("Bein links", L), ("Bein rechts", R),
    # French
    ("Jambe G", L), ("Jambe D", R), ("Jambe gauche", L), ("Jambe droite", R),
    # Dutch
    ("Been links", L), ("Been rechts", R),
    # Spanish
    ("Pierna izq", L), ("Pierna der", R), ("Pierna izquierda", L), ("Pierna derecha", R),
    # side unknown
    ("Tib", U), ("Leg", U), ("Tibialis", U),
    # not legs: chin, ECG, respiratory, EEG, EOG
    ("Lat Chin", "chin"), ("Chin", "chin"), ("EMG chin", "chin"), ("EMG chin R-ref", "chin"),
    ("Chin1-Chin2", "chin"), ("X1", "chin"), ("Kinn", "chin"),
    ("ECG", "ecg"), ("EKG", "ecg"), ("ECG II", "ecg"), ("ECG1-ECG2", "ecg"), ("X2", "ecg"),
    ("Resp nasal", "respiratory"), ("Resp abdomen", "respiratory"), ("Thorax", "respiratory"),
    ("Flow.40ms", "respiratory"), ("SaO2", "respiratory"), ("SpO2", "respiratory"),
    ("Snore", "respiratory"), ("Nasal Pressure", "respiratory"),
    ("EEG C3-A2", "eeg"), ("C4-M1", "eeg"), ("EEG Fpz-Cz", "eeg"), ("O2-A1", "eeg"),
    ("EOG E1-M2", "eog"), ("LOC-A2", "eog"), ("ROC", "eog"),
    # nothing known
    ("squarewave", None), ("Crc16", None), ("Position", None),
]


@pytest.mark.parametrize(("label", "kind"), LABELS, ids=[lab for lab, _ in LABELS])
def test_label_kind(label: str, kind: str | None) -> None:
    assert channel_kind(label) == kind


def test_table_is_large_enough() -> None:
    assert len(LABELS) >= 60


def test_cross_leg_channel_is_never_left() -> None:
    choice = choose_legs(["EEG C3-A2", "LLEG-RLEG", "Lat Chin"])
    assert choice.channels == {"left+right": "LLEG-RLEG"} and choice.bipolar and not choice.one_leg


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["EEG", "Lat Chin", "PLMl", "PLMr"], {"left": "PLMl", "right": "PLMr"}),
        (["X1", "X2", "X3", "X4"], {"left": "X3", "right": "X4"}),
        (["Leg 1", "Leg 2", "ECG"], {"Leg 1": "Leg 1", "Leg 2": "Leg 2"}),
        (["LLEG-RLEG", "Leg/L", "Leg/R"], {"left": "Leg/L", "right": "Leg/R"}),
        (["EMG RAT", "EMG LAT"], {"left": "EMG LAT", "right": "EMG RAT"}),
    ],
)
def test_pairing(labels: list[str], expected: dict[str, str]) -> None:
    assert choose_legs(labels).channels == expected


def test_one_leg_is_refused_unless_asked() -> None:
    with pytest.raises(InputError, match="only one leg EMG channel was found \\('Tib L'\\)"):
        choose_legs(["EEG", "Tib L", "Lat Chin"])
    choice = choose_legs(["EEG", "Tib L", "Lat Chin"], one_leg=True)
    assert choice.channels == {"left": "Tib L"} and choice.one_leg


def test_chin_only_is_not_a_leg() -> None:
    with pytest.raises(InputError, match="no leg EMG channel found"):
        choose_legs(["Lat Chin", "ECG", "EEG C3-A2"])


_KINDS = ("chin", "ecg", "respiratory", "eeg", "eog", "leg_bipolar", "leg_left", "leg_right", "leg_unsided")


def _label_map(**changed: str) -> str:
    """A minimal valid label map as YAML, with some kinds' pattern lists replaced."""
    kinds = {kind: changed.get(kind, f"['{kind}']") for kind in _KINDS}
    extra = {k: v for k, v in changed.items() if k not in _KINDS}
    body = ", ".join(f"{k}: {v}" for k, v in (kinds | extra).items())
    return f"version: 1\nkinds: {{{body}}}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "at key '(the whole file)': [] is not of type 'object'"),
        ("version: 1", "at key '(the whole file)': 'kinds' is a required property"),
        (_label_map(elbow="['x']"), "at key 'kinds': Additional properties are not allowed ('elbow' was unexpected)"),
        (_label_map(chin="[]"), "at key 'kinds.chin': [] is empty"),
        (_label_map(ecg="['  ']"), "at key 'kinds.ecg.0': '  ' is empty"),
        (_label_map(eog="[3]"), "at key 'kinds.eog.0': 3 is not of type 'string'"),
        (_label_map(chin="['(']"), "key 'kinds.chin[0]' is not a valid pattern"),
        ("kinds: [", "cannot be read as YAML"),
    ],
)
def test_bad_label_map_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text(text)
    with pytest.raises(KnowledgeError, match=re.escape(message)) as info:
        load_label_map(path)
    assert str(info.value).startswith("labels.yaml")
