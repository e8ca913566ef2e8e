"""Trigger statistics: data-sufficiency rules, planted effects found, chance not claimed."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from twitchwise.domain.diary import DailyCheckIn, MedicationPeriod
from twitchwise.insights.daily import build_daily_table
from twitchwise.insights.triggers import (
    EXPLORATORY_NOTE,
    MIN_LOGGED_DAYS,
    find_triggers,
)
from twitchwise.testing.simulated_diaries import PLANTABLE, simulate_diary


def _result(sim):  # type: ignore[no-untyped-def]
    return find_triggers(build_daily_table(sim.counts, sim.checkins))


def test_nothing_is_claimed_before_21_logged_days() -> None:
    sim = simulate_diary(MIN_LOGGED_DAYS - 1, 3.0, {"caffeine_high": 3.0}, seed=1)
    res = _result(sim)
    assert res.associations == ()
    assert res.logged_days == 20
    assert "log 1 more day" in res.missing[0]


def test_an_exposure_needs_five_days_each_way() -> None:
    start = date(2024, 1, 1)
    checkins = [DailyCheckIn(start + timedelta(days=i), caffeine_mg=400.0 if i < 4 else 100.0,
                             sleep_h=7.0) for i in range(30)]  # fmt: skip
    counts = {c.day: 2 for c in checkins}
    res = find_triggers(build_daily_table(counts, checkins))
    tested = {(a.exposure, a.lag) for a in res.associations}
    assert ("caffeine_high", 0) not in tested
    assert any("caffeine 300 mg or more" in m and "4 with" in m for m in res.missing)
    # sleep is never short here: no exposed days at all
    assert any("under 6 hours' sleep" in m and "0 with" in m for m in res.missing)


def test_days_without_a_checkin_or_episodes_are_not_logged() -> None:
    start = date(2024, 1, 1)
    checkins = [DailyCheckIn(start + timedelta(days=i)) for i in range(0, 30, 2)]
    counts = {start + timedelta(days=1): 3}
    table = build_daily_table(counts, checkins)
    assert table.n_logged == 16 and len(table.days) == 29
    assert np.isnan(table.counts[3]) and table.counts[1] == 3 and table.counts[0] == 0


@pytest.mark.parametrize("exposure", PLANTABLE)
def test_a_planted_trigger_is_found_with_its_rate_ratio(exposure: str) -> None:
    sim = simulate_diary(90, 3.0, {exposure: 2.0}, seed=11)
    res = _result(sim)
    hit = [a for a in res.flagged if a.exposure == exposure and a.lag == 0]
    assert hit, res.summary()
    assert hit[0].ci_low < 2.0 < hit[0].ci_high
    assert hit[0].ci_low > 1.0 and hit[0].q_value < 0.05


def test_a_planted_next_day_effect_is_found_at_lag_1() -> None:
    sim = simulate_diary(90, 3.0, {"short_sleep": 2.0}, lag=1, seed=5)
    res = _result(sim)
    assert any(a.exposure == "short_sleep" and a.lag == 1 for a in res.flagged)
    assert not any(a.exposure == "short_sleep" and a.lag == 0 for a in res.flagged)


def test_no_planted_effect_is_rarely_flagged() -> None:
    flagged = sum(bool(_result(simulate_diary(60, 3.0, seed=500 + s)).flagged) for s in range(30))
    assert flagged <= 3  # any exposure in a diary; the bench measures the rate over 200 diaries


def test_q_values_are_benjamini_hochberg() -> None:
    res = _result(simulate_diary(60, 3.0, {"high_stress": 1.8}, seed=3))
    assocs = sorted(res.associations, key=lambda a: a.p_value)
    m = len(assocs)
    assert m == 2 * len(PLANTABLE)
    raw = [a.p_value * m / (i + 1) for i, a in enumerate(assocs)]
    expected = np.minimum.accumulate(np.minimum(raw, 1)[::-1])[::-1]
    assert [a.q_value for a in assocs] == pytest.approx(list(expected))
    assert all(a.q_value >= a.p_value for a in assocs)


def test_results_are_labelled_exploratory() -> None:
    res = _result(simulate_diary(40, 3.0, {"alcohol": 2.5}, seed=8))
    text = res.summary()
    assert EXPLORATORY_NOTE in text and "on purpose" in text
    assert "exploratory" in text.lower()


def test_medications_become_exposures() -> None:
    sim = simulate_diary(40, 3.0, seed=4)
    meds = [MedicationPeriod("Sertraline", date(2024, 1, 15))]
    table = build_daily_table(sim.counts, sim.checkins, meds, today=date(2024, 2, 9))
    col = table.exposures["med:sertraline"]
    assert col[:14].sum() == 0 and col[14:].sum() == 40 - 14
    assert table.labels["med:sertraline"] == "taking Sertraline"
