"""Rank the questions not yet answered: red-flag questions first, then by expected information gain."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twitchwise.assessment.bayes_model import BayesModel, FloatArray
from twitchwise.assessment.evidence import Evidence
from twitchwise.assessment.rule_evaluation import compile_rule
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.domain.rules import All, Present, positive_findings_in
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
        # For each rule: the findings whose "yes" could make it hold, and the findings it
        # needs outright (plain atoms of a top-level "all"), to skip hopeless rules quickly.
        self.compiled = [compile_rule(rule.when) for rule in kb.red_flags]
        self.rule_positive: list[frozenset[str]] = []
        self.rule_required: list[frozenset[str]] = []
        for rule in kb.red_flags:
            positive = positive_findings_in(rule.when)
            self.rule_positive.append(
                frozenset(
                    f for f in positive if f.partition(":")[0] not in CHOICE_FIELDS and f not in _NUMERIC_EXPOSURES
                )
            )
            if isinstance(rule.when, Present):
                self.rule_required.append(frozenset([rule.when.finding]))
            elif isinstance(rule.when, All):
                self.rule_required.append(frozenset(i.finding for i in rule.when.items if isinstance(i, Present)))
            else:
                self.rule_required.append(frozenset())
        self.askable: list[str] = [fid for fid in model.binary_ids if fid not in _NUMERIC_EXPOSURES]

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

    def red_flag_candidates(
        self, evidence: Evidence, current: Urgency, posterior: FloatArray | None = None
    ) -> list[tuple[Urgency, float, str]]:
        """Unanswered findings whose "yes" would fire a rule more urgent than ``current``.

        Sorted by how likely a "yes" is given what is known so far (so a calf twitch asks
        about weakness before convulsions), then by the urgency it would raise.
        """
        # Group the rules each unanswered finding could complete, then test each finding once
        # against its rules (most urgent first) with the compiled rules.
        candidates: dict[str, list[int]] = {}
        for k, rule in enumerate(self.kb.red_flags):
            if rule.urgency <= current:
                continue
            missing = [f for f in self.rule_required[k] if not evidence.is_present(f)]
            if len(missing) > 1:
                continue  # two or more answers away from holding
            for f in missing or self.rule_positive[k]:
                if f in self.rule_positive[k]:
                    candidates.setdefault(f, []).append(k)
        raised: dict[str, Urgency] = {}
        present, numbers = evidence.all_present, evidence.numbers
        for f, rule_indexes in candidates.items():
            if evidence.is_answered(f):
                continue
            with_yes = present | {f}
            for k in sorted(rule_indexes, key=lambda i: -int(self.kb.red_flags[i].urgency)):
                if self.compiled[k](with_yes, numbers):
                    raised[f] = self.kb.red_flags[k].urgency
                    break

        def p_yes(f: str) -> float:
            row = self.model.binary_index.get(f)
            if posterior is None or row is None:
                return self.kb.findings[f].base_rate
            return float(self.model.p_yes[row] @ posterior)

        out = [(u, p_yes(f), f) for f, u in raised.items()]
        out.sort(key=lambda t: (-round(t[1], 3), -int(t[0]), t[2]))
        return out

    def rank(
        self, evidence: Evidence, posterior: FloatArray, current: Urgency, limit: int = 8, max_red_flags: int = 3
    ) -> list[Question]:
        """Return up to ``limit`` questions: red-flag ones first, then the most informative."""
        questions: list[Question] = []
        chosen: set[str] = set()
        for _, _, f in self.red_flag_candidates(evidence, current, posterior)[:max_red_flags]:
            questions.append(self.yes_no_question(f, red_flag=True))
            chosen.add(f)
        answered = evidence.present | evidence.absent | chosen
        rows = [self.model.binary_index[f] for f in self.askable if f not in answered]
        gains = self.model.binary_information_gain(posterior, rows)
        best = np.argsort(-gains, kind="stable")[:limit]
        scored: list[tuple[float, Question]] = [
            (float(gains[k]), self.yes_no_question(self.model.binary_ids[rows[k]], gain=float(gains[k]))) for k in best
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
