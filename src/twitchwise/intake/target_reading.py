# ruff: noqa: E501  (long regular expressions read better on one line)
"""From the medspaCy target spans of a narrative to findings: one per meaning of each span.

A span's status comes from its ConText modifiers (:mod:`~twitchwise.intake.context_status`);
a few readings of the words around a body part decide whether it is a site at all ("wobbly
on my feet" is balance, "ibuprofen for my back" the reason for a medicine). What a relative
has becomes family history (:mod:`~twitchwise.intake.family_history`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from twitchwise.intake.amounts import TRIGGER_BEFORE
from twitchwise.intake.context_status import FEAR_RULE_ID, fear_starts, negation_distance, read_span, under_a_fear
from twitchwise.intake.demographics import Subject
from twitchwise.intake.extracted import ExtractedFinding, Origin, Status
from twitchwise.intake.family_history import relative_findings
from twitchwise.intake.lexicon import Lexicon
from twitchwise.intake.pipeline import SPAN_GROUP
from twitchwise.intake.rule_ids import code_rule_id

# A body part followed by a negation ("face isn't drooping", "legs aren't weak", "my mouth doesn't
# twitch"), but not "won't stop"/"isn't steady", which describe the movement itself.
_NEGATED_AFTER = re.compile(
    r"\s*(?:is|are|does|do|did|has|have|was|were|feels?|looks?)?\s*(?:n't|n’t|not|nt|never)\b(?!\s+(?:stop|quit|quite|just|only|go away|settle|ease|ever|steady|still|right|normal|the same|strong enough))",
    re.I,
)
# "unsteady on my feet", "wobbly on his feet": an idiom for balance, not a body site.
_BALANCE_BEFORE = re.compile(r"\b(?:unsteady|wobbly|steady|unstable|shaky|dizzy) on (?:my|his|her|their|your) $", re.I)
# A part named as the reason for a medicine ("taking ibuprofen for my back"), for the sight
# of an eye ("lost the sight of one eye") or as touched: not where the movement is.
_NOT_A_SITE_BEFORE = re.compile(
    r"\b(?:taking|take|takes|took|taken|given|prescribed|started|on|using|use)\b[^.;!?]{0,40}\bfor (?:(?:my|his|her|their|the) )?$"
    r"|\b(?:vision|sight|eyesight|hearing)\s+(?:in|of|from)\s+(?:one|my|his|her|the|both|an?)\s+$"
    # a part touched to calm it ("touching my cheek calms it"): a trick, not a site
    r"|\b(?:touch|touching|touches|rub|rubbing|rubs|press|pressing|presses|stroke|stroking)\s+(?:lightly\s+|gently\s+)?(?:my|his|her|their|the)\s+$",
    re.I,
)
_SYMPTOM_AS_TRIGGER = re.compile(TRIGGER_BEFORE, re.I)
#: Only states that can bring a movement on are read as its trigger; a red-flag symptom
#: ("when he's short of breath") is never dropped this way.
_TRIGGER_SYMPTOMS = frozenset({"anxiety", "fatigue", "daytime_sleepiness"})
# "bottom" as a position ("bottom left eyelid", "eye lid (right, bottom)", "top and bottom"), not the buttock.
_POSITION_AFTER = re.compile(
    r"\s*(?:(?:left|right)\s+)?(?:eye\s*lids?|eyelids?|lids?|lips?|teeth|tooth|row|jaw|corner|half|part|end|of)\b", re.I
)
_POSITION_BEFORE = re.compile(r"\b(?:left|right|upper|lower|top)\s*(?:,|and|or)?\s*$", re.I)

#: Fields read as one kind of meaning when one phrase lies inside a longer one: the longer
#: phrase is the more specific reading ("heart keeps fluttering" is palpitations, not a
#: flicker; "back of my leg" is the calf, not the thigh; "thyroid removed" is surgery;
#: "sweating a lot" is a symptom, not heat; "like cola" is the colour of urine, not caffeine).
_MEANING_GROUP = {"features": "clinical", "symptoms": "clinical", "history": "clinical", "when": "clinical"}
#: How often and how long, inside a longer clinical phrase, belong to that phrase ("tired all the
#: time" says nothing about how often the movement comes); a time of day inside a rate ("most
#: evenings") still counts as both.
_ALSO_COVERS = {"clinical": ("frequency", "episode_length")}
#: Fields that only describe a symptom (where, when, how long): a negation reaches them only
#: when it stands right before them ("not in the evenings"), not across a denied symptom.
_DESCRIBING_FIELDS = frozenset({"sites", "when", "side", "frequency", "episode_length", "course", "first_noticed"})
#: Note of a circumstance named with a denied symptom (for a person; code reads ``with_denied_symptom``).
WITH_DENIED_NOTE = "said with a denied symptom"
_CONDITION_NOTE = "a condition's name is not a finding"
#: The rule id of a body part named to say it is fine (listed among a finding's modifiers).
PART_FINE_RULE_ID = code_rule_id("target_reading", "part_said_to_be_fine")


def _outermost_meanings(span: Any, spans: list[Any]) -> tuple[tuple[tuple[str, str], str], ...]:
    """The span's (meaning, rule id) pairs, less those a longer phrase around it reads differently (longest match wins)."""
    meta = span._.target_rule.metadata
    meanings: tuple[tuple[tuple[str, str], str], ...] = tuple(zip(meta["meanings"], meta["rule_ids"], strict=True))
    covered: set[str] = set()
    for other in spans:
        if other is span or not (other.start_char <= span.start_char and span.end_char <= other.end_char):
            continue
        if (other.start_char, other.end_char) == (span.start_char, span.end_char):
            continue
        other_meanings = other._.target_rule.metadata["meanings"]
        for c, _ in other_meanings:
            group = _MEANING_GROUP.get(c, c)
            covered.add(group)
            covered.update(_ALSO_COVERS.get(group, ()))
        if all(c in ("history", "when") for c, _ in other_meanings):
            # "a bad stomach bug" (an illness), "with my arms held out" (the posture): not where it moves
            covered.add("sites")
    if not covered:
        return meanings
    return tuple(((c, v), r) for (c, v), r in meanings if _MEANING_GROUP.get(c, c) not in covered or c == "condition")


def part_said_to_be_fine(text: str, end: int) -> bool:
    """Whether a body part ending at ``end`` is followed by a negation ("my face isn't drooping")."""
    return _NEGATED_AFTER.match(text, end) is not None


def _not_a_site(text: str, span: Any) -> bool:
    """Whether a body-part span names no site of the movement (balance, a medicine's reason, a position)."""
    start, end = span.start_char, span.end_char
    if _BALANCE_BEFORE.search(text, max(0, start - 40), start):
        return True  # "wobbly on my feet" is about balance, not the feet
    if _NOT_A_SITE_BEFORE.search(text, max(0, start - 70), start):
        return True
    # "bottom" as a position within another part, not the buttock
    return span.text.lower() == "bottom" and bool(
        _POSITION_AFTER.match(text, end) or _POSITION_BEFORE.search(text, max(0, start - 12), start)
    )


def _short_acronym(span: Any) -> bool:
    """ "ms", "hd" in lower case are ordinary words far more often than a condition's name."""
    return len(span.text) <= 3 and not span.text.isupper() and span.text.lower() not in ("als", "mnd")


def target_findings(doc: Any, text: str, subject: Subject, lexicon: Lexicon) -> list[ExtractedFinding]:
    """Every meaning of every target span of ``doc``, with its status, rule id and modifiers."""
    fears = fear_starts(text)
    out: list[ExtractedFinding] = []
    # Phrases such as "my dad has a tremor" are family-history targets; what they contain is the relative's.
    family_spans = [
        (sp.start_char, sp.end_char)
        for sp in doc.spans[SPAN_GROUP]
        if any(c == "history" and v.startswith("family_") for c, v in sp._.target_rule.metadata["meanings"])
    ]
    spans = list(doc.spans[SPAN_GROUP])
    for span in spans:
        meanings = _outermost_meanings(span, spans)
        if not meanings:
            continue
        start, end = span.start_char, span.end_char
        reading = read_span(span, subject)
        status, relative_denied, modifiers = reading.status, reading.relative_denied, reading.modifiers
        if all(c == "sites" for (c, _), _ in meanings):
            if status is Status.PRESENT and part_said_to_be_fine(text, end):
                status = Status.ABSENT  # "my face isn't drooping": the part is named to say it is fine
                modifiers = (*modifiers, PART_FINE_RULE_ID)
            if _not_a_site(text, span):
                continue
        with_denied = False
        if (
            status is Status.ABSENT
            and all(c in _DESCRIBING_FIELDS for (c, _), _ in meanings)
            and negation_distance(span) > 2
        ):
            status = Status.IGNORED  # "no creepy feeling in my legs in the evenings": the feeling is denied
            with_denied = True
        inside_family = any(s <= start and end <= e and (s, e) != (start, end) for s, e in family_spans)
        if inside_family and status is Status.PRESENT:
            status = Status.FAMILY
        if status is not Status.FAMILY and under_a_fear(text, fears, span.sent.start_char, start):
            status = Status.HYPOTHETICAL
            modifiers = (*modifiers, FEAR_RULE_ID)
        as_trigger = _SYMPTOM_AS_TRIGGER.search(text, max(0, start - 30), start) is not None
        literal = str(span._.target_rule.literal)
        rule_note = literal if literal.startswith("paraphrase:") else ""  # which warning-sign set read it
        for (category, value), rule_id in meanings:
            if category == "symptoms" and as_trigger and value in _TRIGGER_SYMPTOMS:
                continue  # "shakes when I'm nervous", "more when he's tired": what brings it on
            if category == "condition" and _short_acronym(span):
                continue
            base = ExtractedFinding(
                category,
                value,
                status,
                start,
                end,
                span.text,
                Origin.LEXICON,
                WITH_DENIED_NOTE if with_denied else rule_note,
                rule_id,
                modifiers,
                with_denied_symptom=with_denied,
            )
            out.extend(_as_findings(base, relative_denied, lexicon))
    return out


def _as_findings(base: ExtractedFinding, relative_denied: bool, lexicon: Lexicon) -> Iterator[ExtractedFinding]:
    """One meaning as findings: a relative's becomes family history, a condition's name is never the person's."""
    if base.status is Status.FAMILY:
        yield from relative_findings(base, not relative_denied, lexicon)
        return
    if base.field == "condition":
        status = base.status if base.status in (Status.HYPOTHETICAL, Status.REPORTED) else Status.IGNORED
        yield _with(base, status=status, note=_CONDITION_NOTE, with_denied_symptom=False)
        return
    if base.field == "history" and str(base.value).startswith("family_") and base.status is Status.ABSENT:
        yield _with(base, note="no family history")
        return
    yield base


def _with(base: ExtractedFinding, **changes: Any) -> ExtractedFinding:
    return replace(base, **changes)


def negated_circumstance_of_a_present_movement(
    doc: Any, found: tuple[ExtractedFinding, ...]
) -> Iterator[ExtractedFinding]:
    """ "No tremor while my arms rest" when the tremor is there at other times: not at rest.

    A time or circumstance named with a denied symptom is left out ("no creepy feeling in my
    legs in the evenings") unless that movement is present elsewhere in the text: then the
    denial is of the circumstance.
    """
    present = {f.value for f in found if f.field == "features" and f.used}
    for f in found:
        if f.with_denied_symptom and f.field == "when":
            sent = doc.char_span(f.start, f.end, alignment_mode="expand").sent
            denied_here = {
                g.value for g in found
                if g.field == "features" and g.status is Status.ABSENT and sent.start_char <= g.start < sent.end_char
            }  # fmt: skip
            if denied_here & present:
                f = replace(f, status=Status.ABSENT, note="", with_denied_symptom=False)
        yield f
