"""Map medicine names as people write them ("Zolloft 50mg") to medication classes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

#: A typed name must score at least this (0-100) against a known name to count as it.
FUZZY_CUTOFF = 85.0
_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|g|ml|iu|units?|%)?\b|\b(?:tablets?|tabs?|caps(?:ules)?|xl|xr|sr|er|cr|la|daily|od|bd|tds)\b",
    re.I,
)


@dataclass(frozen=True)
class MedicationMatch:
    """How one typed medicine name was understood.

    Attributes
    ----------
    typed : str
        What the person wrote.
    matched : str or None
        The known name it was matched to, or None if unrecognised.
    classes : tuple of str
        Medication classes of the matched name (empty if unrecognised or harmless here).
    score : float
        Similarity 0-100 (100 for an exact match).
    """

    typed: str
    matched: str | None
    classes: tuple[str, ...]
    score: float


def normalise_name(name: str) -> str:
    """Lower-case a medicine name and drop doses and forms ("Zoloft 50 mg tablets" -> "zoloft")."""
    cleaned = _DOSE.sub(" ", name.lower())
    cleaned = re.sub(r"[^a-z0-9\- ]+", " ", cleaned)
    return " ".join(cleaned.split())


def match_medication(name: str, lexicon: Mapping[str, tuple[str, ...]]) -> MedicationMatch:
    """Match one name against the lexicon: exact first, then word by word, then fuzzy."""
    norm = normalise_name(name)
    if not norm:
        return MedicationMatch(name, None, (), 0.0)
    if norm in lexicon:
        return MedicationMatch(name, norm, lexicon[norm], 100.0)
    words = norm.split()
    for n in (3, 2, 1):  # multi-word names first ("levothyroxine sodium")
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            if phrase in lexicon:
                return MedicationMatch(name, phrase, lexicon[phrase], 100.0)
    best = process.extractOne(norm, list(lexicon), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is None:
        for word in words:
            if len(word) >= 5:
                best = process.extractOne(word, list(lexicon), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                if best is not None:
                    break
    if best is None:
        return MedicationMatch(name, None, (), 0.0)
    matched, score, _ = best
    return MedicationMatch(name, matched, lexicon[matched], float(score))


def match_medications(names: Iterable[str], lexicon: Mapping[str, tuple[str, ...]]) -> list[MedicationMatch]:
    """Match every name; unrecognised names are kept with ``matched=None``."""
    return [match_medication(n, lexicon) for n in names]
