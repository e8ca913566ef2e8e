"""Rank the questions not yet answered: red-flag questions first, then by expected information gain."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np

from twitchwise.assessment.bayes_model import BayesModel, FloatArray
from twitchwise.assessment.evidence import Evidence
from twitchwise.assessment.result import NextQuestion
from twitchwise.assessment.rule_evaluation import compile_rule, findings_named, rules_naming_any, variables_compared
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.domain.rules import positive_findings_in
from twitchwise.domain.urgency import Urgency

#: Fields asked as one multiple-choice question rather than yes/no findings.
CHOICE_FIELDS: tuple[str, ...] = ("sites", "episode_length", "frequency", "course", "side", "first_noticed")
#: Entries kept of the rule-completion memo (a few hundred bytes each).
_MEMO_SIZE = 20_000
#: Exposure findings derived from numbers are asked through the number, not yes/no.
_NUMERIC_EXPOSURES = {
    "exposure:caffeine_high": "caffeine_mg_day",
    "exposure:caffeine_very_high": "caffeine_mg_day",
    "exposure:sleep_short": "sleep_hours",
    "exposure:stress_high": "stress_0_10",
    "exposure:alcohol_heavy": "alcohol_units_week",
}


class Question(NamedTuple):
    """One question to ask next (a named tuple: a result builds a dozen of them).

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

    def to_dict(self) -> NextQuestion:
        """JSON form for results."""
        out: NextQuestion = {
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
        # For each rule: the findings whose "yes" could make it hold (asked as yes/no questions).
        self.compiled = [compile_rule(rule.when) for rule in kb.red_flags]
        self.rule_positive: list[frozenset[str]] = [
            frozenset(
                f
                for f in positive_findings_in(rule.when)
                if f.partition(":")[0] not in CHOICE_FIELDS and f not in _NUMERIC_EXPOSURES
            )
            for rule in kb.red_flags
        ]
        self._unaskable_rows = np.array(
            [k for k, fid in enumerate(model.binary_ids) if fid in _NUMERIC_EXPOSURES], dtype=np.intp
        )
        self._rule_urgency = [rule.urgency for rule in kb.red_flags]
        self.rule_named = [frozenset(findings_named(rule.when)) for rule in kb.red_flags]
        self.rule_variables = [tuple(sorted(variables_compared(rule.when))) for rule in kb.red_flags]
        # Which single "yes" answers complete a rule depends only on the findings and numbers
        # the rule names, and most cases share those restricted inputs (usually nothing), so
        # the answers are kept. A bounded memo of a pure function: it never changes a result.
        self._completions_memo: dict[tuple[int, frozenset[str], tuple[float | None, ...]], tuple[str, ...]] = {}
        self._choice_questions: dict[str, Question] = {}
        # The usual case, kept apart: a rule comparing no numbers, none of whose findings is reported.
        self._completions_alone: list[tuple[str, ...] | None] = [
            None
            if self.rule_variables[k]
            else tuple(sorted(f for f in self.rule_positive[k] if self.compiled[k](frozenset([f]), {})))
            for k in range(len(kb.red_flags))
        ]
        # The rules naming each finding; the rules that compare numbers; and (rule, urgency,
        # finding) for every finding that alone completes a rule, most urgent first.
        self._rules_naming: dict[str, frozenset[int]] = {}
        for k, named in enumerate(self.rule_named):
            for f in named:
                self._rules_naming[f] = self._rules_naming.get(f, frozenset()) | {k}
        self._rules_with_numbers = frozenset(k for k, v in enumerate(self.rule_variables) if v)
        self._completions_alone_by_urgency = sorted(
            ((k, kb.red_flags[k].urgency, f) for k, alone in enumerate(self._completions_alone) for f in alone or ()),
            key=lambda t: -int(t[1]),
        )

    def _completions(self, k: int, present: frozenset[str], numbers: Mapping[str, float]) -> tuple[str, ...]:
        """The findings (not yet present) whose "yes" alone would make red-flag rule ``k`` hold."""
        if self.rule_named[k].isdisjoint(present):
            alone = self._completions_alone[k]
            if alone is not None:
                return alone
        named = present & self.rule_named[k]
        key = (k, named, tuple(numbers.get(v) for v in self.rule_variables[k]))
        found = self._completions_memo.get(key)
        if found is None:
            rule = self.compiled[k]
            found = tuple(sorted(f for f in self.rule_positive[k] - named if rule(named | {f}, numbers)))
            if len(self._completions_memo) >= _MEMO_SIZE:
                self._completions_memo.clear()
            self._completions_memo[key] = found
        return found

    def choice_question(self, field: str) -> Question:
        """The multiple-choice question for a field such as ``episode_length``."""
        found = self._choice_questions.get(field)
        if found is None:
            options = tuple((f.value, f.label) for f in self.kb.findings.values() if f.field == field)
            text = self.kb.field_questions.get(field, field.replace("_", " ").capitalize() + "?")
            found = self._choice_questions[field] = Question(field, text, "choice", options, False, 0.0)
        return found

    def yes_no_question(self, finding: str, red_flag: bool = False, gain: float = 0.0) -> Question:
        """The yes/no question for a finding."""
        return Question(finding, self.kb.findings[finding].question, "yes_no", (), red_flag, gain)

    def red_flag_candidates(
        self,
        evidence: Evidence,
        current: Urgency,
        posterior: FloatArray | None = None,
        predicted: FloatArray | None = None,
    ) -> list[tuple[Urgency, float, str]]:
        """Unanswered findings whose "yes" would fire a rule more urgent than ``current``.

        Sorted by how likely a "yes" is given what is known so far (so a calf twitch asks
        about weakness before convulsions), then by the urgency it would raise. ``predicted``
        is ``model.p_yes @ posterior``, if the caller has it.
        """
        raised: dict[str, Urgency] = {}
        present, numbers = evidence.all_present, evidence.numbers
        # Only rules the case touches (they name a reported finding or compare its numbers) need
        # working out; any other rule is completed by the findings precomputed for it, if any.
        touched = rules_naming_any(self._rules_naming, present, self._rules_with_numbers)
        urgencies = self._rule_urgency
        for k in touched:
            urgency = urgencies[k]
            if urgency > current:
                for f in self._completions(k, present, numbers):
                    if urgency > raised.get(f, current):
                        raised[f] = urgency
        for k, urgency, f in self._completions_alone_by_urgency:
            if urgency <= current:
                break
            if k not in touched and urgency > raised.get(f, current):
                raised[f] = urgency
        raised = {f: u for f, u in raised.items() if not evidence.is_answered(f)}
        if not raised:
            return []
        if predicted is None and posterior is not None:
            predicted = self.model.p_yes @ posterior
        index = self.model.binary_index
        findings = self.kb.findings
        out = []
        for f, u in raised.items():
            row = index.get(f)
            p = findings[f].base_rate if predicted is None or row is None else float(predicted[row])
            out.append((u, p, f))
        out.sort(key=lambda t: (-round(t[1], 3), -int(t[0]), t[2]))
        return out

    def rank(
        self, evidence: Evidence, posterior: FloatArray, current: Urgency, limit: int = 8, max_red_flags: int = 3
    ) -> list[Question]:
        """Return up to ``limit`` questions: red-flag ones first, then the most informative."""
        all_gains, choice_gains, predicted = self.model.gains_and_predictions(posterior)
        questions: list[Question] = []
        chosen: list[str] = []
        for _, _, f in self.red_flag_candidates(evidence, current, posterior, predicted)[:max_red_flags]:
            questions.append(self.yes_no_question(f, red_flag=True))
            chosen.append(f)
        # Findings already answered (or chosen above) and those asked through a number score -1.
        index = self.model.binary_index
        gains = all_gains  # a fresh array, free to change
        gains[self._unaskable_rows] = -1.0
        yes, no = self.model.answered_rows(evidence)
        gains[yes] = -1.0
        gains[no] = -1.0
        gains[[index[f] for f in chosen if f in index]] = -1.0
        best = np.argsort(-gains, kind="stable")[:limit]
        binary_ids = self.model.binary_ids
        scored: list[tuple[float, Question]] = [
            (g, self.yes_no_question(binary_ids[k], gain=g))
            for k, g in zip(best.tolist(), gains[best].tolist(), strict=True)
            if g >= 0.0
        ]
        for fld in CHOICE_FIELDS:
            given = bool(evidence.sites) if fld == "sites" else fld in evidence.categorical
            if not given:
                g = choice_gains[fld]
                scored.append((g, self.choice_question(fld)._replace(gain_bits=g)))
        scored.sort(key=lambda t: (-t[0], t[1].finding))
        for _, q in scored:
            if len(questions) >= limit:
                break
            questions.append(q)
        return questions
