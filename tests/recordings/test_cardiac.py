"""The cardiac field in leg EMG: R peaks from the ECG, template subtraction, PLMS index kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from twitchwise.io.edf_recordings import write_night_edf
from twitchwise.services.recordings import score_recording
from twitchwise.signals.cardiac import cancel_cardiac_field, detect_r_peaks
from twitchwise.signals.plm_scoring import score_leg_movements
from twitchwise.testing.synthetic_nights import SyntheticNight

from .conftest import night_annotations

QRS_UV = 100.0  # R-wave amplitude of the generated ECG channel, µV


def _ecg(n: int, sf: float, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """A generated ECG (P, Q, R, S, T waves; heart rate ~63/min with variability) and its R peaks."""
    rng = np.random.default_rng(seed)
    seg = np.arange(round(-0.3 * sf), round(0.5 * sf))
    t = seg / sf

    def wave(centre: float, width: float, amp: float) -> np.ndarray:
        return amp * np.exp(-0.5 * ((t - centre) / width) ** 2)

    shape = (
        wave(0, 0.012, QRS_UV) + wave(-0.03, 0.01, -0.15 * QRS_UV) + wave(0.03, 0.012, -0.25 * QRS_UV)
        + wave(0.25, 0.05, 0.25 * QRS_UV) + wave(-0.16, 0.03, 0.1 * QRS_UV)
    )
    ecg = rng.normal(0, 2.0, n)
    beats = []
    at = 0.5
    while at < n / sf - 1:
        beats.append(round(at * sf))
        at += rng.normal(0.95, 0.04)
    for b in beats:
        idx = b + seg
        ok = (idx >= 0) & (idx < n)
        ecg[idx[ok]] += shape[ok]
    return ecg, np.asarray(beats)


def _mixed(night: SyntheticNight, share: float, ecg: np.ndarray) -> dict[str, np.ndarray]:
    # the field reaches the two legs with different amplitude and polarity
    return {
        "left": (night.legs["left"] + share * ecg).astype(np.float32),
        "right": (night.legs["right"] - 0.8 * share * ecg).astype(np.float32),
    }


def test_r_peaks_found_in_the_ecg(small_night: SyntheticNight) -> None:
    ecg, beats = _ecg(len(small_night.legs["left"]), small_night.sf)
    peaks = detect_r_peaks(ecg, small_night.sf)
    assert len(peaks.samples) == len(beats)
    assert np.max(np.abs(peaks.samples - beats)) <= 1
    assert peaks.heart_rate_bpm == pytest.approx(63, abs=2)


def test_no_r_peaks_in_noise() -> None:
    rng = np.random.default_rng(0)
    peaks = detect_r_peaks(rng.normal(0, 5, 256 * 60), 256.0)
    assert len(peaks.samples) == 0 and peaks.source == "none"


@pytest.mark.parametrize("share", [0.1, 0.3, 0.5])
def test_plms_index_within_10_percent_of_the_clean_night(small_night: SyntheticNight, share: float) -> None:
    sf = small_night.sf
    clean = score_leg_movements(small_night.legs, sf, small_night.hypnogram, small_night.respiratory_events)
    ecg, _ = _ecg(len(small_night.legs["left"]), sf)
    legs = _mixed(small_night, share, ecg)
    peaks = detect_r_peaks(ecg, sf)
    cleaned = {leg: cancel_cardiac_field(x, sf, peaks) for leg, x in legs.items()}
    fixed = score_leg_movements(
        {leg: c.data_uv for leg, c in cleaned.items()}, sf, small_night.hypnogram, small_night.respiratory_events
    )
    want = clean.summary()["plms_index"]
    assert abs(fixed.summary()["plms_index"] - want) <= 0.1 * want
    assert 0.2 < cleaned["left"].affected_share < 0.3  # 240-ms windows at ~63 beats a minute
    assert cleaned["left"].summary()["ecg_field_uv"] == pytest.approx(share * QRS_UV * 1.2, rel=0.2)


def test_uncancelled_field_does_change_the_index(small_night: SyntheticNight) -> None:
    """The test above can fail: at 30 % the field alone moves the PLMS index by over 10 %."""
    sf = small_night.sf
    clean = score_leg_movements(small_night.legs, sf, small_night.hypnogram, small_night.respiratory_events)
    ecg, _ = _ecg(len(small_night.legs["left"]), sf)
    raw = score_leg_movements(_mixed(small_night, 0.3, ecg), sf, small_night.hypnogram, small_night.respiratory_events)
    want = clean.summary()["plms_index"]
    assert abs(raw.summary()["plms_index"] - want) > 0.1 * want


def test_recording_with_an_ecg_channel_is_cancelled(small_night: SyntheticNight, tmp_path: Path) -> None:
    sf = small_night.sf
    ecg, _ = _ecg(len(small_night.legs["left"]), sf)
    legs = _mixed(small_night, 0.3, ecg)
    path = write_night_edf(
        tmp_path / "ecg.edf",
        {"LAT": legs["left"], "RAT": legs["right"], "ECG": ecg},
        sf,
        night_annotations(small_night),
    )
    clean = score_leg_movements(small_night.legs, sf, small_night.hypnogram, small_night.respiratory_events)
    want = clean.summary()["plms_index"]
    scored = score_recording(path)
    s = scored.summary()
    assert 0.2 < s["ecg_cancelled_share"] < 0.3 and scored.ecg_channel == "ECG"
    assert abs(s["plms_index"] - want) <= 0.1 * want
    off = score_recording(path, cancel_ecg=False).summary()
    assert off["ecg_cancelled_share"] is None and abs(off["plms_index"] - want) > 0.1 * want


@pytest.mark.parametrize("share", [0.1, 0.3, 0.5])
def test_without_an_ecg_channel_r_peaks_come_from_the_legs(
    small_night: SyntheticNight, tmp_path: Path, share: float
) -> None:
    sf = small_night.sf
    ecg, _ = _ecg(len(small_night.legs["left"]), sf)
    legs = _mixed(small_night, share, ecg)
    path = write_night_edf(
        tmp_path / "no-ecg.edf", {"LAT": legs["left"], "RAT": legs["right"]}, sf, night_annotations(small_night)
    )
    clean = score_leg_movements(small_night.legs, sf, small_night.hypnogram, small_night.respiratory_events)
    want = clean.summary()["plms_index"]
    s = score_recording(path).summary()
    assert abs(s["plms_index"] - want) <= 0.1 * want
    if share >= 0.3:  # at 10 % the field does not stand out of this night's leg EMG (nor change its index)
        assert s["r_peaks_from"] == "leg EMG (left)" and 0.2 < s["ecg_cancelled_share"] < 0.3


def test_leg_r_peaks_are_the_beats(small_night: SyntheticNight) -> None:
    from twitchwise.signals.cardiac import detect_r_peaks_in_legs

    sf = small_night.sf
    ecg, beats = _ecg(len(small_night.legs["left"]), sf)
    peaks = detect_r_peaks_in_legs(_mixed(small_night, 0.3, ecg), {"left": sf, "right": sf})
    matched = np.min(np.abs(peaks.samples[:, None] - beats[None, :]), axis=1) <= 2
    assert matched.mean() > 0.99  # what it finds are beats
    assert len(peaks.samples) > 0.9 * len(beats)  # beats under a leg movement may be missed


def test_no_r_peaks_in_clean_legs(small_night: SyntheticNight, tmp_path: Path) -> None:
    from twitchwise.signals.cardiac import detect_r_peaks_in_legs

    sf = small_night.sf
    assert detect_r_peaks_in_legs(small_night.legs, {"left": sf, "right": sf}).source == "none"
    rng = np.random.default_rng(5)
    noise = {"left": rng.normal(0, 2, 256 * 900), "right": rng.normal(0, 2, 256 * 900)}
    assert len(detect_r_peaks_in_legs(noise, {"left": 256.0, "right": 256.0}).samples) == 0


REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-edf" / "somnoscreen-female57-15min.edf"


@pytest.mark.skipif(not REAL.is_file(), reason=f"real EDF file not found at {REAL} (../shared/data/real-edf)")
def test_a_real_ecg_mixed_into_real_legs_without_an_ecg_channel(tmp_path: Path) -> None:
    """The issue's case: a recording's own ECG in its legs at 20 % (QRS ~60 µV), no ECG channel."""
    pyedflib = pytest.importorskip("pyedflib")
    with pyedflib.EdfReader(str(REAL)) as f:
        index = {label: i for i, label in enumerate(f.getSignalLabels())}
        lat, rat, ecg = (f.readSignal(index[k]) for k in ("EMG LAT", "EMG RAT", "ECG"))
        sf = float(f.getSampleFrequency(index["EMG LAT"]))
        assert float(f.getSampleFrequency(index["ECG"])) == sf
    clean = write_night_edf(tmp_path / "clean.edf", {"LAT": lat, "RAT": rat}, sf)
    mixed = write_night_edf(tmp_path / "mixed.edf", {"LAT": lat + 0.2 * ecg, "RAT": rat - 0.16 * ecg}, sf)
    want = score_recording(clean, auto_stage=False).summary()["lm_count"]
    got = score_recording(mixed, auto_stage=False).summary()
    raw = score_recording(mixed, auto_stage=False, cancel_ecg=False).summary()
    assert got["r_peaks_from"] == "leg EMG (left)"
    assert got["lm_count"] <= want + 1 and got["plms_index"] == 0.0
    assert raw["lm_count"] >= want + 10  # the test can fail: uncancelled, the field makes LMs
