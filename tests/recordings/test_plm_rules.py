"""The scoring rules on movement tables: series, bilateral combination, respiratory windows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from twitchwise.domain.errors import InputError
from twitchwise.signals.plm_rules import (
    AASM,
    WASM2016,
    combine_legs,
    find_series,
    imi_histogram,
    periodicity_index,
    respiratory_associated,
    rules_by_name,
)


def _series(onsets: list[float], rules=WASM2016, breaks: list[int] = ()):  # type: ignore[no-untyped-def]
    on = np.asarray(onsets, dtype=float)
    scored = np.ones(len(on), bool)
    br = np.zeros(len(on), bool)
    for i in breaks:
        scored[i] = False
        br[i] = True
    return find_series(on, scored, br, rules).in_series.tolist()


@pytest.mark.parametrize(
    ("onsets", "rules", "expected"),
    [
        # four at 20 s: one series under both rules
        ([0, 20, 40, 60], WASM2016, [True] * 4),
        ([0, 20, 40, 60], AASM, [True] * 4),
        # three are not enough
        ([0, 20, 40], WASM2016, [False] * 3),
        # 7 s intervals: periodic for AASM (5-90 s), not WASM (10-90 s)
        ([0, 7, 14, 21], WASM2016, [False] * 4),
        ([0, 7, 14, 21], AASM, [True] * 4),
        # a gap over 90 s splits the run into 2 + 4
        ([0, 20, 120, 140, 160, 180], WASM2016, [False, False, True, True, True, True]),
        # WASM: a short interval breaks the series and the short one cannot start one
        ([0, 20, 40, 43, 63, 83, 103, 123], WASM2016, [False] * 4 + [True] * 4),
        # AASM: the LM 3 s later is skipped, the series runs on from 40 s
        ([0, 20, 40, 43, 60, 80], AASM, [True, True, True, False, True, True]),
        # exactly 10 s and 90 s are inside the WASM range
        ([0, 10, 100, 110], WASM2016, [True] * 4),
    ],
)
def test_series_table(onsets: list[float], rules, expected: list[bool]) -> None:  # type: ignore[no-untyped-def]
    assert _series(onsets, rules) == expected


def test_breaking_movement_ends_a_series() -> None:
    # The third movement is too long (a breaker): 2 + 4 remain, only the 4 are periodic.
    assert _series([0, 20, 40, 60, 80, 100, 120], WASM2016, breaks=[2]) == [
        False,
        False,
        False,
        True,
        True,
        True,
        True,
    ]


@given(hs.lists(hs.floats(min_value=0.5, max_value=150.0), min_size=0, max_size=40))
@settings(max_examples=150, deadline=None)
def test_series_invariants(gaps: list[float]) -> None:
    onsets = np.cumsum(gaps)
    for rules in (WASM2016, AASM):
        res = find_series(onsets, np.ones(len(onsets), bool), np.zeros(len(onsets), bool), rules)
        for sid in set(res.series_id[res.in_series].tolist()):
            members = onsets[res.series_id == sid]
            assert len(members) >= rules.min_series
            steps = np.diff(members)
            assert np.all(steps >= rules.min_imi_s - 1e-9)
            if rules.short_imi_breaks_series:  # WASM: consecutive members are consecutive CLMs
                assert np.all(steps <= rules.max_imi_s + 1e-9)
        # a movement is periodic exactly when it has a series id
        assert np.array_equal(res.in_series, res.series_id >= 0)


@given(hs.lists(hs.floats(min_value=0.0, max_value=200.0), min_size=1, max_size=50))
@settings(max_examples=100, deadline=None)
def test_periodicity_index_is_a_share(imis: list[float]) -> None:
    pi = periodicity_index(np.asarray(imis))
    assert pi is not None and 0.0 <= pi <= 1.0


def test_periodicity_index_values() -> None:
    assert periodicity_index(np.array([20.0, 20.0, 20.0, 3.0])) == pytest.approx(0.75)
    assert periodicity_index(np.array([20.0, 20.0, 3.0, 20.0])) == 0.0
    assert periodicity_index(np.array([])) is None


def test_imi_histogram_bins() -> None:
    hist = imi_histogram(np.array([1.0, 21.0, 21.5, 95.0]))
    assert hist["0-2"] == 1 and hist["20-22"] == 2 and hist[">90"] == 1
    assert sum(hist.values()) == 4 and len(hist) == 46


def _legs(left, right):  # type: ignore[no-untyped-def]
    def arr(rows):  # type: ignore[no-untyped-def]
        a = np.asarray(rows, dtype=float).reshape(-1, 2)
        return a[:, 0], a[:, 1], np.full(len(a), 20.0)

    return {"left": arr(left), "right": arr(right)}


@pytest.mark.parametrize(
    ("left", "right", "rules", "legs", "candidate"),
    [
        # overlapping: one bilateral LM
        ([[10, 12]], [[11, 13]], WASM2016, ["left+right"], [True]),
        # 0.3 s apart (offset to onset): one bilateral LM under WASM
        ([[10, 12]], [[12.3, 14]], WASM2016, ["left+right"], [True]),
        # 0.8 s apart: two monolateral LMs under WASM
        ([[10, 12]], [[12.8, 14]], WASM2016, ["left", "right"], [True, True]),
        # AASM: onsets 4 s apart on different legs are one
        ([[10, 11]], [[14, 15]], AASM, ["left+right"], [True]),
        # a bilateral LM of 12 s is a candidate (<= 15 s), a monolateral one of 12 s is not
        ([[10, 18]], [[17, 22]], WASM2016, ["left+right"], [True]),
        ([[10, 22]], [], WASM2016, ["left"], [False]),
        # bilateral over 15 s: not a candidate
        ([[10, 19]], [[18.5, 27]], WASM2016, ["left+right"], [False]),
    ],
)
def test_combine_legs_table(left, right, rules, legs, candidate) -> None:  # type: ignore[no-untyped-def]
    combined = combine_legs(_legs(left, right), rules)
    assert combined.legs == legs
    assert combined.is_candidate.tolist() == candidate


@pytest.mark.parametrize(
    ("lm", "rules", "expected"),
    [
        ((105.0, 107.0), WASM2016, True),  # starts 5 s after the apnea ends (window to +10.25)
        ((110.5, 112.0), WASM2016, False),  # starts 10.5 s after: outside
        ((97.0, 97.5), WASM2016, False),  # ends 2.5 s before the end: outside
        ((98.5, 99.0), WASM2016, True),  # within 2 s before the end
        ((100.3, 101.0), AASM, True),  # within 0.5 s after the end
        ((101.0, 102.0), AASM, False),
        ((85.0, 86.0), AASM, True),  # during the apnea
    ],
)
def test_respiratory_windows(lm: tuple[float, float], rules, expected: bool) -> None:  # type: ignore[no-untyped-def]
    apnea = np.array([[80.0, 20.0]])  # 80-100 s
    out = respiratory_associated(np.array([lm[0]]), np.array([lm[1]]), apnea, rules)
    assert bool(out[0]) is expected


def test_unknown_rules_name_is_an_input_error() -> None:
    with pytest.raises(InputError, match="wasm2016, aasm"):
        rules_by_name("chicago")
