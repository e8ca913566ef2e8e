# ruff: noqa: E501  (long regular expressions read better on one line)
"""Findings told across a clause rather than in one fixed phrase.

The lexicon matches phrases word for word, so it cannot see a finding whose words are
spread over a clause with other words between them: "my lips and fingers are all
tingling" (tingling around the mouth), "my heart feels as if it's fluttering"
(palpitations), "I drank 60 units a week and then stopped" (a recent stop of
alcohol), "the last tetanus jab I had was at school" (tetanus not up to date). Each rule here
is one such construction; a negation just before it ("no tingling in my lips") makes
the finding absent.

The words a rule reads as its finding are that finding's: a lexicon finding of a
*movement* inside a palpitations clause ("fluttering" of the heart) is not a movement.
"""

from __future__ import annotations

import re
from dataclasses import replace

from twitchwise.intake.extracted import ExtractedFinding

_TINGLE = r"(?:tingl\w*|numb(?:ness)?|pins and needles|fizz(?:y|ing))"
_MOUTH = r"(?:lips?|mouth)"
#: Up to three words of a listed body part ("and fingertips", "and my hands").
_AND_PART = r"(?:\s*(?:,|and|&)\s+(?:my\s+|his\s+|her\s+|the\s+)?[a-z]+){0,2}"
_REGION = r"(?:thighs|shoulders|arms|legs|hips|neck|back|calves|muscles|joints)"
_COPULA = r"(?:\s+(?:are|is|were|was|went|go|goes|going|feel|feels|felt|got|get|gets|started|start|keep|keeps|have been|has been|had been|aren'?t|isn'?t|weren'?t|wasn'?t|don'?t|doesn'?t|didn'?t|are not|is not|do not|does not|did not)(?:\s+(?:feel|feeling|go|going|get|getting))?)?(?:\s+(?:all|really|very|so|a bit|slightly|kind of|sort of|at all))?"

#: (pattern, field, value, fields its span takes over): see the module docstring.
CLAUSE_RULES: tuple[tuple[re.Pattern[str], str, str, frozenset[str]], ...] = (
    (
        # "my lips and fingers are all tingling", "lips tingled", "tingling in my lips and hands"
        re.compile(
            rf"\b{_MOUTH}{_AND_PART}{_COPULA}\s+{_TINGLE}\b|\b{_TINGLE}\s+(?:in|around|of|on)\s+(?:my\s+|his\s+|her\s+|the\s+)?{_MOUTH}\b",
            re.I,
        ),
        "symptoms",
        "perioral_tingling",
        frozenset(),
    ),
    (
        # "my heart feels as if it's fluttering", "heart racing and skipping"
        re.compile(
            r"\bheart(?:beat)?(?:\s+(?:feels|felt|is|was|has been|keeps|kept|goes|went|starts|started|like|it'?s|it is|it was|as if|going|been|really|all|over|and|suddenly|isn'?t|wasn'?t|hasn'?t been|not|doesn'?t feel)){0,4}\s+(?:racing|races|raced|flutter\w*|pounding|pounds|pounded|thumping|thumps|skipping|skips|skipped|missing beats|jumping|beating (?:fast|hard|really fast|irregularly|all over the place)|irregular)\b",
            re.I,
        ),
        "symptoms",
        "palpitations",
        frozenset({"features"}),
    ),
    (
        # "I was drinking 80 units a week and stopped", "I used to drink heavily but quit on Monday"
        re.compile(
            r"\b(?:drinking|drank|drink(?:er)? heavily|alcohol|booze|units a (?:day|week))\b[^.;!?]{0,50}?\b(?:stopped|quit|gave (?:it )?up|cut it out|went cold turkey)\b(?!\s+(?:smoking|coffee|caffeine))",
            re.I,
        ),
        "history",
        "recent_alcohol_stop",
        frozenset(),
    ),
    (
        # "only when I write, everything else is fine", "when I'm typing ... writing is fine": one task
        re.compile(
            r"\b(?:when|while) (?:i'?m |i am |i |he |she |he'?s |she'?s )?(?:writ\w*|typ\w*|sign\w* my name|play\w* (?:the )?(?:piano|guitar|violin|golf|drums|flute|cello))\b[^!?]{0,160}?[.,;]?\s*(?:but\s+)?(?:(?:typing|writing|everything else|anything else|other things|the rest|using (?:it|them|my hands?) otherwise)(?: is| are| feels?)? (?:fine|normal|ok|okay)|fine (?:doing|with) (?:anything|everything) else|otherwise (?:it'?s |they'?re )?fine|fine otherwise)\b",
            re.I,
        ),
        "features",
        "task_specific",
        frozenset(),
    ),
    (
        # "in the second half", "near the end of the third set", "on the last lap": a part of a game or race
        re.compile(
            r"\b(?:in|during|near the end of|at the end of|towards the end of|on|by) the (?:first|second|third|fourth|fifth|final|last|closing|opening) (?:half|set|quarter|period|lap|mile|round|innings|leg|game|km|kilometre|length|rep|reps|set of \w+)s?\b(?! of (?:the |this |last )?(?:year|month|week|day|night|term|semester|book|film))",
            re.I,
        ),
        "when",
        "during_exercise",
        frozenset(),
    ),
    (
        # "my thighs and shoulders ache", "my neck, back and arms are sore": aching in several regions
        re.compile(
            rf"\b{_REGION}(?:\s*(?:,|and|&)\s*(?:my\s+|his\s+|her\s+)?{_REGION})+\s+(?:all\s+)?(?:ache|aches|are aching|are achy|are sore|hurt|are painful)\b",
            re.I,
        ),
        "symptoms",
        "muscle_pain_widespread",
        frozenset(),
    ),
    (
        # "in 33 degrees", "it was 35°C": a hot day (not a body temperature)
        re.compile(
            r"(?<!temperature )(?<!temp )\b(?:in|it was|it's|it is|about|over)\s+(?:2[89]|[34]\d)\s*(?:degrees|°\s*c?|deg)\b",
            re.I,
        ),
        "when",
        "in_heat",
        frozenset(),
    ),
    (
        re.compile(
            r"(?<!temperature )(?<!temp )\b(?:in|it was|it's|it is|about|over)\s+(?:2[89]|[34]\d)\s*(?:degrees|°\s*c?|deg)\b",
            re.I,
        ),
        "exposure",
        "hot_environment",
        frozenset(),
    ),
    (
        # "pain shooting from my lower back", "pain going down from my back" (not "the back of my leg")
        re.compile(
            r"\bpain\s+(?:\w+\s+){0,2}(?:from|in|across|around)\s+(?:my|his|her|the)\s+(?:lower\s+|upper\s+|middle\s+)?back\b(?!\s+of\b)",
            re.I,
        ),
        "symptoms",
        "back_pain",
        frozenset(),
    ),
    (
        # "I've lost 6kg", "lost about 10 pounds without trying"
        re.compile(
            r"\blost\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+|more than\s+)?\d+(?:\.\d+)?\s*(?:kg|kgs|kilos?|kilograms?|pounds|lbs?|stones?|st)\b",
            re.I,
        ),
        "symptoms",
        "weight_loss",
        frozenset(),
    ),
    (
        # "my feet jerk again and again asleep", "no kicking or jerking asleep": movements in sleep
        re.compile(
            r"\b(?:kick|kicks|kicking|kicked|jerk|jerks|jerking|jerked)(?:\s+(?:or|and)\s+(?:kick|kicks|kicking|jerk|jerks|jerking|twitch|twitching))?(?:\s+(?:over and over|about|around|a lot|all the time|regularly))?\s+(?:in (?:my|his|her|their) sleep|all night|through the night)\b",
            re.I,
        ),
        "features",
        "periodic_in_sleep",
        frozenset({"features"}),
    ),
    (
        # "my lip doesn't join in", "nothing else on my face": it does not spread
        re.compile(
            r"\b(?:mouth|cheek|face|lip)s?\s+(?:doesn'?t|does not|don'?t|do not|isn'?t|is not|never)\s+(?:\w+\s+)?(?:twitch|move|pull|jump|join)\w*|\bnothing else (?:on|in|of) (?:my|his|her|the) face\b",
            re.I,
        ),
        "features",
        "spreads_one_side_face",
        frozenset(),
    ),
    (
        # "last tetanus jab was at school", "my last tetanus shot was years ago"
        re.compile(
            r"\blast tetanus(?:\s+(?:jab|shot|injection|booster|vaccine|vaccination))?\s+(?:was\s+)?(?:at school|in school|as a (?:child|kid|teenager|teen)|when i was (?:a )?(?:child|kid|little|young|at school|a teenager)|years ago|ages ago|decades ago|a long time ago|(?:over |more than )?(?:10|ten|\d\d) years ago)\b",
            re.I,
        ),
        "history",
        "tetanus_not_up_to_date",
        frozenset(),
    ),
)
#: A negation in the few words before a clause ("no tingling in my lips"), or inside it ("my heart isn't racing").
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|without|nor|n't|isn't|aren't|wasn't|haven't|hasn't|don't|doesn't|didn't)\s+(?:\w+\s+){0,2}$",
    re.I,
)
_NEGATION_INSIDE = re.compile(
    r"\b(?:not|never|isn'?t|aren'?t|wasn'?t|weren'?t|hasn'?t|don'?t|doesn'?t|didn'?t)\b", re.I
)


def clause_findings(text: str) -> list[ExtractedFinding]:
    """Every finding a :data:`CLAUSE_RULES` construction states, with its span and status."""
    out: list[ExtractedFinding] = []
    for pattern, fld, value, _ in CLAUSE_RULES:
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            negated = (
                _NEGATION_BEFORE.search(before)
                or (value != "task_specific" and _NEGATION_INSIDE.search(m.group(0)))
                or m.group(0).lower().startswith("nothing else")
            )
            status = "absent" if negated else "present"
            out.append(
                ExtractedFinding(fld, value, status, m.start(), m.end(), m.group(0), "rule", "told across a clause")
            )
    return out


def apply_clause_findings(found: list[ExtractedFinding]) -> list[ExtractedFinding]:
    """Drop a lexicon finding that a clause rule reads as its own (the heart's "fluttering" is not a flicker).

    Also drops a clause finding the lexicon already found with the same value and status
    in the same place, so one statement gives one finding.
    """
    takes = {(fld, value): fields for _, fld, value, fields in CLAUSE_RULES}
    clauses = [f for f in found if f.source == "rule" and f.note == "told across a clause"]
    if not clauses:
        return found
    out: list[ExtractedFinding] = []
    for f in found:
        if (
            f.source == "lexicon"
            and f.status in ("present", "uncertain", "absent")
            and any(
                c.start <= f.start and f.end <= c.end and f.field in takes[(c.field, str(c.value))] for c in clauses
            )
        ):
            out.append(replace(f, status="ignored", note="part of a longer statement"))
            continue
        out.append(f)
    return out
