"""The assessment engine: a case in, a result out (pure; no files, no database, no globals).

>>> from twitchwise.knowledge import load_knowledge          # doctest: +SKIP
>>> assessor = Assessor(load_knowledge())                    # doctest: +SKIP
>>> assessor.assess({"sites": ["eyelid"], "features": ["visible_flicker"]})["urgency"]  # doctest: +SKIP
'self_care'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from twitchwise.assessment.advice import assemble_advice
from twitchwise.assessment.bayes_model import BayesModel, FloatArray
from twitchwise.assessment.case_validation import validate_case
from twitchwise.assessment.concerns import answer_concerns
from twitchwise.assessment.evidence import Evidence, derive_evidence
from twitchwise.assessment.medication_matching import MedicationMatch, match_medications
from twitchwise.assessment.prerequisites import Cap, apply_caps, caps_for
from twitchwise.assessment.question_ranking import QuestionRanker
from twitchwise.assessment.result import (
    AssessmentResult,
    ConditionScore,
    EvidenceItem,
    FactorHit,
    MovementTypeScore,
    SourceRef,
    UrgencyReason,
)
from twitchwise.assessment.result import MedicationMatch as MedicationMatchJson
from twitchwise.assessment.rule_evaluation import RuleIndex
from twitchwise.assessment.urgency_decision import RedFlagIndex, UrgencyDecision, decide_urgency
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.domain.urgency import Urgency, UrgencyId

DISCLAIMER = (
    "This is information, not a diagnosis. It cannot examine you. If you are worried, if things "
    "change or get worse, or if the advice says so, see a doctor; in an emergency call your local "
    "emergency number (999 in the UK, 911 in the US, 112 in the EU)."
)
MEDICINE_ADVICE = "Do not stop or change a prescribed medicine on your own; ask the prescriber or a pharmacist."
#: Conditions listed in a result (at least 5 when 5 are possible, as the contract asks).
MAX_CONDITIONS = 10
MIN_CONDITIONS = 5
#: Evidence entries shown per condition.
MAX_EVIDENCE = 8
_GENERAL_HELP = (
    "Call an emergency number now for trouble breathing or swallowing, a drooping face or slurred "
    "speech that came on suddenly, a seizure, a high fever with stiffness or confusion, or lockjaw.",
    "See a doctor the same day for new confusion, dark (cola-coloured) urine with muscle pain, or "
    "new loss of bladder or bowel control.",
    "Book a doctor's appointment if twitching lasts more than 2 weeks, spreads, keeps coming back, "
    "or comes with weakness, muscle wasting, numbness or clumsiness.",
)


class Assessor:
    """Assess cases against one knowledge base.

    Compiling the knowledge base into arrays takes a few milliseconds, so build one
    ``Assessor`` and reuse it; it holds no mutable state and is safe to share.

    Parameters
    ----------
    kb : KnowledgeBase
        The loaded knowledge base.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.model = BayesModel(kb)
        self.questions = QuestionRanker(kb, self.model)
        self.red_flag_index = RedFlagIndex(kb)
        self.red_flags_by_id = {rule.id: rule for rule in kb.red_flags}
        self._factor_rules = [rule for rule in kb.factors if rule.id != "medication"]
        self._factor_index = RuleIndex([rule.when for rule in self._factor_rules])
        # What a result says of each condition, in ``model.condition_ids`` order.
        self._condition_entries = [
            (c.id, c.icd10, c.name, c.urgency_floor.id)
            for c in (kb.conditions[cid] for cid in self.model.condition_ids)
        ]
        self.value_fields: dict[str, tuple[str, ...]] = {}
        for fld in ("features", "when", "symptoms", "history"):
            for v in kb.vocab.ids(fld):
                self.value_fields[v] = (*self.value_fields.get(v, ()), fld)
        self.medication_classes: list[str] = list(kb.vocab.medication_classes)
        self._ordered_conditions = [kb.conditions[cid] for cid in self.model.condition_ids]
        self._may_cap = any(c.requires or c.ages for c in self._ordered_conditions)

    # -- building blocks shared with the interview ------------------------------------------
    def evidence_for(self, case: Mapping[str, Any], require_content: bool = True) -> Evidence:
        """Validate a case and turn it into evidence.

        ``require_content=False`` accepts a case that says nothing yet (an interview's start).

        Raises
        ------
        InputError
            If the case is invalid (the message names the field).
        """
        valid = validate_case(case, self.kb, require_content)
        meds = match_medications(valid.get("medications", []), self.kb.medications)
        thresholds = self.kb.vocab.exposure_thresholds
        return derive_evidence(valid, self.value_fields, self.medication_classes, meds, thresholds)

    def caps(self, evidence: Evidence) -> list[Cap]:
        """The probability caps the evidence places (missing prerequisites, ages out of range)."""
        return caps_for(self._ordered_conditions, evidence) if self._may_cap else []

    def posterior(self, evidence: Evidence) -> FloatArray:
        """Condition probabilities in ``self.model.condition_ids`` order, with caps applied."""
        return apply_caps(self.model.posterior(evidence), self.caps(evidence))

    def urgency(
        self, evidence: Evidence, posterior: FloatArray | None = None, caps: list[Cap] | None = None
    ) -> UrgencyDecision:
        """The urgency decision for some evidence (pass its capped posterior and caps if known).

        Caps change the ranking, never the urgency: when a cap applies, the decision is also
        taken on the uncapped probabilities and the more urgent one is kept.
        """
        ids, index = self.model.condition_ids, self.red_flag_index
        capped = decide_urgency(self.kb, evidence, self.posterior, ids, posterior, index)
        if capped.urgency == Urgency.EMERGENCY or not (self.caps(evidence) if caps is None else caps):
            return capped
        uncapped = decide_urgency(self.kb, evidence, self.model.posterior, ids, None, index)
        if uncapped.urgency <= capped.urgency:
            return capped
        extra = tuple(r for r in uncapped.reasons if r.urgency == uncapped.urgency and r not in capped.reasons)
        return UrgencyDecision(uncapped.urgency, extra + capped.reasons, capped.red_flags)

    # -- the whole assessment ---------------------------------------------------------------
    def assess(self, case: Mapping[str, Any], feared: Sequence[str] = ()) -> AssessmentResult:
        """Assess one case.

        Parameters
        ----------
        case : Mapping
            A case as in ``case.schema.json``.
        feared : sequence of str
            Condition ids the person said they fear (from a narrative); each gets a plain answer
            in ``concerns``.

        Returns
        -------
        dict
            A result as in ``result.schema.json``, plus ``urgency_text``, ``disclaimer``,
            ``when_to_get_help``, ``doctor`` and ``medications``.

        Raises
        ------
        InputError
            If the case is invalid.
        """
        return self.assess_evidence(self.evidence_for(case), feared)

    def assess_evidence(self, evidence: Evidence, feared: Sequence[str] = ()) -> AssessmentResult:
        """Assess evidence that has already been derived from a valid case (see :meth:`assess`)."""
        kb = self.kb
        caps = self.caps(evidence)
        uncapped = self.model.posterior(evidence)
        posterior = apply_caps(uncapped, caps)
        decision = self.urgency(evidence, posterior, caps)
        order = np.argsort(-posterior, kind="stable")
        cap_rows = {
            c.condition: _cap_evidence(c, float(posterior[c.condition]), float(uncapped[c.condition])) for c in caps
        }
        conditions = self._conditions(evidence, posterior, order, cap_rows)
        top = kb.conditions[self.model.condition_ids[int(order[0])]]
        top_p = float(posterior[order[0]])
        mt = self.model.movement_types(posterior)
        mt_values = mt.tolist()
        movement_types: list[MovementTypeScore] = [
            {
                "id": self.model.movement_type_ids[k],
                "name": kb.movement_types[self.model.movement_type_ids[k]].name,
                "probability": round(mt_values[k], 4),
            }
            for k in np.argsort(-mt, kind="stable").tolist()
            if mt_values[k] >= 0.01
        ]
        factors = self._factors(evidence)
        questions = self.questions.rank(evidence, posterior, decision.urgency)
        advice = assemble_advice(
            decision.urgency,
            kb.vocab.urgency_text[decision.urgency.id],
            [(kb.conditions[c["id"]], c["probability"]) for c in conditions[:3]],
            [(f["id"], f["advice"]) for f in factors if f.get("advice")],
            has_medicine=bool(evidence.medications),
        )
        when_to_get_help = list(top.see_doctor_if[:4]) if top_p >= 0.2 else []
        # At urgent or emergency the "book an appointment if it lasts 2 weeks" line would only confuse.
        general = _GENERAL_HELP[:2] if decision.urgency >= Urgency.URGENT else _GENERAL_HELP
        when_to_get_help += list(general)
        source_ids: list[str] = []
        for r in decision.red_flags:
            rule = self.red_flags_by_id.get(r.id)
            source_ids += list(rule.sources) if rule else []
        for c in conditions[:3]:
            source_ids += list(kb.conditions[c["id"]].sources)
        seen: set[str] = set()
        sources: list[SourceRef] = []
        for sid in source_ids:
            if sid not in seen:
                seen.add(sid)
                s = kb.sources[sid]
                sources.append({"id": sid, "title": s.title, "publisher": s.publisher, "year": s.year, "where": s.url})
        reasons: list[UrgencyReason] = [
            {"id": r.id, "text": r.text, "urgency": r.urgency.id, "kind": r.kind} for r in decision.reasons
        ]
        if not reasons:
            reasons = [
                {
                    "id": "no_red_flags",
                    "text": "Nothing you reported is a warning sign, and the likely causes can be managed at home.",
                    "urgency": "self_care",
                    "kind": "none",
                }
            ]
        return {
            "urgency": decision.urgency.id,
            "urgency_text": kb.vocab.urgency_text[decision.urgency.id],
            "urgency_reasons": reasons,
            "red_flags": [{"id": r.id, "text": r.text, "urgency": r.urgency.id} for r in decision.red_flags],
            "movement_types": movement_types,
            "conditions": conditions,
            "factors": factors,
            "advice": advice,
            "when_to_get_help": when_to_get_help,
            "doctor": {"asks": list(top.doctor_asks), "tests": list(top.doctor_tests), "about": top.id},
            "next_questions": [q.to_dict() for q in questions],
            "medications": [_medication_json(m) for m in evidence.medications],
            "concerns": answer_concerns(
                kb.conditions,
                dict(zip(self.model.condition_ids, posterior.tolist(), strict=True)) if feared else {},
                kb.findings,
                evidence,
                feared,
            ),
            "sources": sources,
            "disclaimer": DISCLAIMER,
            "knowledge_version": kb.version,
        }

    def _conditions(
        self,
        evidence: Evidence,
        posterior: FloatArray,
        order: npt.NDArray[np.intp],
        cap_rows: Mapping[int, EvidenceItem],
    ) -> list[ConditionScore]:
        probabilities = posterior.tolist()
        shown: list[int] = []
        for rank, j in enumerate(order[:MAX_CONDITIONS].tolist()):
            if rank >= MIN_CONDITIONS and probabilities[j] < 0.01:
                break
            shown.append(j)
        labels, weights = self.model.contributions(evidence)
        entries = self._condition_entries
        rounded_probabilities = np.round(posterior, 4).tolist()
        if not labels:
            return [
                self._condition_entry(entries[j], rounded_probabilities[j], [cap_rows[j]] if j in cap_rows else [])
                for j in shown
            ]
        # The strongest pieces of evidence of every shown condition at once: one argsort, and
        # their weights rounded together (numpy rounds halves to even, as Python's round does).
        w = weights[:, shown]
        strongest = np.argsort(-np.abs(w), axis=0, kind="stable")[:MAX_EVIDENCE]
        top = np.take_along_axis(w, strongest, axis=0)
        kept = (np.abs(top) >= 0.1).T.tolist()
        out = []
        for j, rows, values, keep in zip(shown, strongest.T.tolist(), np.round(top, 2).T.tolist(), kept, strict=True):
            evidence_list: list[EvidenceItem] = [
                {"finding": labels[k], "effect": "for" if v > 0 else "against", "weight": v}
                for k, v, ok in zip(rows, values, keep, strict=True)
                if ok
            ]
            if j in cap_rows:
                evidence_list.insert(0, cap_rows[j])
            out.append(self._condition_entry(entries[j], rounded_probabilities[j], evidence_list))
        return out

    @staticmethod
    def _condition_entry(
        entry: tuple[str, str, str, UrgencyId], probability: float, evidence_list: list[EvidenceItem]
    ) -> ConditionScore:
        cid, icd10, name, floor = entry
        return {"id": cid, "icd10": icd10, "name": name, "probability": probability,
                "urgency_floor": floor, "evidence": evidence_list}  # fmt: skip

    def _factors(self, evidence: Evidence) -> list[FactorHit]:
        out: list[FactorHit] = []
        numbers = {k: _plain_number(v) for k, v in evidence.numbers.items()}
        shown: set[str] = set()
        for k in self._factor_index.holding(evidence.all_present, evidence.numbers):
            rule = self._factor_rules[k]
            if rule.id in shown:
                continue
            shown.add(rule.id)
            try:
                text = rule.text.format(**numbers)
            except (KeyError, ValueError, IndexError):
                text = rule.text
            out.append({"id": rule.id, "label": rule.label, "text": text, "advice": rule.advice})
        for m in evidence.medications:
            for cls in m.classes:
                info = self.kb.medication_classes[cls]
                out.append(
                    {
                        "id": "medication",
                        "label": info.label,
                        "medicine": m.typed,
                        "medication_class": cls,
                        "text": f"{m.typed} is one of the {info.label}: {info.effect}",
                        "advice": MEDICINE_ADVICE,
                    }
                )
        return out


def _cap_evidence(cap: Cap, capped: float, uncapped: float) -> EvidenceItem:
    """A cap as an evidence row: against, its weight the log of what it kept, with the reason."""
    weight = round(float(np.log(max(capped, 1e-12) / max(uncapped, 1e-12))), 2)
    return {"finding": f"cap:{cap.kind}", "effect": "against", "weight": weight, "cap": cap.cap, "text": cap.text}


def _plain_number(value: float) -> str:
    return f"{value:g}"


def _medication_json(m: MedicationMatch) -> MedicationMatchJson:
    return {"typed": m.typed, "matched": m.matched, "classes": list(m.classes), "recognised": m.matched is not None}
