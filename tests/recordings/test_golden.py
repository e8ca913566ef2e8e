"""Golden file: a small EDF excerpt with hand-placed movements and a hand-written answer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from twitchwise.io.edf_recordings import read_night
from twitchwise.signals.plm_scoring import score_leg_movements

GOLDEN = Path(__file__).with_name("golden")


def test_golden_excerpt_matches_hand_checked_events() -> None:
    edf = GOLDEN / "excerpt.edf"
    assert edf.stat().st_size < 1_000_000
    night = read_night(edf)
    result = score_leg_movements(night.legs, night.sf, night.hypnogram, night.respiratory_events)
    expected = pd.read_csv(GOLDEN / "excerpt_expected.tsv", sep="\t")
    got = result.events
    assert len(got) == len(expected), got
    assert np.allclose(got["onset"], expected["onset"], atol=0.15)
    assert got["leg"].tolist() == expected["leg"].tolist()
    assert got["candidate"].tolist() == expected["candidate"].tolist()
    assert got["periodic"].tolist() == expected["periodic"].tolist()
    assert got["stage"].tolist() == expected["stage"].tolist()
    assert got["respiratory"].tolist() == expected["respiratory"].tolist()
    s = result.summary()
    assert s["plm_count"] == 4 and s["plms_count"] == 2 and s["plmw_count"] == 2
    assert s["long_movement_count"] == 1 and s["respiratory_lm_count"] == 1
