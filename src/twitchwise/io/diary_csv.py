"""The diary as CSV and JSON: one record per row, lossless both ways.

Every row has a ``record`` column: ``episode``, ``day`` (a daily check-in) or
``medication``; the other columns are those of :data:`COLUMNS` that apply.
Times are ISO 8601 with their UTC offset plus the IANA zone name (``tz``);
numbers are written in full precision; yes/no as ``yes``/``no``; empty means
not recorded. JSON holds the same records as a list of objects.

Reading checks every row first and raises one :class:`InputError` naming each
bad row by its line number, so a caller can import all rows or none.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from twitchwise.domain.diary import DailyCheckIn, Diary, Episode, MedicationPeriod, check_episode
from twitchwise.domain.errors import InputError
from twitchwise.domain.vocabulary import Vocabulary

#: Column order of the CSV format.
COLUMNS: tuple[str, ...] = (
    "record", "start", "tz", "duration_s", "site", "side", "kind", "intensity", "symptoms",
    "day", "caffeine_mg", "sleep_h", "stress", "strenuous_exercise", "alcohol_units",
    "fluids_l", "logged", "name", "med_start", "med_stop", "dose", "notes",
)  # fmt: skip
JSON_FORMAT = "twitchwise-diary"
JSON_VERSION = 1
#: Most errors listed in one message (the rest are counted).
MAX_LISTED_ERRORS = 20
#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Columns of free text, neutralised on export (the others hold ids, numbers and dates).
TEXT_COLUMNS = ("tz", "symptoms", "name", "dose", "notes")


def _needs_quote(value: str) -> bool:
    """A cell a spreadsheet would run as a formula, or one that already carries the guard quote."""
    return value.startswith(FORMULA_STARTS) or (value.startswith("'") and _needs_quote(value[1:]))


def neutralise_cell(value: str) -> str:
    """``'`` before a cell that starts like a formula (``= + - @``, tab, CR).

    A cell that starts with ``'`` followed by such a cell gets one more, so that
    :func:`restore_cell` gives back exactly the original text: the round trip is lossless.
    """
    return "'" + value if _needs_quote(value) else value


def restore_cell(value: str) -> str:
    """Undo :func:`neutralise_cell`: drop the leading ``'`` only where export added it."""
    return value[1:] if value.startswith("'") and _needs_quote(value[1:]) else value


def _num(x: float | None) -> str:
    return "" if x is None else repr(float(x))


def _yesno(x: bool | None) -> str:
    return "" if x is None else ("yes" if x else "no")


def diary_records(diary: Diary) -> list[dict[str, str]]:
    """Flatten a diary into records (column -> text), episodes oldest first."""
    rows: list[dict[str, str]] = []
    for ep in sorted(diary.episodes, key=lambda e: (e.start, e.id or 0)):
        tz = ep.start.tzinfo
        rows.append({
            "record": "episode", "start": ep.start.isoformat(),
            "tz": tz.key if isinstance(tz, ZoneInfo) else "", "duration_s": _num(ep.duration_s),
            "site": ep.site, "side": ep.side, "kind": ep.kind, "intensity": str(ep.intensity),
            "symptoms": " ".join(ep.symptoms), "notes": ep.notes,
        })  # fmt: skip
    for c in sorted(diary.checkins, key=lambda c: c.day):
        rows.append({
            "record": "day", "day": c.day.isoformat(), "caffeine_mg": _num(c.caffeine_mg),
            "sleep_h": _num(c.sleep_h), "stress": _num(c.stress),
            "strenuous_exercise": _yesno(c.strenuous_exercise),
            "alcohol_units": _num(c.alcohol_units), "fluids_l": _num(c.fluids_l),
            "logged": _yesno(c.logged), "notes": c.notes,
        })  # fmt: skip
    for m in sorted(diary.medications, key=lambda m: (m.start, m.name)):
        rows.append({
            "record": "medication", "name": m.name, "med_start": m.start.isoformat(),
            "med_stop": m.stop.isoformat() if m.stop else "", "dose": m.dose,
        })  # fmt: skip
    return [{k: r.get(k, "") for k in COLUMNS} for r in rows]


def write_csv(diary: Diary) -> str:
    """The diary as CSV text (header row, then :func:`diary_records`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    # The writer quotes a value holding "\n" but not one holding a bare "\r" (its line terminator
    # is "\n"), and a reader then fails at that "\r": such rows get every value quoted.
    quoted = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in diary_records(diary):
        cells = {k: neutralise_cell(v) if k in TEXT_COLUMNS else v for k, v in row.items()}
        (quoted if any("\r" in v for v in cells.values()) else writer).writerow(cells)
    return out.getvalue()


def write_json(diary: Diary) -> str:
    """The diary as JSON text: ``{"format", "version", "records": [...]}``."""
    records = [{k: v for k, v in r.items() if v != ""} for r in diary_records(diary)]
    doc = {"format": JSON_FORMAT, "version": JSON_VERSION, "records": records}
    return json.dumps(doc, ensure_ascii=False, indent=1)


def _opt_float(row: Mapping[str, str], key: str) -> float | None:
    text = (row.get(key) or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{key} must be a number, not '{text}'.", key) from None


def _opt_bool(row: Mapping[str, str], key: str, default: bool | None = None) -> bool | None:
    text = (row.get(key) or "").strip().lower()
    if not text:
        return default
    if text in {"yes", "y", "true", "1"}:
        return True
    if text in {"no", "n", "false", "0"}:
        return False
    raise InputError(f"{key} must be yes or no, not '{text}'.", key)


def _date(row: Mapping[str, str], key: str) -> date:
    text = (row.get(key) or "").strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{key} must be a date like 2024-05-01, not '{text}'.", key) from None


def _start(row: Mapping[str, str]) -> datetime:
    text = (row.get("start") or "").strip()
    try:
        start = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"start must be a time like 2024-05-01T08:30+02:00, not '{text}'.",
                         "start") from None  # fmt: skip
    if start.tzinfo is None:
        raise InputError("start must include a UTC offset, e.g. 2024-05-01T08:30+02:00.", "start")
    zone = (row.get("tz") or "").strip()
    if zone:
        try:
            tz = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InputError(f"tz '{zone}' is not a known time zone name.", "tz") from None
        start = start.astimezone(tz)
    return start


def _int(row: Mapping[str, str], key: str) -> int:
    text = (row.get(key) or "").strip()
    try:
        return int(text)
    except ValueError:
        raise InputError(f"{key} must be a whole number, not '{text}'.", key) from None


def record_to_value(
    row: Mapping[str, str], vocab: Vocabulary | None = None
) -> Episode | DailyCheckIn | MedicationPeriod:
    """Turn one record into a domain value, its ids checked against ``vocab`` if given (raises :class:`InputError`)."""
    kind = (row.get("record") or "").strip()
    if kind == "episode":
        episode = Episode(
            start=_start(row), duration_s=_opt_float(row, "duration_s") or 0.0,
            site=(row.get("site") or "").strip(), side=(row.get("side") or "").strip(),
            kind=(row.get("kind") or "").strip(), intensity=_int(row, "intensity"),
            notes=row.get("notes") or "", symptoms=tuple((row.get("symptoms") or "").split()),
        )  # fmt: skip
        return episode if vocab is None else check_episode(episode, vocab)
    if kind == "day":
        return DailyCheckIn(
            day=_date(row, "day"), caffeine_mg=_opt_float(row, "caffeine_mg"),
            sleep_h=_opt_float(row, "sleep_h"), stress=_opt_float(row, "stress"),
            strenuous_exercise=_opt_bool(row, "strenuous_exercise"),
            alcohol_units=_opt_float(row, "alcohol_units"), fluids_l=_opt_float(row, "fluids_l"),
            notes=row.get("notes") or "", logged=bool(_opt_bool(row, "logged", True)),
        )  # fmt: skip
    if kind == "medication":
        stop = (row.get("med_stop") or "").strip()
        return MedicationPeriod(
            name=(row.get("name") or "").strip(), start=_date(row, "med_start"),
            stop=_date(row, "med_stop") if stop else None, dose=row.get("dose") or "",
        )  # fmt: skip
    raise InputError(f"record must be episode, day or medication, not '{kind}'.", "record")


def records_to_diary(numbered: Iterable[tuple[int, Mapping[str, str]]], vocab: Vocabulary | None = None) -> Diary:
    """Build a diary from (line number, record) pairs, or raise one error listing every bad row."""
    episodes: list[Episode] = []
    checkins: dict[date, DailyCheckIn] = {}
    meds: list[MedicationPeriod] = []
    errors: list[str] = []
    for line, row in numbered:
        try:
            value = record_to_value(row, vocab)
        except InputError as exc:
            errors.append(f"line {line}: {exc.message}")
            continue
        if isinstance(value, Episode):
            episodes.append(value)
        elif isinstance(value, DailyCheckIn):
            if value.day in checkins:
                errors.append(f"line {line}: day {value.day} appears twice; keep one row per day.")
            checkins[value.day] = value
        else:
            meds.append(value)
    if errors:
        shown = errors[:MAX_LISTED_ERRORS]
        more = len(errors) - len(shown)
        tail = f" (and {more} more)" if more else ""
        raise InputError(
            f"{len(errors)} bad row{'s' if len(errors) != 1 else ''}, nothing imported{tail}: " + "; ".join(shown),
            "file",
        )
    return Diary(tuple(episodes), tuple(checkins.values()), tuple(meds))


def read_csv(text: str, vocab: Vocabulary | None = None) -> Diary:
    """Parse CSV text written by :func:`write_csv` (or by hand with the same header)."""
    from twitchwise.domain.input_bounds import CSV_FIELD_MAX

    reader = csv.DictReader(io.StringIO(text), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise _csv_problem(exc, 1, CSV_FIELD_MAX) from None
    if "record" not in header:
        raise InputError("the CSV file needs a header row with a 'record' column; "
                         f"expected columns: {', '.join(COLUMNS)}.", "file")  # fmt: skip
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise InputError(f"unknown CSV column(s) {', '.join(unknown)}; "
                         f"allowed: {', '.join(COLUMNS)}.", "file")  # fmt: skip

    rows: list[tuple[int, dict[str, str]]] = []
    # A row starts on the line after the previous row ended (notes may span lines).
    start = reader.line_num + 1
    try:
        for row in reader:
            if None in row:
                raise InputError(f"line {start}: the row has more values than the header has columns; "
                                 "nothing imported.", "file")  # fmt: skip
            rows.append((start, {k: restore_cell(v) if k in TEXT_COLUMNS and v else v for k, v in row.items()}))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _csv_problem(exc, start, CSV_FIELD_MAX) from None
    return records_to_diary(rows, vocab)


def _csv_problem(exc: csv.Error, line: int, field_max: int) -> InputError:
    """The csv module's error as one sentence naming the line."""
    reason = str(exc)
    if "field larger than field limit" in reason:
        return InputError(f"line {line}: a value is longer than {field_max:,} characters; nothing imported.", "file")
    if "unexpected end of data" in reason:
        return InputError(f"line {line}: the file ends inside a quoted value (was it cut short?); nothing imported.",
                          "file")  # fmt: skip
    return InputError(f"line {line}: the CSV is malformed ({reason}); nothing imported.", "file")


def read_json(text: str, vocab: Vocabulary | None = None) -> Diary:
    """Parse JSON text written by :func:`write_json`; a record's "line" is its position + 1."""
    from twitchwise.domain.input_bounds import parse_json

    doc: Any = parse_json(text, "the file")
    if not isinstance(doc, dict) or doc.get("format") != JSON_FORMAT:
        raise InputError(f"the JSON file is not a twitchwise diary (format '{JSON_FORMAT}').",
                         "file")  # fmt: skip
    records = doc.get("records")
    if not isinstance(records, list):
        raise InputError("the JSON diary needs a 'records' list.", "records")
    numbered = [
        (i + 1, {k: "" if v is None else str(v) for k, v in r.items()})
        for i, r in enumerate(r if isinstance(r, dict) else {} for r in records)
    ]
    return records_to_diary(numbered, vocab)
