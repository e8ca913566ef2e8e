"""The assessment engine: valid results, red flags, evidence, medicines, questions, errors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from twitchwise.assessment import Assessor
from twitchwise.assessment.medication_matching import match_medication
from twitchwise.domain.errors import InputError
from twitchwise.domain.knowledge_model import KnowledgeBase

EYELID = {"age": 34, "sex": "female", "sites": ["eyelid"], "side": "left", "first_noticed_days": 7,
          "episode_length": "seconds", "frequency": "many_daily", "features": ["visible_flicker"]}  # fmt: skip


def test_the_contract_example_gives_a_valid_result(assessor: Assessor, kb: KnowledgeBase) -> None:
    case = {
        "age": 34, "sex": "female",
        "narrative": "My left eyelid has twitched on and off for a week. I drink 5 coffees a day and sleep badly.",
        "sites": ["eyelid"], "side": "left", "first_noticed_days": 7, "episode_length": "seconds",
        "frequency": "many_daily", "course": "stable", "features": ["visible_flicker"],
        "when": ["under_stress", "random"], "symptoms": [], "absent": ["weakness", "facial_droop"],
        "history": [], "exposures": {"caffeine_mg_day": 475, "sleep_hours": 5, "stress_0_10": 7},
        "medications": ["sertraline"],
    }  # fmt: skip
    result = assessor.assess(case)
    jsonschema.validate(result, kb.result_schema)
    assert result["urgency"] == "self_care"
    assert result["conditions"][0]["id"] == "eyelid_myokymia"
    assert {f["id"] for f in result["factors"]} >= {"caffeine", "sleep_deprivation", "stress_anxiety", "medication"}
    assert "475 mg" in next(f["text"] for f in result["factors"] if f["id"] == "caffeine")
    assert "not a diagnosis" in result["disclaimer"]
    assert len(result["conditions"]) >= 5
    assert abs(sum(c["probability"] for c in result["conditions"]) - 1) < 0.2


def test_probabilities_of_all_conditions_sum_to_one(assessor: Assessor) -> None:
    evidence = assessor.evidence_for(EYELID)
    assert assessor.posterior(evidence).sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("extra", "at_least", "rule"),
    [
        ({"symptoms": ["facial_droop"]}, "emergency", "stroke_signs"),
        ({"symptoms": ["breathing_difficulty"]}, "emergency", None),
        ({"symptoms": ["saddle_numbness", "back_pain"]}, "emergency", "cauda_equina_signs"),
        ({"symptoms": ["jaw_stiffness"], "history": ["recent_wound"]}, "emergency", "lockjaw_tetanus"),
        ({"features": ["visible_flicker", "whole_body_convulsion"]}, "emergency", "seizure_first_or_prolonged"),
        (
            {"symptoms": ["fever", "stiffness_rigidity"], "medications": ["haloperidol"]},
            "emergency",
            "neuroleptic_malignant_signs",
        ),
        (
            {
                "features": ["visible_flicker", "limb_jerk"],
                "symptoms": ["sweating", "agitation"],
                "medications": ["sertraline", "tramadol"],
            },
            "urgent",
            "serotonin_toxicity",
        ),
        (
            {
                "features": ["visible_flicker", "twisting_posture"],
                "medications": ["metoclopramide"],
                "first_noticed_days": 1,
            },
            "urgent",
            "acute_dystonic_reaction",
        ),
        ({"symptoms": ["dark_urine", "severe_muscle_pain"]}, "urgent", "dark_urine_muscle_pain"),
        (
            {"history": ["neck_or_thyroid_surgery"], "symptoms": ["perioral_tingling"]},
            "urgent",
            "tetany_after_neck_surgery",
        ),
        (
            {"symptoms": ["palpitations", "weakness"], "medications": ["furosemide"]},
            "urgent",
            "electrolytes_with_heart_symptoms",
        ),
        ({"symptoms": ["diarrhea_vomiting"], "medications": ["lithium"]}, "urgent", "lithium_toxicity"),
        (
            {"history": ["recent_alcohol_stop"], "features": ["visible_flicker", "rhythmic_shaking"]},
            "urgent",
            "alcohol_withdrawal",
        ),
        ({"symptoms": ["weakness", "muscle_wasting"]}, "routine", "fasciculation_weakness_wasting"),
        ({"first_noticed_days": 30}, "routine", None),
        ({"course": "spreading"}, "routine", None),
    ],
)
def test_red_flags_raise_urgency(assessor: Assessor, extra: dict[str, Any], at_least: str, rule: str | None) -> None:
    case = {**EYELID, **extra}
    if "features" in extra:
        case["features"] = extra["features"]
    result = assessor.assess(case)
    order = ["self_care", "routine", "urgent", "emergency"]
    assert order.index(result["urgency"]) >= order.index(at_least)
    if rule:
        assert rule in {r["id"] for r in result["red_flags"]}


def test_a_plain_eyelid_twitch_is_self_care_with_no_red_flags(assessor: Assessor) -> None:
    result = assessor.assess(EYELID)
    assert result["urgency"] == "self_care"
    assert result["red_flags"] == []
    assert result["urgency_reasons"][0]["id"] in ("no_red_flags", "likely_eyelid_myokymia")


def test_tingling_while_over_breathing_is_not_a_red_flag(assessor: Assessor) -> None:
    case = {"age": 24, "sex": "female", "sites": ["hand", "fingers"], "features": ["carpopedal_spasm"],
            "symptoms": ["fast_breathing", "numbness_tingling", "perioral_tingling", "anxiety"]}  # fmt: skip
    flags = {r["id"] for r in assessor.assess(case)["red_flags"]}
    assert "finding_symptoms_numbness_tingling" not in flags
    assert "tetany_without_overbreathing" not in flags


def test_unknown_is_not_the_same_as_absent(assessor: Assessor) -> None:
    unknown = assessor.assess({**EYELID, "sites": ["calf"], "features": ["visible_flicker"]})
    absent = assessor.assess(
        {**EYELID, "sites": ["calf"], "features": ["visible_flicker"], "absent": ["weakness", "muscle_wasting"]}
    )
    p = {c["id"]: c["probability"] for c in unknown["conditions"]}
    q = {c["id"]: c["probability"] for c in absent["conditions"]}
    assert q.get("motor_neuron_disease", 0) < p.get("motor_neuron_disease", 1)
    asked = [n["finding"] for n in absent["next_questions"]]
    assert "symptoms:weakness" not in asked


def test_evidence_names_the_findings_that_moved_each_condition(assessor: Assessor) -> None:
    top = assessor.assess(EYELID)["conditions"][0]
    findings = {e["finding"] for e in top["evidence"] if e["effect"] == "for"}
    assert "sites:eyelid" in findings


def test_next_questions_put_red_flags_first_and_skip_answered(assessor: Assessor) -> None:
    result = assessor.assess({"sites": ["calf"], "features": ["visible_flicker"]})
    questions = result["next_questions"]
    assert questions and questions[0]["red_flag"]
    seen_red = [q["red_flag"] for q in questions]
    assert seen_red == sorted(seen_red, reverse=True)
    assert all(q["finding"] not in ("features:visible_flicker", "sites") for q in questions)


def test_results_are_deterministic(assessor: Assessor) -> None:
    assert assessor.assess(EYELID) == assessor.assess(EYELID)


@pytest.mark.parametrize(
    ("typed", "classes"),
    [
        ("sertraline", ("ssri_snri",)),
        ("Zolloft", ("ssri_snri",)),
        ("ZOLOFT 50mg tablets", ("ssri_snri",)),
        ("furosemide", ("diuretic",)),
        ("Lasix", ("diuretic",)),
        ("Nexium", ("proton_pump_inhibitor",)),
        ("metoclopramide", ("dopamine_blocking_antiemetic",)),
        ("Abilify", ("antipsychotic",)),
        ("salbutamol inhaler", ("beta2_agonist",)),
        ("levothyroxine sodium", ("thyroid_hormone",)),
        ("adderall", ("stimulant",)),
        ("linezolid", ("linezolid_maoi",)),
    ],
)
def test_medicine_names_map_to_classes(kb: KnowledgeBase, typed: str, classes: tuple[str, ...]) -> None:
    match = match_medication(typed, kb.medications)
    assert match.matched is not None
    assert set(classes) <= set(match.classes)


@pytest.mark.parametrize("typed", ["paracetamol", "vitamin c", "xyzzy"])
def test_unrelated_or_unknown_medicines_add_no_class(kb: KnowledgeBase, typed: str) -> None:
    assert match_medication(typed, kb.medications).classes == ()


def test_an_unrecognised_medicine_is_reported_not_rejected(assessor: Assessor) -> None:
    result = assessor.assess({**EYELID, "medications": ["qwertyzine"]})
    assert result["medications"] == [{"typed": "qwertyzine", "matched": None, "classes": [], "recognised": False}]


@pytest.mark.parametrize(
    ("case", "field", "words"),
    [
        ({"sites": ["calff"]}, "sites[0]", ["calf"]),
        ({"sites": ["calf"], "features": ["flicker"]}, "features[0]", ["visible_flicker"]),
        ({"sites": ["calf"], "absent": ["weaknes"]}, "absent[0]", ["weakness"]),
        ({"sites": ["calf"], "episode_length": "forever"}, "episode_length", ["under_1s", "constant"]),
        ({"sites": ["calf"], "age": 300}, "age", ["maximum"]),
        ({"sites": ["calf"], "colour": "red"}, "(the case)", ["colour"]),
        ({"age": 30}, "(the case)", ["narrative", "sites"]),
        ({"sites": ["calf"], "features": ["limb_jerk"], "absent": ["limb_jerk"]}, "absent[0]", ["limb_jerk"]),
        ([1, 2], "(the case)", ["JSON object"]),
        ({"sites": ["calf"], "exposures": {"caffeine_mg_day": -5}}, "exposures.caffeine_mg_day", ["minimum"]),
    ],
)
def test_invalid_cases_name_the_field_and_what_is_allowed(
    assessor: Assessor, case: Any, field: str, words: list[str]
) -> None:
    with pytest.raises(InputError) as info:
        assessor.assess(case)
    assert info.value.field == field
    for w in words:
        assert w in info.value.message


def test_results_do_not_depend_on_the_process_hash_seed(tmp_path: Path) -> None:
    """Two processes with different string-hash seeds give identical results, ties between conditions included."""
    import subprocess
    import sys

    script = tmp_path / "assess_many.py"
    script.write_text(
        "import json, random\n"
        "from twitchwise.services import assessment as s\n"
        "V = s.knowledge().vocabulary\n"
        "rng = random.Random(1)\n"
        "out = []\n"
        "for _ in range(400):\n"
        "    case = {'sites': rng.sample(list(V['sites']), rng.randint(1, 3))}\n"
        "    for field in ('features', 'symptoms', 'when', 'history'):\n"
        "        case[field] = rng.sample(list(V[field]), rng.randint(0, 3))\n"
        "    if rng.random() < 0.5:\n"
        "        case['age'] = rng.randint(1, 95)\n"
        "    if rng.random() < 0.5:\n"
        "        case['course'] = rng.choice(list(V['course']))\n"
        "    out.append(s.assess_case(case))\n"
        "print(json.dumps(out, sort_keys=True))\n"
    )
    env = dict(os.environ)
    runs = []
    for seed in ("1", "2"):
        env["PYTHONHASHSEED"] = seed
        runs.append(subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, env=env))
    assert runs[0].stdout == runs[1].stdout
