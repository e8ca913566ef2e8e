"""Plain answers to a stated fear ("I'm scared it's ALS") and to a family history.

A fear is answered from the knowledge, not with a stock phrase: the feared condition's hallmark
findings (those it makes far more likely than usual) are sorted into what the person said they
do not have, what they said they have, and what nobody has asked yet. The answer says what the
findings do and do not suggest and what would change that, and never rules a condition out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from twitchwise.assessment.evidence import Evidence
from twitchwise.assessment.result import ConcernAnswer
from twitchwise.domain.knowledge_model import Condition, Finding

#: A hallmark is a yes/no symptom or feature this many times likelier with the condition than usual.
HALLMARK_RATIO = 4.0
#: ... and present in at least this share of people with it.
HALLMARK_MIN_PROBABILITY = 0.3
MAX_HALLMARKS = 4
#: Below this probability the findings "do not point to" the condition; above the next, it is a
#: possibility a doctor needs to rule out.
UNLIKELY = 0.05
POSSIBLE = 0.2


def hallmarks(condition: Condition, findings: Mapping[str, Finding]) -> list[Finding]:
    """The condition's hallmark symptoms and features, most telling first."""
    scored = []
    for fid, p in condition.findings.items():
        f = findings[fid]
        if f.field not in ("symptoms", "features") or p < HALLMARK_MIN_PROBABILITY:
            continue
        ratio = p / f.base_rate
        if ratio >= HALLMARK_RATIO:
            scored.append((ratio, fid, f))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [f for _, _, f in scored[:MAX_HALLMARKS]]


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def answer_fear(condition: Condition, probability: float, findings: Mapping[str, Finding], evidence: Evidence) -> str:
    """One plain paragraph answering a fear of ``condition``.

    Parameters
    ----------
    condition : Condition
    probability : float
        Its probability in this result (0-1).
    findings : Mapping
        The knowledge base's findings.
    evidence : Evidence
    """
    marks = hallmarks(condition, findings)
    absent = [f.label for f in marks if f.id in evidence.absent]
    present = [f.label for f in marks if f.id in evidence.present]
    unknown = [f.label for f in marks if f.id not in evidence.absent and f.id not in evidence.present]
    name = condition.name
    parts = [f"You said you are worried about {name}."]
    if probability < UNLIKELY:
        parts.append("What you describe does not point to it.")
    elif probability < POSSIBLE:
        parts.append("It is not the most likely explanation of what you describe, but it is not ruled out.")
    else:
        parts.append("It is one of the things a doctor needs to check or rule out, so please see one.")
    if absent:
        parts.append(f"It usually brings {_join(absent)}, and you said you do not have that.")
    if present:
        parts.append(f"You did mention {_join(present)}, which a doctor should examine.")
    if unknown:
        parts.append(f"What would change this: {_join(unknown)}. If any of these appear, see a doctor.")
    parts.append(
        "Only a doctor's examination can say for sure; if the worry itself is hard to live with, that is "
        "a good reason to see one too."
    )
    return " ".join(parts)


def answer_concerns(
    conditions: Mapping[str, Condition],
    probabilities: Mapping[str, float],
    findings: Mapping[str, Finding],
    evidence: Evidence,
    feared: Iterable[str],
) -> list[ConcernAnswer]:
    """Answers to each feared condition and to each family history the case reports.

    Returns
    -------
    list of dict
        ``{"kind": "fear" | "family_history", "about": id, "text": str}``.
    """
    out: list[ConcernAnswer] = []
    for cid in dict.fromkeys(feared):
        cond = conditions.get(cid)
        if cond is not None:
            text = answer_fear(cond, probabilities.get(cid, 0.0), findings, evidence)
            out.append({"kind": "fear", "about": cid, "text": text})
    for fid in sorted(evidence.present):
        if fid.startswith("history:family_"):
            label = findings[fid].label
            out.append(
                {
                    "kind": "family_history",
                    "about": fid,
                    "text": f"You mentioned {label}. Tell a doctor about it: some of these conditions run in families, "
                    "so it can change what they check. On its own it does not mean you have one.",
                }
            )
    return out
