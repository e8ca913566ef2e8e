# ruff: noqa: E501  (long regular expressions and tables read better on one line)
"""What the whole story says beyond its phrases: the inference stages of the intake.

Each stage is pure, ``(text, findings) -> findings``: it looks at the case the findings make
so far (:func:`~twitchwise.intake.case_assembly.assemble_case`, a provisional view) and returns
the findings with its own added: ``inferred`` findings (origin ``default``, span = the phrase
they were read from, so the user can see and correct them) or a stated finding re-read as
another value (``counts_as``). Nothing here changes a case; the case is built once, at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from twitchwise.intake.case_assembly import assemble_case
from twitchwise.intake.extracted import ExtractedFinding, Origin, Status
from twitchwise.intake.rule_ids import code_rule_id

Findings = tuple[ExtractedFinding, ...]


def _inferred(fld: str, value: Any, basis: ExtractedFinding | re.Match[str], note: str, rule: str) -> ExtractedFinding:
    """An inferred finding whose span is the phrase (a finding or a match) it was read from."""
    if isinstance(basis, ExtractedFinding):
        start, end, text = basis.start, basis.end, basis.text
    else:
        start, end, text = basis.start(), basis.end(), basis.group(0)
    return ExtractedFinding(
        fld, value, Status.INFERRED, start, end, text, Origin.DEFAULT, note, code_rule_id("case_inference", rule)
    )


def _recount(found: Findings, matches: Callable[[ExtractedFinding], bool], counts_as: str) -> Findings:
    return tuple(replace(f, counts_as=counts_as) if matches(f) else f for f in found)


#: Words that only name a caffeinated drink ("4 coffees", "energy drinks"), not a time it happens.
_BARE_DRINK_RE = re.compile(
    r"^(?:coffees?|espressos?|energy drinks?|red bulls?|monsters?|colas?|caffeine|strong tea)$", re.I
)
_SLEEP_TIMES = frozenset({"falling_asleep", "during_sleep"})
_WAKES_ME = frozenset({"wakes me up", "woke me up", "wakes me", "wake me up", "waking me up"})
_AT_NIGHT = frozenset({"at night", "night time", "nighttime", "at nighttime"})
_EVERY_SECONDS_RE = re.compile(r"^every (?:few|\d+|couple of) (?:seconds|minutes)$", re.I)


def refine_when(text: str, found: Findings) -> Findings:
    """Circumstances and rate read from the whole story rather than one phrase.

    - A movement the text ties to sleep ("as I'm dropping off", "grinding my teeth at night")
      does not also come "after caffeine" because a drink is named: the drink is an exposure
      (the drink's ``when`` findings count as nothing).
    - A hard bout of exercise told as an event ("ran my first marathon today", "did a crossfit
      class 2 days ago") with no movement during it: the movement came after the exercise.
    - A jerk as one drops off "that wakes me up" is at sleep onset, not during sleep; an urge to
      move the legs "at night" comes in the evening, lying down before sleep (counts as evening).
    - Kicks in sleep "every 30 seconds" repeat within a night; the nights come daily.
    """
    case = assemble_case(text, found)
    when = list(case.get("when", []))
    features = case.get("features", [])
    out = found

    def is_when(f: ExtractedFinding, value: str) -> bool:
        return f.field == "when" and f.value == value and f.used and f.counts_as is None

    explicit_caffeine = any(is_when(f, "after_caffeine") and not _BARE_DRINK_RE.match(f.text) for f in found)
    if _SLEEP_TIMES & set(when) and "after_caffeine" in when and not explicit_caffeine:
        when.remove("after_caffeine")
        out = _recount(out, lambda f: is_when(f, "after_caffeine"), "")
    sleep_words = {f.text.lower() for f in found if is_when(f, "during_sleep")}
    if "during_sleep" in when and sleep_words:
        if "falling_asleep" in when and sleep_words <= _WAKES_ME:
            # "a jolt as I drop off that wakes me up": woken at sleep onset, not from sleep.
            when.remove("during_sleep")
            out = _recount(out, lambda f: is_when(f, "during_sleep"), "")
        elif "urge_to_move_legs" in features and "periodic_in_sleep" not in features and sleep_words <= _AT_NIGHT:
            # An urge to move the legs "at night" comes on lying down before sleep: the evening.
            when.remove("during_sleep")
            when.append("evening")
            out = _recount(out, lambda f: is_when(f, "during_sleep"), "evening")
    exercise = next(
        (f for f in found if f.field == "exposure" and f.value == "strenuous_exercise_48h" and f.used), None
    )
    if exercise is not None and not {"during_exercise", "after_exercise"} & set(when):
        note = "a bout of exercise told as an event, the movement after it"
        out = (*out, _inferred("when", "after_exercise", exercise, note, "refine_when"))
    rhythm = next((f for f in found if f.field == "frequency" and _EVERY_SECONDS_RE.match(f.text)), None)
    if rhythm is not None and case.get("frequency") == "many_daily" and "periodic_in_sleep" in features:
        # "My legs jerk every 30 seconds in my sleep": the rhythm inside one night's run, which comes nightly.
        out = (*out, _inferred("frequency", "daily", rhythm, "a rhythm within each night's movements", "refine_when"))
    return out


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


def _regular_rate(found: Findings) -> ExtractedFinding | None:
    """A rate the text states for the movement ("once or twice a week", "most mornings"), if any."""
    for f in found:
        if (
            f.field == "frequency"
            and f.used
            and f.origin in (Origin.RULE, Origin.LEXICON)
            and str(f.value) in _REGULAR_RATES
            and not f.fallback
        ):
            return f
    return None


def infer_course(text: str, found: Findings) -> Findings:
    """``course: stable`` from positive evidence only: a regular rate stated as a standing fact
    ("wakes me twice a week", "most days for six weeks") unless it began under two weeks
    ago, an on-and-off pattern for a week or more ("on and off for a few weeks"),
    or a problem "going on" for a year or more.

    Never a default: no course is inferred without such a phrase, nor when any phrase says
    it is changing.
    """
    case = assemble_case(text, found)
    if "course" in case:
        return found
    rate = _regular_rate(found)
    onset = case.get("first_noticed_days")
    if rate is not None and (onset is None or float(onset) >= _REGULAR_DAYS):
        return (*found, _inferred("course", "stable", rate, "a regular pattern", "infer_course"))
    if onset is None:
        return found
    days = float(onset)
    for m in _RECURRING_RE.finditer(text):
        going_on = m.group(0).lower() in ("been going on",) or m.group(0).lower().startswith("had ")
        if days >= (_GOING_ON_DAYS if going_on else _RECURRING_DAYS):
            note = "the same pattern over a long time" if going_on else "recurring on and off over weeks or more"
            return (*found, _inferred("course", "stable", m, note, "infer_course"))
    return found


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


def infer_single_episode(text: str, found: Findings) -> Findings:
    """``frequency: once`` when the text tells one episode that is over and nothing says it recurs.

    The inferred finding's span is the phrase that ends the episode.
    """
    case = assemble_case(text, found)
    if "frequency" in case or _RECURS_RE.search(text):
        return found
    if float(case.get("first_noticed_days") or 0.0) > _RECURRING_DAYS:
        return found
    m = _FINISHED_RE.search(text)
    if m is None:
        return found
    return (*found, _inferred("frequency", "once", m, "one episode, over", "infer_single_episode"))


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


def _typical_pattern(text: str, main: ExtractedFinding, when: list[str]) -> tuple[str | None, str | None, str]:
    """(episode length, frequency, why) a movement has when the text does not say."""
    episode, often = TYPICAL_EPISODE[str(main.value)]
    if str(main.value) == "rhythmic_shaking" and _ACTION_WHEN & set(when):
        # A tremor brought out by holding or using the hands lasts as long as the task
        # (minutes) and comes back with each task, many times a day.
        return "minutes", "many_daily", "not stated: typical for this movement"
    if str(main.value) == "rhythmic_shaking" and _ONGOING_SHAKE_RE.search(text):
        # "Now my fingers are trembling a lot", "a fine shake in my hands": a state that is
        # there, not episodes brought out by anything.
        return "constant", "constant", "not stated: shaking described as going on now"
    if _ONGOING_STIFF_RE.search(text):
        return "constant", "constant", "not stated: a muscle described as locked now"
    return episode, often, "not stated: typical for this movement"


def infer_defaults(text: str, found: Findings) -> Findings:
    """Fill episode length, frequency and circumstances the text leaves out, as a clinician would.

    Only fields the text does not state are filled, each as an ``inferred`` finding whose
    span is the movement it was inferred from, so the user can see and correct it:
    ``episode_length``/``frequency`` from the movement's typical pattern
    (:data:`TYPICAL_EPISODE`), or constant for shaking told as a state ("now my fingers are
    trembling a lot"); ``when: at_rest`` for an urge to move the legs (rest
    bringing it on is part of its definition); ``when: random`` when no circumstance is
    described. The course is never a default here (see :func:`infer_course`): calling an
    undescribed course "stable" would be false reassurance (and it lowered urgency accuracy
    on both vignette sets).
    """
    features = [f for f in found if f.field == "features" and f.used]
    if not features:
        return found
    case = assemble_case(text, found)
    when = list(case.get("when", []))
    main = next((f for f in features if str(f.value) in TYPICAL_EPISODE), None)
    out: list[ExtractedFinding] = []
    if main is not None:
        episode, often, why = _typical_pattern(text, main, when)
        if "episode_length" not in case and episode is not None:
            out.append(_inferred("episode_length", episode, main, why, "infer_defaults"))
        if "frequency" not in case and often is not None:
            out.append(_inferred("frequency", often, main, why, "infer_defaults"))
    legs = next((f for f in features if f.value == "urge_to_move_legs"), None)
    if legs is not None and "at_rest" not in when:
        when.append("at_rest")
        out.append(_inferred("when", "at_rest", legs, "comes on at rest", "infer_defaults"))
    if not when:
        out.append(_inferred("when", "random", features[0], "no trigger or time of day described", "infer_defaults"))
    return (*found, *out)


#: The inference stages, in order (each sees the findings of the ones before).
INFERENCE_STAGES: tuple[Callable[[str, Findings], Findings], ...] = (
    refine_when,
    infer_course,
    infer_single_episode,
    infer_defaults,
)
