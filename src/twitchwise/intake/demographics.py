# ruff: noqa: E501  (long regular expressions and tables read better on one line)
"""The person's own age and sex ("34F", "I'm a 60 year old man", "my son (11)").

Only the person the narrative is about: "my dad had ALS at 60" is not their age. When a
parent or partner writes for someone ("My son is 8 and..."), that person is the subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from twitchwise.intake.extracted import ExtractedFinding

_MALE = {
    "m",
    "male",
    "man",
    "guy",
    "bloke",
    "boy",
    "lad",
    "gentleman",
    "gent",
    "dude",
    "son",
    "brother",
    "husband",
    "father",
    "dad",
    "grandad",
    "grandfather",
    "boyfriend",
    "uncle",
    "nephew",
    "he",
}
_FEMALE = {
    "f",
    "female",
    "woman",
    "girl",
    "lady",
    "gal",
    "daughter",
    "sister",
    "wife",
    "mother",
    "mum",
    "mom",
    "grandma",
    "grandmother",
    "girlfriend",
    "aunt",
    "niece",
    "she",
}
_PERSON = r"(?P<who>man|woman|male|female|guy|girl|boy|lady|bloke|lad|gentleman|mum|mom|dad|mother|father)"
_AGE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"(?<![\w/])(?P<age>\d{1,3})\s*(?:y/?o|yrs?|years?(?: old)?)?\s*(?P<sex>[mf]|male|female)\b(?![\w'])", re.I
    ),
    re.compile(
        r"(?<![\w/'’])(?P<sex>[mf]|male|female)\s*,?\s*(?P<age>\d{1,3})\b(?!\s*(?:mg|%|units?|hours?|days?|weeks?|months?|years?|times?|coffees?|cups?))",
        re.I,
    ),
    re.compile(
        rf"\bi(?:'m| am|m)\s+(?:a|an)\s+(?P<age>\d{{1,3}})[- ]?(?:years?|yrs?|yo|y/o)(?:[- ]old)?(?:\s+{_PERSON})?",
        re.I,
    ),
    re.compile(
        rf"\b(?:i(?:'m| am|m)|me,?|aged?)\s+(?P<age>\d{{1,3}})\b(?!\s*(?:mg|%|units?|hours?|hrs?|days?|weeks?|months?|times?|coffees?|cups?|cans?|kg|lbs?|stone|pounds?|miles?|km|minutes?|mins?|percent|and a half|degrees|years? (?:since|ago|on|of|in)))(?:\s*(?:years?|yrs?|y/?o)(?:\s+old)?)?(?:\s*,?\s*(?:a|an)?\s*{_PERSON})?",
        re.I,
    ),
    re.compile(rf"\b(?:a|an)\s+(?P<age>\d{{1,3}})[- ]?(?:years?|yrs?|yo|y/o)[- ]?(?:old)?\s+{_PERSON}\b", re.I),
    re.compile(r"\bage[d:]?\s*(?P<age>\d{1,3})\b", re.I),
)
_SEX_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\bi(?:'m| am|m)\s+(?:a|an)\s+(?:\d{1,3}[- ]?(?:years?|yrs?|yo)?[- ]?(?:old)?\s+)?(?:man|guy|bloke|male|lad|boy|dad|father|gentleman)\b",
            re.I,
        ),
        "male",
    ),
    (
        re.compile(
            r"\bi(?:'m| am|m)\s+(?:a|an)\s+(?:\d{1,3}[- ]?(?:years?|yrs?|yo)?[- ]?(?:old)?\s+)?(?:woman|girl|lady|female|mum|mom|mother)\b",
            re.I,
        ),
        "female",
    ),
    (
        re.compile(
            r"\b(?:i'?m|i am)\s+(?:\d{1,2}\s+(?:weeks?|months?)\s+)?pregnant\b|\bmy periods?\b|\bmenopaus\w*|\bmy pregnancy\b|\bsince (?:i )?gave birth\b|\bbreastfeeding\b",
            re.I,
        ),
        "female",
    ),
    (re.compile(r"\bmy prostate\b|\bprostate cancer\b", re.I), "male"),
)
_PROXY_RE = re.compile(
    # A short lead-in ("This afternoon my mum's arm...", "Since Monday my son...") may come first.
    r"^\W*(?:(?:this|last|since|yesterday|today|tonight|earlier|for|over|in|about|around|just|an?|the|\d+)\b[^.!?,]{0,25}?,?\s+)?(?:(?:my|our)\s+|(?=(?:dad|mum|mom|nan|grandad|grandma|gran|husband|wife)(?:'s)?\s))(?:(?:\d{1,3}[- ]?(?:year|yr|month|mth|week|wk)s?[- ]old|little|teenage|elderly|older|younger|eldest|youngest|new|newborn|baby)\s+)?(?P<rel>son|daughter|boy|girl|child|kid|husband|wife|partner|brother|sister|mum|mom|mother|dad|father|grandad|grandfather|grandma|grandmother|nan|nana|gran|granny|baby|toddler|newborn|infant|mate|friend|\d{1,2}[- ]?(?:month|mth|week|wk)s?[- ]old)(?:'s)?\b"
    r"(?:\s*\((?P<age1>\d{1,3})\)|\s*,?\s*(?P<age2>\d{1,3})\s*,|\s+(?:is|'s)\s+(?P<age3>\d{1,3})\b)?"
    r"(?P<rest>[^.!?]{0,60})",
    re.I,
)
_REPORTER_VERBS = re.compile(
    r"^\s*(?:says|said|thinks|noticed|notices|tells|told|reckons|has noticed|keeps telling|complains that i|saw me|watched me|woke me)\b",
    re.I,
)


#: The writer's own body or self: "my dad had ALS and my calf twitches" is about the writer.
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|me|myself)\b|\bmy (?:calf|calves|legs?|arms?|hands?|eyes?|eyelids?|face|feet|foot|thumbs?|fingers?|back|neck|jaw|muscles?|body|head|lips?|tongue|toes?|shoulders?|thighs?|chest|skin|pee|wee|urine)\b",
    re.I,
)
#: An event told as happening now or today ("my dad had a seizure this morning", "my son is out cold").
_NOW = re.compile(
    r"\b(?:now|right now|just|this (?:morning|afternoon|evening)|tonight|today|an hour ago|minutes ago|is|are|keeps|"
    r"looks|seems|suddenly|all of a sudden|has (?:just |suddenly )?(?:dropped|gone|become|started|stopped|collapsed|lost)|won't|can't|isn't)\b|\b(?:had|has|having) (?:a|an|another) (?:fit|seizure|convulsion)\b|\b(?:collapsed|keeled over|fainted|passed out|blacked out)\b",
    re.I,
)


@dataclass(frozen=True)
class Subject:
    """Who the narrative is about.

    Attributes
    ----------
    relation : str or None
        ``None`` when people write about themselves; else the word for the person
        they write about (``"son"``, ``"husband"``).
    span : tuple of int
        Where that was said.
    """

    relation: str | None = None
    span: tuple[int, int] = (0, 0)


#: "My daughter (8) ...", "my son is 6", "my dad (83)" later in the text (after "The school rang."):
#: the person it is about, when the writer says nothing of their own body.
_PROXY_LATER_RE = re.compile(
    r"\b(?:my|our)\s+(?P<rel>son|daughter|boy|girl|child|husband|wife|partner|dad|father|mum|mom|mother|nan|gran|grandad|grandma|baby)\b(?:\s*\((?P<age1>\d{1,3})\)|\s+(?:is|'s)\s+(?P<age3>\d{1,3})\b)(?P<age2>(?!))?",
    re.I,
)


def subject_of(text: str) -> Subject:
    """Whether someone writes for another person ("My son is 8 and he keeps blinking")."""
    m = _PROXY_RE.match(text)
    if not m:
        later = _PROXY_LATER_RE.search(text, 0, 300)
        if (
            later
            and not _FIRST_PERSON.search(text, later.end())
            and re.search(r"\b(?:he|she|his|her|him)\b", text, re.I)
        ):
            return Subject(later.group("rel").lower(), (later.start("rel"), later.end("rel")))
        return Subject()
    rest = text[m.end("rel") :]
    reporter = _REPORTER_VERBS.match(rest)
    if reporter and re.match(r"^\s*(?:that\s+)?(?:i|i'm|im|i've|i'd|me|my|myself)\b", rest[reporter.end() :], re.I):
        return Subject()  # "my wife says I kick in my sleep": she reports the writer
    if re.match(r"^\W*(?:and i|says i|thinks i)\b", rest, re.I):
        return Subject()
    # Writing for someone else means third-person subjects and no "I" symptoms early on.
    first = text[: max(text.find("."), 80) if "." in text else len(text)]
    if re.search(r"\b(?:i|i'm|i've|my legs|my hands|my arm)\b", first[m.end("rel") :], re.I) and not re.search(
        r"\b(?:he|she|his|her)\b", first, re.I
    ):
        return Subject()
    if (
        not re.search(r"\b(?:he|she|his|her|him)\b", text, re.I)
        and not (m.group("age1") or m.group("age3"))
        and (_FIRST_PERSON.search(text) or not _NOW.search(text))
    ):
        return Subject()
    return Subject(m.group("rel").lower(), (m.start("rel"), m.end("rel")))


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
}  # fmt: skip
_NUM = r"(?P<n>\d{1,2}(?:\.5)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen)"
#: An age in weeks or months: "7 month old", "18 months old", "a 3-week-old", "she's 10 weeks".
_YOUNG_AGE = (
    re.compile(rf"\b{_NUM}[- ]?(?P<unit>weeks?|wks?|months?|mths?|mos?)[- ](?:old|of age)\b", re.I),
    re.compile(
        rf"\b(?:aged|is|he'?s|she'?s|they'?re|turned|just turned|only)\s+(?:only\s+|just\s+|nearly\s+|almost\s+|about\s+)?{_NUM}\s*(?P<unit>weeks?|wks?|months?|mths?)\b(?!\s+(?:ago|since|now|of|later|after|before|into))",
        re.I,
    ),
)
#: Words that give an age band when no number does (a typical age, shown as inferred).
_AGE_WORDS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"\b(?:newborn|new[- ]born|new baby|neonate)\b", re.I), 0.05),
    (re.compile(r"\b(?:my|our|the) (?:little )?(?:baby|infant)\b|\bbaby (?:boy|girl)\b", re.I), 0.5),
    (re.compile(r"\b(?:toddler)\b", re.I), 2.0),
    (re.compile(r"\b(?:preschooler|pre-schooler)\b", re.I), 4.0),
)


def young_age(text: str) -> ExtractedFinding | None:
    """An age in weeks or months, in years (7 months = 0.58), or a typical age for "newborn", "baby", "toddler"."""
    for pattern in _YOUNG_AGE:
        m = pattern.search(text)
        if m:
            raw = m.group("n").lower()
            n = float(_NUMBER_WORDS.get(raw, raw))
            unit = m.group("unit").lower()
            years = n * 7 / 365.25 if unit.startswith("w") else n / 12
            return ExtractedFinding(
                "age", round(years, 2), "present", m.start(), m.end(), m.group(0), "rule", f"{n:g} {unit}"
            )
    for pattern, years in _AGE_WORDS:
        m = pattern.search(text)
        if m:
            return ExtractedFinding(
                "age", years, "inferred", m.start(), m.end(), m.group(0), "rule", f"a typical age for '{m.group(0)}'"
            )
    return None


def _sex_word(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    return "male" if w in _MALE else "female" if w in _FEMALE else None


def age_and_sex(text: str, subject: Subject) -> list[ExtractedFinding]:
    """The subject's age in years and sex (``female``/``male``), each with its span."""
    out: list[ExtractedFinding] = []
    young = young_age(text)
    if young is not None and (subject.relation is not None or young.status == "present"):
        out.append(young)
    if subject.relation is not None:
        m = _PROXY_RE.match(text) or _PROXY_LATER_RE.search(text, 0, 300)
        if m and not out:
            for g in ("age1", "age2", "age3"):
                if m.group(g):
                    out.append(
                        ExtractedFinding(
                            "age",
                            float(m.group(g)),
                            "present",
                            m.start(g),
                            m.end(g),
                            m.group(g),
                            "rule",
                            f"the {subject.relation}'s age",
                        )
                    )
                    break
            if not out:
                m2 = re.search(
                    r"\b(?:he|she)(?:'s| is)\s+(\d{1,3})\b(?!\s*(?:weeks?|months?|days?))|\b(?:is|aged)\s+(\d{1,3})\b(?!\s*(?:weeks?|months?|days?|mg|units?))",
                    text[:200],
                    re.I,
                )
                if m2:
                    gi = 1 if m2.group(1) else 2
                    out.append(
                        ExtractedFinding(
                            "age",
                            float(m2.group(gi)),
                            "present",
                            m2.start(gi),
                            m2.end(gi),
                            m2.group(gi),
                            "rule",
                            f"the {subject.relation}'s age",
                        )
                    )
        sex = _sex_word(subject.relation)
        if sex is None:
            pron = re.search(r"\b(he|she)\b", text, re.I)
            sex = _sex_word(pron.group(1)) if pron else None
        if sex:
            s, e = subject.span
            out.append(ExtractedFinding("sex", sex, "present", s, e, text[s:e], "rule"))
        return out
    for pattern in _AGE_PATTERNS if not out else ():
        m3 = pattern.search(text)
        if not m3:
            continue
        age = float(m3.group("age"))
        if not 0 < age <= 120:
            continue
        out.append(ExtractedFinding("age", age, "present", m3.start("age"), m3.end("age"), m3.group("age"), "rule"))
        groups = m3.groupdict()
        sex = _sex_word(groups.get("sex")) or _sex_word(groups.get("who"))
        if sex:
            key = "sex" if groups.get("sex") else "who"
            out.append(ExtractedFinding("sex", sex, "present", m3.start(key), m3.end(key), m3.group(key), "rule"))
        break
    if not any(f.field == "sex" for f in out):
        for pattern2, sex2 in _SEX_PATTERNS:
            m4 = pattern2.search(text)
            if m4:
                out.append(ExtractedFinding("sex", sex2, "present", m4.start(), m4.end(), m4.group(0), "rule"))
                break
    return out
