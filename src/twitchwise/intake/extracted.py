"""What the intake extracts from a narrative: one finding with the text span it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: How the narrative relates a mention to the person.
#: ``present``: the person has it; ``absent``: the person says they do not;
#: ``uncertain``: hedged ("maybe a bit weak"), kept as present for safety;
#: ``hypothetical``: a fear or question ("I'm scared it's ALS"), not used;
#: ``family``: said of a relative (becomes a family-history finding or is dropped);
#: ``ignored``: recognised but not a finding of the person (e.g. a condition's name);
#: ``inferred``: not stated, filled in from what was said (e.g. a jerk lasts under a second);
#: ``other``: said of someone who is neither the person nor a blood relative ("my friend");
#: ``reported``: what someone else thinks it is ("the GP thinks it's a tic"), not used;
#: ``comparison``: inside a comparison ("feels like it's on fire"), not used.
STATUSES = (
    "present", "absent", "uncertain", "hypothetical", "family", "ignored", "inferred", "other", "reported",
    "comparison",
)  # fmt: skip


@dataclass(frozen=True)
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
    status : str
        One of :data:`STATUSES`.
    start, end : int
        Character offsets of the span in the narrative (``text[start:end]``).
    text : str
        The span's text.
    source : str
        ``lexicon`` (knowledge-base lay phrase via the medspaCy target matcher),
        ``rule`` (a pattern of the intake, e.g. amounts and durations) or
        ``default`` (inferred; see :func:`~twitchwise.intake.case_assembly.infer_defaults`).
    note : str
        Why, in a few words (e.g. ``"5 coffee x 95 mg"``); empty when obvious.
    """

    field: str
    value: Any
    status: str
    start: int
    end: int
    text: str
    source: str = "lexicon"
    note: str = ""

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
            "status": self.status,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "source": self.source,
        }
        if self.note:
            out["note"] = self.note
        return out
