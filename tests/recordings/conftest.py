"""Shared fixtures for the recordings tests: small synthetic nights written as real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from twitchwise.io.edf_recordings import write_night_edf
from twitchwise.io.recording_annotations import Annotation
from twitchwise.signals import sleep_stages as st
from twitchwise.testing.synthetic_nights import SyntheticNight, synthetic_night


def night_annotations(night: SyntheticNight) -> list[Annotation]:
    """The night's hypnogram and apneas as EDF+ annotation texts."""
    anns = [Annotation(i * 30.0, 30.0, f"Sleep stage {st.STAGE_NAMES[int(c)]}") for i, c in enumerate(night.hypnogram)]
    anns += [Annotation(float(o), float(d), "Obstructive Apnea") for o, d in night.respiratory_events]
    return anns


@pytest.fixture(scope="session")
def small_night() -> SyntheticNight:
    """Two hours at 256 Hz with every kind of placed event."""
    return synthetic_night(hours=2.0, sf=256.0, seed=7, n_series=8, n_noisy=1)


@pytest.fixture(scope="session")
def small_edf(small_night: SyntheticNight, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edf") / "night.edf"
    write_night_edf(
        path,
        {"LAT": small_night.legs["left"], "RAT": small_night.legs["right"]},
        small_night.sf,
        night_annotations(small_night),
    )
    return path
