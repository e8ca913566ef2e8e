"""The issue's bars from the narrative (plus age and sex) alone: the shared dev vignettes and
the independently written held-out vignettes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from twitchwise.services.intake import evaluate_narratives

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "vignettes" / "dev.jsonl"
HOLDOUT = Path(__file__).resolve().parents[1] / "core" / "data" / "holdout_vignettes.jsonl"
_REFERENCE_DAY = dt.date(2025, 3, 12)


def _evaluate(path: Path):
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return evaluate_narratives(rows, _REFERENCE_DAY)


@pytest.fixture(scope="module")
def results():
    if not DEV.is_file():
        pytest.skip(f"{DEV} is absent (../shared not checked out)")
    return _evaluate(DEV)


@pytest.fixture(scope="module")
def holdout_results():
    return _evaluate(HOLDOUT)


@pytest.mark.shared
def test_triage_bars(results):
    report, _ = results
    m = report.metrics
    assert m["emergencies_under_triaged"] == 0
    assert m["urgency_accuracy"] >= 0.85
    assert m["top3_accuracy"] >= 0.85


@pytest.mark.shared
def test_finding_f1_bar(results):
    """The issue's bar: finding micro-F1 >= 0.85 on the dev narratives (measured 0.851, a thin margin)."""
    _, scores = results
    assert scores.f1 >= 0.85


def test_holdout_narratives_triage(holdout_results):
    """Held-out cases (written independently of the intake): no emergency missed from the text."""
    report, _ = holdout_results
    m = report.metrics
    assert m["emergencies_under_triaged"] == 0
    assert m["urgency_accuracy"] >= 0.92  # measured 0.933
    assert m["top3_accuracy"] >= 0.95  # measured 0.978


def test_holdout_narratives_findings(holdout_results):
    """Held-out finding micro-F1 must not fall back below what was measured (0.810)."""
    _, scores = holdout_results
    assert scores.f1 >= 0.80
