"""Results from a narrative: unscreened warning signs listed and asked first, never "nothing is a warning sign"."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from twitchwise.services import intake as svc

TODAY = dt.date(2025, 3, 12)


def test_unscreened_red_flags_are_listed_touched_first():
    result, _ = svc.assess_text("My eyelid has twitched for a week. My speech might be off?", today=TODAY)
    signs = result["unscreened_red_flags"]
    assert signs and signs[0]["touched"] is True
    assert signs[0]["finding"] in {"symptoms:slurred_speech", "symptoms:drooping_eyelid"}
    assert result["next_questions"][0]["finding"] == signs[0]["finding"]


def test_a_touched_unanswered_sign_replaces_no_red_flags():
    result, _ = svc.assess_text("My left eyelid flickers when I'm tired. My breathing, I'm not sure.", today=TODAY)
    ids = [r["id"] for r in result["urgency_reasons"]]
    assert "no_red_flags" not in ids
    assert "unscreened_red_flags" in ids


def test_an_answered_sign_is_not_unscreened():
    result, _ = svc.assess_text("My calf twitches. No weakness, I can breathe fine.", today=TODAY)
    unscreened = {s["finding"] for s in result["unscreened_red_flags"]}
    assert "symptoms:weakness" not in unscreened
    assert "symptoms:breathing_difficulty" not in unscreened


def test_structured_absent_wins_over_the_narrative():
    from twitchwise.services.assessment import assess_case

    result = assess_case({"narrative": "My calf twitches and my leg feels weak.", "absent": ["weakness"]})
    assert result["urgency"] in {"self_care", "routine", "urgent", "emergency"}
    filled = svc.fill_from_narrative({"narrative": "My calf twitches and my leg feels weak.", "absent": ["weakness"]})
    assert "weakness" not in filled.get("symptoms", [])


def test_api_case_with_a_narrative_gets_the_safety_net():
    from twitchwise.services.assessment import assess_case

    result = assess_case({"narrative": "My calf twitches after running."})
    assert "unscreened_red_flags" in result


@pytest.mark.parametrize("answers", ["y\n", "n\n" * 40])
def test_check_text_asks_the_unanswered_warning_signs_first(answers):
    from twitchwise.cli.app import app

    r = CliRunner().invoke(
        app, ["check", "--text", "My eyelid has twitched for a week. My speech might be off?"], input=answers + "q\n"
    )
    assert r.exit_code == 0
    first_question = r.output.split("1. ", 1)[1].splitlines()[0]
    assert "speech" in first_question.lower() or "eyelid" in first_question.lower()


def test_assess_text_report_opens_with_the_check():
    from twitchwise.cli.app import app

    r = CliRunner().invoke(app, ["assess", "--text", "My calf twitches after running."])
    assert r.exit_code == 0
    assert r.output.index("Before you rely on this, check") < r.output.index("How urgent")


def test_check_stops_at_an_emergency_in_the_description_and_gives_the_number(monkeypatch):
    from twitchwise.cli.app import app

    monkeypatch.setenv("TWITCHWISE_REGION", "GB")
    text = "I'm 70. An hour ago the left side of my face went droopy and my words were slurred."
    r = CliRunner().invoke(app, ["check", "--text", text], input="?\n" * 40)
    assert r.exit_code == 0, r.output
    assert "Call 999 (United Kingdom) now." in r.output
    assert "questions stopped here" in r.output
    assert "(warning sign)" not in r.output  # nothing asked before the stop
    assert r.output.index("Call 999") < r.output.index("Your result")


def test_check_without_a_warning_sign_asks_and_does_not_stop(monkeypatch):
    from twitchwise.cli.app import app

    monkeypatch.setenv("TWITCHWISE_REGION", "US")
    r = CliRunner().invoke(app, ["check", "--text", "My eyelid has twitched on and off for a week."], input="?\n" * 40)
    assert r.exit_code == 0, r.output
    assert "call 911 (United States) now" in r.output  # the opening sentence names the number
    assert "questions stopped here" not in r.output
