"""Detection against generated nights with known events (onset within 0.5 s)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from twitchwise.signals.plm_scoring import score_leg_movements
from twitchwise.testing.synthetic_nights import SyntheticNight, synthetic_night


def match_events(detected: np.ndarray, truth: np.ndarray, tol: float = 0.5) -> int:
    """Greedy one-to-one matching of onsets within ``tol`` seconds; returns true positives."""
    used = np.zeros(len(detected), bool)
    tp = 0
    for t in truth:
        if len(detected) == 0:
            break
        j = int(np.argmin(np.where(used, np.inf, np.abs(detected - t))))
        if not used[j] and abs(detected[j] - t) <= tol:
            used[j] = True
            tp += 1
    return tp


def precision_recall(events: pd.DataFrame, truth: pd.DataFrame) -> tuple[float, float]:
    det = events.loc[events["candidate"], "onset"].to_numpy()
    tru = truth.loc[truth["kind"] == "lm", "onset"].to_numpy()
    tp = match_events(det, tru)
    return tp / max(len(det), 1), tp / max(len(tru), 1)


@pytest.mark.parametrize("seed", [11, 12])
@pytest.mark.parametrize("rules", ["wasm2016", "aasm"])
def test_generated_nights_meet_the_targets(seed: int, rules: str) -> None:
    night = synthetic_night(hours=2.5, sf=256.0, seed=seed, n_series=10)
    result = score_leg_movements(night.legs, night.sf, night.hypnogram, night.respiratory_events, rules=rules)
    precision, recall = precision_recall(result.events, night.truth)
    assert recall >= 0.95 and precision >= 0.95, (precision, recall)
    truth_index = night.true_plms_index(rules)
    got = result.summary()["plms_index"]
    assert got == pytest.approx(truth_index, rel=0.05)


def test_noisy_stretch_is_suspended_and_reported(small_night: SyntheticNight) -> None:
    result = score_leg_movements(small_night.legs, small_night.sf, small_night.hypnogram)
    ((start, end),) = small_night.noisy_s
    summary = result.summary()
    # most of the 300 s loose-electrode stretch is suspended, and nothing else is
    assert 200.0 <= summary["time_suspended_s"] <= 310.0
    inside = result.events[(result.events["onset"] > start) & (result.events["onset"] < end)]
    assert inside.empty


def test_respiratory_lms_are_flagged_not_periodic(small_night: SyntheticNight) -> None:
    result = score_leg_movements(
        small_night.legs, small_night.sf, small_night.hypnogram, small_night.respiratory_events
    )
    ev = result.events
    resp_truth = small_night.truth[small_night.truth["respiratory"]]
    assert len(resp_truth) > 0
    flagged = ev[ev["respiratory"]]
    assert match_events(flagged["onset"].to_numpy(), resp_truth["onset"].to_numpy()) == len(resp_truth)
    assert not flagged["periodic"].any()
    # without the respiratory events the same movements are counted as periodic
    plain = score_leg_movements(small_night.legs, small_night.sf, small_night.hypnogram)
    assert plain.summary()["plm_count"] > result.summary()["plm_count"]


def test_summary_and_events_columns(small_night: SyntheticNight) -> None:
    result = score_leg_movements(small_night.legs, small_night.sf, small_night.hypnogram)
    s = result.summary()
    for key in (
        "lm_count",
        "plm_count",
        "plms_index",
        "plmw_index",
        "sleep_hours",
        "periodicity_index",
        "imi_histogram",
        "time_suspended_s",
    ):
        assert key in s
    assert list(result.events.columns)[:3] == ["onset", "duration", "offset"]
    assert result.events["onset"].is_monotonic_increasing
    assert s["lm_count"] == int(result.events["candidate"].sum())


def test_without_hypnogram_all_time_counts_as_sleep(small_night: SyntheticNight) -> None:
    result = score_leg_movements(small_night.legs, small_night.sf)
    s = result.summary()
    assert s["stages_available"] is False and s["plmw_index"] is None
    assert s["sleep_hours"] == pytest.approx((7200 - s["time_suspended_s"]) / 3600, abs=1e-3)


def test_one_leg_only_still_scores(small_night: SyntheticNight) -> None:
    result = score_leg_movements({"left": small_night.legs["left"]}, small_night.sf)
    assert result.summary()["lm_count"] > 0
    assert set(result.events["leg"]) == {"left"}
