# ruff: noqa: E501  (long regular expressions and tables read better on one line)
"""Amounts people type: caffeinated drinks, hours of sleep, stress, alcohol.

Pure functions over the narrative text; each returns :class:`ExtractedFinding` values
with the span they came from. Units follow the case schema: caffeine in mg per day,
sleep in hours per night, stress on a 0-10 scale, alcohol in UK units per week.
Drinks are assumed to be per day unless the text says per week.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from twitchwise.intake.extracted import ExtractedFinding

#: Caffeine per serving in mg. Sources: US FDA "Spilling the Beans: How much caffeine
#: is too much?" (2023) and USDA FoodData Central (brewed coffee 8 oz ~95 mg; espresso
#: shot ~63 mg; black tea 8 oz ~47 mg; cola 12 oz ~34 mg); Red Bull 250 ml 80 mg and
#: Monster 500 ml 160 mg as printed on the cans (EU/UK labels); Rockstar 500 ml 160 mg;
#: Pro Plus / NoDoz tablet 50-200 mg (UK Pro Plus 50 mg). An unnamed "energy drink" is
#: counted as a 500 ml can (160 mg), the usual size sold in the UK and US.
CAFFEINE_MG: Mapping[str, float] = {
    "coffee": 95.0, "espresso": 63.0, "tea": 47.0, "cola": 34.0, "red_bull": 80.0,
    "monster": 160.0, "rockstar": 160.0, "energy_drink": 160.0, "pre_workout": 200.0,
    "caffeine_pill": 100.0, "pro_plus": 50.0,
}  # fmt: skip
#: "lots of coffee" with no number: counted as 400 mg, about four mugs.
LOTS_OF_CAFFEINE_MG = 400.0
#: Qualitative short sleep ("barely sleeping", "sleeping badly") counted as 5 hours.
POOR_SLEEP_HOURS = 5.0
#: UK alcohol units per drink (NHS "Alcohol units"): pint of beer 2.3 (4%), bottle or
#: can of beer 1.7, 175 ml glass of wine 2.1, bottle of wine 9-10 (12%), single spirit 1,
#: 70 cl bottle of spirits 28 (40%); a can or bottle of strong lager (9%, 500 ml) 4.5.
ALCOHOL_UNITS: Mapping[str, float] = {
    "pint": 2.3,
    "beer": 1.7,
    "can": 1.7,
    "glass": 2.1,
    "wine": 2.1,
    "bottle_wine": 9.4,
    "spirit": 1.0,
    "bottle_spirit": 28.0,
    "strong_beer": 4.5,
    "unit": 1.0,
}

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3, "several": 4,
    "half a": 0.5, "a half": 0.5, "a dozen": 12, "dozens of": 24, "a single": 1,
}  # fmt: skip
_NUMBER = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(k) for k in _NUM_WORDS), key=len, reverse=True)) + r")"
#: "5", "5-6", "5 or 6", "5 to 6", "like 4", "about 3"
QUANTITY = rf"(?P<q1>{_NUMBER})(?:\s*(?:-|–|to|or)\s*(?P<q2>{_NUMBER}))?(?:\+)?"


def number_of(text: str | None) -> float | None:
    """Parse ``"5"``, ``"five"``, ``"a couple of"`` into a number (None if not a number)."""
    if text is None:
        return None
    t = " ".join(text.lower().split())
    if t in _NUM_WORDS:
        return float(_NUM_WORDS[t])
    try:
        return float(t)
    except ValueError:
        return None


def quantity_of(match: re.Match[str]) -> float | None:
    """The quantity of a :data:`QUANTITY` match; a range ``5-6`` gives its middle, 5.5."""
    q1 = number_of(match.group("q1"))
    q2 = number_of(match.group("q2")) if match.group("q2") else None
    if q1 is None:
        return None
    return (q1 + q2) / 2 if q2 is not None else q1


_DRINK_WORDS: tuple[tuple[str, str], ...] = (
    (r"red ?bulls?", "red_bull"),
    (r"monsters?(?: energy)?(?: drinks?)?", "monster"),
    (r"rockstars?", "rockstar"),
    (r"(?:energy|power) ?drinks?|relentless|prime energy|celsius", "energy_drink"),
    (r"pre-? ?workouts?(?: scoops?)?", "pre_workout"),
    (r"caffeine (?:pills?|tablets?)", "caffeine_pill"),
    (r"pro ?plus|no-?doz", "pro_plus"),
    (r"(?:double |single |triple )?espresso(?:e?s)?(?: shots?)?|shots? of espresso", "espresso"),
    (
        r"(?:cups?|mugs?|glasses?|cans?|bottles?) of (?:strong |black |instant |filter )?coffee|coffees?|lattes?|cappuccinos?|americanos?|flat whites?|mochas?|cold brews?|iced coffees?|macchiatos?|cortados?|coffe+s?|cofees?",
        "coffee",
    ),
    (r"(?:cups?|mugs?) of (?:strong |black |green )?tea|teas?|cuppas?", "tea"),
    (
        r"(?:cans?|bottles?|glasses?) of (?:coke|cola|pepsi|dr pepper)|(?:diet )?cokes?|colas?|pepsis?|coke zeros?|pepsi max",
        "cola",
    ),
    (r"(?:cups?|mugs?)(?! of)", "coffee"),
)
_CAFFEINE_RE = re.compile(
    rf"\b{QUANTITY}\s+(?:(?:big|large|small|strong|cans?|cups?|mugs?|shots?|bottles?|double|triple|a|of)\s+){{0,3}}(?P<drink>"
    + "|".join(f"(?:{p})" for p, _ in _DRINK_WORDS)
    + r")\b(?P<per>[^.;!?]{0,25}?\b(?:a|per|each|every)\s+(?:day|week|night|morning))?",
    re.I,
)
_LOTS_OF_CAFFEINE = re.compile(
    r"\b(?:lots|loads|tons|a lot(?: more)?|so much|too much|plenty|gallons|buckets|heaps|litres|liters) of (?:strong |black )?(?:coffee|caffeine|energy drinks|red bull|monster|espresso)\b|\b(?:a lot|lots|loads|much|way|far) more (?:coffee|caffeine|energy drinks)\b|\bcoffee all day\b|\bliving on (?:coffee|caffeine|energy drinks)\b",
    re.I,
)
_HELD_BEFORE = re.compile(
    r"\b(?:hold|holds|holding|held|carry|carrying|pour|pouring|lift|lifting|spill|spilling|pick up|picking up)\s+$",
    re.I,
)
_NO_CAFFEINE = re.compile(
    r"\b(?:don'?t|do not|doesn'?t|does not|never|no longer|stopped|gave up|cut out|quit)\s+(?:drink(?:ing)?|have|having|touch(?:ing)?|take|taking)?\s*(?:any\s+)?(?:coffee|caffeine|tea or coffee|coffee or tea|energy drinks)\b|\bno (?:coffee|caffeine)\b|\bcaffeine[- ]free\b|\bonly (?:drink )?decaf\b",
    re.I,
)
_BARE_ENERGY_DRINKS = re.compile(
    r"\b(?:on|drink(?:ing)?|having|having some|been on|live on|living on) (?:some |a lot of )?(energy drinks|red bulls|monsters)\b",
    re.I,
)


def _drink_kind(word: str) -> str:
    for pattern, kind in _DRINK_WORDS:
        if re.fullmatch(pattern, word, re.I):
            return kind
    return "coffee"


def caffeine(text: str) -> list[ExtractedFinding]:
    """Caffeine per day from drinks ("5 coffees", "3 cans of Red Bull", "lots of coffee").

    Returns
    -------
    list of ExtractedFinding
        One ``exposures.caffeine_mg_day`` finding per drink mention (mg per day); the
        parser sums them.
    """
    out: list[ExtractedFinding] = []
    taken: list[tuple[int, int]] = []
    for m in _CAFFEINE_RE.finditer(text):
        qty = quantity_of(m)
        if qty is None or qty <= 0 or qty > 40:
            continue
        if _HELD_BEFORE.search(text, max(0, m.start() - 25), m.start()):
            continue  # "as I lift a mug of tea": a task, not a drink taken
        kind = _drink_kind(m.group("drink").strip())
        per = (m.group("per") or "").lower()
        per_week = per.endswith("week")
        mg = qty * CAFFEINE_MG[kind] / (7.0 if per_week else 1.0)
        note = f"{qty:g} x {kind.replace('_', ' ')} ({CAFFEINE_MG[kind]:g} mg each){' per week' if per_week else ''}"
        out.append(
            ExtractedFinding(
                "exposures.caffeine_mg_day", round(mg), "present", m.start(), m.end(), m.group(0), "rule", note
            )
        )
        taken.append((m.start(), m.end()))
    for m in _LOTS_OF_CAFFEINE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        out.append(
            ExtractedFinding(
                "exposures.caffeine_mg_day",
                LOTS_OF_CAFFEINE_MG,
                "present",
                m.start(),
                m.end(),
                m.group(0),
                "rule",
                "a lot, no number: counted as about 4 mugs",
            )
        )
        taken.append((m.start(), m.end()))
    if not out:
        m0 = _NO_CAFFEINE.search(text)
        if m0 is not None:
            note = "says no caffeine is taken"
            return [
                ExtractedFinding(
                    "exposures.caffeine_mg_day", 0, "present", m0.start(), m0.end(), m0.group(0), "rule", note
                )
            ]
        for m in _BARE_ENERGY_DRINKS.finditer(text):
            kind = _drink_kind(m.group(1)[:-1] if m.group(1).endswith("s") else m.group(1))
            mg = 2 * CAFFEINE_MG[kind]
            out.append(
                ExtractedFinding(
                    "exposures.caffeine_mg_day",
                    mg,
                    "present",
                    m.start(1),
                    m.end(1),
                    m.group(1),
                    "rule",
                    f"{m.group(1)} with no number: counted as 2 a day",
                )
            )
    return out


_SLEEP_RES = (
    re.compile(
        rf"\b(?:sleep(?:ing)?|slept|getting|get|got|only|managing|manage)\s+(?:(?:maybe|about|around|roughly|like|only|just|barely|under|less than|at most|on average|approx(?:imately)?)\s+)*{QUANTITY}\s*(?:hours?|hrs?|h)\b",
        re.I,
    ),
    re.compile(
        rf"\b{QUANTITY}\s*(?:hours?|hrs?|h)(?:'s|s')?\s+(?:of\s+)?(?:sleep|a night|per night|each night|every night|kip)\b",
        re.I,
    ),
)
_POOR_SLEEP_RE = re.compile(
    r"\b(?:barely|hardly|not|never) (?:sleeping|getting (?:any|much|enough) sleep|slept)\b|\bsleeping (?:badly|terribly|poorly|awfully)\b|\b(?:poor|bad|terrible|broken|little) sleep\b"
    r"|\bnot enough sleep\b|\bsleep[- ]deprived\b|\bno sleep\b|\bbarely any sleep\b|\bnight shifts?\b|\bnew(?:born)? baby\b",
    re.I,
)
_ALL_NIGHTER_RE = re.compile(
    r"\ball[- ]?nighters?\b|\bup all night\b|\bdidn'?t sleep at all\b|\bno sleep (?:at all|last night)\b", re.I
)


def sleep(text: str) -> list[ExtractedFinding]:
    """Hours of sleep a night ("sleeping 4-5 hours" -> 4.5; "barely sleeping" -> 5; "all-nighter" -> 0)."""
    out: list[ExtractedFinding] = []
    for pattern in _SLEEP_RES:
        for m in pattern.finditer(text):
            qty = quantity_of(m)
            if qty is not None and 0 <= qty <= 24:
                out.append(
                    ExtractedFinding("exposures.sleep_hours", qty, "present", m.start(), m.end(), m.group(0), "rule")
                )
                return out
    m2 = _ALL_NIGHTER_RE.search(text)
    if m2:
        return [
            ExtractedFinding(
                "exposures.sleep_hours", 0.0, "present", m2.start(), m2.end(), m2.group(0), "rule", "no sleep"
            )
        ]
    m3 = _POOR_SLEEP_RE.search(text)
    if m3:
        return [
            ExtractedFinding(
                "exposures.sleep_hours",
                POOR_SLEEP_HOURS,
                "present",
                m3.start(),
                m3.end(),
                m3.group(0),
                "rule",
                "short sleep, no number: counted as 5 hours",
            )
        ]
    return out


_STRESS_NUMBER = re.compile(
    r"\bstress(?:ed)?(?: level)?(?: is| at| of| about| around)*\s*(?P<n>\d{1,2})\s*(?:/|out of)\s*10\b", re.I
)
_STRESS_LEVELS: tuple[tuple[float, re.Pattern[str]], ...] = (
    (
        2.0,
        re.compile(
            r"\b(?:not|never|no|isn'?t|without)\s+(?:really\s+|particularly\s+|very\s+)?(?:stressed|stressful|anxious|stress)\b|\b(?:relaxed|chilled|calm) (?:lately|at the moment|right now)\b",
            re.I,
        ),
    ),
    (
        9.0,
        re.compile(
            r"\bstress(?: levels?)? (?:is|are|has been|have been) (?:through the roof|off the charts|sky[- ]high|insane|unbearable|extreme)|\b(?:so|extremely|incredibly|massively|super|crazy|really really|hugely) (?:stressed|anxious|stressful)|\bpanic attacks?\b|\bpanic disorder\b|\bnever been (?:so|this|more) stressed\b|\bbreaking point\b|\bhorrible break ?up\b",
            re.I,
        ),
    ),
    (
        8.0,
        re.compile(
            r"\b(?:very|really|quite|pretty|highly) (?:stressed|stressful|anxious)|\bstressed out\b|\bunder (?:a lot of|loads of|so much) (?:stress|pressure)\b|\b(?:a lot of|lots of|loads of|high|huge|massive) stress\b|\bexam (?:season|period|time)\b|\bwork is (?:crazy|insane|mad|manic|hell)\b|\bburn(?:ed|t) ?out\b|\bbreak ?up\b|\bdivorce\b|\bbereavement\b|\blost my job\b|\bexams\b",
            re.I,
        ),
    ),
    (
        7.0,
        re.compile(
            r"\bstress(?:ed|ful)?\b|\bdeadlines?\b|\bunder pressure\b|\banxious\b|\bworried\b|\bbusy at work\b|\boverwhelmed\b",
            re.I,
        ),
    ),
)


#: "worse when I'm stressed", "when I get anxious": stress as what brings it on, not a level.
TRIGGER_BEFORE = r"\b(?:when|whenever|if|while)\s+(?:i'?m|i am|i get|i feel|i'?m feeling|he'?s|he is|he gets|she'?s|she is|she gets|they'?re|they get|you'?re|you get)?\s*(?:really\s+|very\s+|a bit\s+|so\s+)?$"
_TRIGGER_BEFORE = re.compile(TRIGGER_BEFORE, re.I)


def stress(text: str) -> list[ExtractedFinding]:
    """Stress on a 0-10 scale ("stress is through the roof" -> 9, "very stressed" -> 8, "stressed" -> 7)."""
    m = _STRESS_NUMBER.search(text)
    if m:
        return [
            ExtractedFinding(
                "exposures.stress_0_10",
                float(min(10, int(m.group("n")))),
                "present",
                m.start(),
                m.end(),
                m.group(0),
                "rule",
            )
        ]
    for level, pattern in _STRESS_LEVELS:
        m2 = next(
            (m for m in pattern.finditer(text) if not _TRIGGER_BEFORE.search(text, max(0, m.start() - 30), m.start())),
            None,
        )
        if m2:
            return [
                ExtractedFinding(
                    "exposures.stress_0_10",
                    level,
                    "present",
                    m2.start(),
                    m2.end(),
                    m2.group(0),
                    "rule",
                    f"counted as {level:g}/10",
                )
            ]
    return []


_ALCOHOL_UNITS_RE = re.compile(
    rf"\b{QUANTITY}\s*(?:\+\s*)?units?\b(?P<per>[^.;!?]{{0,20}}?\b(?:a|per|each|every)\s+(?:day|week|night))?", re.I
)
_ALCOHOL_DRINKS_RE = re.compile(
    rf"\b{QUANTITY}\s+(?P<drink>pints?(?: of (?:beer|lager|cider|bitter))?|(?:cans?|bottles?|tins?)(?P<half>\s+and\s+a\s+half)? of (?:(?:strong|super|extra strong|special|cheap|white) )?(?:beer|lager|cider|brew)|beers?|lagers?|ciders?|glass(?:es)? of (?:wine|red|white|rose)|glasses|bottles?(?P<half2>\s+and\s+a\s+half)? of (?:wine|red|white|vodka|whisky|whiskey|gin|rum|spirits|brandy)|(?:shots?|doubles?|singles?) (?:of )?(?:vodka|whisky|whiskey|gin|rum|tequila)?|vodkas?|whiske?ys?|gins?)\b(?P<per>[^.;!?]{{0,20}}?\b(?:a|per|each|every)\s+(?:day|week|night|evening|weekend))?",
    re.I,
)


def _alcohol_kind(drink: str) -> str:
    d = drink.lower()
    if d.startswith("pint"):
        return "pint"
    if "bottle" in d and any(w in d for w in ("vodka", "whisky", "whiskey", "gin", "rum", "spirits", "brandy")):
        return "bottle_spirit"
    if any(w in d for w in ("strong", "super", "special")) and any(w in d for w in ("beer", "lager", "cider", "brew")):
        return "strong_beer"
    if "bottle" in d and any(w in d for w in ("wine", "red", "white")) and "white cider" not in d:
        return "bottle_wine"
    if "glass" in d:
        return "glass"
    if any(w in d for w in ("beer", "lager", "cider", "can", "bottle")):
        return "beer"
    return "spirit"


def alcohol(text: str) -> list[ExtractedFinding]:
    """Alcohol in UK units a week ("80 units a week", "4 pints a night", "a bottle of wine a day")."""
    m = _ALCOHOL_UNITS_RE.search(text)
    if m:
        qty = quantity_of(m) or 0.0
        per = (m.group("per") or " week").strip().lower()
        units = qty * (7.0 if per.endswith(("day", "night")) else 1.0)
        return [
            ExtractedFinding("exposures.alcohol_units_week", units, "present", m.start(), m.end(), m.group(0), "rule")
        ]
    for m2 in _ALCOHOL_DRINKS_RE.finditer(text):
        drinks = quantity_of(m2)
        if drinks is None:
            continue
        qty = drinks + (0.5 if m2.group("half") or m2.group("half2") else 0.0)  # "two cans and a half of cider": half a drink more
        kind = _alcohol_kind(m2.group("drink"))
        per = (m2.group("per") or "").strip().lower()
        if not per:
            continue  # "one glass of wine helps" is not an amount a week
        times = 7.0 if per.endswith(("day", "night", "evening")) else 2.0 if per.endswith("weekend") else 1.0
        units = round(qty * ALCOHOL_UNITS[kind] * times, 1)
        note = f"{qty:g} x {kind.replace('_', ' ')} ({ALCOHOL_UNITS[kind]:g} units) x {times:g}"
        return [
            ExtractedFinding(
                "exposures.alcohol_units_week", units, "present", m2.start(), m2.end(), m2.group(0), "rule", note
            )
        ]
    return []
