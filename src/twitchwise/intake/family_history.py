"""Family history from what a narrative says of blood relatives.

A relative's condition or movement becomes a family-history finding ("my dad has
Parkinson's": a family movement disorder); anything else a relative has is kept, marked
``family``, and not used. "My mum has the same" gives a family movement disorder when the
person's own movement is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from twitchwise.intake.context_rules import FAMILY
from twitchwise.intake.demographics import Subject
from twitchwise.intake.extracted import ExtractedFinding, Origin, Status
from twitchwise.intake.lexicon import Lexicon
from twitchwise.intake.rule_ids import code_rule_id

#: A feature seen in a relative that means a family movement disorder.
FAMILY_MOVEMENT_FEATURES = frozenset(
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
_SAME_RE = re.compile(r"\b(?:the same|it too|them too|this too|as well|similar)\b", re.I)
SAME_IN_FAMILY_RULE_ID = code_rule_id("family_history", "same_in_family")


def family_value(category: str, value: str, lexicon: Lexicon) -> str | None:
    """The family-history finding a relative with this meaning stands for, if any."""
    if category == "condition":
        return lexicon.family_finding_for_condition.get(value)
    if category == "features" and value in FAMILY_MOVEMENT_FEATURES:
        return "family_movement_disorder"
    if category == "history":
        return value if value.startswith("family_") else _FAMILY_HISTORY_VALUES.get(value)
    return None


def relative_findings(base: ExtractedFinding, relative_has: bool, lexicon: Lexicon) -> Iterator[ExtractedFinding]:
    """A meaning said of a relative: kept as ``family``, plus the family history it means (present or denied)."""
    history = family_value(base.field, str(base.value), lexicon)
    if history is None:
        yield replace(base, status=Status.FAMILY, note="said of a relative: not used")
        return
    yield replace(base, status=Status.FAMILY, note="said of a relative")
    yield replace(
        base,
        field="history",
        value=history,
        status=Status.PRESENT if relative_has else Status.ABSENT,
        note="family history",
    )


def same_in_family(doc: Any, found: tuple[ExtractedFinding, ...], subject: Subject) -> list[ExtractedFinding]:
    """ "My mum and her sister have the same": a relative with the person's movement problem."""
    movement = any(f.field == "features" and f.value in FAMILY_MOVEMENT_FEATURES and f.used for f in found)
    graph = getattr(doc._, "context_graph", None)
    if not movement or graph is None:
        return []
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
            return [
                ExtractedFinding(
                    "history",
                    "family_movement_disorder",
                    Status.PRESENT,
                    doc[s].idx,
                    doc[e - 1].idx + len(doc[e - 1].text),
                    doc[s:e].text,
                    Origin.RULE,
                    "a relative has the same",
                    SAME_IN_FAMILY_RULE_ID,
                )
            ]
    return []
