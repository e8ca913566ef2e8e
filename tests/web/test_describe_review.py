"""The Describe review: what was understood, grouped and in words (web.describe_review)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from twitchwise.services import assessment as assess_svc
from twitchwise.web.describe_review import GROUPS, finding_words, review_context, started_words


def _labels() -> dict[str, str]:
    return {fid: f.label for fid, f in assess_svc.knowledge().findings.items()}


def _f(field: str, value: object, start: int, end: int, text: str, status: str = "present",
       source: str = "lexicon") -> SimpleNamespace:  # fmt: skip
    return SimpleNamespace(field=field, value=value, status=status, start=start, end=end, text=text, source=source,
                           note="")  # fmt: skip


STARTED = [(0.04, "started today"), (1, "started yesterday"), (3, "started about 3 days ago"),
           (21, "started about 3 weeks ago"), (90, "started about 3 months ago"),
           (1200, "started about 3 years ago")]  # fmt: skip


@pytest.mark.parametrize(("days", "words"), STARTED)
def test_when_it_started_is_said_in_words(days: float, words: str) -> None:
    assert started_words(days) == words
    assert finding_words("first_noticed_days", days, _labels()) == words


def test_findings_are_grouped_and_worded() -> None:
    text = "I'm 30. My left eyelid twitches since this morning, I drink 5 coffees a day and take sertraline."
    found = [
        _f("age", 30.0, 4, 6, "30", source="rule"),
        _f("side", "left", 11, 15, "left"),
        _f("sites", "eyelid", 16, 22, "eyelid"),
        _f("features", "visible_flicker", 23, 31, "twitches"),
        _f("first_noticed_days", 0.04, 32, 50, "since this morning", source="rule"),
        _f("first_noticed", "today", 38, 50, "this morning"),
        _f("exposure", "caffeine_high", 60, 69, "5 coffees"),
        _f("exposures.caffeine_mg_day", 475, 60, 75, "5 coffees a day", source="rule"),
        _f("medications", "sertraline", 85, 95, "sertraline"),
        _f("frequency", "many_daily", 23, 31, "twitches", status="inferred", source="default"),
    ]
    ctx = review_context(text, found, _labels())
    titles = [g["title"] for g in ctx["groups"]]
    assert titles == ["About you", "What happens", "Where", "When", "With what", "Medicines"]
    assert [t for _, t in GROUPS if t in titles] == titles  # in the order of GROUPS
    words = {g["title"]: [it["meaning"] for it in g["entries"]] for g in ctx["groups"]}
    assert words["About you"] == ["30 years old"]
    assert words["Where"] == ["left side", "eyelid"]
    assert words["When"] == ["started today"]  # one item for "since this morning", the number's words win
    assert words["With what"] == ["about 475 mg of caffeine a day"]
    assert words["Medicines"] == ["sertraline"]
    when = ctx["groups"][3]["entries"][0]
    assert when["value"] == "4,5"  # removing it removes both findings read from those words
    assert ctx["assumed"] == ["many times a day"]
    shown = " ".join(it["meaning"] for it in ctx["items"])
    assert not re.search(r"\(days ago\)|\b\w+_\w+\b|: \d", shown), shown
    # The highlighted text puts back every character of the original.
    assert "".join(s["text"] for s in ctx["segments"]) == text


def test_a_relatives_condition_is_noted_not_counted() -> None:
    text = "My mum had MS."
    ctx = review_context(text, [_f("condition", "multiple_sclerosis", 11, 13, "MS", status="family")], _labels())
    item = ctx["items"][0]
    assert item["meaning"] == "you mentioned Multiple sclerosis" and "not counted" in item["status_text"]
    assert ctx["groups"][0]["title"] == "With what"


@pytest.mark.slow
def test_the_parser_and_the_review_together_say_it_in_words() -> None:
    from twitchwise.services import intake

    text = "I'm a 30 year old man. My left eyelid has been twitching since this morning. No weakness."
    parsed = intake.parse_narrative(text)
    ctx = review_context(text, parsed.findings, _labels())
    words = [(g["title"], it["text"], it["meaning"]) for g in ctx["groups"] for it in g["entries"]]
    assert ("About you", "man", "male") in words
    assert not any(text_ == "I'm" for _, text_, _ in words)
    assert any(m == "started today" for _, _, m in words)
    assert any(t == "What happens" and "weakness" in m for t, _, m in words)
