"""One place that bounds every kind of input: dates, numbers, text, bytes and JSON.

The API, the forms, the CLI and the importers call these, so the same bad value gets the
same sentence everywhere. Each function raises :class:`~twitchwise.domain.errors.InputError`
naming the field and what is allowed; none of them lets an ``OverflowError``, a ``RecursionError``
or a ``UnicodeError`` through.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, timedelta
from typing import Any

from twitchwise.domain.errors import InputError

#: The earliest day diary data may name.
EARLIEST_DAY = date(1900, 1, 1)
#: How many days after today diary data may name (clock and time-zone differences).
FUTURE_DAYS = 1
#: How far after now an episode's time may be (clock differences between devices).
FUTURE_SLACK = timedelta(minutes=5)
#: Longest CSV field, characters (Python's csv module's default limit).
CSV_FIELD_MAX = 131_072
#: Deepest JSON nesting accepted (a case or a diary export needs fewer than 10 levels).
JSON_MAX_DEPTH = 32
#: Most digits of a JSON integer (a 64-bit integer has 19).
JSON_MAX_INT_DIGITS = 20
#: The longest narrative a case may carry, in characters (``case.schema.json``: ``narrative.maxLength``).
MAX_NARRATIVE_CHARS = 10_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def narrative_of(case: object) -> str | None:
    """A decoded case's narrative, if it has one to read (a non-blank string), else ``None``."""
    text = case.get("narrative") if isinstance(case, dict) else None
    return text if isinstance(text, str) and text.strip() else None


def latest_day(today: date) -> date:
    """The last day diary data may name: today plus :data:`FUTURE_DAYS`."""
    return today + timedelta(days=FUTURE_DAYS)


def check_day(value: date, today: date, field: str = "day") -> date:
    """``value`` if it lies from 1900-01-01 to tomorrow.

    Raises
    ------
    InputError
        Naming ``field`` and the allowed range.
    """
    if value < EARLIEST_DAY:
        raise InputError(f"{field} {value.isoformat()} is before {EARLIEST_DAY.isoformat()}; diary data must be "
                         f"from {EARLIEST_DAY.isoformat()} to {latest_day(today).isoformat()}.", field)  # fmt: skip
    if value > latest_day(today):
        raise InputError(f"{field} {value.isoformat()} is in the future; diary data must be "
                         f"from {EARLIEST_DAY.isoformat()} to {latest_day(today).isoformat()}.", field)  # fmt: skip
    return value


def in_diary_range(value: date, today: date) -> bool:
    """Whether a stored day lies from 1900-01-01 to tomorrow (see :func:`check_day`)."""
    return EARLIEST_DAY <= value <= latest_day(today)


def left_out_sentence(n: int) -> str:
    """The sentence a report or the insights show when ``n`` stored entries had dates out of range."""
    one = n == 1
    return (f"{n:,} diary {'entry' if one else 'entries'} dated before {EARLIEST_DAY.isoformat()} or in the future "
            f"{'was' if one else 'were'} left out; correct or delete {'it' if one else 'them'} to include "
            f"{'it' if one else 'them'}.")  # fmt: skip


def check_moment(value: datetime, now: datetime, field: str = "when") -> datetime:
    """``value`` if its calendar day (as written) lies from 1900-01-01 to tomorrow and it is not
    more than :data:`FUTURE_SLACK` after ``now``.

    The day is compared first, on the wall clock, before any time-zone arithmetic (which would
    overflow for years 1 and 9999). Then the moment itself: an episode cannot have happened in
    the future, whether it is typed, sent to the API or imported (an aware time is compared as
    an instant, so a file from another time zone is read right; a naive one on ``now``'s clock).
    """
    check_day(value.date(), now.date(), field)
    latest = now + FUTURE_SLACK
    ahead = value > latest if value.tzinfo is not None else value > latest.replace(tzinfo=None)
    if ahead:
        raise InputError(f"{field} {value.isoformat(timespec='minutes')} is in the future; give when it happened.",
                         field)  # fmt: skip
    return value


def finite_number(value: object, field: str, low: float, high: float, unit: str = "") -> float:
    """``value`` as a float if it is a real number (not ``True``, not ``"12"``) from ``low`` to ``high``.

    Raises
    ------
    InputError
        For booleans, strings, NaN, infinities and numbers out of range.
    """
    allowed = f"{field} must be a number from {low:g} to {high:g}{' ' + unit if unit else ''}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{allowed}.", field)
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        raise InputError(f"{allowed}.", field) from None
    if not math.isfinite(number) or not low <= number <= high:
        raise InputError(f"{allowed}.", field)
    return number


def parse_number(text: str, field: str, low: float, high: float, unit: str = "") -> float:
    """A number typed as text (forms, CLI, CSV): ``"nan"``, ``"inf"`` and ``"1e999"`` are refused."""
    cleaned = text.strip()
    if len(cleaned) > 40 or not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?", cleaned):
        raise InputError(f"{field} must be a number from {low:g} to {high:g}{' ' + unit if unit else ''}.", field)
    return finite_number(float(cleaned), field, low, high, unit)


def bounded_text(value: object, field: str, max_length: int) -> str:
    """``value`` if it is text of at most ``max_length`` characters that can be stored as UTF-8.

    Raises
    ------
    InputError
        For non-text, text that is too long, or lone surrogates (which UTF-8 cannot hold).
    """
    if not isinstance(value, str):
        raise InputError(f"{field} must be text.", field)
    if len(value) > max_length:
        raise InputError(f"{field} must be at most {max_length:,} characters long.", field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{field} contains characters that are not valid text (invalid UTF-8 or lone "
                         "surrogates).", field) from None  # fmt: skip
    return value


def decode_utf8(data: bytes, field: str = "file") -> str:
    """Bytes as UTF-8 text (a leading byte-order mark is dropped).

    Raises
    ------
    InputError
        Naming the byte offset of the first invalid sequence.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{field} is not valid UTF-8 text (at byte {exc.start:,}).", field) from None


def _int_of(text: str) -> int:
    if len(text.lstrip("-")) > JSON_MAX_INT_DIGITS:
        raise InputError(f"a number in the JSON has more than {JSON_MAX_INT_DIGITS} digits.", "body")
    return int(text)


def _float_of(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InputError(f"a number in the JSON ({text[:20]}) is too large to be a finite number.", "body")
    return value


def _constant(name: str) -> float:
    raise InputError(f"the JSON contains {name}, which is not a JSON number.", "body")


def parse_json(data: str | bytes, field: str = "body", max_depth: int = JSON_MAX_DEPTH) -> Any:
    """Parse JSON with bounds: valid UTF-8, no NaN/Infinity, integers of at most 20 digits, nesting
    at most ``max_depth`` deep.

    Raises
    ------
    InputError
        One sentence naming ``field`` (and the line and column of a syntax error).
    """
    text = decode_utf8(data, field) if isinstance(data, bytes) else data
    if text.count("[") + text.count("{") > 0 and _bracket_depth(text) > max_depth:
        raise InputError(f"{field} is nested more than {max_depth} levels deep.", field)
    try:
        value = json.loads(text, parse_int=_int_of, parse_float=_float_of, parse_constant=_constant)
    except InputError as exc:
        raise InputError(exc.message.replace("the JSON", field, 1), field) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{field} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).",
                         field) from None  # fmt: skip
    except RecursionError:
        raise InputError(f"{field} is nested more than {max_depth} levels deep.", field) from None
    bounded_strings(value, field)
    return value


def _bracket_depth(text: str) -> int:
    """Deepest bracket nesting outside strings (a cheap check before the parser recurses)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def bounded_strings(value: Any, field: str) -> None:
    """Refuse lone surrogates (``"\\ud800"`` in JSON) anywhere in a parsed value."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            bounded_text(item, field, len(item))
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def terminal_safe(text: str) -> str:
    """``text`` without control and bidirectional-override characters (tabs and newlines become spaces).

    For printing what a person typed (notes, names) to a terminal: an escape sequence in a note
    must not move the cursor, recolour the screen or hide what follows.
    """
    return _CONTROL.sub("", text.replace("\t", " ").replace("\r", " ").replace("\n", " "))
