"""Caps on conditions that the case rules out: a missing prerequisite, or an age outside the range.

A condition may declare what it cannot exist without (``requires`` in its file) and the ages it
occurs at (``ages``). When a prerequisite is *known* absent (the case reports absent everything
it could rest on; unknown is not absent) or the age is outside the range, the condition's
probability is capped and the probability it loses is shared among the uncapped conditions in
proportion to theirs. A cap never raises a capped condition's probability; it changes the
ranking, never the urgency (see :class:`~twitchwise.assessment.engine.Assessor`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from twitchwise.assessment.bayes_model import FloatArray
from twitchwise.assessment.evidence import Evidence
from twitchwise.assessment.rule_evaluation import Truth, truth
from twitchwise.domain.knowledge_model import Condition


@dataclass(frozen=True)
class Cap:
    """One condition's probability cap and why."""

    condition: int
    cap: float
    text: str
    kind: str  # "age_range" or "missing_prerequisite"


def caps_for(conditions: Sequence[Condition], evidence: Evidence) -> list[Cap]:
    """The caps the evidence places, at most one per condition (the lowest), in condition order.

    Parameters
    ----------
    conditions : sequence of Condition
        In the model's ``condition_ids`` order.
    evidence : Evidence
    """
    out: list[Cap] = []
    for j, cond in enumerate(conditions):
        found: list[Cap] = []
        if cond.ages is not None and evidence.age is not None and not cond.ages.low <= evidence.age < cond.ages.high:
            found.append(Cap(j, cond.ages.cap, cond.ages.text, "age_range"))
        for req in cond.requires:
            if truth(req.when, evidence) is Truth.FALSE:
                found.append(Cap(j, req.cap, req.text, "missing_prerequisite"))
        if found:
            out.append(min(found, key=lambda c: c.cap))
    return out


def apply_caps(posterior: FloatArray, caps: Sequence[Cap]) -> FloatArray:
    """Cap the given conditions and share what they lose among the others, proportionally.

    Parameters
    ----------
    posterior : ndarray
        Probabilities summing to 1.
    caps : sequence of Cap

    Returns
    -------
    ndarray
        Probabilities summing to 1; a capped entry is ``min(p, cap)``, never more than ``p``.
    """
    if not caps:
        return posterior
    out = posterior.copy()
    capped = np.zeros(len(out), dtype=bool)
    for c in caps:
        out[c.condition] = min(out[c.condition], c.cap)
        capped[c.condition] = True
    free_mass = float(posterior[~capped].sum())
    if free_mass <= 0.0:
        return posterior  # nothing to give the lost probability to: the caps cannot apply
    lost = 1.0 - float(out.sum())
    out[~capped] *= 1.0 + lost / free_mass
    return out
