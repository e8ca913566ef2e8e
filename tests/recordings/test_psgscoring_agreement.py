"""Agreement with psgscoring (AASM), event by event, on a generated night with known events.

psgscoring 0.37.0 runs in its own environment (.venv-psgscoring, made by
scripts/setup-psgscoring.sh). The figures are printed (run pytest with -s to see
them); the test asserts our detector against the truth and that the comparison ran.
"""

from __future__ import annotations

import pytest

from twitchwise.signals.plm_scoring import score_leg_movements
from twitchwise.testing.synthetic_nights import synthetic_night

from .psgscoring_compare import (
    agreement,
    ensure_psgscoring,
    run_psgscoring,
    truth_sleep_lms,
)


@pytest.mark.slow
def test_psgscoring_agreement_event_by_event() -> None:
    reason = ensure_psgscoring()
    if reason:
        pytest.skip(f"psgscoring comparison not run: {reason}")
    night = synthetic_night(hours=2.0, sf=256.0, seed=21, n_series=8)
    theirs = run_psgscoring(night)
    assert theirs["success"], theirs["error"]
    ours = score_leg_movements(night.legs, night.sf, night.hypnogram, night.respiratory_events, rules="aasm")
    ev = ours.events
    ours_sleep = ev[ev["candidate"] & ev["stage"].isin(["N1", "N2", "N3", "R"]) & ~ev["respiratory"]]
    truth = truth_sleep_lms(night)
    import numpy as np

    their_onsets = np.array([e["onset"] for e in theirs["events"]])
    ours_vs_truth = agreement(ours_sleep["onset"].to_numpy(), truth)
    theirs_vs_truth = agreement(their_onsets, truth)
    ours_vs_theirs = agreement(ours_sleep["onset"].to_numpy(), their_onsets)
    print("\ntwitchwise (AASM) vs truth:", ours_vs_truth)
    print("psgscoring 0.37.0 vs truth:", theirs_vs_truth)
    print("twitchwise vs psgscoring:", ours_vs_theirs)
    print(
        "PLMS index: truth",
        round(night.true_plms_index("aasm"), 2),
        "twitchwise",
        ours.summary()["plms_index"],
        "psgscoring",
        theirs["summary"]["plm_index"],
    )
    assert ours_vs_truth["f1"] >= 0.95
    assert 0.0 <= theirs_vs_truth["f1"] <= 1.0 and theirs_vs_truth["n_detected"] > 0
