"""Rank the questions not yet answered: red-flag questions first, then by expected information gain."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twitchwise.assessment.bayes_model import BayesModel
from twitchwise.assessment.evidence import Evidence
from twitchwise.assessment.rule_evaluation import holds
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.domain.rules import positive_findings_in
from twitchwise.domain.urgency import Urgency

#: Fields asked as one multiple-choice question rather than yes/no findings.
CHOICE_FIELDS: tuple[str, ...] = ("sites", "episode_length", "frequency", "course", "side", "first_noticed")
#: Exposure findings derived from numbers are asked through the number, not yes/no.
_NUMERIC_EXPOSURES = {
    "exposure:caffeine_high": "caffeine_mg_day",
    "exposure:caffeine_very_high": "caffeine_mg_day",
    "exposure:sleep_short": "sleep_hours",
    "exposure:stress_high": "stress_0_10",
    "exposure:alcohol_heavy": "alcohol_units_week",
}


@dataclass(frozen=True)
class Question:
    """One question to ask next.

    Attributes
    ----------
    finding : str
        A yes/no finding id (``"symptoms:weakness"``) or a choice field (``"episode_length"``).
    text : str
        The question in plain words.
    kind : str
        ``"yes_no"`` or ``"choice"``.
    options : tuple of (id, label)
        For choice questions.
    red_flag : bool
        Asked first because a "yes" would make the result more urgent.
    gain_bits : float
        Expected information gain about the condition, in bits.
    """

    finding: str
    text: str
    kind: str
    options: tuple[tuple[str, str], ...]
    red_flag: bool
    gain_bits: float

    def to_dict(self) -> dict[str, object]:
        """JSON form for results."""
        out: dict[str, object] = {
            "finding": self.finding,
            "text": self.text,
            "kind": self.kind,
            "red_flag": self.red_flag,
            "gain_bits": round(self.gain_bits, 4),
        }
        if self.options:
            out["options"] = [{"id": i, "label": label} for i, label in self.options]
        return out


class QuestionRanker:
    """Precomputes which findings can trigger which rules, then ranks questions per case."""

    def __init__(self, kb: KnowledgeBase, model: BayesModel) -> None:
        self.kb = kb
        self.model = model
        self.rules_by_finding: dict[str, list[int]] = {}
        for k, rule in enumerate(kb.red_flags):
            for f in positive_findings_in(rule.when):
                self.rules_by_finding.setdefault(f, []).append(k)
        self.askable: list[str] = [
            fid
            for fid in model.binary_ids
            if fid not in _NUMERIC_EXPOSURES
        ]

    def choice_question(self, field: str) -> Question:
        """The multiple-choice question for a field such as ``episode_length``."""
        if field == "first_noticed":
            options = tuple((f.value, f.label) for f in self.kb.findings.values() if f.field == "first_noticed")
        else:
            options = tuple((f.value, f.label) for f in self.kb.findings.values() if f.field == field)
        text = self.kb.field_questions.get(field, field.replace("_", " ").capitalize() + "?")
        return Question(field, text, "choice", options, False, 0.0)

    def yes_no_question(self, finding: str, red_flag: bool = False, gain: float = 0.0) -> Question:
        """The yes/no question for a finding."""
        return Question(finding, self.kb.findings[finding].question, "yes_no", (), red_flag, gain)

    def red_flag_candidates(self, evidence: Evidence, current: Urgency) -> list[tuple[Urgency, float, str]]:
        """Unanswered findings whose "yes" would fire a rule more urgent than ``current``."""
        out: list[tuple[Urgency, float, str]] = []
        for f, rule_idx in self.rules_by_finding.items():
            if f.partition(":")[0] in CHOICE_FIELDS or evidence.is_answered(f) or f in _NUMERIC_EXPOSURES:
                continue
            raised = Urgency.SELF_CARE
            trial = evidence.with_answer(f, True)
            for k in rule_idx:
                rule = self.kb.red_flags[k]
                if rule.urgency > current and rule.urgency > raised and holds(rule.when, trial):
                    raised = rule.urgency
            if raised > current:
                prior_yes = self.kb.findings[f].base_rate
                out.append((raised, prior_yes, f))
        out.sort(key=lambda t: (-int(t[0]), -t[1], t[2]))
        return out

    def rank(self, evidence: Evidence, posterior: np.ndarray, current: Urgency, limit: int = 8, max_red_flags: int = 3) -> list[Question]:
        """Return up to ``limit`` questions: red-flag ones first, then the most informative."""
        questions: list[Question] = []
        chosen: set[str] = set()
        for _, _, f in self.red_flag_candidates(evidence, current)[:max_red_flags]:
            questions.append(self.yes_no_question(f, red_flag=True))
            chosen.add(f)
        rows = [
            self.model.binary_index[f]
            for f in self.askable
            if f not in chosen and not evidence.is_answered(f)
        ]
        gains = self.model.binary_information_gain(posterior, rows)
        scored: list[tuple[float, Question]] = [
            (float(g), self.yes_no_question(self.model.binary_ids[r], gain=float(g)))
            for r, g in zip(rows, gains, strict=True)
        ]
        for fld in CHOICE_FIELDS:
            given = bool(evidence.sites) if fld == "sites" else fld in evidence.categorical
            if not given:
                g = self.model.categorical_information_gain(posterior, fld)
                q = self.choice_question(fld)
                scored.append((g, Question(q.finding, q.text, q.kind, q.options, False, g)))
        scored.sort(key=lambda t: (-t[0], t[1].finding))
        for _, q in scored:
            if len(questions) >= limit:
                break
            questions.append(q)
        return questions
