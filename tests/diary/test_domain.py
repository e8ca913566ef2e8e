"""Domain types of the diary: vocabulary ids, validation, durations, time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twitchwise.domain.diary import (
    DailyCheckIn,
    Episode,
    MedicationPeriod,
    check_episode,
    format_duration,
    normalise_kind,
    parse_duration,
    warning_symptoms,
)
from twitchwise.domain.errors import InputError
from twitchwise.knowledge import load_knowledge
from twitchwise.knowledge.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
ZONES = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]


def test_the_diary_vocabulary_is_the_knowledge_base_s() -> None:
    """One vocabulary: the diary's ids and warning symptoms are those the engine uses."""
    kb = load_knowledge()
    assert kb.vocab == VOCAB
    assert VOCAB.movement_kinds == tuple(kb.vocabulary["movement_types"])
    assert VOCAB.sites == tuple(kb.vocabulary["sites"]) and len(VOCAB.sites) == 24
    assert VOCAB.sides == tuple(kb.vocabulary["side"])


def test_warning_symptoms_are_the_red_flag_symptom_findings() -> None:
    kb = load_knowledge()
    flagged = [f.value for f in kb.findings.values() if f.field == "symptoms" and f.red_flag]
    assert VOCAB.warning_symptoms == tuple(s for s in VOCAB.symptoms if s in flagged)
    assert "memory_problems" in VOCAB.warning_symptoms and "fever" not in VOCAB.warning_symptoms
    episode = _ep(symptoms=("anxiety", "weakness", "memory_problems"))
    assert warning_symptoms(episode, VOCAB) == ("weakness", "memory_problems")


@pytest.mark.parametrize(
    ("word", "kind"),
    [("twitch", "fasciculation"), ("Twitch", "fasciculation"), ("cramp", "cramp"),
     ("jerk", "myoclonus"), ("restless legs", "restless_legs"), ("tonic-spasm", "tonic_spasm")],
)  # fmt: skip
def test_kind_aliases(word: str, kind: str) -> None:
    assert normalise_kind(word, VOCAB) == kind


def test_unknown_kind_names_the_field() -> None:
    with pytest.raises(InputError) as err:
        normalise_kind("wobble", VOCAB)
    assert err.value.field == "kind"
    assert "twitch" in err.value.message


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("5s", 5), ("5", 5), ("2 min", 120), ("1h30m", 5400), ("1.5 h", 5400), ("250ms", 0.25),
     ("3 seconds", 3), ("1 minute 5 s", 65)],
)  # fmt: skip
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "abc", "5 parsecs", "5s later", "-3s"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(InputError):
        parse_duration(text)


def test_format_duration() -> None:
    assert [format_duration(x) for x in (5, 150, 3600, 3900)] == ["5 s", "2 min 30 s", "1 h",
                                                                  "1 h 5 min"]  # fmt: skip


def _ep(**kw: object) -> Episode:
    base: dict[str, object] = dict(
        start=datetime(2024, 5, 1, 8, 0, tzinfo=UTC), duration_s=5.0, site="eyelid", side="left",
        kind="myokymia", intensity=3,
    )  # fmt: skip
    base.update(kw)
    return Episode(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "field"),
    [({"start": datetime(2024, 5, 1)}, "start"), ({"duration_s": -1.0}, "duration"),
     ({"site": "elbow"}, "site"), ({"side": "up"}, "side"), ({"kind": "twitch"}, "kind"),
     ({"intensity": 11}, "intensity"), ({"intensity": 2.5}, "intensity"),
     ({"notes": "x" * 2001}, "notes")],
)  # fmt: skip
def test_episode_validation_names_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as err:
        check_episode(_ep(**change), VOCAB)
    assert err.value.field == field


@pytest.mark.parametrize(
    ("change", "field"),
    [({"caffeine_mg": -5.0}, "caffeine"), ({"sleep_h": 25.0}, "sleep"), ({"stress": 11.0}, "stress"),
     ({"alcohol_units": float("nan")}, "alcohol"), ({"fluids_l": 30.0}, "fluids")],
)  # fmt: skip
def test_checkin_validation(change: dict[str, float], field: str) -> None:
    with pytest.raises(InputError) as err:
        DailyCheckIn(day=date(2024, 5, 1), **change)  # type: ignore[arg-type]
    assert err.value.field == field


def test_medication_stop_before_start() -> None:
    with pytest.raises(InputError):
        MedicationPeriod("x", date(2024, 5, 2), date(2024, 5, 1))
    m = MedicationPeriod("x", date(2024, 5, 1), date(2024, 5, 3))
    assert m.active_on(date(2024, 5, 3)) and not m.active_on(date(2024, 5, 4))


@given(
    instant=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2037, 12, 31)),
    zone=st.sampled_from(ZONES),
)
def test_local_day_is_the_calendar_day_in_the_episode_zone(instant: datetime, zone: str) -> None:
    start = instant.replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
    ep = _ep(start=start)
    assert ep.local_day == start.date()
    assert ep.start == start and ep.start.utcoffset() == start.utcoffset()


@given(
    wall=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31)),
    zone=st.sampled_from(ZONES),
    fold=st.sampled_from([0, 1]),
)
def test_wall_times_in_dst_gaps_and_folds_are_canonical(wall: datetime, zone: str, fold: int) -> None:
    # Any wall time (even one a daylight-saving change skips) names one instant;
    # the stored start shows the clock time of that instant, in the same zone.
    start = wall.replace(tzinfo=ZoneInfo(zone), fold=fold)
    ep = _ep(start=start)
    assert ep.start.astimezone(UTC) == start.astimezone(UTC)
    assert ep.start.astimezone(UTC).astimezone(ep.start.tzinfo).replace(tzinfo=None) == (
        ep.start.replace(tzinfo=None)
    )


def test_dst_gap_example() -> None:
    # 01:30 on 31 March 2024 does not exist in London: clocks jump 01:00 -> 02:00.
    ep = _ep(start=datetime(2024, 3, 31, 1, 30, tzinfo=ZoneInfo("Europe/London")))
    assert ep.start.hour == 2 and ep.start.utcoffset() == timedelta(hours=1)
