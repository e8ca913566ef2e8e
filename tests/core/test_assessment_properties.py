"""Invariants of the engine, checked on generated cases (hypothesis)."""

from __future__ import annotations

from typing import Any

import jsonschema
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
