"""Leg movements a technician scored in the annotations, compared with what is detected."""

from __future__ import annotations

from pathlib import Path

import pytest

from twitchwise.io.edf_recordings import write_night_edf
from twitchwise.io.recording_annotations import Annotation, is_limb_movement
from twitchwise.services.recordings import score_recording
from twitchwise.testing.synthetic_nights import SyntheticNight

from .conftest import night_annotations


@pytest.mark.parametrize(
    ("text", "limb"),
    [
        ("Limb movement - left", True),
        ("Limb Movement (Right)", True),
        ("Periodic leg movement", True),
        ("PLM", True),
        ("LM", True),
        ("Beinbewegung links", True),
        ("Mouvement de jambe", True),
        ("Movimento degli arti", True),
        ("Arousal", False),
        ("Obstructive Apnea", False),
        ("Sleep stage 2", False),
        ("Body position: left", False),
    ],
)
def test_limb_movement_vocabulary(text: str, limb: bool) -> None:
    assert is_limb_movement(text) is limb


def _edf(path: Path, night: SyntheticNight, extra: list[Annotation]) -> Path:
    legs = {"LAT": night.legs["left"], "RAT": night.legs["right"]}
    return write_night_edf(path, legs, night.sf, [*night_annotations(night), *extra])


def test_scored_lms_agree_with_the_detected_ones(small_night: SyntheticNight, tmp_path: Path) -> None:
    truth = small_night.truth[small_night.truth["kind"] == "lm"]
    scored = [Annotation(float(r.onset), float(r.duration), "Limb movement - left") for r in truth.itertuples()]
    s = score_recording(_edf(tmp_path / "n.edf", small_night, scored), cancel_ecg=False).summary()
    assert s["annotated_lm_count"] == len(truth)
    assert s["annotated_lm_detected_share"] >= 0.95  # the detector finds what was placed
    assert s["detected_lm_annotated_share"] >= 0.95
    assert s["warnings"] == []  # scored LMs are recognised, not "unknown labels"


def test_a_technician_who_scored_more_shows(small_night: SyntheticNight, tmp_path: Path) -> None:
    """The comparison can fail: LMs scored where nothing moved are not 'detected'."""
    fake = [Annotation(50.0 + 97.0 * i, 1.0, "PLM") for i in range(40)]
    s = score_recording(_edf(tmp_path / "n.edf", small_night, fake), cancel_ecg=False).summary()
    assert s["annotated_lm_count"] == 40 and s["annotated_lm_detected_share"] < 0.5


def test_without_scored_lms_the_comparison_is_none(small_edf: Path) -> None:
    s = score_recording(small_edf, cancel_ecg=False).summary()
    assert s["annotated_lm_count"] is None and s["annotated_lm_detected_share"] is None
