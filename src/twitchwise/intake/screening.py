# ruff: noqa: E501  (word lists read better on one line)
"""Which warning signs a narrative left unanswered, and which of those it touched.

A narrative answers a warning-sign question when the finding is present or absent in
the case it gives. A narrative *touches* a warning sign when it names the area (speech,
the face, breathing, swallowing, urine, bladder or bowel, confusion, a temperature, a
fit...) without a clear finding: "my speech is a bit off?" or "I'm worried about my
breathing". A touched, unanswered sign is unknown, never absent: it becomes the first
question to ask, and a result may not say "nothing you reported is a warning sign".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.intake.warning_signs import PARAPHRASES

#: Words that name the area of a warning sign (any form of the word).
AREA_WORDS: dict[str, str] = {
    "symptoms:facial_droop": r"face|facial|smile|mouth|droop\w*|lopsided|crooked",
    "symptoms:slurred_speech": r"speech|speak\w*|talk\w*|words?|voice|slur\w*|tongue",
    "symptoms:weakness": r"weak\w*|strength|heavy arm|heavy leg|give way|gave way|lift (?:my|his|her) arm",
    "features:whole_body_convulsion": r"fits?|fitting|seizures?|seizing|convuls\w*|epilep\w*",
    "symptoms:loss_of_consciousness": r"faint\w*|pass(?:ed)? out|black(?:ed)? out|unconscious|wake|waking|woke|respond\w*|collaps\w*",
    "symptoms:breathing_difficulty": r"breath\w*|air|chest|wheez\w*|gasp\w*|lips? (?:look|are|went|turn)",
    "symptoms:swallowing_difficulty": r"swallow\w*|chok\w*|gag\w*|throat",
    "symptoms:confusion": r"confus\w*|muddled|disorient\w*|not making sense|doesn't know|don't know where|strange behaviou?r|acting strange\w*|not (?:himself|herself)",
    "symptoms:hallucinations": r"hallucinat\w*|seeing things|hearing (?:things|voices)|not there",
    "symptoms:fever": r"fever\w*|temperature|temp|hot|shiver\w*|chills|burning up",
    "symptoms:neck_stiffness": r"neck",
    "symptoms:non_blanching_rash": r"rash\w*|spots|blotch\w*|bruis\w*|glass test",
    "symptoms:calf_swelling_one_side": r"swell\w*|swollen|puffy",
    "symptoms:dark_urine": r"pee|wee|urine|piss|urinat\w*",
    "symptoms:urine_output_low": r"pee|wee|urine|nappies|nappy|diapers?|urinat\w*",
    "symptoms:saddle_numbness": r"numb\w*|wipe|wiping|bum|bottom|groin|between my legs|down below",
    "symptoms:bladder_bowel_problems": r"bladder|bowels?|toilet|loo|incontinen\w*|wet (?:myself|himself|herself)|poo\w*",
    "features:spasm_clusters": r"clusters?|spasms?|in a row|one after another",
    "symptoms:developmental_regression": r"milestones?|skills|regress\w*|stopped (?:smiling|babbling|sitting|rolling)",
    "symptoms:drooping_eyelid": r"eyelids?|eye lids?|lids?|ptosis",
    "symptoms:cold_clammy_skin": r"clammy|mottled|pale|grey|gray|cold (?:hands|feet|skin)",
    "features:rigors": r"shiver\w*|rigors?|chills|teeth chatter\w*",
    "symptoms:jaw_stiffness": r"jaw|lockjaw|open (?:my|his|her) mouth",
}
_AREA_RE = {fid: re.compile(rf"\b(?:{words})\b", re.I) for fid, words in AREA_WORDS.items()}


@dataclass(frozen=True)
class UnscreenedSign:
    """A warning-sign question a narrative did not answer."""

    finding: str
    question: str
    touched: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON form for results: ``{"finding", "question", "touched"}``."""
        return {"finding": self.finding, "question": self.question, "touched": self.touched}


def screened_findings(kb: KnowledgeBase) -> tuple[str, ...]:
    """Warning signs a result must screen: every paraphrase set that the knowledge base knows."""
    return tuple(fid for fid in PARAPHRASES if fid in kb.findings)


def answered(case: Mapping[str, Any], finding: str) -> bool:
    """Whether the case says the finding is present or absent."""
    fld, _, value = finding.partition(":")
    return value in (case.get(fld) or []) or value in (case.get("absent") or [])


def unscreened(text: str, case: Mapping[str, Any], kb: KnowledgeBase) -> list[UnscreenedSign]:
    """The warning-sign questions the case leaves unanswered; those the text touched come first.

    Parameters
    ----------
    text : str
        The narrative.
    case : Mapping
        The case that will be assessed (the narrative's findings with any structured fields).
    kb : KnowledgeBase
        Gives each finding's question.
    """
    out = []
    for fid in screened_findings(kb):
        if answered(case, fid):
            continue
        touched = bool(_AREA_RE[fid].search(text)) if fid in _AREA_RE else False
        out.append(UnscreenedSign(fid, kb.findings[fid].question, touched))
    out.sort(key=lambda s: not s.touched)
    return out
