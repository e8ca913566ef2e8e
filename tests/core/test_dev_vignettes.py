"""The engine meets the issue's bars on the shared dev vignettes (structured fields)."""

from __future__ import annotations

from typing import Any

from twitchwise.assessment import Assessor
from twitchwise.assessment.evaluation import evaluate


def test_dev_vignettes_meet_the_bars(assessor: Assessor, dev_vignettes: list[dict[str, Any]]) -> None:
    report = evaluate(dev_vignettes, assessor.assess)
    m = report.metrics
    misses = [o.id for o in report.outcomes if not (o.urgency_ok and o.top3_ok)]
    assert m["errors"] == 0
    assert m["emergencies_under_triaged"] == 0, misses
    assert m["urgency_accuracy"] >= 0.90, misses
    assert m["top3_accuracy"] >= 0.90, misses
    assert m["top1_accuracy"] >= 0.75, misses
    assert m["movement_type_accuracy"] >= 0.85, misses


def test_held_out_vignettes_meet_the_bars(assessor: Assessor) -> None:
    """Cases written independently of the engine (tests/core/data), a guard against over-fitting."""
    import json
    from pathlib import Path

    path = Path(__file__).parent / "data" / "holdout_vignettes.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    report = evaluate(rows, assessor.assess)
    m = report.metrics
    assert m["emergencies_under_triaged"] == 0
    assert m["urgency_accuracy"] >= 0.85
    assert m["top3_accuracy"] >= 0.90
    assert m["top1_accuracy"] >= 0.75
    assert m["movement_type_accuracy"] >= 0.85
