"""The lay reading of a result (services.lay_result), without a browser."""

from __future__ import annotations

import copy
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from twitchwise.domain.errors import KnowledgeError
from twitchwise.services import assessment as assess_svc
from twitchwise.services.lay_result import (
    advice_fits,
    because_sentence,
    lay_result,
    lay_wording,
    likelihood_word,
    load_wording,
    says_the_same,
    sentences,
)

#: The team's development vignettes (beside the clone), used only as a corpus of realistic cases.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "vignettes"
EYELID = {"age": 34, "sex": "female", "sites": ["eyelid"], "side": "left", "first_noticed_days": 7,
          "frequency": "many_daily", "when": ["under_stress", "random"], "absent": ["weakness"],
          "exposures": {"caffeine_mg_day": 400, "stress_0_10": 8}}  # fmt: skip
CALF = {"age": 29, "sex": "male", "sites": ["calf"], "first_noticed_days": 5, "features": ["visible_flicker"],
        "absent": ["weakness", "muscle_wasting"]}  # fmt: skip
STROKE = {"age": 70, "sex": "male", "sites": ["face", "upper_arm"], "first_noticed_days": 0,
          "symptoms": ["facial_droop", "slurred_speech"]}  # fmt: skip
SPREADING = {"age": 55, "sex": "male", "sites": ["calf", "thigh", "forearm"], "first_noticed_days": 120,
             "course": "spreading", "features": ["visible_flicker"],
             "symptoms": ["weakness", "muscle_wasting"]}  # fmt: skip
CASES = {"eyelid": EYELID, "calf": CALF, "stroke": STROKE, "spreading": SPREADING}
PERCENT = re.compile(r"\d\s*%|\bpercent\b")
WEIGHT = re.compile(r"[+-]\d+\.\d+")


def _texts(lay: dict[str, Any]) -> list[str]:
    """Every sentence a lay reader sees above the details for clinicians, in order."""
    out = [lay["sentence"], *lay["to_check"], *lay["more_reasons"], lay["action"], *lay["do_now"],
           *lay["see_doctor_if"],
           *lay["get_help"]]  # fmt: skip
    out += [c["because"] for c in lay["conditions"]]
    if lay["movement"]:
        out.append(lay["movement"]["description"])
    out += [lay["contributing"], *lay["medicines"], lay["disclaimer"]]
    return [t for t in out if t]


def _cases() -> list[tuple[str, dict[str, Any]]]:
    cases = list(CASES.items())
    for path in sorted(SHARED.glob("dev*.jsonl")):
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        cases += [(f"{path.stem}:{row['id']}", row["case"]) for row in rows]
    return cases


@pytest.fixture(scope="module")
def assessed() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    out = []
    for name, case in _cases():
        structured = {k: v for k, v in case.items() if k != "narrative"}
        out.append((name, structured, assess_svc.assess_case(structured)))
    return out


def test_a_self_care_eyelid_result_reads_top_down_in_words() -> None:
    result = assess_svc.assess_case(EYELID)
    lay = lay_result(result, EYELID)
    assert lay["urgency"] == "self_care" and lay["title"] == "You can look after this at home"
    assert lay["action"] and lay["do_now"] and lay["see_doctor_if"]
    assert lay["conditions"][0]["word"] == "most likely"
    assert lay["conditions"][0]["because"].startswith("Because it is in your eyelid")
    assert lay["movement"] and lay["movement"]["name"].startswith("Rippling twitch")
    # The urgency sentence is not repeated as the first advice line, nor the disclaimer anywhere else.
    assert result["urgency_text"] not in lay["do_now"]
    assert sum("information, not a diagnosis" in t for t in _texts(lay)) == 1


def test_numbers_codes_and_weights_are_only_in_the_clinicians_part(assessed: list[Any]) -> None:
    for name, case, result in assessed:
        lay = lay_result(result, case)
        codes = {c["icd10"] for c in lay["clinician"]["conditions"]}
        assert codes == {c["icd10"] for c in result["conditions"]}, name
        for text in _texts(lay) + [c["word"] for c in lay["conditions"]]:
            assert not PERCENT.search(text), (name, text)
            assert not WEIGHT.search(text), (name, text)
            assert not [code for code in codes if re.search(rf"\b{re.escape(code)}\b", text)], (name, text)
        assert all(isinstance(c["percent"], float) for c in lay["clinician"]["conditions"])


def test_no_sentence_is_said_twice(assessed: list[Any]) -> None:
    for name, case, result in assessed:
        said = [s for text in _texts(lay_result(result, case)) for s in sentences(text)]
        for a, b in itertools.combinations(said, 2):
            assert not says_the_same(a, b), (name, a, b)


def test_conditions_under_5_percent_are_left_out_and_serious_ones_are_to_rule_out(assessed: list[Any]) -> None:
    phrase = lay_wording()["serious_conditions"]["phrase"]
    kb = assess_svc.knowledge()
    for name, case, result in assessed:
        lay = lay_result(result, case)
        shown = {c["id"] for c in lay["conditions"]}
        assert shown == {c["id"] for c in result["conditions"] if c["probability"] >= 0.05}, name
        assert lay["left_out"] == len(result["conditions"]) - len(shown)
        for c in lay["conditions"]:
            if c["serious"]:
                assert c["word"] == phrase, (name, c)
            else:
                assert c["word"] in ("most likely", "possible", "less likely"), (name, c)
        # Sources only for what is shown: none that only a left-out condition cites.
        allowed = {s for cid in shown for s in kb.conditions[cid].sources}
        allowed |= {s for r in kb.red_flags for s in r.sources if r.id in {f["id"] for f in result["red_flags"]}}
        allowed |= {s for m in kb.movement_types.values() for s in m.sources}
        assert {s["id"] for s in lay["sources"]} <= allowed, name


def test_a_serious_condition_is_never_called_most_likely() -> None:
    lay = lay_result(assess_svc.assess_case(STROKE), STROKE)
    stroke = next(c for c in lay["conditions"] if c["id"] == "stroke_or_tia")
    assert stroke["serious"] and stroke["word"] == "something a doctor needs to rule out"
    assert lay["urgency"] == "emergency" and lay["title"].startswith("Emergency")
    # The headline does not soften an emergency with "worth checking with a doctor".
    assert "worth checking" not in " ".join([lay["sentence"], *lay["more_reasons"]])


def test_advice_about_an_exposure_is_only_for_people_who_reported_it() -> None:
    wording = lay_wording()
    line = "Stop smoking or vaping if you can; nicotine can make twitches worse."
    assert not advice_fits(line, wording, set(), CALF)
    assert advice_fits(line, wording, {"exposure:nicotine"}, {**CALF, "exposures": {"nicotine": True}})
    assert advice_fits("Cut down caffeine and alcohol for a couple of weeks.", wording, set(), CALF)
    assert not advice_fits("Cut down caffeine gradually.", wording, set(), {"exposures": {"caffeine_mg_day": 0}})
    assert advice_fits("Aim for 7 to 9 hours of sleep.", wording, set(), CALF)
    lay = lay_result(assess_svc.assess_case(CALF), CALF)
    assert not any(re.search(r"smok|vap", a, re.I) for a in lay["do_now"]), lay["do_now"]
    smoker = {**CALF, "exposures": {"nicotine": True}}
    lay = lay_result(assess_svc.assess_case(smoker), smoker)
    assert re.search(r"smok|vap", lay["do_now"][0], re.I), lay["do_now"]  # what they reported comes first


def test_because_is_built_from_the_evidence_for_never_its_weights() -> None:
    evidence = [{"finding": "sites:eyelid", "effect": "for", "weight": 1.59},
                {"finding": "when:under_stress", "effect": "for", "weight": 0.43},
                {"finding": "side:left", "effect": "for", "weight": 0.9},
                {"finding": "first_noticed:days", "effect": "against", "weight": -0.5}]  # fmt: skip
    assert because_sentence(evidence) == "Because it is in your eyelid and it happens when stressed or anxious."
    assert because_sentence([{"finding": "sites:eyelid", "effect": "against", "weight": -2.0}]) == ""
    assert because_sentence([{"finding": "not symptoms:weakness", "effect": "for", "weight": 0.5}]) == (
        "Because you have no weakness of the affected limb or muscles."
    )


@pytest.mark.parametrize(("p", "word"), [(0.97, "most likely"), (0.5, "most likely"), (0.3, "possible"),
                                          (0.06, "less likely"), (0.04, "")])  # fmt: skip
def test_likelihood_words(p: float, word: str) -> None:
    assert likelihood_word(p) == word


def test_a_broken_wording_file_names_the_file_and_key() -> None:
    kb = assess_svc.knowledge()
    good = copy.deepcopy(lay_wording())
    bad = copy.deepcopy(good)
    bad["serious_conditions"]["also"].append("not_a_condition")
    with pytest.raises(KnowledgeError, match=r"lay_wording.yaml: serious_conditions.also: 'not_a_condition'"):
        load_wording(kb, bad)
    bad = copy.deepcopy(good)
    del bad["urgency"]["routine"]["action"]
    with pytest.raises(KnowledgeError, match=r"lay_wording.yaml: urgency.routine: 'action' is a required"):
        load_wording(kb, bad)
    assert load_wording(kb, good) == good


def test_the_json_api_result_is_unchanged_by_the_lay_reading() -> None:
    result = assess_svc.assess_case(EYELID)
    before = copy.deepcopy(result)
    lay_result(result, EYELID)
    assert result == before


@pytest.mark.slow
def test_a_warning_sign_a_description_left_open_is_a_question_to_check() -> None:
    from twitchwise.services import intake

    result, parsed = intake.assess_text("My left eyelid has been twitching on and off for a few days.")
    touched = [s["question"] for s in result["unscreened_red_flags"] if s["touched"]]
    assert touched, "the description should touch the drooping-eyelid warning sign"
    lay = lay_result(result, parsed.case)
    assert lay["to_check"] == touched[:3]
    assert lay["sentence"] == lay_wording()["unscreened"]
    assert "Check:" not in " ".join(_texts(lay))
