"""Measure the engine on labelled vignettes: urgency, condition and movement-type accuracy."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from twitchwise.domain.urgency import Urgency


@dataclass(frozen=True)
class CaseOutcome:
    """How the engine did on one vignette."""

    id: str
    expected_urgency: str
    urgency: str
    expected_conditions: tuple[str, ...]
    top_conditions: tuple[str, ...]
    expected_movement_types: tuple[str, ...]
    top_movement_type: str
    error: str | None = None
    top_probability: float = 0.0
    expected_probability: float = 0.0

    @property
    def urgency_ok(self) -> bool:
        """Urgency exactly as expected."""
        return self.urgency == self.expected_urgency

    @property
    def under_triaged_emergency(self) -> bool:
        """An emergency that was given a lower urgency (the worst failure)."""
        return self.expected_urgency == "emergency" and self.urgency != "emergency"

    @property
    def over_triaged(self) -> bool:
        """More urgent than expected."""
        if self.error:
            return False
        return Urgency.from_id(self.urgency) > Urgency.from_id(self.expected_urgency)

    @property
    def top1_ok(self) -> bool:
        """The top condition is an expected one."""
        return bool(self.top_conditions) and self.top_conditions[0] in self.expected_conditions

    @property
    def top3_ok(self) -> bool:
        """An expected condition is among the top three."""
        return any(c in self.expected_conditions for c in self.top_conditions[:3])

    @property
    def movement_ok(self) -> bool:
        """The top movement type is an expected one."""
        return self.top_movement_type in self.expected_movement_types


@dataclass(frozen=True)
class EvaluationReport:
    """Aggregate figures over vignettes, with the per-case outcomes."""

    outcomes: tuple[CaseOutcome, ...]
    metrics: Mapping[str, float] = field(default_factory=dict)

    def misses_by_condition(self) -> dict[str, dict[str, int]]:
        """Per expected condition: cases, top-1 misses, top-3 misses, urgency misses."""
        table: dict[str, dict[str, int]] = {}
        for o in self.outcomes:
            key = o.expected_conditions[0] if o.expected_conditions else "(none)"
            row = table.setdefault(key, {"cases": 0, "top1_missed": 0, "top3_missed": 0, "urgency_missed": 0})
            row["cases"] += 1
            row["top1_missed"] += not o.top1_ok
            row["top3_missed"] += not o.top3_ok
            row["urgency_missed"] += not o.urgency_ok
        return table

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "metrics": dict(self.metrics),
            "misses_by_condition": {
                k: v
                for k, v in self.misses_by_condition().items()
                if v["top1_missed"] or v["top3_missed"] or v["urgency_missed"]
            },
            "cases": [
                {
                    "id": o.id,
                    "expected_urgency": o.expected_urgency,
                    "urgency": o.urgency,
                    "expected_conditions": list(o.expected_conditions),
                    "top_conditions": list(o.top_conditions[:3]),
                    "expected_movement_types": list(o.expected_movement_types),
                    "top_movement_type": o.top_movement_type,
                    "error": o.error,
                }
                for o in self.outcomes
            ],
        }


def evaluate(
    vignettes: Iterable[Mapping[str, Any]],
    assess: Callable[[Mapping[str, Any]], Mapping[str, Any]],
) -> EvaluationReport:
    """Run every vignette through ``assess`` and compute the figures.

    Parameters
    ----------
    vignettes : iterable of mappings
        Each with ``id``, ``case`` and ``expect`` (``urgency``, ``conditions_any``,
        ``movement_type_any``), as in ``shared/vignettes/dev.jsonl``.
    assess : callable
        Maps a vignette's case to a result.

    Returns
    -------
    EvaluationReport
        ``metrics`` has: ``cases``, ``urgency_accuracy``, ``emergencies``,
        ``emergencies_under_triaged``, ``over_triage_rate``, ``top1_accuracy``,
        ``top3_accuracy``, ``movement_type_accuracy``, ``errors`` (fractions in [0, 1]);
        ``calibration_error`` (expected calibration error of the top condition's probability,
        4 bins) and ``mean_log_loss`` (mean -ln P(an expected condition), nats).
    """
    outcomes: list[CaseOutcome] = []
    for v in vignettes:
        expect = v.get("expect", {})
        try:
            result = assess(v["case"])
            error = None
        except Exception as exc:  # an error on one case is an outcome, not a crash
            result, error = {}, f"{type(exc).__name__}: {exc}"
        outcomes.append(
            CaseOutcome(
                id=str(v.get("id", len(outcomes) + 1)),
                expected_urgency=str(expect.get("urgency")),
                urgency=str(result.get("urgency", "(error)")),
                expected_conditions=tuple(expect.get("conditions_any", [])),
                top_conditions=tuple(c["id"] for c in result.get("conditions", [])),
                expected_movement_types=tuple(expect.get("movement_type_any", [])),
                top_movement_type=str(result["movement_types"][0]["id"]) if result.get("movement_types") else "",
                error=error,
                top_probability=float(result["conditions"][0]["probability"]) if result.get("conditions") else 0.0,
                expected_probability=sum(
                    float(c["probability"])
                    for c in result.get("conditions", [])
                    if c["id"] in expect.get("conditions_any", [])
                ),
            )
        )
    n = len(outcomes) or 1
    metrics = {
        "cases": float(len(outcomes)),
        "urgency_accuracy": sum(o.urgency_ok for o in outcomes) / n,
        "emergencies": float(sum(o.expected_urgency == "emergency" for o in outcomes)),
        "emergencies_under_triaged": float(sum(o.under_triaged_emergency for o in outcomes)),
        "over_triage_rate": sum(o.over_triaged for o in outcomes) / n,
        "top1_accuracy": sum(o.top1_ok for o in outcomes) / n,
        "top3_accuracy": sum(o.top3_ok for o in outcomes) / n,
        "movement_type_accuracy": sum(o.movement_ok for o in outcomes) / n,
        "errors": float(sum(o.error is not None for o in outcomes)),
        "calibration_error": _expected_calibration_error(outcomes),
        "mean_log_loss": sum(-math.log(max(o.expected_probability, 1e-6)) for o in outcomes) / n,
    }
    return EvaluationReport(tuple(outcomes), metrics)


def _expected_calibration_error(outcomes: list[CaseOutcome]) -> float:
    """Mean |confidence - accuracy| of the top condition over confidence bins, weighted by bin size."""
    edges = (0.0, 0.5, 0.7, 0.9, 1.01)
    total = 0.0
    for low, high in pairwise(edges):
        inside = [o for o in outcomes if low <= o.top_probability < high]
        if inside:
            confidence = sum(o.top_probability for o in inside) / len(inside)
            accuracy = sum(o.top1_ok for o in inside) / len(inside)
            total += abs(confidence - accuracy) * len(inside)
    return total / (len(outcomes) or 1)
