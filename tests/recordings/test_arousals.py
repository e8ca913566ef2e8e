"""Arousal-associated leg movements (AASM and WASM 2016: overlap, or < 0.5 s apart)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from twitchwise.io.edf_recordings import read_annotation_file, read_night, write_night_edf
from twitchwise.io.recording_annotations import arousal_events, is_arousal
from twitchwise.signals.plm_rules import arousal_associated
from twitchwise.signals.plm_scoring import score_leg_movements
from twitchwise.testing.synthetic_nights import SyntheticNight

from .conftest import night_annotations


@pytest.mark.parametrize(
    ("arousal", "associated"),
    [
        ((101.0, 3.0), True),  # inside the movement
        ((99.0, 1.5), True),  # overlaps its onset
        ((102.4, 5.0), True),  # starts 0.4 s after the movement's end
        ((102.5, 5.0), False),  # exactly 0.5 s after: not "less than 0.5 s"
        ((103.0, 5.0), False),
        ((95.0, 4.6), True),  # ends 0.4 s before the movement's onset
        ((95.0, 4.4), False),  # ends 0.6 s before it
    ],
)
def test_association_window(arousal: tuple[float, float], associated: bool) -> None:
    got = arousal_associated(np.array([100.0]), np.array([102.0]), np.array([arousal]))
    assert got.tolist() == [associated]


@pytest.mark.parametrize(
    ("text", "arousal"),
    [
        ("Arousal", True),
        ("Arousal (ASDA)", True),
        ("Spontaneous arousal", True),
        ("Micro-arousal", True),
        ("Weckreaktion", True),
        ("micro-éveil", True),
        ("Microrisveglio", True),
        ("Microdespertar", True),
        ("Despertar", False),  # an awakening: stage W, not an arousal
        ("Éveil", False),
        ("RERA", False),
        ("Respiratory effort related arousal", False),
        ("Obstructive Apnea", False),
        ("Sleep stage 2", False),
        ("Limb movement (left)", False),
    ],
)
def test_arousal_vocabulary(text: str, arousal: bool) -> None:
    assert is_arousal(text) is arousal


def test_plms_arousal_index_counts_the_associated_plms(small_night: SyntheticNight) -> None:
    plain = score_leg_movements(small_night.legs, small_night.sf, small_night.hypnogram, small_night.respiratory_events)
    ev = plain.events
    sleep_plms = ev[ev["periodic"] & ev["stage"].isin(["N1", "N2", "N3", "R"])]
    assert len(sleep_plms) > 20
    near = sleep_plms.iloc[::2]  # an arousal 0.3 s after each of these ends
    far = sleep_plms.iloc[1::2]  # and 1.5 s after each of these
    arousals = np.array([(o + 0.3, 5.0) for o in near["offset"]] + [(o + 1.5, 5.0) for o in far["offset"]])
    scored = score_leg_movements(
        small_night.legs, small_night.sf, small_night.hypnogram, small_night.respiratory_events, arousals=arousals
    )
    s = scored.summary()
    assert s["plms_arousal_count"] == len(near)
    assert s["arousal_count"] == len(arousals)
    assert s["plms_arousal_index"] == pytest.approx(len(near) / (s["sleep_hours"]), abs=0.01)
    assert s["lm_arousal_count"] >= len(near)
    assert scored.events.loc[scored.events["onset"].isin(near["onset"]), "arousal"].all()
    # the rest of the scoring is unchanged by arousals
    assert s["plms_index"] == plain.summary()["plms_index"]


def test_without_arousal_annotations_the_arousal_figures_are_none(small_night: SyntheticNight) -> None:
    s = score_leg_movements(small_night.legs, small_night.sf, small_night.hypnogram).summary()
    assert s["arousal_count"] is None and s["plms_arousal_index"] is None
    empty = score_leg_movements(small_night.legs, small_night.sf, small_night.hypnogram, arousals=[]).summary()
    assert empty["arousal_count"] == 0 and empty["plms_arousal_count"] == 0 and empty["plms_arousal_index"] == 0.0


NSRR_AROUSALS = """<?xml version="1.0" encoding="UTF-8"?>
<PSGAnnotation><EpochLength>30</EpochLength><ScoredEvents>
<ScoredEvent><EventType>Stages|Stages</EventType><EventConcept>Stage 2 sleep|2</EventConcept>
<Start>0</Start><Duration>600</Duration></ScoredEvent>
<ScoredEvent><EventType>Arousals|Arousals</EventType><EventConcept>Arousal|Arousal ()</EventConcept>
<Start>100.5</Start><Duration>6.0</Duration></ScoredEvent>
<ScoredEvent><EventType>Arousals|Arousals</EventType><EventConcept>ASDA arousal|Arousal (ASDA)</EventConcept>
<Start>300</Start><Duration>4.0</Duration></ScoredEvent>
<ScoredEvent><EventType>Respiratory|Respiratory</EventType>
<EventConcept>RERA|Respiratory effort related arousal</EventConcept><Start>400</Start><Duration>12</Duration>
</ScoredEvent>
<ScoredEvent><EventType>Limb Movement|Limb Movement</EventType>
<EventConcept>Limb movement - left|Limb Movement (Left)</EventConcept>
<Start>100</Start><Duration>1.5</Duration></ScoredEvent>
</ScoredEvents></PSGAnnotation>
"""


def test_nsrr_arousals_reach_the_night(tmp_path: Path) -> None:
    xml = tmp_path / "night-nsrr.xml"
    xml.write_text(NSRR_AROUSALS, encoding="utf-8")
    assert arousal_events(read_annotation_file(xml)).tolist() == [[100.5, 6.0], [300.0, 4.0]]
    rng = np.random.default_rng(3)
    edf = tmp_path / "night.edf"
    n = 600 * 128
    write_night_edf(edf, {"LAT": rng.normal(0, 2, n), "RAT": rng.normal(0, 2, n)}, 128.0)
    rec = read_night(edf, annotations=xml)
    assert rec.arousals is not None and len(rec.arousals) == 2
    assert rec.warnings == []


def test_arousals_in_the_files_own_annotations(small_night: SyntheticNight, tmp_path: Path) -> None:
    from twitchwise.io.recording_annotations import Annotation
    from twitchwise.services.recordings import score_recording

    anns = [*night_annotations(small_night), Annotation(1000.0, 5.0, "Arousal")]
    edf = tmp_path / "night.edf"
    write_night_edf(edf, {"LAT": small_night.legs["left"], "RAT": small_night.legs["right"]}, small_night.sf, anns)
    summary = score_recording(edf).summary()
    assert summary["arousal_count"] == 1 and summary["plms_arousal_index"] is not None
