"""Invariants of the engine, checked on generated cases (hypothesis)."""

from __future__ import annotations

import dataclasses
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchwise.assessment import Assessor
from twitchwise.domain.urgency import Urgency
from twitchwise.knowledge import load_knowledge

KB = load_knowledge()
ASSESSOR = Assessor(KB)
V = KB.vocabulary
RED_FLAG_FINDINGS = sorted(
    f.id for f in KB.findings.values() if f.red_flag and f.field in ("features", "symptoms", "history", "when")
)
MEDICINES = [*sorted(KB.medications)[:: max(1, len(KB.medications) // 40)], "not a real medicine"]


def _subset(values: list[str], max_size: int = 4) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), max_size=max_size, unique=True)


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    case: dict[str, Any] = {"sites": draw(st.lists(st.sampled_from(V["sites"]), min_size=1, max_size=3, unique=True))}
    for key in ("episode_length", "frequency"):
        if draw(st.booleans()):
            case[key] = draw(st.sampled_from(list(V[key])))
    for key in ("course", "side"):
        if draw(st.booleans()):
            case[key] = draw(st.sampled_from(V[key]))
    if draw(st.booleans()):
        case["age"] = draw(st.integers(0, 100))
    if draw(st.booleans()):
        case["sex"] = draw(st.sampled_from(["female", "male", "other", "unknown"]))
    if draw(st.booleans()):
        case["first_noticed_days"] = draw(st.integers(0, 4000))
    for fld in ("features", "when", "symptoms", "history"):
        case[fld] = draw(_subset(list(V[fld]), 3))
    used = {v for fld in ("features", "when", "symptoms", "history") for v in case[fld]}
    pool = [v for fld in ("features", "symptoms") for v in V[fld] if v not in used]
    case["absent"] = draw(_subset(pool, 3))
    if draw(st.booleans()):
        case["exposures"] = {
            "caffeine_mg_day": draw(st.integers(0, 1200)),
            "sleep_hours": draw(st.integers(0, 12)),
            "stress_0_10": draw(st.integers(0, 10)),
        }
    if draw(st.booleans()):
        case["medications"] = draw(_subset(MEDICINES, 3))
    return case


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_any_valid_case_gives_a_valid_result(case: dict[str, Any]) -> None:
    result = ASSESSOR.assess(case)
    jsonschema.validate(result, KB.result_schema)
    assert result["urgency"] in V["urgency"]
    assert len(result["conditions"]) >= 5
    assert all(0 <= c["probability"] <= 1 for c in result["conditions"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.sampled_from(RED_FLAG_FINDINGS))
def test_adding_a_red_flag_finding_never_lowers_urgency(case: dict[str, Any], finding: str) -> None:
    fld, _, value = finding.partition(":")
    if value in case.get("absent", []) or value in case.get(fld, []):
        case["absent"] = [v for v in case.get("absent", []) if v != value]
    before = Urgency.from_id(ASSESSOR.assess(case)["urgency"])
    with_flag = dict(case)
    with_flag[fld] = sorted(set(case.get(fld, [])) | {value})
    after = Urgency.from_id(ASSESSOR.assess(with_flag)["urgency"])
    assert after >= before


@settings(max_examples=50, deadline=None)
@given(cases())
def test_results_are_deterministic(case: dict[str, Any]) -> None:
    assert ASSESSOR.assess(case) == ASSESSOR.assess(case)


def _entropy_bits(p: Any) -> float:
    import numpy as np

    nz = p[p > 0]
    return float(-(nz * np.log2(nz)).sum())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=len(ASSESSOR.model.condition_ids),
                max_size=len(ASSESSOR.model.condition_ids)).filter(lambda w: sum(w) > 1e-3))  # fmt: skip
def test_information_gain_matches_its_definition(weights: list[float]) -> None:
    """The fast (matrix-vector) expected information gain equals H(prior) - E[H(posterior after answer)]."""
    import numpy as np

    model = ASSESSOR.model
    posterior = np.array(weights) / sum(weights)
    rows = list(range(0, len(model.binary_ids), 7))
    fast = model.binary_information_gain(posterior, rows)
    for k, row in enumerate(rows):
        expected = 0.0
        for like, prob in ((model.like_yes[row], model.p_yes[row] @ posterior),
                           (model.like_no[row], 1 - model.p_yes[row] @ posterior)):  # fmt: skip
            updated = like * posterior
            expected += prob * _entropy_bits(updated / updated.sum())
        assert fast[k] == pytest.approx(max(_entropy_bits(posterior) - expected, 0.0), abs=1e-9)
    all_binary, all_choice = model.information_gains(posterior)
    assert all_binary[rows] == pytest.approx(fast, abs=1e-9)
    for field in ("episode_length", "sites", "frequency", "course", "side", "first_noticed"):
        assert all_choice[field] == pytest.approx(model.categorical_information_gain(posterior, field), abs=1e-9)
    for field in ("episode_length", "sites"):
        like = model.site_like if field == "sites" else model.categorical_like[field]
        probs = model.site_p @ posterior if field == "sites" else model.categorical_p[field] @ posterior
        probs = probs / probs.sum()
        expected = sum(float(probs[v]) * _entropy_bits(like[v] * posterior / (like[v] @ posterior))
                       for v in range(like.shape[0]))  # fmt: skip
        assert model.categorical_information_gain(posterior, field) == pytest.approx(
            max(_entropy_bits(posterior) - expected, 0.0), abs=1e-9
        )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_red_flag_candidates_match_their_definition(case: dict[str, Any]) -> None:
    """Each red-flag question is an unanswered finding whose "yes" alone fires a more urgent rule, at the
    highest urgency it can fire; the memoised ranker finds exactly those (checked by brute force)."""
    from twitchwise.assessment.rule_evaluation import holds

    evidence = ASSESSOR.evidence_for(case)
    current = ASSESSOR.urgency(evidence).urgency
    ranker = ASSESSOR.questions
    expected: dict[str, Urgency] = {}
    for k, rule in enumerate(KB.red_flags):
        if rule.urgency <= current:
            continue
        for f in ranker.rule_positive[k]:
            if evidence.is_answered(f):
                continue
            with_yes = dataclasses.replace(evidence, present=evidence.present | {f})
            if holds(rule.when, with_yes) and rule.urgency > expected.get(f, Urgency.SELF_CARE):
                expected[f] = rule.urgency
    got = {f: u for u, _, f in ranker.red_flag_candidates(evidence, current)}
    assert got == expected


ALL_RULES = (
    [r.when for r in KB.red_flags]
    + [r.when for r in KB.factors]
    + [e.when for c in KB.conditions.values() for e in c.escalations]
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(range(len(ALL_RULES))), st.data())
def test_compiled_rule_shortcut_agrees_with_walking_the_rule(k: int, data: st.DataObject) -> None:
    """The compiled rule's shortcut (none of its findings present) gives what walking the tree gives."""
    from twitchwise.assessment.rule_evaluation import _compile, compile_rule, findings_named, variables_compared

    rule = ALL_RULES[k]
    named = sorted(findings_named(rule))
    present = frozenset(data.draw(st.lists(st.sampled_from([*named, "features:visible_flicker"]), max_size=4)))
    numbers = {v: data.draw(st.floats(0, 120)) for v in sorted(variables_compared(rule)) if data.draw(st.booleans())}
    assert compile_rule(rule)(present, numbers) == _compile(rule)(present, numbers)
