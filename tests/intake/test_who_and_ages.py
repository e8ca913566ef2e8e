"""Ages in weeks, months and words; who the text is about; fears, others' guesses and comparisons."""

from __future__ import annotations

import datetime as dt

import pytest

#: The reference date the intake tests parse against (as in tests/intake/conftest.py); defined
#: here because another folder's conftest module can shadow that one's name on sys.path.
TODAY = dt.date(2025, 3, 12)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("My 7 month old keeps jerking his arms.", 0.58),
        ("My son is 18 months old and his legs jerk in his sleep.", 1.5),
        ("She's a 3 week old and her chin trembles.", 0.06),
        ("Our baby girl is 10 weeks old and she startles a lot.", 0.19),
        ("My daughter, a 7-month-old, has little jerks when she wakes.", 0.58),
        ("My toddler keeps blinking, she does it all day.", 2.0),
        ("Our newborn's legs jerk when he sleeps.", 0.05),
        ("My husband (52) has twitching in his calf.", 52.0),
        ("My nan has a tremor in her hands, she's 84.", 84.0),
    ],
)
def test_age_in_years(parse, text, age):
    assert parse(text)["age"] == pytest.approx(age, abs=0.01)


def test_a_duration_in_months_is_not_an_age(parse):
    case = parse("My calf has twitched for 3 months. I'm 34.")
    assert case["age"] == 34.0
    assert "sex" not in case  # the "m" of "I'm" is not "male"


@pytest.mark.parametrize(
    "text",
    [
        "A friend of my dad's died of ALS. My calf twitches.",
        "My calf twitches. My friend's dad has MND.",
        "My calf twitches. A colleague had ALS.",
    ],
)
def test_a_friend_or_a_friends_relative_is_no_family_history(parse, text):
    assert "family_motor_neuron_disease" not in parse(text).get("history", [])


def test_a_blood_relative_is_family_history(parse):
    assert "family_motor_neuron_disease" in parse("My calf twitches. My dad's brother had ALS.").get("history", [])


@pytest.mark.parametrize(
    ("text", "not_found", "concern"),
    [
        ("The health visitor said it's a startle. His arms jerk.", "stimulus_sensitive", None),
        ("The GP thinks it's Tourette's. My son blinks a lot.", None, "tourette_syndrome"),
        ("I'm scared it's ALS, my calf twitches.", None, "motor_neuron_disease"),
        ("I'm terrified I have MS. My eyelid twitches.", None, "multiple_sclerosis"),
    ],
)
def test_others_guesses_and_fears_are_concerns_not_findings(parser, text, not_found, concern):
    parsed = parser.parse(text, TODAY)
    found = {v for fld in ("features", "symptoms", "history") for v in parsed.case.get(fld, [])}
    if not_found:
        assert not_found not in found
    if concern:
        assert concern in parsed.to_dict()["concerns"]


def test_the_fear_ends_at_its_clause(parse):
    assert "visible_flicker" in parse("I'm scared it's ALS, my calf twitches.").get("features", [])


def test_a_stated_negation_beats_an_activity_mentioned(parse):
    case = parse("I'm timing how fast I climb stairs. I'm not weak.")
    assert "weakness" not in case.get("symptoms", [])
    assert "weakness" in case.get("absent", [])


@pytest.mark.parametrize(
    ("text", "not_absent"),
    [
        ("No creepy feeling in my legs in the evenings.", "evening"),
        ("I don't have any cramps in my legs at night.", "during_sleep"),
    ],
)
def test_negation_of_a_symptom_does_not_deny_its_time(parse, text, not_absent):
    assert not_absent not in parse(text).get("absent", [])


def test_negation_right_before_a_time_denies_it(parse):
    assert "evening" in parse("It's not in the evenings, it's in the mornings.").get("absent", [])


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("My wee is dark like strong tea and my legs ache after the gym.", "symptoms", "dark_urine"),
        ("My calf twitches like popcorn under the skin.", "features", "visible_flicker"),
        ("It feels like I can't breathe.", "symptoms", "breathing_difficulty"),
    ],
)
def test_a_comparison_is_read_for_what_it_describes(parse, text, field, value):
    assert value in parse(text).get(field, [])


def test_strong_tea_describing_pee_is_no_caffeine(parse):
    case = parse("My pee is dark like strong tea.")
    assert "caffeine_mg_day" not in case.get("exposures", {})
    assert "after_caffeine" not in case.get("when", [])


def test_deadlift_is_no_convulsion(parse):
    case = parse("I did heavy deadlifts yesterday and now my calf twitches.")
    assert "whole_body_convulsion" not in case.get("features", [])


def test_the_person_named_after_a_lead_in_is_the_subject(parse):
    case = parse(
        "Nursery phoned me at work. My son (3) went stiff and jerked all over for two minutes, he is sleepy now."
    )
    assert case["age"] == 3.0
    assert "whole_body_convulsion" in case.get("features", [])


def test_a_word_in_quotation_marks_is_still_read(parse):
    assert "jaw_stiffness" in parse("Since Sunday his jaw is 'locked' and he can only sip through a straw.").get(
        "symptoms", []
    )


def test_a_relative_who_says_what_they_see_is_the_subject(parse):
    case = parse("My grandad says there are spiders on the ceiling and he doesn't know where he is.")
    assert {"hallucinations", "confusion"} <= set(case.get("symptoms", []))


def test_a_relative_who_reports_the_writer_is_not_the_subject(parse):
    case = parse("My wife says I kick in my sleep.")
    assert "periodic_in_sleep" in case.get("features", [])
    assert "sex" not in case  # not the wife's
