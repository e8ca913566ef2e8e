"""Measure the engine on labelled vignettes: urgency, condition and movement-type accuracy.

Besides the overall figures, a report gives them for children (under 16) and older adults (over
75), and triage by the expected level in the form of Semigran et al. 2015 (BMJ 351:h3480) and
Gilbert et al. 2020 (BMJ Open 10:e040269): exact triage, *safe* triage (at or above the expected
level), under-triage, and *unsafe* triage (two levels or more below it), plus top-1 and top-3
condition accuracy, so that figures can be compared with those studies.
"""

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
    acceptable_urgencies: tuple[str, ...] = ()
    age: float | None = None

    @property
    def acceptable(self) -> tuple[str, ...]:
        """Every acceptable urgency (``urgency_any`` where the vignette gives it)."""
        return self.acceptable_urgencies or (self.expected_urgency,)

    def _levels(self) -> tuple[int, int, int] | None:
        """(given, lowest acceptable, highest acceptable) as numbers; None on an error."""
        if self.error or self.urgency not in _URGENCY_IDS:
            return None
        ok = [int(Urgency.from_id(u)) for u in self.acceptable if u in _URGENCY_IDS]
        if not ok:
            return None
        return int(Urgency.from_id(self.urgency)), min(ok), max(ok)

    @property
    def urgency_ok(self) -> bool:
        """Urgency as expected (one of the acceptable levels)."""
        return self.urgency in self.acceptable

    @property
    def under_triaged(self) -> bool:
        """Less urgent than every acceptable level."""
        levels = self._levels()
        return levels is not None and levels[0] < levels[1]

    @property
    def unsafe(self) -> bool:
        """Under-triaged by two levels or more (e.g. self-care for an urgent case)."""
        levels = self._levels()
        return levels is not None and levels[0] <= levels[1] - 2

    @property
    def safe(self) -> bool:
        """At or above the lowest acceptable level (Gilbert 2020's "safe" advice)."""
        levels = self._levels()
        return levels is not None and levels[0] >= levels[1]

    @property
    def under_triaged_emergency(self) -> bool:
        """An emergency that was given a lower urgency (the worst failure)."""
        return self.expected_urgency == "emergency" and "emergency" in self.acceptable and self.urgency != "emergency"

    @property
    def over_triaged(self) -> bool:
        """More urgent than every acceptable level."""
        levels = self._levels()
        return levels is not None and levels[0] > levels[2]

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

    def by_group(self) -> dict[str, dict[str, float]]:
        """The main figures for everyone, children under 16 and adults over 75."""
        groups = {
            "all": list(self.outcomes),
            "children_under_16": [o for o in self.outcomes if o.age is not None and o.age < 16],
            "adults_over_75": [o for o in self.outcomes if o.age is not None and o.age > 75],
        }
        return {name: _group_figures(members) for name, members in groups.items()}

    def triage_by_level(self) -> dict[str, dict[str, float]]:
        """Per expected urgency level: cases, exact, safe, under-triaged and unsafe shares."""
        out: dict[str, dict[str, float]] = {}
        for level in ("emergency", "urgent", "routine", "self_care"):
            members = [o for o in self.outcomes if o.expected_urgency == level]
            if members:
                n = len(members)
                out[level] = {
                    "cases": float(n),
                    "exact": sum(o.urgency_ok for o in members) / n,
                    "safe": sum(o.safe for o in members) / n,
                    "under_triaged": sum(o.under_triaged for o in members) / n,
                    "unsafe": sum(o.unsafe for o in members) / n,
                }
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "metrics": dict(self.metrics),
            "by_group": self.by_group(),
            "triage_by_level": self.triage_by_level(),
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
                acceptable_urgencies=tuple(str(u) for u in expect.get("urgency_any") or ()),
                age=_age(v["case"]),
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
        "under_triage_rate": sum(o.under_triaged for o in outcomes) / n,
        "unsafe_triage": float(sum(o.unsafe for o in outcomes)),
        "safe_triage_rate": sum(o.safe for o in outcomes) / n,
        "top1_accuracy": sum(o.top1_ok for o in outcomes) / n,
        "top3_accuracy": sum(o.top3_ok for o in outcomes) / n,
        "movement_type_accuracy": sum(o.movement_ok for o in outcomes) / n,
        "errors": float(sum(o.error is not None for o in outcomes)),
        "calibration_error": _expected_calibration_error(outcomes),
        "mean_log_loss": sum(-math.log(max(o.expected_probability, 1e-6)) for o in outcomes) / n,
    }
    return EvaluationReport(tuple(outcomes), metrics)


_URGENCY_IDS = frozenset(u.id for u in Urgency)


def _age(case: Any) -> float | None:
    age = case.get("age") if isinstance(case, Mapping) else None
    return float(age) if isinstance(age, int | float) and not isinstance(age, bool) else None


def _group_figures(members: list[CaseOutcome]) -> dict[str, float]:
    n = len(members) or 1
    return {
        "cases": float(len(members)),
        "urgency_accuracy": sum(o.urgency_ok for o in members) / n,
        "safe_triage_rate": sum(o.safe for o in members) / n,
        "under_triage_rate": sum(o.under_triaged for o in members) / n,
        "unsafe_triage": float(sum(o.unsafe for o in members)),
        "emergencies_under_triaged": float(sum(o.under_triaged_emergency for o in members)),
        "top1_accuracy": sum(o.top1_ok for o in members) / n,
        "top3_accuracy": sum(o.top3_ok for o in members) / n,
    }


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
