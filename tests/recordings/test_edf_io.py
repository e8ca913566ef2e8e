"""Reading recordings written by other tools, and one clear error for each kind of bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from twitchwise.domain.errors import InputError
from twitchwise.io.edf_recordings import find_leg_channels, read_night, write_night_edf
from twitchwise.io.recording_annotations import read_annotation_table, stage_code

SF = 256.0


def _emg(seconds: float = 120.0, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 2.0, int(seconds * SF))
    x[int(30 * SF) : int(32 * SF)] += rng.normal(0, 40.0, int(2 * SF))  # one LM at 30 s
    return x


def _check(night, left_label: str = "LAT") -> None:  # type: ignore[no-untyped-def]
    assert night.labels["left"] == left_label
    assert night.sf["left"] == SF
    x = night.legs["left"]
    ref = _emg()
    assert x.dtype == np.float32 and len(x) == len(ref)
    assert np.max(np.abs(x - ref)) < 0.1  # µV, after 16-bit quantisation
    assert night.hypnogram is not None and night.hypnogram[0] == 0 and night.hypnogram[2] == 2
    assert night.respiratory_events.tolist() == [[40.0, 15.0]]


def test_reads_edfio_file(tmp_path: Path) -> None:
    import edfio

    sigs = [
        edfio.EdfSignal(_emg(), SF, label="LAT", physical_dimension="uV", physical_range=(-500, 500)),
        edfio.EdfSignal(_emg(seed=1), SF, label="RAT", physical_dimension="uV", physical_range=(-500, 500)),
        edfio.EdfSignal(
            np.zeros(int(120 * SF)),
            SF,
            label="EEG C3",
            physical_dimension="uV",
            physical_range=(-500, 500),
        ),
    ]
    anns = [
        edfio.EdfAnnotation(0, 30, "Sleep stage W"),
        edfio.EdfAnnotation(30, 30, "Sleep stage N1"),
        edfio.EdfAnnotation(60, 60, "Sleep stage N2"),
        edfio.EdfAnnotation(40, 15, "Hypopnea"),
    ]
    edfio.Edf(sigs, annotations=anns).write(tmp_path / "edfio.edf")
    _check(read_night(tmp_path / "edfio.edf"))


def test_reads_pyedflib_file_in_millivolts(tmp_path: Path) -> None:
    import pyedflib

    path = str(tmp_path / "pyedflib.edf")
    with pyedflib.EdfWriter(path, 2, file_type=pyedflib.FILETYPE_EDFPLUS) as w:
        heads = []
        for label in ("Leg L", "Leg R"):
            heads.append(
                {
                    "label": label,
                    "dimension": "mV",
                    "sample_frequency": SF,
                    "physical_max": 0.5,
                    "physical_min": -0.5,
                    "digital_max": 32767,
                    "digital_min": -32768,
                }
            )
        w.setSignalHeaders(heads)
        w.writeSamples([_emg() / 1000.0, _emg(seed=1) / 1000.0])
        w.writeAnnotation(0, 30, "Sleep stage W")
        w.writeAnnotation(30, 30, "Sleep stage 1")
        w.writeAnnotation(60, 60, "Sleep stage 2")
        w.writeAnnotation(40, 15, "Obstructive apnea")
    _check(read_night(path), left_label="Leg L")


def test_reads_bdf_written_by_pyedflib(tmp_path: Path) -> None:
    import pyedflib

    path = str(tmp_path / "night.bdf")
    with pyedflib.EdfWriter(path, 1, file_type=pyedflib.FILETYPE_BDFPLUS) as w:
        w.setSignalHeaders(
            [
                {
                    "label": "LAT",
                    "dimension": "uV",
                    "sample_frequency": SF,
                    "physical_max": 500.0,
                    "physical_min": -500.0,
                    "digital_max": 8388607,
                    "digital_min": -8388608,
                }
            ]
        )
        w.writeSamples([_emg()])
        w.writeAnnotation(0, 30, "Sleep stage W")
        w.writeAnnotation(30, 30, "Sleep stage N1")
        w.writeAnnotation(60, 60, "Sleep stage N2")
        w.writeAnnotation(40, 15, "Hypopnea")
    night = read_night(path, one_leg=True)
    _check(night)
    assert night.one_leg and any("only one leg" in w for w in night.warnings)


def test_reads_mne_export(tmp_path: Path) -> None:
    mne = pytest.importorskip("mne")
    info = mne.create_info(["LAT", "RAT"], SF, ch_types="emg")
    raw = mne.io.RawArray(np.vstack([_emg(), _emg(seed=1)]) * 1e-6, info, verbose="error")
    raw.set_annotations(
        mne.Annotations(
            [0, 30, 60, 40],
            [30, 30, 60, 15],
            ["Sleep stage W", "Sleep stage N1", "Sleep stage N2", "Central Apnea"],
        )
    )
    path = tmp_path / "mne_raw.edf"
    mne.export.export_raw(path, raw, fmt="edf", verbose="error")
    _check(read_night(path))


def test_write_and_read_round_trip(tmp_path: Path) -> None:
    from twitchwise.io.recording_annotations import Annotation

    anns = [
        Annotation(0, 30, "W"),
        Annotation(30, 30, "N1"),
        Annotation(60, 60, "N2"),
        Annotation(40, 15, "Obstructive Apnea"),
    ]
    path = write_night_edf(tmp_path / "rt.edf", {"LAT": _emg(), "RAT": _emg(seed=1)}, SF, anns)
    _check(read_night(path))


@pytest.mark.parametrize(
    ("labels", "requested", "expected"),
    [
        (["EEG C3", "LAT", "RAT"], None, {"left": "LAT", "right": "RAT"}),
        (["Leg L", "Leg R"], None, {"left": "Leg L", "right": "Leg R"}),
        (["EMG Tib L", "EMG Tib R"], None, {"left": "EMG Tib L", "right": "EMG Tib R"}),
        (["EEG", "SX1-SX2", "DX1-DX2"], None, {"left": "SX1-SX2", "right": "DX1-DX2"}),
        (["EEG", "Tib 1", "Tib 2"], None, {"Tib 1": "Tib 1", "Tib 2": "Tib 2"}),
        (["LAT", "RAT", "LEG3"], ["leg3"], {"LEG3": "LEG3"}),
        (["LAT", "RAT"], ["rat", "lat"], {"right": "RAT", "left": "LAT"}),
    ],
)
def test_find_leg_channels(labels, requested, expected) -> None:  # type: ignore[no-untyped-def]
    assert find_leg_channels(labels, requested) == expected


def _write_simple(path: Path, data: np.ndarray, sf: float = SF, unit: str = "uV", label: str = "LAT") -> Path:
    import edfio

    edfio.Edf([edfio.EdfSignal(data, sf, label=label, physical_dimension=unit, physical_range=(-500, 500))]).write(path)
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing_channel", "no leg EMG channel found"),
        ("named_missing", "leg channel 'XYZ' is not in the file"),
        ("wrong_units", "must be in µV, mV or V"),
        ("truncated", "is truncated"),
        ("low_rate", "at least 50 Hz is needed"),
        ("flat", "is flat"),
        ("not_edf", "not a valid EDF/BDF file"),
        ("no_file", "does not exist"),
    ],
)
def test_bad_input_gives_one_clear_error(tmp_path: Path, case: str, message: str) -> None:
    from twitchwise.signals.plm_scoring import score_leg_movements

    legs = None
    path = tmp_path / "bad.edf"
    if case == "missing_channel":
        _write_simple(path, _emg(), label="EEG C3")
    elif case == "named_missing":
        _write_simple(path, _emg())
        legs = ["XYZ"]
    elif case == "wrong_units":
        _write_simple(path, _emg(), unit="degC")
    elif case == "truncated":
        _write_simple(path, _emg())
        path.write_bytes(path.read_bytes()[:-5000])
    elif case == "low_rate":
        _write_simple(path, _emg()[: 120 * 20], sf=20.0)
    elif case == "flat":
        _write_simple(path, np.zeros(int(60 * SF)))
    elif case == "not_edf":
        path.write_text("this is not an EDF file at all" * 20)
    with pytest.raises(InputError, match=message) as info:
        target = path if case != "no_file" else tmp_path / "none.edf"
        night = read_night(target, legs=legs, one_leg=True)
        score_leg_movements(night.legs, night.sf)
    assert "\n" not in info.value.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Sleep stage W", 0),
        ("Sleep stage N2", 2),
        ("Sleep stage 4", 3),
        ("REM", 4),
        ("Stage 2", 2),
        ("N1", 1),
        ("Sleep stage ?", -2),
        ("Obstructive Apnea", None),
        ("Arousal", None),
    ],
)
def test_stage_codes(text: str, code: int | None) -> None:
    assert stage_code(text) == code


def test_annotation_tables(tmp_path: Path) -> None:
    events = tmp_path / "ann.csv"
    events.write_text("onset,duration,description\n0,30,W\n30,30,N2\n40,12,Hypopnea\n")
    anns = read_annotation_table(events)
    assert [a.text for a in anns] == ["W", "N2", "Hypopnea"]
    hyp = tmp_path / "hyp.csv"
    hyp.write_text("stage\nW\nN1\nN2\n")
    assert [(a.onset, a.text) for a in read_annotation_table(hyp)] == [
        (0, "W"),
        (30, "N1"),
        (60, "N2"),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("when,what\n1,2\n")
    with pytest.raises(InputError, match="description"):
        read_annotation_table(bad)
