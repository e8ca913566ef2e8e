# ruff: noqa: E501  (long regular expressions and tables read better on one line)
"""Turn a narrative into a case: findings with their spans, then the case fields.

>>> parser = NarrativeParser(load_knowledge())                          # doctest: +SKIP
>>> parsed = parser.parse("34F, left eye twitching for a week, no weakness", dt.date(2025, 1, 6))  # doctest: +SKIP
>>> parsed.case["sites"], parsed.case["absent"]                        # doctest: +SKIP
(['eyelid'], ['weakness'])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import bounded_text
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.intake import amounts, timing
from twitchwise.intake.amounts import TRIGGER_BEFORE
from twitchwise.intake.case_assembly import (
    assemble_case,
    infer_course,
    infer_defaults,
    infer_single_episode,
    refine_when,
)
from twitchwise.intake.clause_rules import apply_clause_findings, clause_findings
from twitchwise.intake.context_rules import FAMILY, HYPOTHETICAL, NEGATED, OTHER, POSSIBLE, REPORTED, SIMILE
from twitchwise.intake.demographics import Subject, age_and_sex, subject_of
from twitchwise.intake.extracted import ExtractedFinding
from twitchwise.intake.laterality import coordinated_back, laterality
from twitchwise.intake.lexicon import Lexicon, build_lexicon
from twitchwise.intake.medicine_names import fuzzy_medicines
from twitchwise.intake.pipeline import SPAN_GROUP, IntakePipeline
from twitchwise.intake.reassurance import apply_reassurances, reassurances
from twitchwise.intake.warning_signs import PARAPHRASES

#: The longest narrative accepted (characters), as in the case schema.
MAX_NARRATIVE_CHARS = 10_000
#: A feature seen in a relative that means a family movement disorder.
_FAMILY_MOVEMENT_FEATURES = frozenset(
    {
        "rhythmic_shaking",
        "flowing_movements",
        "twisting_posture",
        "head_pulling",
        "vocal_sounds",
        "urge_then_relief",
        "forced_eye_closure",
    }
)
_FAMILY_HISTORY_VALUES = {"parkinsons": "family_movement_disorder"}
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
_CATEGORY_FIELDS = ("features", "when", "symptoms", "history")
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


@dataclass(frozen=True)
class ParsedNarrative:
    """What the intake understood from a narrative.

    Attributes
    ----------
    case : dict
        A case with only ``case.schema.json`` fields (including ``narrative``).
    findings : tuple of ExtractedFinding
        Everything recognised, with spans; includes what was *not* used (a fear,
        a relative's illness) with its status, so a user can see and correct it.
    recognised : bool
        False when nothing clinical was recognised (gibberish, another language).
    message : str
        A sentence for the user when ``recognised`` is False.
    """

    case: dict[str, Any]
    findings: tuple[ExtractedFinding, ...]
    recognised: bool
    message: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``{"case": ..., "findings": [...], "recognised": ..., "message": ...}``."""
        out: dict[str, Any] = {
            "case": self.case,
            "findings": [f.to_dict() for f in self.findings],
            "recognised": self.recognised,
        }
        if self.message:
            out["message"] = self.message
        if self.concerns:
            out["concerns"] = list(self.concerns)
        return out

    @property
    def concerns(self) -> tuple[str, ...]:
        """Conditions the person fears or someone else named ("I'm scared it's ALS", "the GP thinks it's a tic")."""
        seen: list[str] = []
        for f in self.findings:
            if f.field == "condition" and f.status in ("hypothetical", "reported") and f.value not in seen:
                seen.append(str(f.value))
        return tuple(seen)


def check_narrative(text: object) -> str:
    """Validate a narrative; raises :class:`InputError` naming ``narrative`` if empty or too long."""
    if not isinstance(text, str):
        raise InputError("narrative must be text", "narrative")
    if not text.strip():
        raise InputError("narrative is empty; describe the movement in a sentence or two", "narrative")
    if len(text) > MAX_NARRATIVE_CHARS:
        raise InputError(
            f"narrative is {len(text):,} characters; at most {MAX_NARRATIVE_CHARS:,} are allowed", "narrative"
        )
    # Invalid UTF-8 on a command line arrives as lone surrogates, which the tokenizer cannot hash.
    return bounded_text(text, "narrative", MAX_NARRATIVE_CHARS)


class NarrativeParser:
    """Parse narratives against one knowledge base. Build once (about a second) and reuse.

    Parameters
    ----------
    kb : KnowledgeBase
        The knowledge base whose lay phrases, medicine names and conditions make the lexicon.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lexicon: Lexicon = build_lexicon(kb)
        self.pipeline = IntakePipeline(self.lexicon)

    def parse(self, text: str, today: dt.date) -> ParsedNarrative:
        """Understand one narrative.

        Parameters
        ----------
        text : str
            What the person wrote (1 to 10,000 characters).
        today : datetime.date
            Reference date for relative dates ("since Monday").

        Returns
        -------
        ParsedNarrative

        Raises
        ------
        InputError
            If the text is empty or longer than 10,000 characters.
        """
        text = check_narrative(text)
        doc = self.pipeline(text)
        subject = subject_of(text)
        found: list[ExtractedFinding] = []
        found += self._targets(doc, text, subject)
        found += _same_in_family(doc, found, subject)
        found += reassurances(text)
        found += clause_findings(text)
        found += age_and_sex(text, subject)
        found += timing.onset_candidates(text, today)
        found += timing.episode_length(text)
        found += timing.frequency(text)
        for extractor in (amounts.caffeine, amounts.sleep, amounts.stress, amounts.alcohol):
            found += extractor(text)
        taken = [(f.start, f.end) for f in found if f.source == "lexicon"]
        found += fuzzy_medicines(doc, self.lexicon.medicine_names, taken)
        found = _negated_circumstance_of_a_present_movement(doc, found)
        found = apply_reassurances(found)
        found = apply_clause_findings(found)
        found += coordinated_back(doc, found)
        found += laterality(doc, found)
        found.sort(key=lambda f: (f.start, f.end))
        case = assemble_case(text, found)
        found += refine_when(case, found)
        found += infer_course(text, case, found)
        found += infer_single_episode(text, case)
        found += infer_defaults(text, case, found)
        clinical = [k for k in ("features", "symptoms", "sites", "when", "history", "absent") if case.get(k)]
        if not clinical:
            message = (
                "Nothing in this text was recognised as a symptom or body part, so it cannot be assessed. "
                "Try describing it in English (what moves, where, since when), or answer the questions of "
                "`twitchwise check`."
            )
            return ParsedNarrative(case, tuple(found), False, message)
        return ParsedNarrative(case, tuple(found), True)

    # -- targets from the medspaCy pipeline ------------------------------------------------
    def _targets(self, doc: Any, text: str, subject: Subject) -> list[ExtractedFinding]:
        fears = [m.end("fear") for m in _FEAR_RE.finditer(text)] + [m.start() for m in _IF_RE.finditer(text)]
        out: list[ExtractedFinding] = []
        # Phrases such as "my dad has a tremor" are family-history targets; what they contain is the relative's.
        family_spans = [
            (sp.start_char, sp.end_char)
            for sp in doc.spans[SPAN_GROUP]
            if any(c == "history" and v.startswith("family_") for c, v in sp._.target_rule.metadata["meanings"])
        ]
        spans = list(doc.spans[SPAN_GROUP])
        for span in spans:
            meanings: tuple[tuple[str, str], ...] = _outermost_meanings(span, spans)
            if not meanings:
                continue
            start, end = span.start_char, span.end_char
            status = self._status(span, subject)
            if all(c == "sites" for c, _ in meanings):
                if status == "present" and _NEGATED_AFTER.match(text, end):
                    status = "absent"  # "my face isn't drooping": the part is named to say it is fine
                if _BALANCE_BEFORE.search(text, max(0, start - 40), start):
                    continue  # "wobbly on my feet" is about balance, not the feet
                if _NOT_A_SITE_BEFORE.search(text, max(0, start - 70), start):
                    continue
                if span.text.lower() == "bottom" and (
                    _POSITION_AFTER.match(text, end) or _POSITION_BEFORE.search(text, max(0, start - 12), start)
                ):
                    continue  # a position within another part, not the buttock
            describing = all(c in _DESCRIBING_FIELDS for c, _ in meanings)
            negated_with_symptom = False
            if status == "absent" and describing and _negation_distance(span) > 2:
                status = "ignored"  # "no creepy feeling in my legs in the evenings": the feeling is denied
                negated_with_symptom = True
            inside_family = any(s <= start and end <= e and (s, e) != (start, end) for s, e in family_spans)
            if inside_family and status == "present":
                status = "family"
            sent_start = span.sent.start_char
            if status not in ("family", "family_absent") and any(
                sent_start <= f <= start and not _CLAUSE_BREAK.search(text, f, start) for f in fears
            ):
                status = "hypothetical"
            as_trigger = _SYMPTOM_AS_TRIGGER.search(text, max(0, start - 30), start) is not None
            literal = str(span._.target_rule.literal)
            rule_note = literal if literal.startswith("paraphrase:") else ""  # which warning-sign set read it
            for category, value in meanings:
                if category == "symptoms" and as_trigger and value in _TRIGGER_SYMPTOMS:
                    continue  # "shakes when I'm nervous", "more when he's tired": what brings it on
                if (
                    category == "condition"
                    and len(span.text) <= 3
                    and not span.text.isupper()
                    and span.text.lower() not in ("als", "mnd")
                ):
                    continue  # "ms", "hd" in lower case are ordinary words far more often
                out.extend(
                    self._finding(
                        category,
                        value,
                        status,
                        start,
                        end,
                        span.text,
                        _WITH_DENIED if negated_with_symptom else rule_note,
                    )
                )
        return out

    @staticmethod
    def _status(span: Any, subject: Subject) -> str:
        cats = NarrativeParser._categories(span, subject)
        if SIMILE in cats:
            return "comparison"
        if REPORTED in cats:
            return "reported"
        if OTHER in cats:
            return "other"
        if HYPOTHETICAL in cats:
            return "hypothetical"
        if FAMILY in cats:
            return "family_absent" if NEGATED in cats else "family"
        if NEGATED in cats:
            return "absent"
        if POSSIBLE in cats:
            return "uncertain"
        return "present"

    @staticmethod
    def _categories(span: Any, subject: Subject) -> set[str]:
        """ConText categories that govern the span (not those inside the phrase itself)."""
        cats: set[str] = set()
        for mod in span._.modifiers:
            s, e = mod.modifier_span
            if span.start <= s and e <= span.end:
                continue  # part of the phrase itself ("can't sleep", "haven't had a tetanus jab")
            words = span.doc[s:e].text.lower()
            if mod.category == FAMILY and subject.relation is not None and subject.relation in words:
                continue  # the relative *is* the person this is about
            if mod.category == FAMILY and words.split()[0] in ("no", "nobody"):
                cats.add(NEGATED)
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
            cats.add(mod.category)
        return cats

    def _finding(
        self, category: str, value: str, status: str, start: int, end: int, text: str, note: str = ""
    ) -> Iterable[ExtractedFinding]:
        negated_family = False
        if status in ("family", "family_absent"):
            relative_has = status == "family"
            status = "family"
            family_value: str | None = None
            if category == "condition":
                family_value = self.lexicon.family_finding_for_condition.get(value)
            elif category == "features" and value in _FAMILY_MOVEMENT_FEATURES:
                family_value = "family_movement_disorder"
            elif category == "history":
                family_value = value if value.startswith("family_") else _FAMILY_HISTORY_VALUES.get(value)
            if family_value is None:
                yield ExtractedFinding(
                    category, value, "family", start, end, text, "lexicon", "said of a relative: not used"
                )
                return
            yield ExtractedFinding(category, value, "family", start, end, text, "lexicon", "said of a relative")
            yield ExtractedFinding(
                "history",
                family_value,
                "present" if relative_has else "absent",
                start,
                end,
                text,
                "lexicon",
                "family history",
            )
            return
        if category == "history" and value.startswith("family_") and status == "absent":
            negated_family = True
        if category == "condition":
            yield ExtractedFinding(
                category,
                value,
                status if status in ("hypothetical", "reported") else "ignored",
                start,
                end,
                text,
                "lexicon",
                "a condition's name is not a finding",
            )
            return
        yield ExtractedFinding(
            category, value, status, start, end, text, "lexicon", "no family history" if negated_family else note
        )


#: Fields read as one kind of meaning when one phrase lies inside a longer one: the longer
#: phrase is the more specific reading ("heart keeps fluttering" is palpitations, not a
#: flicker; "back of my leg" is the calf, not the thigh; "thyroid removed" is surgery;
#: "sweating a lot" is a symptom, not heat; "like cola" is the colour of urine, not caffeine).
_MEANING_GROUP = {"features": "clinical", "symptoms": "clinical", "history": "clinical", "when": "clinical"}
#: How often and how long, inside a longer clinical phrase, belong to that phrase ("tired all the
#: time" says nothing about how often the movement comes); a time of day inside a rate ("most
#: evenings") still counts as both.
_ALSO_COVERS = {"clinical": ("frequency", "episode_length")}


def _outermost_meanings(span: Any, spans: list[Any]) -> tuple[tuple[str, str], ...]:
    """The span's meanings, less those a longer phrase around it reads differently (longest match wins)."""
    meanings: tuple[tuple[str, str], ...] = span._.target_rule.metadata["meanings"]
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
    return tuple((c, v) for c, v in meanings if _MEANING_GROUP.get(c, c) not in covered or c == "condition")


#: Fields that only describe a symptom (where, when, how long): a negation reaches them only
#: when it stands right before them ("not in the evenings"), not across a denied symptom.
_DESCRIBING_FIELDS = frozenset({"sites", "when", "side", "frequency", "episode_length", "course", "first_noticed"})


_WITH_DENIED = "said with a denied symptom"


def _negated_circumstance_of_a_present_movement(doc: Any, found: list[ExtractedFinding]) -> list[ExtractedFinding]:
    """ "No tremor while my arms rest" when the tremor is there at other times: not at rest.

    A time or circumstance named with a denied symptom is left out ("no creepy feeling in my
    legs in the evenings") unless that movement is present elsewhere in the text: then the
    denial is of the circumstance.
    """
    present = {f.value for f in found if f.field == "features" and f.status in ("present", "uncertain")}
    out = []
    for f in found:
        if f.note == _WITH_DENIED and f.field == "when":
            sent = doc.char_span(f.start, f.end, alignment_mode="expand").sent
            denied_here = {
                g.value for g in found
                if g.field == "features" and g.status == "absent" and sent.start_char <= g.start < sent.end_char
            }  # fmt: skip
            if denied_here & present:
                f = replace(f, status="absent", note="")
        out.append(f)
    return out


def _negation_distance(span: Any) -> int:
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


_SAME_RE = re.compile(r"\b(?:the same|it too|them too|this too|as well|similar)\b", re.I)


def _same_in_family(doc: Any, found: list[ExtractedFinding], subject: Subject) -> list[ExtractedFinding]:
    """ "My mum and her sister have the same": a relative with the person's movement problem."""
    movement = any(
        f.field == "features" and f.value in _FAMILY_MOVEMENT_FEATURES and f.status in ("present", "uncertain")
        for f in found
    )
    graph = getattr(doc._, "context_graph", None)
    if not movement or graph is None:
        return []
    out: list[ExtractedFinding] = []
    for mod in graph.modifiers:
        if mod.category != FAMILY:
            continue
        s, e = mod.modifier_span
        words = doc[s:e].text.lower()
        if (subject.relation is not None and subject.relation in words) or words.split()[0] in ("no", "nobody"):
            continue
        sent = doc[s].sent
        if any(f.field == "history" and sent.start_char <= f.start < sent.end_char for f in found):
            continue
        if _SAME_RE.search(sent.text):
            out.append(
                ExtractedFinding(
                    "history",
                    "family_movement_disorder",
                    "present",
                    doc[s].idx,
                    doc[e - 1].idx + len(doc[e - 1].text),
                    doc[s:e].text,
                    "rule",
                    "a relative has the same",
                )
            )
            break
    return out
