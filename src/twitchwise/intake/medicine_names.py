"""Medicine names with small misspellings ("Zolloft", "sertaline") found in free text.

Exact names (and brand names) are matched by the target matcher from the lexicon; this
module catches single words that are close to a known name (rapidfuzz ratio >= 85,
same first letter, at least 5 letters) and are not already part of another finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz, process

from twitchwise.intake.extracted import ExtractedFinding

FUZZY_CUTOFF = 85.0
MIN_LETTERS = 5
#: Everyday words that sit close to a medicine name.
_COMMON = frozenset({
    "anxious", "cramps", "crampy", "strain", "tension", "seroquel", "hardly", "really", "probably",
    "stress", "minute", "minutes", "months", "lately", "tablet", "tablets", "medicine", "started",
    "period", "periods", "pressure", "panic", "metal", "statins", "steroid", "protein", "vitamin",
    "caffeine", "alcohol", "nicotine", "coffee", "before", "better", "normal", "during",
})  # fmt: skip


def fuzzy_medicines(
    doc: Any, names: Mapping[str, tuple[str, ...]], taken: list[tuple[int, int]]
) -> list[ExtractedFinding]:
    """Words of ``doc`` that look like a misspelt medicine name.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The processed narrative.
    names : Mapping
        Lower-case medicine name -> classes (the knowledge base's medication lexicon).
    taken : list of (start, end)
        Character spans already recognised (skipped).

    Returns
    -------
    list of ExtractedFinding
        ``medications`` findings whose ``value`` is the known name and whose note gives the score.
    """
    candidates = [n for n in names if len(n) >= MIN_LETTERS and " " not in n]
    by_letter: dict[str, list[str]] = {}
    for n in candidates:
        by_letter.setdefault(n[0], []).append(n)
    out: list[ExtractedFinding] = []
    for tok in doc:
        word = tok.lower_
        if len(word) < MIN_LETTERS or not word.isalpha() or word in _COMMON or word in names:
            continue
        if any(s <= tok.idx < e for s, e in taken):
            continue
        best = process.extractOne(word, by_letter.get(word[0], []), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            continue
        negated = any(m.category == "NEGATED_EXISTENCE" for m in _modifiers_of(doc, tok.i))
        out.append(
            ExtractedFinding(
                "medications",
                best[0],
                "absent" if negated else "present",
                tok.idx,
                tok.idx + len(tok.text),
                tok.text,
                "rule",
                f"read as {best[0]} ({best[1]:.0f}% similar)",
            )
        )
    return out


def _modifiers_of(doc: Any, token_index: int) -> list[Any]:
    graph = getattr(doc._, "context_graph", None)
    if graph is None:
        return []
    return [
        m
        for m in graph.modifiers
        if m.scope_span[0] <= token_index < m.scope_span[1]
        and m.direction.upper() in ("FORWARD", "BACKWARD", "BIDIRECTIONAL")
    ]
