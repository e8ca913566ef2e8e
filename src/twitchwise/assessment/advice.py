"""Assemble a result's advice once: fitting its urgency, its medicines, and without repeats.

The advice of a result comes from three places: the urgency level's sentence, the advice of the
conditions shown, and the advice of contributing factors (caffeine, sleep, stress). Put together
naively they repeat themselves, give lifestyle tips in an emergency, and tell people who take no
medicine not to take further doses. The rules here:

* at urgent or emergency, only what to do now, while waiting, and the safety net: advice from the
  conditions whose own floor is urgent or emergency, never a factor's lifestyle tip;
* a line about the person's own medicine only when the case names a medicine;
* "do not stop a prescribed medicine on your own" is left out when another line already says
  not to take further doses (the two would contradict each other);
* a line is left out when an earlier one says the same (the same words, or nearly all of them),
  and a factor's tip when a condition's advice already covers that factor (its id's words, such
  as "caffeine" or "sleep", appear in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from twitchwise.domain.knowledge_model import Condition
from twitchwise.domain.urgency import Urgency

#: Advice lines at most, the urgency sentence included.
MAX_ADVICE = 8
#: Two lines sharing at least this share of their words (of the shorter one) say the same.
NEAR_DUPLICATE_OVERLAP = 0.8
#: What to do while waiting for help, at urgent or emergency.
WHILE_WAITING = {
    Urgency.EMERGENCY: (
        "While you wait: stay with the person, do not give food, drink or medicines unless told to, "
        "and note the time things started; if anything gets worse, call back."
    ),
    Urgency.URGENT: (
        "If it gets worse before you are seen (trouble breathing, a fit, confusion, collapse), call an "
        "emergency number."
    ),
}

_OWN_MEDICINE = re.compile(
    r"\b(?:further|another|next) doses?\b|\bthe (?:suspected|newly added|new) medicine\b"
    r"|\bprescribed medicine\b|\breview the medicine\b|\bthe medicine (?:box|that)\b",
    re.IGNORECASE,
)
_STOP_DOSES = re.compile(r"\b(?:do not|don't) take (?:any )?(?:further|another|more) doses?\b", re.IGNORECASE)
_DO_NOT_STOP_ON_YOUR_OWN = re.compile(r"\bdo not stop\b.*\bon your own\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9']+")


def _words(line: str) -> set[str]:
    return set(_WORD.findall(line.lower()))


def _repeats(line: str, kept: Sequence[str]) -> bool:
    words = _words(line)
    for other in kept:
        other_words = _words(other)
        shorter = min(len(words), len(other_words)) or 1
        if len(words & other_words) / shorter >= NEAR_DUPLICATE_OVERLAP:
            return True
    return False


def assemble_advice(
    urgency: Urgency,
    urgency_sentence: str,
    conditions: Sequence[tuple[Condition, float]],
    factor_advice: Iterable[tuple[str, str]],
    has_medicine: bool,
    min_probability: float = 0.2,
) -> list[str]:
    """The advice list of a result.

    Parameters
    ----------
    urgency : Urgency
        The result's urgency.
    urgency_sentence : str
        What that urgency means in one sentence (the first line).
    conditions : sequence of (Condition, probability)
        The shown conditions, most likely first.
    factor_advice : iterable of (factor id, advice)
        Advice of the contributing factors, in order (a medicine factor's advice included).
    has_medicine : bool
        Whether the case names any medicine.
    min_probability : float
        A condition's advice is used when it is at least this likely (unitless, 0-1).

    Returns
    -------
    list of str
        No line repeated, at most :data:`MAX_ADVICE`.
    """
    acute = urgency >= Urgency.URGENT
    candidates: list[str] = []
    for cond, p in conditions:
        if p < min_probability:
            continue
        if acute and cond.urgency_floor < Urgency.URGENT:
            continue
        candidates += cond.advice[:5]
    if acute:
        candidates.append(WHILE_WAITING[urgency])
    else:
        covered = set().union(*(_words(line) for line in candidates)) if candidates else set()
        candidates += [tip for fid, tip in factor_advice if not set(fid.split("_")) & covered]
    if not has_medicine:
        candidates = [line for line in candidates if not _OWN_MEDICINE.search(line)]
    if any(_STOP_DOSES.search(line) for line in candidates):
        candidates = [line for line in candidates if not _DO_NOT_STOP_ON_YOUR_OWN.search(line)]
    out = [urgency_sentence]
    for line in candidates:
        if line and not _repeats(line, out):
            out.append(line)
    return out[:MAX_ADVICE]
