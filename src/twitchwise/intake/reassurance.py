# ruff: noqa: E501  (long regular expressions read better on one line)
"""Plain statements that something works normally: the matching finding is absent.

People rarely write "no urinary retention"; they write "peeing normally", "my wee looks a
normal colour", "I can breathe OK", "my thinking is clear". Each pattern here is such a
statement about one function, and gives that function's finding as *absent*.

A lexicon finding of the same value inside the statement ("resting in my lap" in "with my
hands resting in my lap they stay still") is the subject of the statement, not a
finding; so is a body part named in it ("my mouth opens fine" says nothing about
where a movement is). :func:`apply_reassurances` marks both absent.
"""

from __future__ import annotations

import re
from dataclasses import replace

from twitchwise.intake.extracted import ExtractedFinding, Status

_OK = r"(?:fine|normal|normally|ok|okay|alright|all right|good|clear|as usual)"
_NOT = r"(?<!n't )(?<!not )(?<!never )(?<!barely )(?<!hardly )"
# A qualified ability is not a normal one: "I can still walk, but slowly", "can still do the
# stairs with a stick" say there is a problem. The strength patterns below end with this check.

#: (pattern, field, value): a statement that the function is normal -> ``field:value`` absent.
REASSURANCES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(
            r"\b(?:strength|grip|power)(?: is| feels| seems| has been)?(?: \w+){0,2} (?:fine|normal|ok|okay|good|strong|unaffected|the same)\b|\b(?:normal|full|good|fine) (?:strength|power|grip)\b|\bstrength wise\b|\bstrength-wise\b",
            re.I,
        ),
        "symptoms",
        "weakness",
    ),
    (
        re.compile(
            r"\b(?:leg|legs|arm|arms|hand|hands|muscles?) (?:feels?|is|are|seems?) (?:strong|fine|normal)\b|\bfeels? strong\b|\bcan still (?:run|walk|grip|lift|play|climb|train|do)\b(?![^.;!?]{0,30}?\b(?:slowly|slower|only just|just about|with (?:difficulty|help|a stick|a frame)|holding on|but|not (?:far|for long)|barely)\b)|\bstill (?:play|run|train|lift|climb|go to the gym)\b(?![^.;!?]{0,30}?\b(?:slowly|slower|only just|just about|with (?:difficulty|help|a stick|a frame)|holding on|but|not (?:far|for long)|barely)\b)|\bnot weak\b",
            re.I,
        ),
        "symptoms",
        "weakness",
    ),
    (
        re.compile(
            r"\b(?:look|looks|are|is) the same size\b|\bhaven'?t (?:got|gotten|become) (?:thinner|smaller)\b|\bno (?:muscle )?(?:wasting|shrinking|thinning)\b|\bno muscles? (?:shrinking|wasting|thinning|loss)\b|\bnot (?:got )?(?:thinner|smaller|wasting)\b",
            re.I,
        ),
        "symptoms",
        "muscle_wasting",
    ),
    (
        re.compile(
            rf"\b(?:peeing|weeing|pooing|urinating|passing water|bladder|bowels?|waterworks|toilet)(?: (?:and|&|or) (?:peeing|weeing|pooing|pooping|bowels?|bladder))? (?:is |are |has been |have been |seems? )?(?:working )?{_OK}\b|\b(?:can|i can) (?:pee|wee|pass water)(?: \w+)? {_OK}\b",
            re.I,
        ),
        "symptoms",
        "bladder_bowel_problems",
    ),
    (
        re.compile(
            r"\b(?:wee|pee|urine|piss)(?: is| looks| has been|'s)?(?: a)? (?:normal|fine|clear|ok|okay|usual)(?: colou?r)?\b|\bnormal[- ]colou?red (?:wee|pee|urine)\b|\b(?:wee|pee|urine)(?: is|'s)? ?(?:n't|not|isnt) (?:dark|brown)\b",
            re.I,
        ),
        "symptoms",
        "dark_urine",
    ),
    (
        re.compile(
            rf"\b(?:thinking|mind|head) (?:is|feels|seems|has been) (?:clear|sharp|fine|normal)\b|{_NOT}\bthinking (?:clearly|straight)\b",
            re.I,
        ),
        "symptoms",
        "confusion",
    ),
    (
        re.compile(
            rf"{_NOT}\b(?:i |he |she )?can breathe(?: and swallow)?(?: \w+)? {_OK}\b|\bbreathing (?:is |'s |has been )?{_OK}\b",
            re.I,
        ),
        "symptoms",
        "breathing_difficulty",
    ),
    (
        re.compile(
            rf"{_NOT}\b(?:i |he |she )?can (?:breathe and )?swallow(?: \w+)? {_OK}\b|\bswallowing (?:is |'s |has been )?{_OK}\b",
            re.I,
        ),
        "symptoms",
        "swallowing_difficulty",
    ),
    (
        re.compile(rf"{_NOT}\bcan open my (?:mouth|jaw)(?: \w+)? (?:{_OK}|properly|wide)\b", re.I),
        "symptoms",
        "jaw_stiffness",
    ),
    (
        re.compile(
            r"\b(?:mornings|in the mornings?) (?:are|is|i'?m|it'?s)(?: \w+)? (?:fine|normal|ok|okay|good)\b|\bfine in the mornings?\b",
            re.I,
        ),
        "when",
        "on_waking",
    ),
    (
        re.compile(
            r"\b(?:resting|at rest|in my lap|on my knee|on the table|sitting still)\b[^.;]{0,25}?\b(?:they'?re|it'?s|they are|it is|are|is|stays?|keeps?) (?:completely |totally |perfectly |quite )?(?:still|steady)\b|\b(?:still|steady) (?:when|while|at) (?:rest|resting)\b",
            re.I,
        ),
        "when",
        "at_rest",
    ),
    (
        re.compile(
            r"\b(?:cool|cold|chilly|mild) (?:day|evening|morning|night|weather)\b|\b(?:it )?(?:wasn'?t|was not|isn'?t) (?:hot|warm)\b",
            re.I,
        ),
        "when",
        "in_heat",
    ),
    (
        re.compile(
            r"\b(?:cool|cold|chilly|mild) (?:day|evening|morning|night|weather)\b|\b(?:it )?(?:wasn'?t|was not|isn'?t) (?:hot|warm)\b",
            re.I,
        ),
        "exposure",
        "hot_environment",
    ),
    (
        # A reading below a fever (NHS: 38 °C or above is a high temperature; 100.4 °F), or a
        # temperature said to be normal: "temp 37.4", "temperature was 99 F", "her temp's normal".
        re.compile(
            rf"\b(?:temp|temperature)(?:'s| is| was| of| reading| read| at| has been| came back| came down to| went down to)?(?: (?:only|just|about|around|roughly|a normal))? (?:3[0-7](?:[.,]\d+)?|9[5-9](?:[.,]\d+)?|100(?:[.,][0-3]\d*)?)(?![.,]?\d)\s*(?:°\s*)?(?:c|f|degrees|celsius|fahrenheit)?(?!\w)|\b(?:temp|temperature)(?:'s| is| was| has been| seems)? (?:{_OK}|back to normal|down|normal now)\b|\bnormal (?:temp|temperature)\b",
            re.I,
        ),
        "symptoms",
        "fever",
    ),
    (
        re.compile(
            rf"\b(?:vision|eyesight|sight)(?: itself)?(?: is| 's|'s| has been| seems| feels)?(?: (?:completely|totally|absolutely|perfectly|still|otherwise))? (?:{_OK}|perfect|sharp|unchanged)\b",
            re.I,
        ),
        "symptoms",
        "vision_change",
    ),
    (
        re.compile(rf"\b(?:speech|talking|speaking) (?:is |'s |has been |seems )?{_OK}\b", re.I),
        "symptoms",
        "slurred_speech",
    ),
    (
        re.compile(r"\b(?:i'?m|i am|he'?s|she'?s|he is|she is) not (?:slow|slowed down)\b", re.I),
        "symptoms",
        "slowness",
    ),
)


#: The rule id of a statement of normal function (what :func:`apply_reassurances` reads).
RULE_ID = "code:reassurance.reassurances"


def reassurances(text: str) -> list[ExtractedFinding]:
    """Every statement of normal function in ``text``, as an absent finding with its span."""
    out = []
    for pattern, fld, value in REASSURANCES:
        for m in pattern.finditer(text):
            out.append(
                ExtractedFinding(
                    fld, value, "absent", m.start(), m.end(), m.group(0), "rule", "said to be normal", RULE_ID
                )
            )
    return out


def apply_reassurances(found: list[ExtractedFinding]) -> list[ExtractedFinding]:
    """Mark absent what a statement of normal function is *about*: the same finding, or a body part.

    Parameters
    ----------
    found : list of ExtractedFinding
        Everything extracted, including :func:`reassurances`.

    Returns
    -------
    list of ExtractedFinding
        The same findings; a present lexicon finding of the statement's value, or a body
        site, lying inside a statement is turned ``absent``.
    """
    spans = [(f.start, f.end, f.value) for f in found if f.rule_id == RULE_ID]
    if not spans:
        return found
    out = []
    for f in found:
        if f.source == "lexicon" and f.status in ("present", "uncertain"):
            inside = [v for s, e, v in spans if s <= f.start and f.end <= e]
            overlapping = [v for s, e, v in spans if f.start < e and s < f.end]
            if (inside and f.field == "sites") or f.value in overlapping:
                f = replace(f, status=Status.ABSENT, note="named in a statement that it is normal")
        out.append(f)
    return out
