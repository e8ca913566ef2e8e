"""Annotation times that cannot be placed, or lie outside the recording, or leave it unscored."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from twitchwise.domain.errors import InputError
from twitchwise.io.edf_recordings import read_night, write_night_edf
from twitchwise.io.recording_annotations import Annotation, check_annotation_times, unscored_share_warning
from twitchwise.signals import sleep_stages as st

SF = 128.0
SECONDS = 600.0


@pytest.fixture
def night(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    n = int(SECONDS * SF)
    path = tmp_path / "night.edf"
    write_night_edf(path, {"LAT": rng.normal(0, 2, n), "RAT": rng.normal(0, 2, n)}, SF)
    return path


def _table(path: Path, rows: str) -> Path:
    path.write_text("onset,duration,description\n" + rows, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("0,30,Sleep stage 2\n1e999,0,Sleep stage W\n", "annotation 'Sleep stage W' has onset inf;"),
        ("0,-inf,Sleep stage 2\n", "annotation 'Sleep stage 2' has duration -inf;"),
    ],
)
def test_an_annotation_at_an_unknown_time_is_refused(night: Path, tmp_path: Path, rows: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        read_night(night, annotations=_table(tmp_path / "a.csv", rows))
    assert info.value.field == "annotations" and "\n" not in info.value.message


def test_nan_is_refused_too() -> None:
    with pytest.raises(InputError, match="has onset nan"):
        check_annotation_times([Annotation(float("nan"), 0.0, "Stage 2")], SECONDS)


def test_an_annotation_at_9e99_s_is_reported_and_leaves_the_night_whole(night: Path, tmp_path: Path) -> None:
    rec = read_night(night, annotations=_table(tmp_path / "a.csv", "0,0,Sleep stage 2\n9e99,0,Sleep stage W\n"))
    assert rec.duration_s == SECONDS
    assert rec.hypnogram is not None and set(rec.hypnogram.tolist()) == {st.N2}
    assert rec.warnings == [
        "1 annotation lies outside the recording (0 to 600 s) and covers none of it, "
        "e.g. 'Sleep stage W' at 9e+99 s."
    ]


def test_a_hypnogram_covering_little_of_the_night_is_reported(night: Path, tmp_path: Path) -> None:
    rec = read_night(night, annotations=_table(tmp_path / "a.csv", "0,60,Sleep stage 2\n"))
    assert rec.warnings == [
        "the sleep stages leave 90 % of the recording unscored; leg movements there count in no index."
    ]


def test_a_hypnogram_covering_the_night_gives_no_warning() -> None:
    assert unscored_share_warning(np.full(20, st.N2, dtype=np.int8), SECONDS) is None
    assert unscored_share_warning(None, SECONDS) is None
