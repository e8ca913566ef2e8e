"""What the intake extracts from a narrative: one finding with the text span and the rule it came from.

Rule ids
--------
Every finding carries ``rule_id``, the entry that produced it, as ``<kind>:<where>``; a
reader can find "why was X extracted" from it alone (``twitchwise parse --explain``):

``lexicon:findings.yaml#<field>:<value>``
    a lay phrase (or a generated inflection of one) of that finding in
    ``knowledge/data/findings.yaml``;
``lexicon:medications.yaml#<name>`` and ``lexicon:conditions/<id>.yaml#names``
    a medicine name, and a condition's name or lay name;
``paraphrase:<field>:<value>``
    a warning-sign paraphrase of ``intake/rules/warning_sign_paraphrases.yaml``;
``clause:<id>``
    a construction of ``intake/rules/clause_rules.yaml``;
``code:<module>.<function>``
    a pattern of the intake's own code (amounts, durations, ages, sides, inferred defaults),
    in ``src/twitchwise/intake/<module>.py``.

ConText modifiers that governed a finding are listed in ``modifiers`` by their ids in
``intake/rules/context_rules.json`` (``context:<group>:<literal>``, e.g. ``context:negation:no``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """How the narrative relates a mention to the person."""

    #: the person has it
    PRESENT = "present"
    #: the person says they do not
    ABSENT = "absent"
    #: hedged ("maybe a bit weak"), kept as present for safety
    UNCERTAIN = "uncertain"
    #: a fear or question ("I'm scared it's ALS"), not used
    HYPOTHETICAL = "hypothetical"
    #: said of a relative (becomes a family-history finding or is dropped)
    FAMILY = "family"
    #: recognised but not a finding of the person (e.g. a condition's name)
    IGNORED = "ignored"
    #: not stated, filled in from what was said (e.g. a jerk lasts under a second)
    INFERRED = "inferred"
    #: said of someone who is neither the person nor a blood relative ("my friend")
    OTHER = "other"
    #: what someone else thinks it is ("the GP thinks it's a tic"), not used
    REPORTED = "reported"
    #: inside a comparison ("feels like it's on fire"), not used
    COMPARISON = "comparison"


#: Statuses whose finding is the person's and counts as present in the case.
USED = frozenset({Status.PRESENT, Status.UNCERTAIN})
#: Every status, in the order of :class:`Status`.
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)


class Origin(StrEnum):
    """What kind of rule found it."""

    #: a knowledge-base lay phrase or warning-sign paraphrase, via the medspaCy target matcher
    LEXICON = "lexicon"
    #: a pattern of the intake (a clause rule, amounts, durations, ages)
    RULE = "rule"
    #: inferred, not stated (see :mod:`~twitchwise.intake.case_inference`)
    DEFAULT = "default"


class RuleKind(StrEnum):
    """The part of a ``rule_id`` before the first colon."""

    LEXICON = "lexicon"
    PARAPHRASE = "paraphrase"
    CLAUSE = "clause"
    CODE = "code"
    NONE = ""


@dataclass(frozen=True, init=False)
class ExtractedFinding:
    """One thing the intake understood, with where it came from.

    Attributes
    ----------
    field : str
        The case field it fills: ``features``, ``when``, ``symptoms``, ``history``,
        ``sites``, ``side``, ``episode_length``, ``frequency``, ``course``,
        ``first_noticed_days``, ``exposures.caffeine_mg_day`` (and the other exposures),
        ``medications``, ``age``, ``sex``, or ``condition`` (a named condition; never a
        finding of the person by itself).
    value : Any
        The vocabulary value, number (units as in the case schema) or name.
    status : Status
        How the text relates it to the person (a plain string is converted).
    start, end : int
        Character offsets of the span in the narrative (``text[start:end]``).
    text : str
        The span's text.
    origin : Origin
        What kind of rule found it (a plain string is converted); ``source`` in JSON.
    note : str
        Why, in a few words for a person (e.g. ``"5 coffee x 95 mg"``); empty when obvious.
        Never read by code.
    rule_id : str
        The rule or lexicon entry that produced it (see the module docstring).
    modifiers : tuple of str
        Ids of the ConText rules that governed it (``context:negation:no``).
    fallback : bool
        A guess from wording ("keeps twitching" = many times a day): any finding that
        states the value wins over it.
    with_denied_symptom : bool
        A circumstance named with a denied symptom ("no creepy feeling in my legs in the
        evenings"): left out, unless that movement is present elsewhere in the text.
    counts_as : str or None
        Set by a stage that read the whole story: the value the case counts this finding as
        instead of ``value`` ("at night" with an urge to move the legs is the evening), or
        ``""`` for nothing (a drink named beside a movement in sleep is no trigger).
    """

    field: str
    value: Any
    status: Status
    start: int
    end: int
    text: str
    origin: Origin = Origin.LEXICON
    note: str = ""
    rule_id: str = ""
    modifiers: tuple[str, ...] = ()
    fallback: bool = False
    with_denied_symptom: bool = False
    counts_as: str | None = None

    def __init__(
        self,
        field: str,
        value: Any,
        status: Status | str,
        start: int,
        end: int,
        text: str,
        origin: Origin | str = Origin.LEXICON,
        note: str = "",
        rule_id: str = "",
        modifiers: tuple[str, ...] = (),
        fallback: bool = False,
        with_denied_symptom: bool = False,
        counts_as: str | None = None,
    ) -> None:
        """As the attributes; ``status`` and ``origin`` may be given as their strings."""
        values = {
            "field": field, "value": value, "status": Status(status), "start": start, "end": end, "text": text,
            "origin": Origin(origin), "note": note, "rule_id": rule_id, "modifiers": tuple(modifiers),
            "fallback": fallback, "with_denied_symptom": with_denied_symptom, "counts_as": counts_as,
        }  # fmt: skip
        for name, v in values.items():
            object.__setattr__(self, name, v)

    @property
    def source(self) -> Origin:
        """The origin (the name the JSON form and older callers use)."""
        return self.origin

    @property
    def used(self) -> bool:
        """Whether it counts as the person's present finding (present or uncertain)."""
        return self.status in USED

    @property
    def rule_kind(self) -> RuleKind:
        """The kind of rule of ``rule_id`` (lexicon, paraphrase, clause, code)."""
        kind = self.rule_id.partition(":")[0]
        return RuleKind(kind) if kind in RuleKind._value2member_map_ else RuleKind.NONE

    @property
    def finding_id(self) -> str:
        """``"<field>:<value>"`` for vocabulary findings (``sites:calf``), else ``"<field>"``."""
        if isinstance(self.value, str) and self.field not in ("medications", "sex", "condition"):
            return f"{self.field}:{self.value}"
        return self.field

    def to_dict(self) -> dict[str, Any]:
        """JSON form for the user interface (``start``/``end`` are character offsets)."""
        out: dict[str, Any] = {
            "field": self.field,
            "value": self.value,
            "status": str(self.status),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "source": str(self.origin),
        }
        if self.note:
            out["note"] = self.note
        if self.rule_id:
            out["rule_id"] = self.rule_id
        if self.modifiers:
            out["modifiers"] = list(self.modifiers)
        if self.counts_as is not None:
            out["counts_as"] = self.counts_as
        return out
