"""The interview stops at an emergency, and asks the hallmarks of dangerous look-alikes before it stops."""

from __future__ import annotations

from typing import Any

import pytest

from twitchwise.assessment import Assessor
from twitchwise.assessment.interview import CONTINUE_AFTER_EMERGENCY, InterviewEngine, InterviewState


@pytest.fixture(scope="module")
def engine(assessor: Assessor) -> InterviewEngine:
    return InterviewEngine(assessor)


def _start(age: float, sex: str, sites: list[str], screen: dict[str, bool]) -> InterviewState:
    state = InterviewState()
    for qid, value in (("age", age), ("sex", sex), ("sites", sites), ("red_flag_screen", screen)):
        state = state.with_answer(qid, value)
    return state


def test_an_emergency_answer_stops_the_interview_at_once(engine: InterviewEngine) -> None:
    screen = {fid: fid == "symptoms:facial_droop" for fid in engine.screen_findings}
    state = _start(70, "female", ["face"], screen)
    assert engine.emergency(state) is not None
    assert engine.next_question(state) is None
    assert engine.result(state)["urgency"] == "emergency"


def test_continue_anyway_goes_on_with_the_questions(engine: InterviewEngine) -> None:
    screen = {fid: fid == "symptoms:facial_droop" for fid in engine.screen_findings}
    state = _start(70, "female", ["face"], screen).with_answer(CONTINUE_AFTER_EMERGENCY, True)
    assert engine.emergency(state) is None
    assert engine.next_question(state) is not None
    assert engine.result(state)["urgency"] == "emergency"  # continuing never lowers it


def test_no_stop_without_an_emergency(engine: InterviewEngine) -> None:
    state = _start(34, "female", ["eyelid"], {fid: False for fid in engine.screen_findings})
    assert engine.emergency(state) is None
    assert engine.next_question(state) is not None


def _run(engine: InterviewEngine, state: InterviewState, answer: dict[str, Any]) -> list[str]:
    asked = []
    for _ in range(40):
        q = engine.next_question(state)
        if q is None:
            break
        asked.append(q.id)
        if q.kind == "choice":
            value = answer.get(q.id, q.options[0][0])
        elif q.kind == "number":
            value = answer.get(q.id, 1)
        elif q.kind == "text":
            value = answer.get(q.id, "")
        else:
            value = answer.get(q.id, False)
        state = state.with_answer(q.id, value)
    return asked


@pytest.mark.parametrize(
    ("age", "sites", "features"),
    [(29, ["calf"], ["features:visible_flicker"]), (41, ["thigh", "upper_arm"], ["features:visible_flicker"])],
)
def test_a_twitch_is_not_called_harmless_before_weakness_and_wasting_are_asked(
    engine: InterviewEngine, age: float, sites: list[str], features: list[str]
) -> None:
    state = _start(age, "male", sites, {fid: False for fid in engine.screen_findings})
    answers: dict[str, Any] = {"first_noticed": "weeks", "episode_length": "under_1s", "frequency": "many_daily"}
    answers |= {f: True for f in features}
    asked = _run(engine, state, answers)
    weakness_known = "symptoms:weakness" in asked or "symptoms:weakness" in engine.screen_findings
    assert weakness_known
    assert "symptoms:muscle_wasting" in asked
