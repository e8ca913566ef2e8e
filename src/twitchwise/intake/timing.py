# ruff: noqa: E501  (long regular expressions and tables read better on one line)
"""When it started, how long one episode lasts and how often: rules over the text.

Pure: "since Monday" is counted from a reference date passed in, never from the clock.
Durations are returned in the case schema's units (``first_noticed_days`` in days);
episode length and frequency as the vocabulary's values.
"""

from __future__ import annotations

import datetime as dt
import re

from twitchwise.intake.amounts import QUANTITY, quantity_of
from twitchwise.intake.extracted import ExtractedFinding

_UNIT_DAYS = {
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "night": 1.0,
    "week": 7.0,
    "fortnight": 14.0,
    "month": 30.0,
    "year": 365.0,
    "decade": 3650.0,
}
_UNIT = r"(?P<unit>minute|min|hour|hr|day|night|week|wk|fortnight|month|year|yr|decade)s?"
_UNIT_ALIASES = {"min": "minute", "hr": "hour", "wk": "week", "yr": "year"}
_LEAD = r"(?:for|since|been going(?: on)?|about|around|roughly|nearly|almost|over|more than|under|less than|the (?:last|past)|last|past|like|maybe|approx(?:imately)?|a good|just over|just under|a bit over|some|been|it'?s been|started|began|\(|,)"
_DURATION_RES = (
    re.compile(
        rf"(?:\b{_LEAD}\s+)+(?:(?:about|around|roughly|nearly|almost|over|more than|like|maybe|just|a good|some)\s+)*(?:(?P<bare>a|an|one)\s+|{QUANTITY}\s*){_UNIT}(?P<after>\s+(?:now|ago|already|or so|and counting|or more|on and off|straight))?\b",
        re.I,
    ),
    re.compile(rf"\b(?:(?P<bare>a|an|one)\s+|{QUANTITY}\s*){_UNIT}\s+(?P<after>ago|now)\b", re.I),
    # "twitching 3 days": a number of days straight after the movement word, with no "for".
    re.compile(
        rf"(?<=ing\s)(?:(?:about|around|nearly|almost|over|like|maybe)\s+)?(?:(?P<bare>a|an|one)\s+|{QUANTITY}\s*)(?P<unit>day|week|month|year)s?(?P<after>)\b(?!\s+(?:a|per|each|every|out of|later|old|pregnant|in a row)\b)",
        re.I,
    ),
)
# "it's been going on ten minutes", "its been a few hours": one episode, still going on.
_ONGOING_RE = re.compile(r"\b(?:it'?s|it has|this has) been\b|\bbeen going\b", re.I)
# What a number of days/weeks is *not* about: how long ago the onset was.
_NOT_ONSET_AFTER = re.compile(r"^\s*(?:pregnant|old|of age|gestation|postpartum|into (?:my|the) pregnancy|later)", re.I)
_NOT_ONSET_BEFORE = re.compile(
    r"(?:\b(?:times?|once|twice|per|every|each|a|few|couple of|x)|/)\s*$|\b(?:on|taking|taken|using|been taking)\s+\w+\s+for\s*$|\b(?:jab|vaccine|booster|shot)\s+for\s*$",
    re.I,
)
_ONSET_WORDS: tuple[tuple[re.Pattern[str], float], ...] = (
    (
        re.compile(
            r"\b(?:just now|an hour ago|a few hours ago|few hours|this (?:morning|afternoon|evening)|tonight|today|minutes ago|suddenly today|just started|since (?:this morning|lunch|breakfast))\b",
            re.I,
        ),
        0.0,
    ),
    (re.compile(r"\b(?:since yesterday|yesterday|last night|overnight)\b", re.I), 1.0),
    (
        re.compile(
            r"\b(?:a couple of days|couple of days|a few days|few days|the last few days|the past few days|this week|since the weekend)\b",
            re.I,
        ),
        3.0,
    ),
    (re.compile(r"\b(?:last week|a week or so|since last week)\b", re.I), 7.0),
    (
        re.compile(
            r"\b(?:a few weeks|several weeks|a couple of weeks|couple of weeks|last month|since last month|for weeks)\b",
            re.I,
        ),
        21.0,
    ),
    (
        re.compile(
            r"\b(?:a few months|several months|a couple of months|couple of months|for months|months now|this year)\b",
            re.I,
        ),
        120.0,
    ),
    (
        re.compile(
            r"\b(?:for years|several years|a few years|a couple of years|years now|since (?:i was a )?(?:child|kid|teenager|teen|childhood|school)|all my life|as long as i can remember|decades|over a year|more than a year|over the years|over the (?:last|past) (?:few|several|couple of) years|for many years|for donkey\'?s years)\b",
            re.I,
        ),
        730.0,
    ),
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_SINCE_RE = re.compile(
    r"\bsince\s+(?:last\s+)?(?P<what>"
    + "|".join(_WEEKDAYS + _MONTHS)
    + r"|christmas|xmas|new year|easter|the spring|the summer|the autumn|the fall|the winter|spring|summer|autumn|winter)\b",
    re.I,
)
_SEASON_START = {"spring": (3, 20), "summer": (6, 21), "autumn": (9, 22), "fall": (9, 22), "winter": (12, 21)}


def _days_since(what: str, today: dt.date) -> float:
    w = what.lower().removeprefix("the ")
    if w in _WEEKDAYS:
        delta = (today.weekday() - _WEEKDAYS.index(w)) % 7
        return float(delta or 7)
    if w in _MONTHS:
        month = _MONTHS.index(w) + 1
        year = today.year if month <= today.month else today.year - 1
        return float((today - dt.date(year, month, 1)).days)
    if w in ("christmas", "xmas"):
        year = today.year if (today.month, today.day) >= (12, 25) else today.year - 1
        return float((today - dt.date(year, 12, 25)).days)
    if w == "new year":
        return float((today - dt.date(today.year, 1, 1)).days)
    if w == "easter":
        return float((today - dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)).days)
    month, day = _SEASON_START[w]
    year = today.year if (today.month, today.day) >= (month, day) else today.year - 1
    return float((today - dt.date(year, month, day)).days)


def onset_candidates(text: str, today: dt.date) -> list[ExtractedFinding]:
    """Every phrase that says how long ago it started, as ``first_noticed_days`` (days).

    Parameters
    ----------
    text : str
        The narrative.
    today : datetime.date
        Reference date for "since Monday", "since Christmas".

    Returns
    -------
    list of ExtractedFinding
        In text order; the parser picks the one nearest a movement finding.
    """
    out: list[ExtractedFinding] = []
    seen: list[tuple[int, int]] = []
    for pattern in _DURATION_RES:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in seen):
                continue
            unit = _UNIT_ALIASES.get(m.group("unit").lower(), m.group("unit").lower())
            after = (m.group("after") or "").strip().lower()
            ongoing = _ONGOING_RE.search(m.group(0)) is not None
            if unit in ("minute", "hour") and after != "ago" and not ongoing:
                continue  # "for 2 minutes" is how long an episode lasts, not when it started
            head = m.group(0)[: m.start("unit") - m.start()]
            if _NOT_ONSET_AFTER.match(text[m.end() :]) or _NOT_ONSET_BEFORE.search(
                text[max(0, m.start() - 25) : m.start()] + " " + head.rsplit(" ", 2)[0]
                if False
                else text[max(0, m.start() - 25) : m.start()]
            ):
                continue
            qty = 1.0 if m.group("bare") else (quantity_of(m) or 0.0)
            days = qty * _UNIT_DAYS[unit]
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" ,(")))
            seen.append((m.start(), m.end()))
            out.append(
                ExtractedFinding(
                    "first_noticed_days", round(days, 2), "present", start, m.end(), text[start : m.end()], "rule"
                )
            )
    for m2 in _SINCE_RE.finditer(text):
        days = _days_since(m2.group("what"), today)
        out.append(
            ExtractedFinding(
                "first_noticed_days",
                days,
                "present",
                m2.start(),
                m2.end(),
                m2.group(0),
                "rule",
                f"counted from {today.isoformat()}",
            )
        )
    covered = [(f.start, f.end) for f in out]
    for pattern, days in _ONSET_WORDS:
        for m3 in pattern.finditer(text):
            if any(s <= m3.start() < e or m3.start() <= s < m3.end() for s, e in covered):
                continue
            out.append(
                ExtractedFinding(
                    "first_noticed_days",
                    days,
                    "present",
                    m3.start(),
                    m3.end(),
                    m3.group(0),
                    "rule",
                    "no number: a typical value",
                )
            )
            covered.append((m3.start(), m3.end()))
    return sorted(out, key=lambda f: f.start)


_EPISODE_RE = re.compile(
    rf"\b(?:lasts?|lasting|lasted|for|goes (?:away )?(?:in|after|within)|gone (?:in|after|within)|went (?:in|after|within)|settles? (?:in|after|within)|settled (?:in|after|within)|eases? (?:in|after|within)|takes?|within|after)\s+(?:(?:about|around|roughly|maybe|only|just|up to|a few|a good|like|less than|under|over)\s+)*(?:(?P<bare>a|an|one|a few|few|several|a couple of)\s+|{QUANTITY}\s*)(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?)\b",
    re.I,
)
_UNDER_1S_RE = re.compile(
    r"\b(?:split[- ]second|fraction of a second|less than a second|under a second|a second or less|instant(?:ly)?|momentar(?:y|ily)|quick (?:jerks?|twitch(?:es)?|jumps?|flickers?)|brief (?:jerks?|twitch(?:es)?)|lightning[- ]quick|blink of an eye)\b",
    re.I,
)


_HALF_HOUR_RE = re.compile(r"\b(?:within|in|under|less than|up to|after|inside)\s+(?:about\s+)?half an hour\b", re.I)
_ONGOING_EPISODE_RE = re.compile(
    rf"\b(?:it'?s|it has|this has|it'?s been going|been going)\s+(?:been\s+)?(?:going\s+(?:on\s+)?)?(?:for\s+)?(?:(?:about|around|nearly|almost|over|like|maybe)\s+)?(?:a few|several|a couple of|an|a|{QUANTITY})\s*(?P<unit>minutes?|mins?|hours?|hrs?)\b(?!\s+(?:ago|a day|a week|later))",
    re.I,
)


def episode_length(text: str) -> list[ExtractedFinding]:
    """How long one episode lasts ("lasts a split second" -> under_1s, "for 2 minutes" -> minutes)."""
    out: list[ExtractedFinding] = []
    for m in _EPISODE_RE.finditer(text):
        if re.search(r"\bago\b", text[m.end() : m.end() + 6], re.I):
            continue
        unit = m.group("unit").lower()
        qty = 1.0 if m.group("bare") else (quantity_of(m) or 1.0)
        seconds = qty * (1 if unit.startswith("s") else 60 if unit.startswith("m") else 3600)
        value = "under_1s" if seconds < 1 else "seconds" if seconds < 30 else "minutes" if seconds < 1800 else "hours"
        out.append(ExtractedFinding("episode_length", value, "present", m.start(), m.end(), m.group(0), "rule"))
    for m3 in _HALF_HOUR_RE.finditer(text):
        out.append(ExtractedFinding("episode_length", "minutes", "present", m3.start(), m3.end(), m3.group(0), "rule"))
    for m4 in _ONGOING_EPISODE_RE.finditer(text):
        unit = m4.group("unit").lower()
        value = "hours" if unit.startswith("h") else "minutes"
        out.append(
            ExtractedFinding(
                "episode_length", value, "present", m4.start(), m4.end(), m4.group(0), "rule", "still going on"
            )
        )
    for m2 in _UNDER_1S_RE.finditer(text):
        out.append(ExtractedFinding("episode_length", "under_1s", "present", m2.start(), m2.end(), m2.group(0), "rule"))
    return sorted(out, key=lambda f: f.start)


_TIMES_RE = re.compile(
    rf"\b(?:(?P<word>once|twice)|{QUANTITY}\s*(?:times|x))(?:\s+or\s+(?:twice|three times|\d+\s*times))?\s+(?:a|per|each|every)\s+(?P<per>minute|hour|day|night|morning|evening|week|month|year)\b"
    r"|\b(?P<many>dozens|hundreds|loads|lots|tons|many|several|multiple|countless) (?:and \w+ )?(?:of )?times(?: (?:a|per|each|every) (?P<per2>day|hour|night|week))?"
    r"|\bevery (?:single )?(?P<every>few (?:seconds|minutes)|\d+ (?:seconds|minutes)|minute|hour|day|night|morning|evening|week|other day|couple of (?:days|hours|minutes))\b"
    r"|\b(?P<most>most|some|a few|few|couple of|two|three|four|several) (?P<per3>days|nights|mornings|evenings) a week\b",
    re.I,
)
# "my calf keeps twitching", "my eyes keep rolling up": over and over. Not "I have to keep
# moving them" (what the person does) nor "keeps getting worse" (the course).
_KEEPS_RE = re.compile(
    r"(?<!to )(?<!i )\bkeeps?(?: on)? (?!getting (?:worse|better|weaker|stronger))(?:\w+ing\b|twitch|jump|flicker|jerk|flutter|spasm|blink|shak|cramp)",
    re.I,
)
_EVERY_MOVE_RE = re.compile(
    r"\b(?:every time|each time|whenever) (?:i|he|she|they|you) (?:move|walk|stand|bend|turn|breathe|swallow|talk|speak|blink|cough|sneeze|lift|get up|sit up)\b|\bwith every (?:movement|step|breath)\b",
    re.I,
)


def frequency(text: str) -> list[ExtractedFinding]:
    """How often ("dozens of times a day" -> many_daily, "every night" -> daily, "twice a week" -> weekly)."""
    out: list[ExtractedFinding] = []
    for m in _TIMES_RE.finditer(text):
        value: str | None = None
        if m.group("word") or m.group("q1"):
            n = (
                {"once": 1.0, "twice": 2.0}.get((m.group("word") or "").lower())
                or (quantity_of(m) if m.group("q1") else 1.0)
                or 1.0
            )
            per = m.group("per").lower()
            if per in ("minute", "hour"):
                value = "many_daily"
            elif per in ("day", "night", "morning", "evening"):
                value = "many_daily" if n >= 3 else "daily"
            else:
                value = "daily" if per == "week" and n >= 6 else "weekly"
        elif m.group("many"):
            per2 = (m.group("per2") or "day").lower()
            value = "weekly" if per2 == "week" else "many_daily"
        elif m.group("every"):
            every = m.group("every").lower()
            value = (
                "many_daily"
                if any(w in every for w in ("second", "minute", "hour"))
                else "weekly"
                if every == "week"
                else "daily"
            )
        elif m.group("most"):
            value = "daily" if m.group("most").lower() == "most" else "weekly"
        if value:
            out.append(ExtractedFinding("frequency", value, "present", m.start(), m.end(), m.group(0), "rule"))
    for m3 in _EVERY_MOVE_RE.finditer(text):
        out.append(
            ExtractedFinding(
                "frequency", "many_daily", "present", m3.start(), m3.end(), m3.group(0), "rule", "with each movement"
            )
        )
    for m2 in _KEEPS_RE.finditer(text):
        out.append(
            ExtractedFinding(
                "frequency",
                "many_daily",
                "present",
                m2.start(),
                m2.end(),
                m2.group(0),
                "rule",
                "'keeps ...': many times a day",
                fallback=True,
            )
        )
    return sorted(out, key=lambda f: f.start)
