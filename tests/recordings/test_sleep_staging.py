"""Automatic sleep staging (YASA's packaged classifier) for nights without a hypnogram."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from twitchwise.domain.errors import InputError
from twitchwise.signals.sleep_staging import STAGE_CODES, stage_sleep

SOMNOSCREEN = "somnoscreen-female57-15min.edf"


def _channels(path: Path, *labels: str) -> tuple[list[np.ndarray], float]:
    pyedflib = pytest.importorskip("pyedflib")
    with pyedflib.EdfReader(str(path)) as f:
        index = {label: i for i, label in enumerate(f.getSignalLabels())}
        return [f.readSignal(index[label]) for label in labels], float(f.getSampleFrequency(index[labels[0]]))


def test_a_real_home_psg_is_staged_in_30_s_epochs(shared_dir: Path) -> None:
    path = shared_dir / "data" / "real-edf" / SOMNOSCREEN
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared real-EDF files are needed)")
    (eeg, eog, emg), sf = _channels(path, "EEG C4-Cz", "EOG E1-Cz", "EMG chin L-ref")
    result = stage_sleep(eeg, sf, eog=eog, emg=emg, age=57, male=False, labels={"eeg": "EEG C4-Cz"})
    assert len(result.stages) == int(len(eeg) / sf // 30)
    assert set(result.stages.tolist()) <= set(STAGE_CODES.values())
    assert np.all((result.confidence > 0) & (result.confidence <= 1))
    summary = result.summary()
    assert summary["stage_source"].startswith("automatic")
    assert summary["staged_epochs"] == len(result.stages)
    total_min = sum(summary[f"minutes_{s}"] for s in STAGE_CODES)
    assert total_min == pytest.approx(len(result.stages) * 0.5)


def test_eeg_only_is_enough() -> None:
    rng = np.random.default_rng(1)
    sf = 100.0
    eeg = rng.normal(0, 20, int(sf * 600))  # 10 minutes of noise in µV
    result = stage_sleep(eeg, sf)
    assert len(result.stages) == 20


@pytest.mark.parametrize(
    ("seconds", "sf", "field"),
    [(120, 100.0, "eeg"), (600, 64.0, "sf"), (600, float("nan"), "sf")],
)
def test_too_short_or_too_slow_is_refused_with_the_field(seconds: int, sf: float, field: str) -> None:
    rate = 100 if not np.isfinite(sf) else sf
    with pytest.raises(InputError) as info:
        stage_sleep(np.zeros(int(seconds * rate)), sf)
    assert info.value.field == field


def test_channels_of_different_lengths_are_refused() -> None:
    with pytest.raises(InputError, match="EOG"):
        stage_sleep(np.zeros(60_000), 100.0, eog=np.zeros(50_000))


def test_a_real_night_without_a_hypnogram_is_staged_and_says_so(shared_dir: Path) -> None:
    from twitchwise.services.recordings import score_recording

    path = shared_dir / "data" / "real-edf" / SOMNOSCREEN
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared real-EDF files are needed)")
    staged = score_recording(path).summary()
    assert staged["stage_source"].startswith("automatic")
    assert staged["stage_source"].endswith("from EEG C4-Cz")  # a central derivation is preferred
    plain = score_recording(path, auto_stage=False).summary()
    assert plain["stage_source"].startswith("none")
    assert staged["sleep_hours"] <= plain["sleep_hours"]
