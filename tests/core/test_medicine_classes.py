"""Medicine names map to the classes whose effects they have (audit of issue 11)."""

from __future__ import annotations

import pytest

from twitchwise.assessment import Assessor
from twitchwise.domain.knowledge_model import KnowledgeBase


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("trazodone", "serotonergic_other"),
        ("st john's wort", "serotonergic_other"),
        ("buspirone", "serotonergic_other"),
        ("sertraline", "ssri_snri"),
        ("venlafaxine", "ssri_snri"),
        ("tramadol", "tramadol_opioid"),
        ("gliclazide", "insulin_sulfonylurea"),
        ("insulin", "insulin_sulfonylurea"),
        ("metoclopramide", "dopamine_blocking_antiemetic"),
        ("furosemide", "diuretic"),
    ],
)
def test_a_medicine_name_maps_to_its_class(kb: KnowledgeBase, name: str, cls: str) -> None:
    assert cls in kb.medications[name]


def test_a_serotonergic_remedy_with_an_ssri_can_be_serotonin_toxicity(assessor: Assessor) -> None:
    case = {"age": 45, "sites": ["thigh", "calf"], "features": ["limb_jerk"], "first_noticed_days": 1,
            "symptoms": ["sweating", "agitation"], "medications": ["sertraline", "st john's wort"]}  # fmt: skip
    result = assessor.assess(case)
    assert result["urgency"] in ("urgent", "emergency")
    assert "serotonin_toxicity" in {r["id"] for r in result["red_flags"]}
