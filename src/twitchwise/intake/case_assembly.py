# ruff: noqa: E501  (long regular expressions and tables read better on one line)
"""From extracted findings (with spans) to one case with the case schema's fields."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from twitchwise.intake.extracted import ExtractedFinding

USED = ("present", "uncertain")
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
#: A rule finding whose note starts so is a guess from wording ("keeps twitching" = many
#: times a day): any phrase that states the value ("day and night") wins over it.
FALLBACK_NOTE_PREFIX = "'keeps"


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


def _categorical(found: list[ExtractedFinding], fld: str) -> str | None:
    lex = [f for f in found if f.field == fld and f.status in USED]
    # A rule's match inside a longer phrase ("every day" in "all day every day") is the phrase's.
    rule = [
        f
        for f in lex
        if f.source == "rule"
        and not any(
            o.source == "lexicon" and o.start <= f.start and f.end <= o.end and o.end - o.start > f.end - f.start
            for o in lex
        )
    ]
    strong = [f for f in rule if not f.note.startswith(FALLBACK_NOTE_PREFIX)]
    if strong:
        return str(strong[0].value)
    stated = [f for f in lex if f.source != "rule"]
    if stated:
        return str(stated[0].value)
    return str(rule[0].value) if rule else None


def _onset_days(text: str, found: list[ExtractedFinding]) -> float | None:
    candidates = [f for f in found if f.field == "first_noticed_days"]
    if candidates:
        # The movement itself first ("Today my legs keep twitching" over "started linezolid 2 days
        # ago for a leg infection"), then any body site or symptom.
        for fields in (("features",), _MOVEMENT_FIELDS):
            movement = [f.start for f in found if f.field in fields and f.status in USED]
            for s, e in _sentence_bounds(text):
                in_sentence = [c for c in candidates if s <= c.start < e]
                if in_sentence and any(s <= p < e for p in movement):
                    return float(in_sentence[0].value)
        return float(candidates[0].value)
    buckets = [f for f in found if f.field == "first_noticed" and f.status in USED]
    return BUCKET_DAYS[str(buckets[0].value)] if buckets else None


def _side(found: list[ExtractedFinding]) -> str | None:
    sides = [str(f.value) for f in found if f.field == "side" and f.status in USED]
    if not sides:
        return None
    for special in ("generalized", "alternating"):
        if special in sides:
            return special
    named = set(sides)
    if "both" in named or {"left", "right"} <= named:
        return "both"
    return sides[0]


def _exposures(found: list[ExtractedFinding]) -> dict[str, Any]:
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
        if f.value in _BOOLEAN_EXPOSURES and f.status in (*USED, "absent"):
            exposures.setdefault(str(f.value), f.status != "absent")
        elif f.value in EXPOSURE_DEFAULTS and f.status in USED:
            key, value = EXPOSURE_DEFAULTS[str(f.value)]
            exposures.setdefault(key, value)
    return exposures


#: Words that only name a caffeinated drink ("4 coffees", "energy drinks"), not a time it happens.
_BARE_DRINK_RE = re.compile(
    r"^(?:coffees?|espressos?|energy drinks?|red bulls?|monsters?|colas?|caffeine|strong tea)$", re.I
)
_SLEEP_TIMES = frozenset({"falling_asleep", "during_sleep"})
_WAKES_ME = frozenset({"wakes me up", "woke me up", "wakes me", "wake me up", "waking me up"})
_AT_NIGHT = frozenset({"at night", "night time", "nighttime", "at nighttime"})
_EVERY_SECONDS_RE = re.compile(r"^every (?:few|\d+|couple of) (?:seconds|minutes)$", re.I)


def refine_when(case: dict[str, Any], found: list[ExtractedFinding]) -> list[ExtractedFinding]:
    """Circumstances and rate read from the whole story rather than one phrase. Modifies ``case`` in place.

    - A movement the text ties to sleep ("as I'm dropping off", "grinding my teeth at night")
      does not also come "after caffeine" because a drink is named: the drink is an exposure.
    - A hard bout of exercise told as an event ("ran my first marathon today", "did a crossfit
      class 2 days ago") with no movement during it: the movement came after the exercise.
    - A jerk as one drops off "that wakes me up" is at sleep onset, not during sleep; an urge to
      move the legs "at night" comes in the evening, lying down before sleep.
    - Kicks in sleep "every 30 seconds" repeat within a night; the nights come daily.

    Returns the inferred findings (the span is the phrase they were read from).
    """
    when = list(case.get("when", []))
    out: list[ExtractedFinding] = []
    if _SLEEP_TIMES & set(when) and "after_caffeine" in when:
        explicit = [
            f for f in found
            if f.field == "when" and f.value == "after_caffeine" and f.status in USED and not _BARE_DRINK_RE.match(f.text)
        ]  # fmt: skip
        if not explicit:
            when.remove("after_caffeine")
    sleep_words = {
        f.text.lower() for f in found if f.field == "when" and f.value == "during_sleep" and f.status in USED
    }
    if "during_sleep" in when and sleep_words:
        if "falling_asleep" in when and sleep_words <= _WAKES_ME:
            # "a jolt as I drop off that wakes me up": woken at sleep onset, not from sleep.
            when.remove("during_sleep")
        elif (
            "urge_to_move_legs" in case.get("features", [])
            and "periodic_in_sleep" not in case.get("features", [])
            and sleep_words <= _AT_NIGHT
        ):
            # An urge to move the legs "at night" comes on lying down before sleep: the evening.
            when.remove("during_sleep")
            if "evening" not in when:
                when.append("evening")
    exercise = next(
        (f for f in found if f.field == "exposure" and f.value == "strenuous_exercise_48h" and f.status in USED), None
    )
    if exercise is not None and not {"during_exercise", "after_exercise"} & set(when):
        when.append("after_exercise")
        note = "a bout of exercise told as an event, the movement after it"
        out.append(
            ExtractedFinding(
                "when", "after_exercise", "inferred", exercise.start, exercise.end, exercise.text, "default", note
            )
        )
    if when:
        case["when"] = when
    else:
        case.pop("when", None)
    rhythm = next((f for f in found if f.field == "frequency" and _EVERY_SECONDS_RE.match(f.text)), None)
    if rhythm is not None and case.get("frequency") == "many_daily" and "periodic_in_sleep" in case.get("features", []):
        # "My legs jerk every 30 seconds in my sleep": the rhythm inside one night's run, which comes nightly.
        case["frequency"] = "daily"
        note = "a rhythm within each night's movements"
        out.append(
            ExtractedFinding("frequency", "daily", "inferred", rhythm.start, rhythm.end, rhythm.text, "default", note)
        )
    return out


# "now" opening a clause ("... and now my arms feel weak", ". Now my neck is stiff"), not "now and then".
_NOW_RE = re.compile(
    r"(?:^|[.!?,;]\s*|\b(?:and|but|so)\s+)(?:now\b(?!\s+and\s+(?:then|again))|since (?:yesterday|this morning|last night)\b|(?:then|today|this morning|this afternoon|tonight)\b(?!\s+(?:it|they|that|i|the pain)\s+(?:eases?|goes|stops?|settles?|passes|wears off|fades)))",
    re.I,
)
_CLINICAL = ("features", "symptoms")
#: Onset (days) within which new problems after a medicine read as a reaction building up.
_ACUTE_DAYS = 3.0


def _new_problem_now(text: str, found: list[ExtractedFinding], onset: float | None = None) -> bool:
    """Something was wrong, and *now* something more is: the problem is getting worse.

    "sickness for three days and now my arms feel weak"; "cut my hand last week.
    Now my neck is stiff". A "now" after only a medicine or an event ("began citalopram and
    now my fingers tremble") says when it began, not that it is growing, unless it began within
    days (:data:`_ACUTE_DAYS`) of the medicine: "began tramadol on Monday. Today I'm jittery,
    my arms keep jerking" is a reaction building up.
    """
    clinical = [f for f in found if f.field in _CLINICAL and f.status in USED and f.source != "default"]
    earlier_kinds: tuple[str, ...] = ("features", "symptoms", "history")
    if onset is not None and onset <= _ACUTE_DAYS:
        earlier_kinds = (*earlier_kinds, "medications")
    bounds = _sentence_bounds(text)
    for m in _NOW_RE.finditer(text):
        now = m.end()
        sent_end = next((e for s, e in bounds if s <= now < e), len(text))
        after = {f.value for f in clinical if now <= f.start < sent_end}
        before = {f.value for f in found if f.field in earlier_kinds and f.status in USED and f.end <= m.start()}
        if after and before and after - before:
            return True
    return False


def assemble_case(text: str, found: list[ExtractedFinding]) -> dict[str, Any]:
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
    sites = _unique(f.value for f in found if f.field == "sites" and f.status in USED)
    if sites:
        case["sites"] = sites
    side = _side(found)
    if side:
        case["side"] = side
    onset = _onset_days(text, found)
    if onset is not None:
        case["first_noticed_days"] = min(36500.0, onset)
    for fld in ("episode_length", "frequency"):
        value = _categorical(found, fld)
        if value:
            case[fld] = value
    courses = {str(f.value) for f in found if f.field == "course" and f.status in USED}
    if not courses and _new_problem_now(text, found, onset):
        courses.add("worsening")
    for course in _COURSE_ORDER:
        if course in courses:
            case["course"] = course
            break
    present: dict[str, list[str]] = {}
    for fld in ("features", "when", "symptoms", "history"):
        values = _unique(str(f.value) for f in found if f.field == fld and f.status in USED)
        if values:
            present[fld] = values
            case[fld] = values
    all_present = {v for values in present.values() for v in values}
    absent = _unique(
        str(f.value) for f in found if f.field in ("features", "when", "symptoms", "history") and f.status == "absent"
    )
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
    medications = _unique(str(f.value) for f in found if f.field == "medications" and f.status in USED)
    if medications:
        case["medications"] = medications
    return case


#: Typical episode length and frequency of a kind of movement, used only when the text
#: says nothing about them (a jerk is over in under a second; a cramp lasts minutes; a
#: fasciculation flickers for seconds, many times a day). Shown to the user as inferred.
#: ``None`` where the movement has no typical value (cramps come nightly in one person,
#: weekly in another; a tremor lasts as long as the posture or task that brings it out).
TYPICAL_EPISODE: dict[str, tuple[str | None, str | None]] = {
    "limb_jerk": ("under_1s", None), "visible_flicker": ("seconds", "many_daily"),
    "forced_eye_closure": ("seconds", "many_daily"), "urge_then_relief": ("under_1s", "many_daily"),
    "vocal_sounds": ("under_1s", "many_daily"), "hard_painful_muscle": ("minutes", None),
    "carpopedal_spasm": ("minutes", None), "sustained_tightness": ("minutes", None),
    "rhythmic_shaking": (None, None), "urge_to_move_legs": ("hours", "daily"),
    "periodic_in_sleep": ("seconds", "daily"), "flowing_movements": ("constant", "constant"),
    "whole_body_convulsion": ("minutes", "once"), "teeth_grinding": ("minutes", "daily"),
    "twisting_posture": ("minutes", "daily"), "head_pulling": ("hours", "daily"),
    "dream_enactment": ("seconds", "weekly"), "spreads_one_side_face": ("seconds", "many_daily"),
}  # fmt: skip


# A pattern that recurs ("on and off", "comes and goes") or simply carries on ("been going on")
# over a long time: positive evidence of a steady course.
_RECURRING_RE = re.compile(
    r"\b(?:on and off|off and on|on and off again|comes? and goes?|came and went|every now and (?:then|again)|now and again|from time to time|been going on|had (?:it|them|this) for years)\b",
    re.I,
)
#: Least time (days) over which a recurring pattern, or a course just "going on", reads as stable.
_RECURRING_DAYS, _GOING_ON_DAYS = 7.0, 365.0


#: Least time (days) over which a stated regular rate ("a few nights a week") reads as a settled pattern.
_REGULAR_DAYS = 14.0
_REGULAR_RATES = ("weekly", "daily")


def _regular_rate(found: list[ExtractedFinding]) -> ExtractedFinding | None:
    """A rate the text states for the movement ("once or twice a week", "most mornings"), if any."""
    for f in found:
        if (
            f.field == "frequency"
            and f.status in USED
            and f.source in ("rule", "lexicon")
            and str(f.value) in _REGULAR_RATES
            and not f.note.startswith(FALLBACK_NOTE_PREFIX)
        ):
            return f
    return None


def infer_course(text: str, case: dict[str, Any], found: list[ExtractedFinding]) -> list[ExtractedFinding]:
    """``course: stable`` from positive evidence only: a regular rate stated as a standing fact
    ("wakes me twice a week", "most days for six weeks") unless it began under two weeks
    ago, an on-and-off pattern for a week or more ("on and off for a few weeks"),
    or a problem "going on" for a year or more.

    Never a default: no course is inferred without such a phrase, nor when any phrase says
    it is changing. Modifies ``case`` in place; returns the inferred finding (span = phrase).
    """
    if "course" in case:
        return []
    rate = _regular_rate(found)
    onset = case.get("first_noticed_days")
    if rate is not None and (onset is None or float(onset) >= _REGULAR_DAYS):
        case["course"] = "stable"
        return [
            ExtractedFinding(
                "course", "stable", "inferred", rate.start, rate.end, rate.text, "default", "a regular pattern"
            )
        ]
    if onset is None:
        return []
    days = float(onset)
    for m in _RECURRING_RE.finditer(text):
        going_on = m.group(0).lower() in ("been going on",) or m.group(0).lower().startswith("had ")
        if days >= (_GOING_ON_DAYS if going_on else _RECURRING_DAYS):
            case["course"] = "stable"
            note = "the same pattern over a long time" if going_on else "recurring on and off over weeks or more"
            return [ExtractedFinding("course", "stable", "inferred", m.start(), m.end(), m.group(0), "default", note)]
    return []


# One episode told as over ("it lasted a minute then eased", "it had gone in an hour"), and
# nothing that says it recurs: it happened once.
_FINISHED_RE = re.compile(
    r"\blasted\b|\b(?:it|they|this|that|which|then|cramp|spasm|shaking|twitching|jerking) (?:all )?(?:went|eased|settled|stopped|passed|wore off|calmed down|was gone)\b",
    re.I,
)
_RECURS_RE = re.compile(
    r"\b(?:usual|usually|always|every|sometimes|often|whenever|each time|times? an?|regularly|episodes|attacks|again and again|most (?:days|nights|mornings|evenings)|happens|keeps?|comes? and goes?|on and off)\b",
    re.I,
)


def infer_single_episode(text: str, case: dict[str, Any]) -> list[ExtractedFinding]:
    """``frequency: once`` when the text tells one episode that is over and nothing says it recurs.

    Modifies ``case`` in place; returns the inferred finding (span = the phrase that ends the episode).
    """
    if "frequency" in case or _RECURS_RE.search(text):
        return []
    if float(case.get("first_noticed_days") or 0.0) > _RECURRING_DAYS:
        return []
    m = _FINISHED_RE.search(text)
    if m is None:
        return []
    case["frequency"] = "once"
    return [
        ExtractedFinding(
            "frequency", "once", "inferred", m.start(), m.end(), m.group(0), "default", "one episode, over"
        )
    ]


#: Circumstances that bring out an action or postural tremor.
_ONGOING_SHAKE_RE = re.compile(
    r"\b(?:are|is|am|'re|'s|'m) (?:still |now |constantly )?(?:shaking|trembling|shaky|trembly)\b(?! when| if| after| before| for)|\b(?:have|has|'ve got|has got) (?:a|got a) (?:fine |slight |constant )?(?:shake|tremor)\b",
    re.I,
)
_ACTION_WHEN = frozenset({"holding_posture", "during_action"})
#: A muscle told as *being* locked now ("he's stiff as a board", "the muscle is in spasm").
_ONGOING_STIFF_RE = re.compile(
    r"\b(?:is|are|'s|'re|has gone|have gone|'s gone|'ve gone|has been|have been)\s+(?:still |now |really |so |completely |all )?(?:in spasm|stiff as a board|rigid|locked (?:up|solid))\b",
    re.I,
)


def infer_defaults(text: str, case: dict[str, Any], found: list[ExtractedFinding]) -> list[ExtractedFinding]:
    """Fill episode length, frequency, pattern and course the text leaves out, as a clinician would.

    Only fields the text does not state are filled, each as an ``inferred`` finding whose
    span is the movement it was inferred from, so the user can see and correct it:
    ``episode_length``/``frequency`` from the movement's typical pattern
    (:data:`TYPICAL_EPISODE`), or constant for shaking told as a state ("now my fingers are
    trembling a lot"); ``when: at_rest`` for an urge to move the legs (rest
    bringing it on is part of its definition); ``when: random`` when no circumstance is
    described. The course is never a default here (see :func:`infer_course`): calling an undescribed course "stable" would
    be false reassurance (and it lowered urgency accuracy on both vignette sets).
    Modifies ``case`` in place and returns the inferred findings.
    """
    features = [f for f in found if f.field == "features" and f.status in USED]
    if not features:
        return []
    main = next((f for f in features if str(f.value) in TYPICAL_EPISODE), None)
    out: list[ExtractedFinding] = []

    def infer(fld: str, value: Any, basis: ExtractedFinding, note: str) -> None:
        case[fld] = [value] if fld == "when" else value
        out.append(ExtractedFinding(fld, value, "inferred", basis.start, basis.end, basis.text, "default", note))

    if main is not None:
        episode, often = TYPICAL_EPISODE[str(main.value)]
        why = "not stated: typical for this movement"
        if str(main.value) == "rhythmic_shaking" and _ACTION_WHEN & set(case.get("when", [])):
            # A tremor brought out by holding or using the hands lasts as long as the task
            # (minutes) and comes back with each task, many times a day.
            episode, often = "minutes", "many_daily"
        elif str(main.value) == "rhythmic_shaking" and _ONGOING_SHAKE_RE.search(text):
            # "Now my fingers are trembling a lot", "a fine shake in my hands": a state that is
            # there, not episodes brought out by anything.
            episode, often = "constant", "constant"
            why = "not stated: shaking described as going on now"
        elif _ONGOING_STIFF_RE.search(text):
            episode, often = "constant", "constant"
            why = "not stated: a muscle described as locked now"
        if "episode_length" not in case and episode is not None:
            infer("episode_length", episode, main, why)
        if "frequency" not in case and often is not None:
            infer("frequency", often, main, why)
    legs = next((f for f in features if f.value == "urge_to_move_legs"), None)
    if legs is not None and "at_rest" not in case.get("when", []):
        case["when"] = [*case.get("when", []), "at_rest"]
        out.append(
            ExtractedFinding(
                "when", "at_rest", "inferred", legs.start, legs.end, legs.text, "default", "comes on at rest"
            )
        )
    if "when" not in case:
        infer("when", "random", features[0], "no trigger or time of day described")
    return out
