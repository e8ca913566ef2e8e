"""The one bounds module (dates, numbers, text, bytes, JSON) and the diary's use of it."""

from __future__ import annotations

import json
import math
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import (
    EARLIEST_DAY,
    bounded_text,
    check_day,
    decode_utf8,
    finite_number,
    parse_json,
    parse_number,
    terminal_safe,
)
from twitchwise.services.diary import DiaryService, parse_day, parse_when

from .conftest import NOW

TODAY = NOW.date()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("0001-01-01T00:00", "before 1900-01-01"),
        ("1800-06-01T10:00", "before 1900-01-01"),
        ("9999-12-31T23:59", "in the future"),
        ("2999-01-01", "in the future"),
        ("' OR 1=1 --", "not understood"),
        ("yesterday 25:00", "not understood"),
        ("yesterday 10:61", "not understood"),
        ("99999999 h ago", "before 1900-01-01"),
        ("x" * 500, "not understood"),
    ],
)
def test_bad_times_are_refused_in_one_sentence(text: str, says: str) -> None:
    with pytest.raises(InputError) as info:
        parse_when(text, NOW)
    assert says in info.value.message and info.value.field == "when"
    assert len(info.value.message) < 200


@pytest.mark.parametrize("text", ["yesterday 22:00", "10 min ago", "2024-06-15T08:30", "1900-01-01T00:00"])
def test_good_times_still_parse(text: str) -> None:
    assert parse_when(text, NOW) <= NOW


@pytest.mark.parametrize(("text", "says"), [("0001-01-01", "before 1900"), ("9999-12-31", "future"),
                                             ("1899-12-31", "before 1900")])  # fmt: skip
def test_bad_days_are_refused(text: str, says: str) -> None:
    with pytest.raises(InputError, match=says):
        parse_day(text, TODAY)


def test_diary_writes_refuse_out_of_range_dates(service: DiaryService) -> None:
    with pytest.raises(InputError, match="before 1900"):
        service.record_day(date(1, 1, 1), stress=3)
    with pytest.raises(InputError, match="before 1900"):
        service.log_episode("twitch", "eyelid", when=datetime(1800, 1, 1, tzinfo=NOW.tzinfo))
    with pytest.raises(InputError, match="before 1900"):
        service.add_medication("sertraline", start=date(1, 1, 1))
    assert service.load_diary().episodes == () and service.list_days() == []


@pytest.mark.parametrize(
    ("value", "ok"),
    [(3, True), (2.5, True), (True, False), ("12", False), (math.nan, False), (math.inf, False), (-1, False),
     pytest.param(10**5000, False, id="5000-digit-int"), (None, False)],
)  # fmt: skip
def test_finite_number(value: object, ok: bool) -> None:
    if ok:
        assert finite_number(value, "stress", 0, 10) == float(value)  # type: ignore[arg-type]
    else:
        with pytest.raises(InputError, match="stress must be a number from 0 to 10"):
            finite_number(value, "stress", 0, 10)


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "1e999", "12abc", "", "0x10", "1" * 50])
def test_parse_number_refuses_non_numbers(text: str) -> None:
    with pytest.raises(InputError):
        parse_number(text, "age", 0, 120)


@given(st.floats(allow_nan=True, allow_infinity=True))
@settings(max_examples=200, deadline=None)
def test_finite_number_accepts_exactly_the_finite_numbers_in_range(x: float) -> None:
    inside = math.isfinite(x) and 0 <= x <= 100
    try:
        assert finite_number(x, "n", 0, 100) == x
        accepted = True
    except InputError:
        accepted = False
    assert accepted is inside


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_bounded_text_accepts_what_utf8_can_hold_up_to_the_limit(text: str) -> None:
    try:
        text.encode("utf-8")
        encodable = True
    except UnicodeEncodeError:
        encodable = False
    try:
        bounded_text(text, "notes", 200)
        accepted = True
    except InputError:
        accepted = False
    assert accepted is (encodable and len(text) <= 200)


@given(st.recursive(st.none() | st.booleans() | st.integers(-(10**18), 10**18) | st.text(max_size=20),
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4),
                    max_leaves=30))  # fmt: skip
@settings(max_examples=150, deadline=None)
def test_parse_json_round_trips_ordinary_json(value: object) -> None:
    try:
        json.dumps(value).encode("utf-8")
    except UnicodeEncodeError:
        return
    assert parse_json(json.dumps(value)) == value


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[" * 5000 + "]" * 5000, "nested more than"),
        ('{"a":' * 40 + "1" + "}" * 40, "nested more than"),
        ("1" * 5000, "more than 20 digits"),
        ('{"age": NaN}', "not a JSON number"),
        ('{"age": Infinity}', "not a JSON number"),
        ('{"age": 1e400}', "too large to be a finite number"),
        ('"\\ud800"', "lone surrogates"),
        ("{", "not valid JSON"),
    ],
)
def test_parse_json_bounds(text: str, says: str) -> None:
    with pytest.raises(InputError, match=says):
        parse_json(text)


def test_decode_utf8() -> None:
    assert decode_utf8("\ufeffé".encode()) == "é"
    with pytest.raises(InputError, match="not valid UTF-8 text \\(at byte 1\\)"):
        decode_utf8(b"a\xff")


def test_terminal_safe_strips_escape_sequences() -> None:
    assert terminal_safe("ok\x1b[2J\x1b]0;pwned\x07 done\r\n\u202eevil") == "ok[2J]0;pwned done  evil"


def test_earliest_day_is_1900() -> None:
    assert date(1900, 1, 1) == EARLIEST_DAY
    assert check_day(date(1900, 1, 1), TODAY) == date(1900, 1, 1)
