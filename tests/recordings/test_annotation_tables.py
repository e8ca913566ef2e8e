"""Annotation tables as labs write them: BIDS events.tsv, CSV/TSV events, one stage per epoch."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from twitchwise.domain.errors import InputError
from twitchwise.io.edf_recordings import read_annotation_file
from twitchwise.io.recording_annotations import arousal_events, night_annotations
from twitchwise.signals import sleep_stages as st

W, N1, N2, N3, R, U = st.WAKE, st.N1, st.N2, st.N3, st.REM, st.UNSCORED

BIDS = (
    "onset\tduration\ttrial_type\tvalue\n"
    "0.0\t30.0\tSleep stage W\tn/a\n"
    "30.0\t60.0\tSleep stage N2\tn/a\n"
    "45.5\t12.0\tObstructive apnea\tn/a\n"
    "70.0\tn/a\tArousal\tn/a\n"
    "90.0\t30.0\tSleep stage R\tn/a\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bids_events_tsv(tmp_path: Path) -> None:
    anns = read_annotation_file(_write(tmp_path, "sub-01_task-sleep_events.tsv", BIDS))
    hyp, resp = night_annotations(anns, duration_s=120.0)
    assert hyp is not None and hyp.tolist() == [W, N2, N2, R]
    assert resp.tolist() == [[45.5, 12.0]]
    arousals = arousal_events(anns)
    assert arousals is not None and arousals.tolist() == [[70.0, 0.0]]  # "n/a" duration: a point event


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("events.csv", "onset,duration,description\n0,30,Stage W\n30,30,Stage 1\n60,30,Stage 3\n90,30,Stage 4\n"),
        ("events.tsv", "Onset\tDuration\tAnnotation\n0\t30\tW\n30\t30\tN1\n60\t30\tN3\n90\t30\tSLEEP-S3\n"),
        ("export.txt", "onset\tduration\tevent\n0\t0\tWach\n30\t0\tSchlafstadium 1\n60\t0\tTiefschlaf\n"),
    ],
)
def test_event_tables_in_several_spellings(tmp_path: Path, name: str, text: str) -> None:
    hyp, _ = night_annotations(read_annotation_file(_write(tmp_path, name, text)), duration_s=120.0)
    assert hyp is not None
    assert hyp.tolist()[:3] == [W, N1, N3]


def test_one_stage_per_epoch(tmp_path: Path) -> None:
    text = "stage\nW\nN1\nN2\nN2\nN3\nR\n?\n"
    anns = read_annotation_file(_write(tmp_path, "hypnogram.csv", text))
    hyp, _ = night_annotations(anns, duration_s=210.0)
    assert hyp is not None and hyp.tolist() == [W, N1, N2, N2, N3, R, U]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("onset,duration\n0,30\n", "needs a description (or stage) column"),
        ("onset,duration,description\nsoon,30,Stage W\n", "onset must be seconds"),
        ("", "is not a readable table"),
    ],
)
def test_bad_tables_give_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)) as info:
        read_annotation_file(_write(tmp_path, "bad.csv", text))
    assert "\n" not in info.value.message


def test_missing_annotation_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_annotation_file(tmp_path / "nope.tsv")


def test_stage_markers_then_the_night(tmp_path: Path) -> None:
    """Zero-duration markers extend to the next one: one LM in 90 s of sleep is not 40/h."""
    text = "onset,duration,description\n0,0,Sleep stage W\n600,0,Sleep stage N2\n3000,0,Sleep stage W\n"
    hyp, _ = night_annotations(read_annotation_file(_write(tmp_path, "m.csv", text)), duration_s=3600.0)
    assert hyp is not None
    assert np.count_nonzero(hyp == N2) == 80 and np.count_nonzero(hyp == W) == 20 + 1
