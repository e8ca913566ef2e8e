"""Safety invariants added with vocabulary v2: caps, danger signs, danger mass and advice."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from twitchwise.assessment import Assessor
from twitchwise.assessment.evidence import Evidence
from twitchwise.assessment.prerequisites import Cap, apply_caps
from twitchwise.assessment.rule_evaluation import holds
from twitchwise.assessment.urgency_decision import RedFlagIndex, decide_urgency
from twitchwise.domain.rules import All, AnyOf, AtLeast, Compare, Not, Present, RuleExpr
from twitchwise.domain.urgency import Urgency
from twitchwise.knowledge import load_knowledge

KB = load_knowledge()
ASSESSOR = Assessor(KB)
V = KB.vocabulary
IDS = ASSESSOR.model.condition_ids
LIFESTYLE_TIPS = frozenset(f.advice for f in KB.factors if f.advice)
DANGER_RULES = [r for r in KB.red_flags if not r.id.startswith("finding_")]
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _subset(values: list[str], max_size: int = 3) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), max_size=max_size, unique=True)


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    case: dict[str, Any] = {"sites": draw(st.lists(st.sampled_from(V["sites"]), min_size=1, max_size=3, unique=True))}
    for key in ("episode_length", "frequency", "course", "side"):
        if draw(st.booleans()):
            case[key] = draw(st.sampled_from(list(V[key])))
    if draw(st.booleans()):
        case["age"] = draw(st.one_of(st.floats(0, 2, allow_nan=False), st.integers(0, 100)))
    if draw(st.booleans()):
        case["first_noticed_days"] = draw(st.integers(0, 400))
    for fld in ("features", "when", "symptoms", "history"):
        case[fld] = draw(_subset(list(V[fld])))
    used = {v for fld in ("features", "when", "symptoms", "history") for v in case[fld]}
    case["absent"] = draw(_subset([v for f in ("features", "symptoms", "history") for v in V[f] if v not in used]))
    if draw(st.booleans()):
        case["medications"] = draw(_subset(sorted(KB.medications)[::25], 2))
    return case


# -- caps ------------------------------------------------------------------------------------
@PROPERTY
@given(
    st.lists(st.floats(0.001, 1.0), min_size=len(IDS), max_size=len(IDS)),
    st.lists(
        st.tuples(st.integers(0, len(IDS) - 1), st.floats(0.001, 0.5)), min_size=1, max_size=5, unique_by=lambda t: t[0]
    ),
)
def test_a_cap_never_raises_a_capped_probability_and_keeps_a_distribution(
    weights: list[float], caps: list[tuple[int, float]]
) -> None:
    posterior = np.array(weights) / sum(weights)
    capped = apply_caps(posterior, [Cap(j, c, "", "age_range") for j, c in caps])
    assert capped.sum() == pytest.approx(1.0)
    for j, c in caps:
        assert capped[j] <= posterior[j] + 1e-12
        assert capped[j] <= max(c, posterior[j]) + 1e-12


@PROPERTY
@given(cases())
def test_a_prerequisite_cap_never_lowers_urgency(case: dict[str, Any]) -> None:
    evidence = ASSESSOR.evidence_for(case)
    uncapped = decide_urgency(KB, evidence, ASSESSOR.model.posterior, IDS, None, ASSESSOR.red_flag_index)
    assert ASSESSOR.urgency(evidence).urgency >= uncapped.urgency


def test_missing_prerequisite_and_age_caps_show_in_the_evidence() -> None:
    toddler = {"age": 2, "sites": ["whole_body"], "features": ["limb_jerk"], "symptoms": ["fever", "sweating"],
               "medications": []}  # fmt: skip
    result = ASSESSOR.assess(toddler)
    serotonin = next(c for c in result["conditions"] if c["id"] == "serotonin_syndrome") if any(
        c["id"] == "serotonin_syndrome" for c in result["conditions"]) else None  # fmt: skip
    assert result["conditions"][0]["id"] != "serotonin_syndrome"
    if serotonin is not None:
        assert serotonin["evidence"][0]["finding"] == "cap:missing_prerequisite"
    baby = ASSESSOR.assess({"age": 0.6, "sites": ["whole_body"], "features": ["limb_jerk"], "when": ["on_waking"]})
    assert baby["conditions"][0]["id"] not in ("juvenile_myoclonic_epilepsy", "tic_disorder")
    jme = [c for c in baby["conditions"] if c["id"] == "juvenile_myoclonic_epilepsy"]
    assert not jme or jme[0]["evidence"][0]["finding"] == "cap:age_range"


# -- danger signs ------------------------------------------------------------------------------
def _satisfying(expr: RuleExpr, present: set[str], numbers: dict[str, float]) -> None:
    """Make a minimal case that satisfies a rule: the first way through each choice."""
    if isinstance(expr, Present):
        present.add(expr.finding)
    elif isinstance(expr, Compare):
        numbers[expr.variable] = {"<": expr.value - 0.01, "<=": expr.value, ">": expr.value + 1,
                                  ">=": expr.value, "==": expr.value}[expr.op]  # fmt: skip
    elif isinstance(expr, All):
        for item in expr.items:
            _satisfying(item, present, numbers)
    elif isinstance(expr, AnyOf):
        usable = [i for i in expr.items if not isinstance(i, Not)] or list(expr.items)
        _satisfying(usable[0], present, numbers)
    elif isinstance(expr, AtLeast):
        for item in expr.items[: expr.n]:
            _satisfying(item, present, numbers)
    # Not: satisfied by leaving its findings unknown


def _case_from(present: set[str], numbers: dict[str, float]) -> dict[str, Any]:
    case: dict[str, Any] = {"sites": []}
    for fid in sorted(present):
        fld, _, value = fid.partition(":")
        if fld in ("features", "when", "symptoms", "history", "sites"):
            case.setdefault(fld, []).append(value)
        elif fld == "med":
            name = next(n for n, classes in sorted(KB.medications.items()) if value in classes)
            case.setdefault("medications", []).append(name)
        elif fld == "exposure":
            continue
        else:
            case[fld] = value
    if "age" in numbers:
        case["age"] = max(0.0, numbers["age"])
    if "first_noticed_days" in numbers:
        case["first_noticed_days"] = max(0.0, numbers["first_noticed_days"])
    if not case["sites"]:
        case["sites"] = ["whole_body"]
    return case


@pytest.mark.parametrize("rule", DANGER_RULES, ids=lambda r: r.id)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extra=cases())
def test_a_danger_sign_rule_fires_whatever_else_the_case_says(rule: Any, extra: dict[str, Any]) -> None:
    present: set[str] = set()
    numbers: dict[str, float] = {}
    _satisfying(rule.when, present, numbers)
    case = _case_from(present, numbers)
    for fld in ("features", "when", "symptoms", "history"):
        case[fld] = sorted(set(case.get(fld, [])) | set(extra.get(fld, [])))
    case["absent"] = [v for v in extra.get("absent", []) if all(v not in case.get(f, []) for f in V)]
    case["sites"] = sorted(set(case["sites"]) | set(extra["sites"]))
    evidence = ASSESSOR.evidence_for(case)
    assume(holds(rule.when, evidence))  # extra findings may answer a "not" in the rule
    result = ASSESSOR.assess(case)
    assert Urgency.from_id(result["urgency"]) >= rule.urgency
    assert rule.id in {r["id"] for r in result["red_flags"]}


# -- danger mass -------------------------------------------------------------------------------
def _urgency_of(posterior: np.ndarray) -> Urgency:
    empty = Evidence(present=frozenset(), absent=frozenset(), categorical={}, sites=(), numbers={})
    index = RedFlagIndex(KB)
    return decide_urgency(KB, empty, lambda _: posterior, IDS, posterior, index).urgency


@PROPERTY
@given(st.lists(st.floats(0.001, 1.0), min_size=len(IDS), max_size=len(IDS)), st.integers(0, 10_000), st.data())
def test_spreading_probability_over_more_dangerous_conditions_never_lowers_urgency(
    weights: list[float], pick: int, data: st.DataObject
) -> None:
    posterior = np.array(weights) / sum(weights)
    floors = RedFlagIndex(KB).floors
    dangerous = [j for j in range(len(IDS)) if floors[j] >= int(Urgency.URGENT)]
    source = dangerous[pick % len(dangerous)]
    targets = data.draw(st.lists(st.sampled_from([j for j in dangerous if floors[j] >= floors[source]]),
                                 min_size=1, max_size=4, unique=True))  # fmt: skip
    before = _urgency_of(posterior)
    spread = posterior.copy()
    share = spread[source] / (len(targets) + 1)
    spread[source] = share
    for j in targets:
        spread[j] += share
    assert _urgency_of(spread) >= before


def test_a_diffuse_ranking_of_dangerous_conditions_is_not_self_care() -> None:
    posterior = np.full(len(IDS), 1e-6)
    emergency = [j for j, cid in enumerate(IDS) if KB.conditions[cid].urgency_floor == Urgency.EMERGENCY]
    for j in emergency:
        posterior[j] = 0.1
    posterior /= posterior.sum()
    assert max(posterior) < 0.25  # no single condition reaches the old floor threshold
    assert _urgency_of(posterior) == Urgency.EMERGENCY


# -- advice ------------------------------------------------------------------------------------
@PROPERTY
@given(cases())
def test_advice_has_no_duplicates_and_no_lifestyle_tip_at_urgent_or_emergency(case: dict[str, Any]) -> None:
    result = ASSESSOR.assess(case)
    advice = result["advice"]
    assert len(advice) == len(set(advice))
    if Urgency.from_id(result["urgency"]) >= Urgency.URGENT:
        assert not LIFESTYLE_TIPS & set(advice)
    if not case.get("medications"):
        assert not any("further doses" in line or "newly added medicine" in line for line in advice)
