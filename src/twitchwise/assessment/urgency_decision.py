"""Decide how urgent a case is: explicit red-flag rules, condition floors and escalations.

Urgency is the most urgent level any of these calls for:

* a red-flag rule that holds (``red_flags.yaml`` and red-flag findings);
* the danger mass: the summed probability of the conditions whose urgency floor is a level or
  more urgent, against that level's threshold (``urgency_policy.yaml``), so that probability
  spread over several dangerous conditions is not read as reassurance;
* a condition-specific escalation (e.g. a twitch lasting over 2 weeks) of a likely condition.

Safety invariant: a red-flag finding can only raise urgency. Condition floors
depend on probabilities, which a new finding can shift, so the decision is taken
as the maximum over the case and every version of it with some of its red-flag
findings made unknown (:func:`decide_urgency`). Adding a red-flag finding
therefore never gives a lower urgency than the case without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from twitchwise.assessment.bayes_model import FloatArray
from twitchwise.assessment.evidence import Evidence
from twitchwise.assessment.rule_evaluation import RuleIndex, holds
from twitchwise.domain.knowledge_model import KnowledgeBase, RedFlagRule
from twitchwise.domain.urgency import Urgency

#: Beyond this many present red-flag findings, only single removals and removing all are tried.
MAX_EXHAUSTIVE_RED_FLAGS = 8
#: Conditions named in a danger-mass reason: at most this many, each at least this likely.
MASS_NAMED_CONDITIONS = 3
MASS_NAMED_MIN_PROBABILITY = 0.03
_MASS_LEVELS = (Urgency.EMERGENCY, Urgency.URGENT, Urgency.ROUTINE)


@dataclass(frozen=True)
class UrgencyReason:
    """Why urgency is at least ``urgency``: a rule, a likely condition, or an escalation."""

    id: str
    urgency: Urgency
    text: str
    kind: str  # "red_flag", "condition", "escalation"


@dataclass(frozen=True)
class UrgencyDecision:
    """The urgency and every reason that reached it (most urgent first)."""

    urgency: Urgency
    reasons: tuple[UrgencyReason, ...]
    red_flags: tuple[UrgencyReason, ...]


class RedFlagIndex:
    """A knowledge base's red-flag rules, compiled, with the rules each finding can fire.

    A case is tested only against the rules it could satisfy: those naming a finding it
    reports, and the few that can hold without any finding.

    Parameters
    ----------
    kb : KnowledgeBase
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.rules = kb.red_flags
        self.index = RuleIndex([rule.when for rule in kb.red_flags])
        #: The findings that are red flags in themselves (a case's red flags are these).
        self.red_flag_findings = frozenset(f.id for f in kb.findings.values() if f.red_flag)
        self.policy = kb.urgency_policy
        conditions = list(kb.conditions.values())
        #: Each condition's urgency floor, in the knowledge base's (and the model's) order.
        self.floors = np.array([int(c.urgency_floor) for c in conditions], dtype=np.int64)
        self.masks = {level: self.floors >= int(level) for level in _MASS_LEVELS}

    def holding(self, evidence: Evidence) -> list[RedFlagRule]:
        """The rules that hold for this evidence, in the knowledge base's order."""
        return [self.rules[k] for k in self.index.holding(evidence.all_present, evidence.numbers)]


def _single_decision(
    kb: KnowledgeBase, evidence: Evidence, posterior: FloatArray, condition_ids: list[str], index: RedFlagIndex
) -> UrgencyDecision:
    reasons: list[UrgencyReason] = []
    flags: list[UrgencyReason] = []
    for rule in index.holding(evidence):
        r = UrgencyReason(rule.id, rule.urgency, rule.text, "red_flag")
        flags.append(r)
        reasons.append(r)
    mass_reason = _danger_mass_reason(kb, posterior, condition_ids, index)
    if mass_reason is not None:
        reasons.append(mass_reason)
    threshold = index.policy.escalation_threshold
    for j in np.flatnonzero(posterior >= threshold):
        cond = kb.conditions[condition_ids[int(j)]]
        for esc in cond.escalations:
            if holds(esc.when, evidence):
                reasons.append(UrgencyReason(esc.id, esc.urgency, esc.text, "escalation"))
    urgency = max((r.urgency for r in reasons), default=Urgency.SELF_CARE)
    reasons.sort(key=lambda r: -int(r.urgency))
    return UrgencyDecision(urgency, tuple(reasons), tuple(flags))


def _danger_mass_reason(
    kb: KnowledgeBase, posterior: FloatArray, condition_ids: list[str], index: RedFlagIndex
) -> UrgencyReason | None:
    """The most urgent level whose danger mass reaches its threshold, with the conditions behind it."""
    for level in _MASS_LEVELS:
        mask = index.masks[level]
        mass = float(posterior[mask].sum())
        if mass < index.policy.danger_mass[level]:
            continue
        js = [int(j) for j in np.flatnonzero(mask)]
        js.sort(key=lambda j: -float(posterior[j]))
        named = [
            kb.conditions[condition_ids[j]].name
            for j in js[:MASS_NAMED_CONDITIONS]
            if posterior[j] >= MASS_NAMED_MIN_PROBABILITY
        ] or [kb.conditions[condition_ids[js[0]]].name]
        action = kb.vocab.urgency_text[level.id]
        if float(posterior[js[0]]) >= index.policy.danger_mass[level]:
            cid = condition_ids[js[0]]
            text = f"What you describe fits {named[0]}, which a doctor needs to check or rule out: {action}"
            return UrgencyReason(f"likely_{cid}", level, text, "condition")
        listed = ", ".join(named[:-1]) + f" or {named[-1]}" if len(named) > 1 else named[0]
        text = (
            f"No single cause stands out, but together conditions that need this level of care, such as "
            f"{listed}, are too likely to leave unchecked: {action}"
        )
        return UrgencyReason(f"danger_mass_{level.id}", level, text, "condition")
    return None


def _subsets(items: list[str]) -> Iterable[frozenset[str]]:
    if len(items) <= MAX_EXHAUSTIVE_RED_FLAGS:
        for k in range(1, len(items) + 1):
            for combo in combinations(items, k):
                yield frozenset(combo)
    else:
        for item in items:
            yield frozenset([item])
        yield frozenset(items)


def decide_urgency(
    kb: KnowledgeBase,
    evidence: Evidence,
    posterior_of: Callable[[Evidence], FloatArray],
    condition_ids: list[str],
    posterior: FloatArray | None = None,
    index: RedFlagIndex | None = None,
) -> UrgencyDecision:
    """Decide urgency, guaranteeing that red-flag findings can only raise it.

    Parameters
    ----------
    kb : KnowledgeBase
    evidence : Evidence
    posterior_of : callable
        Maps evidence to condition probabilities (in ``condition_ids`` order).
    condition_ids : list of str
    posterior : ndarray, optional
        ``posterior_of(evidence)`` if the caller already has it.
    index : RedFlagIndex, optional
        ``RedFlagIndex(kb)``, if the caller keeps one (building it takes about a millisecond).

    Returns
    -------
    UrgencyDecision
    """
    if posterior is None:
        posterior = posterior_of(evidence)
    index = index or RedFlagIndex(kb)
    full = _single_decision(kb, evidence, posterior, condition_ids, index)
    red = sorted(evidence.present & index.red_flag_findings)
    best = full
    for removed in _subsets(red):
        if best.urgency == Urgency.EMERGENCY:
            break
        reduced = evidence.without(removed)
        other = _single_decision(kb, reduced, posterior_of(reduced), condition_ids, index)
        if other.urgency > best.urgency:
            best = other
    if best is full:
        return full
    # Keep the full case's red flags and reasons, plus whatever reached the higher level.
    extra = tuple(r for r in best.reasons if r.urgency == best.urgency and r not in full.reasons)
    return UrgencyDecision(best.urgency, extra + full.reasons, full.red_flags)
