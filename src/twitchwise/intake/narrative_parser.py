"""Turn a narrative into a case: findings with their spans, then the case fields.

The parse runs the stages of :mod:`~twitchwise.intake.stages` in order over the medspaCy
``Doc`` and builds the case once from their findings
(:func:`~twitchwise.intake.case_assembly.assemble_case`).

>>> parser = NarrativeParser(load_knowledge())                          # doctest: +SKIP
>>> parsed = parser.parse("34F, left eye twitching for a week, no weakness", dt.date(2025, 1, 6))  # doctest: +SKIP
>>> parsed.case["sites"], parsed.case["absent"]                        # doctest: +SKIP
(['eyelid'], ['weakness'])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import MAX_NARRATIVE_CHARS, bounded_text
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.intake.case_assembly import assemble_case
from twitchwise.intake.demographics import subject_of
from twitchwise.intake.explain import explanation_lines
from twitchwise.intake.extracted import ExtractedFinding, Status
from twitchwise.intake.lexicon import Lexicon, build_lexicon
from twitchwise.intake.pipeline import IntakePipeline
from twitchwise.intake.stages import NarrativeDoc, run_stages

#: Statuses of a named condition that the result can answer (a fear, someone else's guess).
_CONCERNS = (Status.HYPOTHETICAL, Status.REPORTED)


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

    def explanation_lines(self) -> list[str]:
        """Why each finding was extracted, as plain lines (``twitchwise parse --explain``; see
        :mod:`~twitchwise.intake.explain`)."""
        return explanation_lines(self.findings)

    @property
    def concerns(self) -> tuple[str, ...]:
        """Conditions the person fears or someone else named ("I'm scared it's ALS", "the GP thinks it's a tic")."""
        seen: list[str] = []
        for f in self.findings:
            if f.field == "condition" and f.status in _CONCERNS and f.value not in seen:
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
        doc = NarrativeDoc(text, today, self.pipeline(text), subject_of(text), self.lexicon)
        found = run_stages(doc)
        case = assemble_case(text, found)
        clinical = [k for k in ("features", "symptoms", "sites", "when", "history", "absent") if case.get(k)]
        if not clinical:
            message = (
                "Nothing in this text was recognised as a symptom or body part, so it cannot be assessed. "
                "Try describing it in English (what moves, where, since when), or answer the questions of "
                "`twitchwise check`."
            )
            return ParsedNarrative(case, found, False, message)
        return ParsedNarrative(case, found, True)
