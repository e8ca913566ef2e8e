"""Stage and event vocabularies of scoring systems, kept as data, and how markers become a hypnogram."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from twitchwise.domain.errors import KnowledgeError
from twitchwise.io.recording_annotations import (
    Annotation,
    is_respiratory,
    load_vocabulary,
    night_annotations,
    stage_code,
    unknown_annotations_warning,
)
from twitchwise.signals import sleep_stages as st

W, N1, N2, N3, R, U = st.WAKE, st.N1, st.N2, st.N3, st.REM, st.UNSCORED

STAGES = [
    # Sleep-EDF (R&K)
    ("Sleep stage W", W), ("Sleep stage 1", N1), ("Sleep stage 2", N2), ("Sleep stage 3", N3),
    ("Sleep stage 4", N3), ("Sleep stage R", R), ("Sleep stage ?", U), ("Movement time", U),
    # AASM spellings
    ("Stage W", W), ("Stage N1", N1), ("Stage N2", N2), ("Stage N3", N3), ("Stage R", R),
    ("N1", N1), ("REM", R), ("Wake", W), ("NREM 2", N2), ("Sleep_stage_N3", N3),
    # SLEEP-S0..S3 (Compumedics / NSRR exports)
    ("SLEEP-S0", W), ("SLEEP-S1", N1), ("SLEEP-S2", N2), ("SLEEP-S3", N3), ("SLEEP-REM", R),
    # German
    ("Wach", W), ("Schlafstadium 2", N2), ("Stadium N3", N3), ("Tiefschlaf", N3), ("REM-Schlaf", R),
    # French
    ("Veille", W), ("Éveil", W), ("Stade 2", N2), ("Sommeil paradoxal", R),
    # Italian, Spanish, Dutch
    ("Veglia", W), ("Fase 1", N1), ("Vigilia", W), ("Estadio N2", N2), ("Wakker", W),
    # not stages
    ("Obstructive Apnea", None), ("Arousal", None), ("Lights off", None), ("LM", None),
]


@pytest.mark.parametrize(("text", "code"), STAGES, ids=[t for t, _ in STAGES])
def test_stage_vocabulary(text: str, code: int | None) -> None:
    assert stage_code(text) == code


@pytest.mark.parametrize(
    ("text", "respiratory"),
    [
        ("Obstructive Apnea", True), ("Central apnoea", True), ("Apnoe", True), ("Hypopnoe", True),
        ("Apnée obstructive", True), ("Ipopnea", True), ("RERA", True), ("Hypopnea", True),
        ("Respiratory event", True), ("Desaturation", False), ("Arousal", False), ("Sleep stage W", False),
    ],
)
def test_respiratory_vocabulary(text: str, respiratory: bool) -> None:
    assert is_respiratory(text) is respiratory


def test_zero_duration_stage_markers_last_until_the_next() -> None:
    anns = [Annotation(0, 0, "Stage W"), Annotation(60, 0, "Stage N2"), Annotation(150, 0, "Stage R")]
    hyp, _ = night_annotations(anns, duration_s=210.0)
    assert hyp is not None
    assert hyp.tolist() == [W, W, N2, N2, N2, R, U]


def test_unknown_labels_in_one_warning_with_their_share() -> None:
    anns = [Annotation(0, 30, "Stage W")]
    anns += [Annotation(30 + 60 * i, 30, "Zzz marker") for i in range(3)]
    anns += [Annotation(500, 90, "Foo"), Annotation(40, 0, "Arousal"), Annotation(50, 20, "Hypopnea")]
    warning = unknown_annotations_warning(anns, duration_s=900.0)
    assert warning == (
        "2 annotation labels were not recognised and ignored, covering 20.0 % of the "
        "recording: 'Zzz marker' (3x), 'Foo' (1x)."
    )
    assert unknown_annotations_warning(anns[:1], duration_s=900.0) is None


def test_respiratory_events_include_reras() -> None:
    _, resp = night_annotations([Annotation(10, 12, "RERA"), Annotation(40, 20, "Apnoe")], 120.0)
    np.testing.assert_array_equal(resp, [[10, 12], [40, 20]])


_STAGES = "{W: ['w'], N1: ['1'], N2: ['2'], N3: ['3'], R: ['r'], UNSCORED: ['u']}"


def _vocabulary(**changed: str) -> str:
    """A minimal valid vocabulary as YAML, with some keys replaced."""
    keys = {"stage_prefixes": "[]", "stages": _STAGES, "respiratory": "['apn']", "respiratory_exclude": "['desat']",
            "arousal": "['arous']", "limb_movement": "['limb']", "known": "['lights']"} | changed  # fmt: skip
    return "".join(f"{k}: {v}\n" for k, v in keys.items())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "at key '(the whole file)': [] is not of type 'object'"),
        (_vocabulary(stages="{W: ['w']}"), "at key 'stages': 'N1' is a required property"),
        (_vocabulary(stages=_STAGES.replace("'u'", "'('")), "key 'stages.UNSCORED[0]' is not a valid pattern"),
        (_vocabulary(respiratory="[]"), "at key 'respiratory': [] is empty"),
        (_vocabulary(arousal="['']"), "at key 'arousal.0': '' is empty"),
        (_vocabulary(colour="['red']"), "Additional properties are not allowed ('colour' was unexpected)"),
    ],
)
def test_bad_vocabulary_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "vocab.yaml"
    path.write_text(text)
    with pytest.raises(KnowledgeError, match=re.escape(message)) as info:
        load_vocabulary(path)
    assert str(info.value).startswith("vocab.yaml")
