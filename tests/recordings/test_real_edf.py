"""Real EDF files from ../shared/data/real-edf (read in place, never copied into the repo)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from twitchwise.io.edf_recordings import read_annotation_file, read_night

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-edf"

pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"real EDF files not found at {REAL} (../shared/data/real-edf)"
)


def _file(name: str) -> Path:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"{name} is not in {REAL}")
    return path


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    """The real root command: its error funnel turns an InputError into exit code 2."""
    from twitchwise.cli.app import app as root

    return root


@pytest.mark.parametrize(
    ("name", "left", "right", "sf", "seconds"),
    [
        ("somnoscreen-female57-15min.edf", "EMG LAT", "EMG RAT", 128.0, 900.0),
        ("psgipa-SN5-150s.edf", "EMG LAT", "EMG RAT", 256.0, 150.0),
    ],
)
def test_real_leg_recordings_report_both_legs(name: str, left: str, right: str, sf: float, seconds: float) -> None:
    night = read_night(_file(name))
    assert night.labels == {"left": left, "right": right}
    assert night.sf == {"left": sf, "right": sf}
    assert night.duration_s == seconds
    assert len(night.legs["left"]) == len(night.legs["right"]) == int(sf * seconds)
    assert night.warnings == [] and not night.one_leg


@pytest.mark.parametrize(
    ("name", "onset_s", "leg"),
    [
        ("somnoscreen-female57-15min.edf", 149.0, "left"),  # the ~1.2 s left tibialis burst
        ("psgipa-SN5-150s.edf", 4.0, "left+right"),  # the bilateral movement near 4 s
    ],
)
def test_real_recordings_find_the_movement_seen_by_eye(
    app: typer.Typer, tmp_path: Path, name: str, onset_s: float, leg: str
) -> None:
    events = tmp_path / "events.csv"
    result = CliRunner().invoke(app, ["recording", "score", str(_file(name)), "--json", "--events", str(events)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["channels"].startswith("left=EMG LAT,right=EMG RAT") and summary["one_leg"] is False
    table = pd.read_csv(events)
    assert len(table) == 1
    assert abs(table["onset"][0] - onset_s) < 1.0 and table["leg"][0] == leg


def test_edfplus_d_is_laid_out_on_recording_time() -> None:
    path = _file("edfplus-discontinuous.edf")
    night = read_night(path, legs=["squarewave", "pulse"])
    # 600 one-second records at 1.5-s steps: first start to last end is 899.5 s, not 600 s
    assert night.duration_s == pytest.approx(899.5)
    assert len(night.gaps) == 599 and night.gaps[:, 1].sum() == pytest.approx(299.5)
    x = night.legs["squarewave"]
    assert len(x) == round(899.5 * 200)
    assert np.all(x[200:300] == 0.0)  # the gap 1.0-1.5 s holds no data


def test_edfplus_d_gaps_are_not_scored(app: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "d.edf"
    args = ["recording", "score", str(_file("edfplus-discontinuous.edf")), "--legs", "squarewave,pulse"]
    result = CliRunner().invoke(app, [*args, "--json", "--edf-out", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["recording_hours"] == round(899.5 / 3600, 4)
    assert summary["time_not_recorded_s"] == 299.5
    assert summary["lm_count"] == 0  # the square wave's steps at each gap are not movements
    assert out.read_bytes()[192:197] == b"EDF+D"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("header-minus-one-records.edf", "holds no data records (its header says -1"),
        ("sleep-edf-SC4291-hypnogram.edf", "holds only annotations, no signals"),
        ("edfplus-discontinuous.edf", "no leg EMG channel found"),
    ],
)
def test_files_without_legs_give_one_sentence_and_exit_2(app: typer.Typer, name: str, message: str) -> None:
    result = CliRunner().invoke(app, ["recording", "score", str(_file(name))])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output and "Warning" not in result.output


@pytest.mark.parametrize(
    "name",
    ["somnoscreen-female57-15min.edf", "psgipa-SN5-150s.edf"],
)
def test_real_recordings_score_without_noise_on_stderr(app: typer.Typer, name: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["recording", "score", str(_file(name)), "--json", "--edf-out", str(tmp_path / "o.edf")]
    )
    assert result.exit_code == 0
    assert result.stderr == ""


def test_sleep_edf_hypnogram_as_annotation_file() -> None:
    anns = read_annotation_file(_file("sleep-edf-SC4291-hypnogram.edf"))
    texts = {a.text for a in anns}
    assert {"Sleep stage W", "Sleep stage 1", "Sleep stage 2", "Sleep stage R"} <= texts
    assert anns[0].onset == 0.0 and all(b.onset >= a.onset for a, b in itertools.pairwise(anns))


def test_sleep_edf_hypnogram_passed_with_annotations(app: typer.Typer) -> None:
    night = _file("somnoscreen-female57-15min.edf")
    hyp = _file("sleep-edf-SC4291-hypnogram.edf")
    result = CliRunner().invoke(app, ["recording", "score", str(night), "--annotations", str(hyp), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    # the hypnogram starts with hours of wake, so this 15-min recording is all W
    assert summary["stages_available"] is True and summary["wake_hours"] == 0.25
    # a whole night's hypnogram for a 15-min file: the rest is said once, not silently dropped
    assert summary["warnings"] == [
        "300 annotations lie outside the recording (0 to 900 s) and cover none of it, "
        "e.g. 'Sleep stage 1' at 26430 s."
    ]
    assert " ".join(result.stderr.split()) == "warning: " + summary["warnings"][0]


def test_the_text_summary_says_the_night_was_staged_automatically(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["recording", "score", str(_file("somnoscreen-female57-15min.edf"))])
    assert result.exit_code == 0, result.output
    assert "Sleep stages: staged automatically (YASA" in " ".join(result.stdout.split())
