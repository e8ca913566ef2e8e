"""The adaptive interview: which question to ask next, given the answers so far (pure).

The interview is a list of answers; the case is rebuilt from them at every step,
so "back" is just dropping the last answer. Order:

1. age, sex and where it is;
2. one checklist of the serious warning signs (red-flag questions first);
3. a doctor's three questions: when it started, how long an episode lasts, how often;
4. then always the unanswered question with the largest expected information gain
   (a red-flag question whenever a "yes" would make the result more urgent),
   with a short block on caffeine, sleep, stress and medicines after a few questions;
5. stop when the answer is clear (top condition ≥ :data:`CLEAR_PROBABILITY`, no warning sign
   left to rule out, and the hallmarks of the dangerous look-alikes asked: weakness and wasting
   before twitching is called harmless) or after :data:`MAX_QUESTIONS` questions;
6. stop at once when the answers so far reach an emergency (:meth:`InterviewEngine.emergency`):
   the person is told what to do now, and may go on with :data:`CONTINUE_AFTER_EMERGENCY`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from twitchwise.assessment.bayes_model import FloatArray
from twitchwise.assessment.concerns import hallmarks
from twitchwise.assessment.engine import Assessor
from twitchwise.assessment.evidence import Evidence
from twitchwise.assessment.question_ranking import Question
from twitchwise.assessment.result import AssessmentResult
from twitchwise.assessment.urgency_decision import UrgencyDecision
from twitchwise.domain.urgency import Urgency

MAX_QUESTIONS = 20
#: Warning-sign follow-ups asked after the checklist, at most (the checklist covers the gravest).
MAX_RED_FLAG_FOLLOWUPS = 4
#: ...and only those with at least this chance of a "yes" given the answers so far.
RED_FLAG_FOLLOWUP_MIN_P = 0.05
CLEAR_PROBABILITY = 0.8
MIN_ADAPTIVE = 3
#: After this many adaptive questions, ask the lifestyle block.
LIFESTYLE_AFTER = 3
#: A cup of coffee has about 95 mg of caffeine (FDA); used to turn cups into mg.
MG_PER_CUP = 95.0

DONT_KNOW = None
#: The answer id that says "continue anyway" after the interview stopped for an emergency.
CONTINUE_AFTER_EMERGENCY = "continue_after_emergency"
#: Hallmarks of more dangerous look-alikes at least this likely are asked before the interview
#: stops; of those that make the same kind of movement as the leading condition (a twitch: motor
#: neuron disease), down to the second, smaller figure.
LOOKALIKE_MIN_PROBABILITY = 0.001
SAME_MOVEMENT_LOOKALIKE_MIN_PROBABILITY = 0.0001
#: A look-alike "makes the same movement" when this share of its movements is the leading one's.
SAME_MOVEMENT_SHARE = 0.3


@dataclass(frozen=True)
class Answer:
    """One answer: the question id and the value (None for "don't know")."""

    question: str
    value: Any


@dataclass(frozen=True)
class InterviewQuestion:
    """A question as the interview asks it.

    ``kind`` is one of ``number``, ``choice`` (one option), ``multi`` (several),
    ``checklist`` (tick any that apply, for warning signs), ``yes_no`` or ``text``.
    """

    id: str
    text: str
    kind: str
    options: tuple[tuple[str, str], ...] = ()
    help: str = ""
    red_flag: bool = False
    minimum: float | None = None
    maximum: float | None = None

    def number_answer(self, raw: str) -> tuple[float | None, str | None]:
        """Read a typed number for a ``number`` question: ``(value, None)`` or ``(None, problem)``."""
        try:
            number = float(raw.strip())
        except ValueError:
            return None, "Please type a number."
        too_low = self.minimum is not None and number < self.minimum
        too_high = self.maximum is not None and number > self.maximum
        if too_low or too_high:
            return None, f"Please type a number from {self.minimum:g} to {self.maximum:g}."
        return number, None


@dataclass(frozen=True)
class InterviewState:
    """The answers given so far (oldest first)."""

    answers: tuple[Answer, ...] = field(default=())

    def answered(self, question_id: str) -> bool:
        """Whether the question was asked (including "don't know")."""
        return any(a.question == question_id for a in self.answers)

    def with_answer(self, question_id: str, value: Any) -> InterviewState:
        """A new state with one more answer."""
        return InterviewState((*self.answers, Answer(question_id, value)))

    def back(self) -> InterviewState:
        """A new state without the last answer."""
        return InterviewState(self.answers[:-1])


def build_case(state: InterviewState) -> dict[str, Any]:
    """Rebuild the case from the answers."""
    case: dict[str, Any] = {}
    exposures: dict[str, Any] = {}
    for a in state.answers:
        q, v = a.question, a.value
        if v is DONT_KNOW:
            continue
        if q == "age":
            case["age"] = float(v)
        elif q in ("sex", "episode_length", "frequency", "course", "side"):
            case[q] = v
        elif q == "first_noticed":
            case["first_noticed_days"] = {"today": 0, "days": 5, "weeks": 30, "months": 180, "years": 730}[v]
        elif q == "sites":
            case["sites"] = list(v)
        elif q == "caffeine_cups":
            exposures["caffeine_mg_day"] = float(v) * MG_PER_CUP
        elif q == "sleep_hours":
            exposures["sleep_hours"] = float(v)
        elif q == "stress_0_10":
            exposures["stress_0_10"] = float(v)
        elif q == "medications":
            case["medications"] = [m.strip() for m in str(v).split(",") if m.strip()]
        elif q == "red_flag_screen":
            for fid, present in v.items():
                _set_finding(case, exposures, fid, present)
        elif ":" in q:
            _set_finding(case, exposures, q, bool(v))
    if exposures:
        case["exposures"] = exposures
    return case


def _set_finding(case: dict[str, Any], exposures: dict[str, Any], finding: str, present: bool) -> None:
    fld, _, value = finding.partition(":")
    if fld == "exposure":
        exposures[value] = present
    elif fld == "med":
        return  # medicines are asked by name
    elif fld in ("episode_length", "frequency", "course", "side"):
        if present:
            case[fld] = value
    else:
        target = case.setdefault(fld if present else "absent", [])
        if value not in target:
            target.append(value)


class InterviewEngine:
    """Chooses questions for an :class:`InterviewState` using an :class:`Assessor`."""

    def __init__(self, assessor: Assessor) -> None:
        self.assessor = assessor
        kb = assessor.kb
        self.screen_findings: list[str] = [
            fid
            for fid, f in kb.findings.items()
            if f.red_flag and f.raises is not None and f.raises >= Urgency.URGENT and f.field == "symptoms"
        ]

    def _fixed(self, qid: str) -> InterviewQuestion:
        kb = self.assessor.kb
        if qid == "age":
            return InterviewQuestion("age", "How old are you?", "number", minimum=0, maximum=120)
        if qid == "sex":
            return InterviewQuestion(
                "sex", "What is your sex?", "choice", (("female", "female"), ("male", "male"), ("other", "other"))
            )
        if qid == "sites":
            q = self.assessor.questions.choice_question("sites")
            return InterviewQuestion("sites", q.text, "multi", q.options, help="Choose one or more.")
        if qid == "red_flag_screen":
            options = tuple((fid, kb.findings[fid].label) for fid in self.screen_findings)
            return InterviewQuestion(
                "red_flag_screen",
                "Do you have any of these right now or with the episodes?",
                "checklist",
                options,
                help="Choose all that apply, or none.",
                red_flag=True,
            )
        if qid == "caffeine_cups":
            return InterviewQuestion(
                qid,
                "How many cups of coffee, cans of energy drink or strong tea do you have a day?",
                "number",
                minimum=0,
                maximum=50,
            )
        if qid == "sleep_hours":
            return InterviewQuestion(
                qid, "How many hours do you usually sleep a night?", "number", minimum=0, maximum=24
            )
        if qid == "stress_0_10":
            return InterviewQuestion(
                qid,
                "How stressed have you been lately, from 0 (not at all) to 10 (extremely)?",
                "number",
                minimum=0,
                maximum=10,
            )
        if qid == "medications":
            return InterviewQuestion(
                qid, "Which medicines do you take? (names separated by commas, or leave empty for none)", "text"
            )
        raise KeyError(qid)

    def _adaptive_count(self, state: InterviewState) -> int:
        fixed = {
            "age",
            "sex",
            "sites",
            "red_flag_screen",
            "first_noticed",
            "episode_length",
            "frequency",
            "caffeine_cups",
            "sleep_hours",
            "stress_0_10",
            "medications",
        }
        return sum(a.question not in fixed for a in state.answers)

    def emergency(self, state: InterviewState) -> UrgencyDecision | None:
        """The emergency the answers so far reach, unless the person chose to continue anyway."""
        return _stopping_emergency(state, self._assessed(state)[2])

    def _assessed(self, state: InterviewState) -> tuple[Evidence, FloatArray, UrgencyDecision]:
        """The answers' evidence, posterior and urgency (computed once per question)."""
        evidence = self.assessor.evidence_for(build_case(state), require_content=False)
        posterior = self.assessor.posterior(evidence)
        return evidence, posterior, self.assessor.urgency(evidence, posterior)

    def next_question(self, state: InterviewState) -> InterviewQuestion | None:
        """The next question, or None when the interview is done (or stopped for an emergency)."""
        evidence, posterior, decision = self._assessed(state)
        if _stopping_emergency(state, decision) is not None:
            return None
        for qid in ("age", "sex", "sites", "red_flag_screen"):
            if not state.answered(qid):
                return self._fixed(qid)
        # A doctor's three questions come next: when it started, how long, how often.
        for qid in ("first_noticed", "episode_length", "frequency"):
            if not state.answered(qid):
                q = self.assessor.questions.choice_question(qid)
                return InterviewQuestion(qid, q.text, "choice", q.options)
        if len(state.answers) >= MAX_QUESTIONS:
            return None
        adaptive = self._adaptive_count(state)
        if adaptive >= LIFESTYLE_AFTER:
            for qid in ("caffeine_cups", "sleep_hours", "stress_0_10", "medications"):
                if not state.answered(qid):
                    return self._fixed(qid)
        skipped = {a.question for a in state.answers}
        kb = self.assessor.kb
        followups = sum(1 for a in state.answers if a.question in kb.findings and kb.findings[a.question].red_flag)
        allowed_red = max(0, MAX_RED_FLAG_FOLLOWUPS - followups)
        ranked = self.assessor.questions.rank(
            evidence, posterior, decision.urgency, limit=12 + len(skipped), max_red_flags=allowed_red + len(skipped)
        )
        questions = [q for q in ranked if q.finding not in skipped]
        red = [q for q in questions if q.red_flag and self._p_yes(q.finding, posterior) >= RED_FLAG_FOLLOWUP_MIN_P][
            :allowed_red
        ]
        questions = red + [q for q in questions if not q.red_flag]
        pending_red = [q for q in questions if q.red_flag]
        if adaptive >= MIN_ADAPTIVE and float(posterior.max()) >= CLEAR_PROBABILITY and not pending_red:
            lookalike = self._lookalike_hallmark(evidence, posterior, skipped)
            if lookalike is None:
                return None
            return lookalike
        if not questions:
            return None
        return _from_ranked(questions[0])

    def _lookalike_hallmark(
        self, evidence: Evidence, posterior: FloatArray, asked: set[str]
    ) -> InterviewQuestion | None:
        """An unasked hallmark of a more dangerous condition that could look like the likely one.

        Before the interview calls a twitch harmless it asks about weakness and wasting: the
        hallmarks (:func:`~twitchwise.assessment.concerns.hallmarks`) of the conditions with a
        more urgent floor than the leading one that are not ruled out yet.
        """
        kb = self.assessor.kb
        ids = self.assessor.model.condition_ids
        top = kb.conditions[ids[int(posterior.argmax())]]
        movement = max(top.movement_types, key=lambda m: top.movement_types[m])
        candidates = []
        for j, cid in enumerate(ids):
            cond = kb.conditions[cid]
            if cond.urgency_floor <= top.urgency_floor:
                continue
            marks = hallmarks(cond, kb.findings)
            pending = [f for f in marks if f.id not in asked and not evidence.is_answered(f.id)]
            if not pending:
                continue
            # Judged as if its hallmarks were not answered yet, so that one "no" does not stop
            # the others being asked (weakness and wasting both, for a twitch).
            before = float(self.assessor.posterior(evidence.without(frozenset(f.id for f in marks)))[j])
            same = cond.movement_types.get(movement, 0.0) >= SAME_MOVEMENT_SHARE
            if before >= (SAME_MOVEMENT_LOOKALIKE_MIN_PROBABILITY if same else LOOKALIKE_MIN_PROBABILITY):
                candidates.append((before, pending[0]))
        if not candidates:
            return None
        _, finding = max(candidates, key=lambda c: c[0])
        return _from_ranked(self.assessor.questions.yes_no_question(finding.id, red_flag=finding.red_flag))

    def _p_yes(self, finding: str, posterior: Any) -> float:
        model = self.assessor.model
        row = model.binary_index.get(finding)
        return 1.0 if row is None else float(model.p_yes[row] @ posterior)

    def result(self, state: InterviewState) -> AssessmentResult:
        """Assess the answers so far."""
        return self.assessor.assess_evidence(self.assessor.evidence_for(build_case(state), require_content=False))


def _stopping_emergency(state: InterviewState, decision: UrgencyDecision) -> UrgencyDecision | None:
    """The decision if it is an emergency the interview must stop for, else None."""
    if state.answered(CONTINUE_AFTER_EMERGENCY) or not state.answers:
        return None
    return decision if decision.urgency == Urgency.EMERGENCY else None


def _from_ranked(q: Question) -> InterviewQuestion:
    kind = q.kind if q.kind == "yes_no" else ("multi" if q.finding == "sites" else "choice")
    return InterviewQuestion(q.finding, q.text, kind, q.options, red_flag=q.red_flag)
