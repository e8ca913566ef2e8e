# ruff: noqa: E501  (long regular expressions read better on one line)
"""How a target span relates to the person: its status from the ConText modifiers that govern it.

The ConText rules themselves are data (``rules/context_rules.json``, see
:mod:`~twitchwise.intake.context_rules`); this module reads the modifiers medspaCy attached
to a span into one :class:`~twitchwise.intake.extracted.Status`, and names the rules that
applied. Fears and "what if" advice ("I'm scared it's ALS", "call 999 if...") reach to the
end of their clause and make what follows hypothetical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from twitchwise.intake.context_rules import FAMILY, HYPOTHETICAL, NEGATED, OTHER, POSSIBLE, REPORTED, SIMILE
from twitchwise.intake.demographics import Subject
from twitchwise.intake.extracted import Status
from twitchwise.intake.rule_ids import context_rule_id
from twitchwise.intake.warning_signs import PARAPHRASES

#: Findings a comparison cannot give ("my calf feels like it's on fire" is no fever).
_NOT_FROM_SIMILE = frozenset(PARAPHRASES)
# The person themself is named between "my friend" and the finding ("my friend noticed my face drooping").
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|myself|im)\b", re.I)
# "I'm scared it's ALS", "worried I have MS": what follows is a fear, not a finding.
_FEAR_RE = re.compile(
    r"\b(?P<fear>scared|afraid|terrified|worried|frightened|fear(?:ful)?|concerned|paranoid|convinced|anxious|panicking|petrified)\b(?:\s+(?:that|about|of))?\s+(?:it'?s|it is|it could be|it might be|i have|i've got|i might have|i could have|i may have|this is|its|i'?m getting|i am getting|having|getting|i'?ll|i will|i might|i may|i could|i would|i'?d|i'?m going to|i am going to|he'?ll|she'?ll|they'?ll|it'?ll|it will|it might|it could|i get|he gets|she gets|i start|i lose|i go|i stop)\b",
    re.I,
)
# Advice and "what if" ("call 999 if...", "look out for...", "do the glass test"): what follows is not a finding.
_IF_RE = re.compile(
    r"\b(?:what happens if|what if|call (?:999|911|111|112|an ambulance|a doctor|the gp)(?: straight away| immediately| now)? if|go (?:straight )?to (?:a&e|a and e|the er|the emergency department|hospital) if|seek (?:urgent )?(?:help|advice|medical help) if|get (?:urgent )?help if|tell (?:us|me|them|someone|your doctor|the gp) if|ring (?:999|111|us|the gp) if|if (?:you|i|he|she|they) (?:ever )?(?:get|gets|notice|notices|develop|develops|start|starts)|if (?:a|the|any) \w+ (?:appears|develops|starts)|watch (?:out )?for|look out for|keep an eye out for|signs to look for|should i (?:worry|watch) (?:about|for)|is it a sign of|could (?:that|this|it) (?:be|mean)|(?:do|try|use) the glass test)\b",
    re.I,
)
# A fear or "what if" reaches to the end of its clause: "I'm scared it's ALS, my calf twitches".
_CLAUSE_BREAK = re.compile(
    r"[,;:]\s*(?:and\s+|but\s+|so\s+)?(?:my|i|i'm|i've|it|it's|he|she|his|her|the|now)\b|\b(?:but|although|though|however)\b",
    re.I,
)
#: The rule id of a fear or "what if" that made a finding hypothetical (regular expressions of this module).
FEAR_RULE_ID = "code:context_status.under_a_fear"


@dataclass(frozen=True)
class SpanReading:
    """What the modifiers of a span say.

    Attributes
    ----------
    status : Status
        ``comparison``, ``reported``, ``other``, ``hypothetical``, ``family``, ``absent``,
        ``uncertain`` or ``present`` (in that order of precedence).
    relative_denied : bool
        For ``family``: the relative is said *not* to have it ("nobody in my family shakes").
    modifiers : tuple of str
        Ids of the ConText rules that applied (``context:negation:no``).
    """

    status: Status
    relative_denied: bool
    modifiers: tuple[str, ...]


def governing_modifiers(span: Any, subject: Subject) -> list[tuple[str, str]]:
    """(category, rule id) of the ConText modifiers that govern the span (not those inside the phrase itself)."""
    out: list[tuple[str, str]] = []
    for mod in span._.modifiers:
        s, e = mod.modifier_span
        if span.start <= s and e <= span.end:
            continue  # part of the phrase itself ("can't sleep", "haven't had a tetanus jab")
        words = span.doc[s:e].text.lower()
        rule_id = context_rule_id(str((mod.rule.metadata or {}).get("id", mod.rule.literal)))
        if mod.category == FAMILY and subject.relation is not None and subject.relation in words:
            continue  # the relative *is* the person this is about
        if mod.category == FAMILY and words.split()[0] in ("no", "nobody"):
            out.append((NEGATED, rule_id))
        if mod.category == OTHER:
            if subject.relation is not None and subject.relation in words:
                continue
            between = span.doc.text[span.doc[e - 1].idx : span.start_char] if e <= span.start else ""
            if _FIRST_PERSON.search(between):
                continue  # an observer telling what the person has
        if mod.category == SIMILE and not any(
            f"{c}:{v}" in _NOT_FROM_SIMILE for c, v in span._.target_rule.metadata["meanings"]
        ):
            continue  # "like a flicker under the skin" describes the movement
        out.append((mod.category, rule_id))
    return out


def read_span(span: Any, subject: Subject) -> SpanReading:
    """The status the ConText modifiers give a span, and the rules that gave it."""
    governing = governing_modifiers(span, subject)
    cats = {c for c, _ in governing}
    ids = tuple(dict.fromkeys(rule_id for _, rule_id in governing))
    if SIMILE in cats:
        return SpanReading(Status.COMPARISON, False, ids)
    if REPORTED in cats:
        return SpanReading(Status.REPORTED, False, ids)
    if OTHER in cats:
        return SpanReading(Status.OTHER, False, ids)
    if HYPOTHETICAL in cats:
        return SpanReading(Status.HYPOTHETICAL, False, ids)
    if FAMILY in cats:
        return SpanReading(Status.FAMILY, NEGATED in cats, ids)
    if NEGATED in cats:
        return SpanReading(Status.ABSENT, False, ids)
    if POSSIBLE in cats:
        return SpanReading(Status.UNCERTAIN, False, ids)
    return SpanReading(Status.PRESENT, False, ids)


def fear_starts(text: str) -> list[int]:
    """Offsets from which a fear ("scared it's") or "what if" advice governs the rest of its clause."""
    return [m.end("fear") for m in _FEAR_RE.finditer(text)] + [m.start() for m in _IF_RE.finditer(text)]


def under_a_fear(text: str, fears: list[int], sentence_start: int, start: int) -> bool:
    """Whether a fear or "what if" earlier in the sentence reaches the offset ``start``."""
    return any(sentence_start <= f <= start and not _CLAUSE_BREAK.search(text, f, start) for f in fears)


def negation_distance(span: Any) -> int:
    """Tokens between the nearest forward negation before the span and the span (0 for backward ones)."""
    best = 99
    for mod in span._.modifiers:
        if mod.category != NEGATED:
            continue
        s, e = mod.modifier_span
        if s >= span.end:
            return 0  # "evenings are fine"
        if e <= span.start:
            best = min(best, span.start - e)
    return best
