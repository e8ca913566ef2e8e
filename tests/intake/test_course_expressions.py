"""How the course (and a single episode) is read from wording, as tables of real-sounding sentences.

Split from ``test_expressions.py`` to keep modules short; the same ``parse`` fixture.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 3, 12)  # a Wednesday, as in conftest.py


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("both my eyes keep squeezing shut and I can't open them, getting worse over months", "worsening"),
        ("I've had diarrhoea for 4 days and now my legs are weak and cramping", "worsening"),
        ("my calf twitches, it's been the same for months", "stable"),
        ("it started in my calf and spread to my thigh", "spreading"),
        ("the cramps have settled", "improving"),
    ],
)
def test_course(parse, text, course):
    assert parse(text).get("course") == course


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("Left calf has been twitching on and off for about a month.", "stable"),
        ("My forearm twitch comes and goes, started about a week ago.", "stable"),
        ("My head shakes when I drink. Been going on a few years.", "stable"),
        ("I've got slower doing things and my right hand shakes at rest.", "worsening"),
        ("His arms jerk suddenly and his memory has fallen apart. He was completely fine at Christmas.", "worsening"),
        ("About 20 minutes ago my right hand started jerking, then my right arm went weak.", "worsening"),
        ("For a week I've had back pain, and since yesterday both legs keep going into spasms.", "worsening"),
        ("The doctor started me on tramadol yesterday. Today I'm shaky and my legs keep jerking.", "worsening"),
        ("I was given stemetil yesterday. This morning my neck is pulling to the side.", "worsening"),
    ],
)
def test_course_from_wording(parse, text, course):
    assert parse(text).get("course") == course


@pytest.mark.parametrize(
    "text",
    [
        "my left calf has been twitching for 3 weeks",
        "my calf twitches on and off, started 2 days ago",  # too short to call it steady
        "my hands shake, been going on 3 months",  # "going on" alone needs a year
        "my calf cramps at night, really painful for a minute then it goes",  # "then" without anything new
        "I started sertraline 3 weeks ago and now my hands shake",  # when it began, weeks after the medicine
    ],
)
def test_course_is_not_inferred(parse, text):
    """An undescribed course stays unknown: calling it stable would be false reassurance."""
    assert "course" not in parse(text)


def test_inferred_course_keeps_its_phrase(parser):
    parsed = parser.parse("Left calf has been twitching on and off for about a month.", TODAY)
    course = [f for f in parsed.findings if f.field == "course"]
    assert [(f.value, f.status, f.text) for f in course] == [("stable", "inferred", "on and off")]


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("My calves cramp at night and wake me up 3 or 4 times a week.", "stable"),
        ("Lower eyelid twitching most days for 5 weeks now.", "stable"),
        ("I get a cramp in my calf about once a week, for 2 months, getting worse.", "worsening"),  # stated wins
        ("My calf started cramping 5 days ago, it happens every night.", None),  # too short to be settled
        ("My calf keeps twitching, for 3 months.", None),  # "keeps" is not a stated rate
    ],
)
def test_course_from_a_stated_regular_rate(parse, text, course):
    """A rate stated as a standing fact ("3 or 4 times a week") is a settled pattern, once it is 2 weeks old."""
    assert parse(text).get("course") == course


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("In the third set my thigh cramped up hard, it went within half an hour.", "once"),
        ("My hamstring went into a knot, lasted 2 minutes and eased when I straightened my leg.", "once"),
        ("My calf cramps at night, it usually lasted a few minutes and eased.", None),  # recurs
        ("I stopped drinking 2 days ago and my hands shake.", None),  # "stopped" is not the episode ending
        ("I'm exhausted all the time and my legs twitch.", None),  # "all the time" is the tiredness
    ],
)
def test_one_episode_that_is_over(parse, text, frequency):
    case = parse(text)
    if frequency is None:
        assert case.get("frequency") not in ("once", "constant")
    else:
        assert case.get("frequency") == frequency


def test_gone_stiff_is_worsening(parse):
    assert parse("Since yesterday he's gone stiff as a board and his hands tremble.").get("course") == "worsening"
