# ruff: noqa: E501  (long regular expressions and tables read better on one line)
"""From extracted findings (with spans) to one case with the case schema's fields.

:func:`assemble_case` is pure: it builds a new case from the findings alone, once at the end
of the parse (and, for a provisional view, inside the inference stages of
:mod:`~twitchwise.intake.case_inference`). A stated value counts as given; a finding that a
later stage re-read (``counts_as``) counts as that value, after the stated ones; an
``inferred`` value fills a field the text left out (or restates a rate read from the whole story).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from twitchwise.intake.extracted import ExtractedFinding, Origin, Status

#: ``first_noticed`` lay phrases without a number ("for years") become these days.
BUCKET_DAYS = {"today": 0.0, "days": 5.0, "weeks": 30.0, "months": 180.0, "years": 730.0}
#: When an exposure is only named ("loads of caffeine"), the value it stands for.
EXPOSURE_DEFAULTS = {
    "caffeine_high": ("caffeine_mg_day", 300.0), "caffeine_very_high": ("caffeine_mg_day", 500.0),
    "sleep_short": ("sleep_hours", 5.0), "stress_high": ("stress_0_10", 8.0), "alcohol_heavy": ("alcohol_units_week", 21.0),
}  # fmt: skip
_BOOLEAN_EXPOSURES = (
    "nicotine",
    "recreational_stimulants",
    "strenuous_exercise_48h",
    "hot_environment",
    "low_fluid_intake",
)
#: Alcohol above which drinking is "higher risk" (units a week): UK Chief Medical Officers'
#: categories as used by NHS Digital's Health Survey for England (more than 35 for women, 50 for men).
HIGHER_RISK_UNITS_WEEK = {"female": 35.0, "male": 50.0}
#: When several phrases give a course, the most concerning one is kept.
_COURSE_ORDER = ("spreading", "worsening", "stable", "improving")
_MOVEMENT_FIELDS = ("features", "sites", "symptoms")
#: The case fields of vocabulary findings that can be present or absent.
_FINDING_FIELDS = ("features", "when", "symptoms", "history")


def _unique(values: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in re.finditer(r"[.!?\n]+\s*", text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _categorical(found: Sequence[ExtractedFinding], fld: str) -> str | None:
    lex = [f for f in found if f.field == fld and f.used]
    # A rule's match inside a longer phrase ("every day" in "all day every day") is the phrase's.
    rule = [
        f
        for f in lex
        if f.origin is Origin.RULE
        and not any(
            o.origin is Origin.LEXICON and o.start <= f.start and f.end <= o.end and o.end - o.start > f.end - f.start
            for o in lex
        )
    ]
    # a guess from wording ("keeps twitching") loses to any phrase that states the value ("day and night")
    strong = [f for f in rule if not f.fallback]
    if strong:
        return str(strong[0].value)
    stated = [f for f in lex if f.origin is not Origin.RULE]
    if stated:
        return str(stated[0].value)
    return str(rule[0].value) if rule else None


def _onset_days(text: str, found: Sequence[ExtractedFinding]) -> float | None:
    candidates = [f for f in found if f.field == "first_noticed_days"]
    if candidates:
        # The movement itself first ("Today my legs keep twitching" over "started linezolid 2 days
        # ago for a leg infection"), then any body site or symptom.
        for fields in (("features",), _MOVEMENT_FIELDS):
            movement = [f.start for f in found if f.field in fields and f.used]
            for s, e in _sentence_bounds(text):
                in_sentence = [c for c in candidates if s <= c.start < e]
                if in_sentence and any(s <= p < e for p in movement):
                    return float(in_sentence[0].value)
        return float(candidates[0].value)
    buckets = [f for f in found if f.field == "first_noticed" and f.used]
    return BUCKET_DAYS[str(buckets[0].value)] if buckets else None


def _side(found: Sequence[ExtractedFinding]) -> str | None:
    sides = [str(f.value) for f in found if f.field == "side" and f.used]
    if not sides:
        return None
    for special in ("generalized", "alternating"):
        if special in sides:
            return special
    named = set(sides)
    if "both" in named or {"left", "right"} <= named:
        return "both"
    return sides[0]


def _exposures(found: Sequence[ExtractedFinding]) -> dict[str, Any]:
    exposures: dict[str, Any] = {}
    caffeine = [float(f.value) for f in found if f.field == "exposures.caffeine_mg_day"]
    if caffeine:
        exposures["caffeine_mg_day"] = min(5000.0, round(sum(caffeine)))
    for key in ("sleep_hours", "stress_0_10", "alcohol_units_week"):
        values = [float(f.value) for f in found if f.field == f"exposures.{key}"]
        if values:
            exposures[key] = values[0]
    for f in found:
        if f.field != "exposure":
            continue
        if f.value in _BOOLEAN_EXPOSURES and (f.used or f.status is Status.ABSENT):
            exposures.setdefault(str(f.value), f.status is not Status.ABSENT)
        elif f.value in EXPOSURE_DEFAULTS and f.used:
            key, value = EXPOSURE_DEFAULTS[str(f.value)]
            exposures.setdefault(key, value)
    return exposures


# "now" opening a clause ("... and now my arms feel weak", ". Now my neck is stiff"), not "now and then".
_NOW_RE = re.compile(
    r"(?:^|[.!?,;]\s*|\b(?:and|but|so)\s+)(?:now\b(?!\s+and\s+(?:then|again))|since (?:yesterday|this morning|last night)\b|(?:then|today|this morning|this afternoon|tonight)\b(?!\s+(?:it|they|that|i|the pain)\s+(?:eases?|goes|stops?|settles?|passes|wears off|fades)))",
    re.I,
)
_CLINICAL = ("features", "symptoms")
#: Onset (days) within which new problems after a medicine read as a reaction building up.
_ACUTE_DAYS = 3.0


def _new_problem_now(text: str, found: Sequence[ExtractedFinding], onset: float | None = None) -> bool:
    """Something was wrong, and *now* something more is: the problem is getting worse.

    "sickness for three days and now my arms feel weak"; "cut my hand last week.
    Now my neck is stiff". A "now" after only a medicine or an event ("began citalopram and
    now my fingers tremble") says when it began, not that it is growing, unless it began within
    days (:data:`_ACUTE_DAYS`) of the medicine: "began tramadol on Monday. Today I'm jittery,
    my arms keep jerking" is a reaction building up.
    """
    clinical = [f for f in found if f.field in _CLINICAL and f.used and f.origin is not Origin.DEFAULT]
    earlier_kinds: tuple[str, ...] = ("features", "symptoms", "history")
    if onset is not None and onset <= _ACUTE_DAYS:
        earlier_kinds = (*earlier_kinds, "medications")
    bounds = _sentence_bounds(text)
    for m in _NOW_RE.finditer(text):
        now = m.end()
        sent_end = next((e for s, e in bounds if s <= now < e), len(text))
        after = {f.value for f in clinical if now <= f.start < sent_end}
        before = {f.value for f in found if f.field in earlier_kinds and f.used and f.end <= m.start()}
        if after and before and after - before:
            return True
    return False


def assemble_case(text: str, found: Sequence[ExtractedFinding]) -> dict[str, Any]:
    """Build a case (only ``case.schema.json`` fields) from extracted findings.

    Parameters
    ----------
    text : str
        The narrative (kept as ``narrative``).
    found : list of ExtractedFinding
        Everything extracted, in text order.

    Returns
    -------
    dict
        ``narrative`` plus whatever was recognised: ``age``, ``sex``, ``sites``, ``side``,
        ``first_noticed_days`` (days), ``episode_length``, ``frequency``, ``course``,
        ``features``, ``when``, ``symptoms``, ``absent``, ``history``, ``exposures``
        (mg/day, hours, 0-10, units/week, flags) and ``medications``.
    """
    case: dict[str, Any] = {"narrative": text}
    for key in ("age", "sex"):
        values = [f.value for f in found if f.field == key]
        if values:
            case[key] = values[0]
    sites = _unique(f.value for f in found if f.field == "sites" and f.used)
    if sites:
        case["sites"] = sites
    side = _side(found)
    if side:
        case["side"] = side
    onset = _onset_days(text, found)
    if onset is not None:
        case["first_noticed_days"] = min(36500.0, onset)
    inferred = [f for f in found if f.status is Status.INFERRED and f.origin is Origin.DEFAULT]
    for fld in ("episode_length", "frequency"):
        value = next((str(f.value) for f in inferred if f.field == fld), None) or _categorical(found, fld)
        if value:
            case[fld] = value
    courses = {str(f.value) for f in found if f.field == "course" and f.used}
    if not courses and _new_problem_now(text, found, onset):
        courses.add("worsening")
    courses = courses or {str(f.value) for f in inferred if f.field == "course"}
    for course in _COURSE_ORDER:
        if course in courses:
            case["course"] = course
            break
    all_present: set[str] = set()
    for fld in _FINDING_FIELDS:
        stated = [f for f in found if f.field == fld and f.used]
        all_present.update(str(f.value) for f in stated)
        values = _unique(str(f.value) for f in stated if f.counts_as is None)
        values += [v for v in _unique(f.counts_as for f in stated if f.counts_as) if v not in values]
        values += [v for v in _unique(str(f.value) for f in inferred if f.field == fld) if v not in values]
        if values:
            case[fld] = values
    absent = _unique(str(f.value) for f in found if f.field in _FINDING_FIELDS and f.status is Status.ABSENT)
    absent = [v for v in absent if v not in all_present]
    if absent:
        case["absent"] = absent
    exposures = _exposures(found)
    if exposures:
        case["exposures"] = exposures
    # Sex unknown: the lower limit, so heavy drinking is not missed.
    limit = HIGHER_RISK_UNITS_WEEK["male" if case.get("sex") == "male" else "female"]
    if float(exposures.get("alcohol_units_week") or 0.0) > limit and "heavy_alcohol_use" not in case.get("history", []):
        case["history"] = [*case.get("history", []), "heavy_alcohol_use"]
    medications = _unique(str(f.value) for f in found if f.field == "medications" and f.used)
    if medications:
        case["medications"] = medications
    return case
