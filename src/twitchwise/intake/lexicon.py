"""The intake's lexicon, generated from a knowledge base (never from files read here).

Every finding's ``lay_phrases`` become target phrases for the medspaCy target matcher,
together with every medicine name of ``medications.yaml`` and the names of the
conditions (a named condition is only ever used for family history, never as a
finding of the person). One phrase may stand for several findings ("legs" is a
thigh and a calf; "at night" is during sleep and in the evening).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from twitchwise.domain.knowledge_model import KnowledgeBase

#: Lay phrases that say *whose* finding it is rather than *what* it is; ConText
#: handles them as family modifiers instead of targets.
MODIFIER_PHRASES: frozenset[str] = frozenset({"runs in the family", "family history", "in the family"})

#: Fields whose findings the target matcher looks for.
LEXICON_FIELDS: tuple[str, ...] = (
    "features", "when", "symptoms", "history", "sites", "side", "episode_length",
    "frequency", "course", "first_noticed", "exposure", "med",
)  # fmt: skip

_PARENS = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class LexiconEntry:
    """One phrase and what it can mean.

    Attributes
    ----------
    phrase : str
        Lower-case phrase as people type it.
    category : str
        Target-matcher label: the first meaning's category.
    meanings : tuple of (category, value)
        Every meaning: category is a finding field (``features``, ``sites``...),
        ``medications`` or ``condition``; value is the finding value
        (``visible_flicker``), medicine name or condition id.
    """

    phrase: str
    category: str
    meanings: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Lexicon:
    """All target phrases, and the lookups the intake needs next to them.

    Attributes
    ----------
    entries : tuple of LexiconEntry
        One entry per (phrase, category).
    medicine_names : Mapping[str, tuple[str, ...]]
        Lower-case medicine name -> medication classes (for fuzzy matching of misspellings).
    family_finding_for_condition : Mapping[str, str]
        Condition id -> the family-history finding a relative with it means.
    """

    entries: tuple[LexiconEntry, ...]
    medicine_names: Mapping[str, tuple[str, ...]]
    family_finding_for_condition: Mapping[str, str]

    def __len__(self) -> int:
        return len(self.entries)


_MY_PART = re.compile(r"\b(my|his|her|the) (?!left\b|right\b)(?=\w)")


def _with_sides(phrase: str) -> list[str]:
    """ "below my thumb" -> "below my left thumb", "below my right thumb": a side inside a body-part phrase."""
    if " " not in phrase or not _MY_PART.search(phrase):
        return []
    return [_MY_PART.sub(rf"\1 {side} ", phrase, count=1) for side in ("left", "right")]


#: Fields whose one-word "-ing" phrases also match the other forms of the verb.
_INFLECTED_FIELDS = frozenset({"features", "symptoms"})
_VOWELS = set("aeiou")
#: Generated forms that are other everyday words ("fitted kitchen", "pants", "a trip", "pops up").
_NOT_A_FORM = frozenset(
    {"fitted", "fits", "pants", "panted", "trips", "flows", "flowed", "googles", "googled", "curls", "swears",
     "grinds", "pops", "hums", "wasted", "wasts", "worrys", "worryed", "sweats", "shaks", "shaked", "quaks"}
)  # fmt: skip


def inflections(word: str) -> list[str]:
    """Other forms of a one-word "-ing" phrase: "trembling" -> trembles, trembled.

    spaCy's blank English model has no lemmatizer; this small suffix rule covers the lay
    verbs of the lexicon (doubled consonants: "throbbing" -> throb; a silent e after a
    consonant + l: "tingling" -> tingle). Words that are not "-ing" forms give nothing.
    """
    if " " in word or not word.endswith("ing") or len(word) < 7:
        return []
    stem = word[:-3]
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS | {"l", "s"}:
        stem = stem[:-1]  # throbbing -> throb
    elif stem.endswith(("bl", "cl", "dl", "gl", "kl", "pl", "tl", "zl")):
        stem += "e"  # trembling -> tremble
    if stem.endswith("e"):
        forms = [stem + "s", stem + "d"]
    else:
        plural = stem + "es" if stem.endswith(("ch", "sh", "x", "ss")) else stem + "s"
        past = stem + stem[-1] + "ed" if word[-4] == word[-5] and word[-4] not in _VOWELS else stem + "ed"
        forms = [plural, past]
    # the bare stem is left out: "fit", "trip", "pop" and "flow" are nouns as often as verbs
    return [f for f in forms if f not in _NOT_A_FORM]


def build_lexicon(kb: KnowledgeBase) -> Lexicon:
    """Generate the intake lexicon from a knowledge base.

    Parameters
    ----------
    kb : KnowledgeBase
        The loaded knowledge base (findings with ``lay_phrases``, ``medications``,
        ``conditions``).

    Returns
    -------
    Lexicon
        Target phrases grouped by (phrase, category), medicine names and the
        condition -> family-history map.
    """
    grouped: dict[tuple[str, str], list[str]] = {}

    def put(phrase: str, category: str, value: str) -> None:
        phrase = " ".join(phrase.lower().split())
        if not phrase or phrase in MODIFIER_PHRASES:
            return
        values = grouped.setdefault((phrase, category), [])
        if value not in values:
            values.append(value)

    every_phrase = {" ".join(p.lower().split()) for f in kb.findings.values() for p in f.lay_phrases}
    for finding in kb.findings.values():
        if finding.field not in LEXICON_FIELDS:
            continue
        for phrase in finding.lay_phrases:
            put(phrase, finding.field, finding.value)
            if finding.field in _INFLECTED_FIELDS:
                for form in inflections(phrase.lower()):
                    if form not in every_phrase:  # another finding's phrase keeps its own meaning
                        put(form, finding.field, finding.value)
            if finding.field == "sites":
                for variant in _with_sides(phrase):
                    put(variant, finding.field, finding.value)
    for name in kb.medications:
        put(name, "medications", name)
    family: dict[str, str] = {}
    for cond in kb.conditions.values():
        names = [_PARENS.sub("", cond.name), *cond.lay_names]
        for name in names:
            # Short acronyms ("MS", "HD") only count when typed in capitals: see the parser.
            put(name, "condition", cond.id)
        if cond.family_history_finding is not None:  # only conditions that run in families (their file says)
            family[cond.id] = cond.family_history_finding
    # One entry per phrase: spaCy keys span extensions by position, so two target spans
    # over the same words would share one ``target_rule``; the entry carries every meaning.
    by_phrase: dict[str, list[tuple[str, str]]] = {}
    for (phrase, category), values in sorted(grouped.items()):
        by_phrase.setdefault(phrase, []).extend((category, v) for v in values)
    entries = tuple(LexiconEntry(p, meanings[0][0], tuple(meanings)) for p, meanings in by_phrase.items())
    return Lexicon(entries=entries, medicine_names=dict(kb.medications), family_finding_for_condition=family)
