"""Typed, immutable model of the knowledge base.

The knowledge package loads its data files into these types; the assessment
engine receives a :class:`KnowledgeBase` value and never touches a file.

Finding ids are ``"<field>:<value>"`` strings, for example ``"sites:calf"``,
``"features:visible_flicker"``, ``"episode_length:seconds"``,
``"first_noticed:weeks"``, ``"exposure:caffeine_high"`` or
``"med:antipsychotic"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from twitchwise.domain.rules import RuleExpr
from twitchwise.domain.urgency import Urgency
from twitchwise.domain.vocabulary import Vocabulary

#: Fields whose findings are yes/no/unknown (each value is its own finding).
BINARY_FIELDS: tuple[str, ...] = ("features", "when", "symptoms", "history", "exposure", "med")
#: Fields with exactly one value per case; a condition gives a distribution over the values.
CATEGORICAL_FIELDS: tuple[str, ...] = (
    "episode_length",
    "frequency",
    "course",
    "side",
    "first_noticed",
)
@dataclass(frozen=True)
class Source:
    """A reference a clinician would accept.

    Attributes
    ----------
    id : str
        Stable identifier, e.g. ``"nhs_twitching"``.
    publisher, title : str
        Who published it and its title.
    year : int
        Year of publication or last review.
    url : str
        Where to read it.
    topics : tuple of str
        What it is about: condition ids, finding ids (``"symptoms:fever"``) or topic words,
        so that a rule can be checked to cite sources about its own subject.
    """

    id: str
    publisher: str
    title: str
    year: int
    url: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """Something a person can report, with how to ask about it.

    Attributes
    ----------
    id : str
        ``"<field>:<value>"``.
    field, value : str
        The case field and the vocabulary value.
    label : str
        Short plain-language description.
    question : str
        A plain-language yes/no question (or, for categorical fields, the field's question).
    lay_phrases : tuple of str
        Words people use for it (used by the free-text intake).
    hpo : str or None
        Human Phenotype Ontology id where one exists.
    base_rate : float
        Probability that the finding is present given a condition that does not
        list it (the "leak" probability), in (0, 1).
    red_flag : bool
        Whether the finding on its own is a warning sign.
    raises : Urgency or None
        The urgency a red-flag finding raises the result to.
    """

    id: str
    field: str
    value: str
    label: str
    question: str
    lay_phrases: tuple[str, ...] = ()
    hpo: str | None = None
    base_rate: float = 0.05
    red_flag: bool = False
    raises: Urgency | None = None


@dataclass(frozen=True)
class Prior:
    """Prior frequency of a condition among people asking about involuntary movements.

    Attributes
    ----------
    weight : float
        Relative frequency (unitless; only ratios between conditions matter).
    age : Mapping[str, float]
        Multiplier per age band (``model.yaml`` ``age_bands``); a missing band uses its fallback's, else 1.
    sex : Mapping[str, float]
        Multiplier for ``female`` and ``male``; missing count as 1.
    source : str
        Where the frequency estimate comes from.
    """

    weight: float
    age: Mapping[str, float]
    sex: Mapping[str, float]
    source: str

    def age_multiplier(self, band: str, fallback: str | None = None) -> float:
        """The multiplier for an age band, else its ``fallback`` band's (see ``model.yaml``), else 1."""
        if band in self.age:
            return self.age[band]
        return self.age.get(fallback, 1.0) if fallback else 1.0


@dataclass(frozen=True)
class Escalation:
    """A condition-specific reason to see a doctor sooner, e.g. a twitch lasting over 2 weeks.

    Applied only when the condition is likely (see the engine's thresholds).
    """

    id: str
    when: RuleExpr
    urgency: Urgency
    text: str


@dataclass(frozen=True)
class Prerequisite:
    """Something a condition cannot exist without (serotonin syndrome: a serotonergic exposure).

    When the case says ``when`` cannot hold (every finding it could rest on is reported
    absent), the condition's probability is capped at ``cap``: capped, not zeroed, where the
    data are uncertain (a medicine list may be incomplete).
    """

    when: RuleExpr
    cap: float
    text: str


@dataclass(frozen=True)
class AgeRange:
    """The ages a condition occurs at, as the half-open interval [``low``, ``high``) in years.

    Outside it the condition's probability is capped at ``cap``.
    """

    low: float
    high: float
    cap: float
    text: str


@dataclass(frozen=True)
class Condition:
    """A condition the engine can rank, with everything a person or doctor needs to know."""

    id: str
    icd10: str
    name: str
    lay_names: tuple[str, ...]
    summary: str
    movement_types: Mapping[str, float]
    prior: Prior
    findings: Mapping[str, float]
    categorical: Mapping[str, Mapping[str, float]]
    sites: Mapping[str, float]
    urgency_floor: Urgency
    escalations: tuple[Escalation, ...]
    advice: tuple[str, ...]
    see_doctor_if: tuple[str, ...]
    doctor_asks: tuple[str, ...]
    doctor_tests: tuple[str, ...]
    causes: tuple[str, ...]
    sources: tuple[str, ...]
    hpo: tuple[str, ...] = ()
    requires: tuple[Prerequisite, ...] = ()
    ages: AgeRange | None = None
    #: The family-history finding a blood relative with it stands for (None: it does not run in families).
    family_history_finding: str | None = None


@dataclass(frozen=True)
class RedFlagRule:
    """An explicit warning-sign rule: when ``when`` holds, urgency is at least ``urgency``."""

    id: str
    urgency: Urgency
    text: str
    when: RuleExpr
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactorRule:
    """A contributing factor (not a diagnosis) shown when its rule holds."""

    id: str
    label: str
    when: RuleExpr
    text: str
    advice: str


@dataclass(frozen=True)
class MedicationClassInfo:
    """What a medication class can do to muscles and movement."""

    id: str
    label: str
    effect: str


@dataclass(frozen=True)
class MovementType:
    """A kind of movement, with its plain description."""

    id: str
    name: str
    description: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeSection:
    """A topic article in the knowledge base (used by the knowledge pages and search)."""

    id: str
    title: str
    body: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class UrgencyPolicy:
    """How probabilities become urgency (``urgency_policy.yaml``).

    Attributes
    ----------
    danger_mass : Mapping[Urgency, float]
        Urgency is at least a level when the summed probability of the conditions whose floor
        is at least that level reaches this.
    escalation_threshold : float
        A condition's escalations are considered when its probability is at least this.
    """

    danger_mass: Mapping[Urgency, float]
    escalation_threshold: float


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the assessment engine and the interfaces need, loaded and validated."""

    version: str
    #: The shared vocabulary document as parsed (``vocabulary.yaml``).
    vocabulary: Mapping[str, Any]
    #: The typed vocabulary (ids, warning symptoms, age bands), built once from the data.
    vocab: Vocabulary
    findings: Mapping[str, Finding]
    conditions: Mapping[str, Condition]
    red_flags: tuple[RedFlagRule, ...]
    factors: tuple[FactorRule, ...]
    medications: Mapping[str, tuple[str, ...]]
    medication_classes: Mapping[str, MedicationClassInfo]
    movement_types: Mapping[str, MovementType]
    sources: Mapping[str, Source]
    #: Thresholds of the urgency decision (``urgency_policy.yaml``; no defaults in code).
    urgency_policy: UrgencyPolicy
    sections: tuple[KnowledgeSection, ...] = ()
    case_schema: Mapping[str, Any] = field(default_factory=dict)
    result_schema: Mapping[str, Any] = field(default_factory=dict)
    categorical_defaults: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    field_questions: Mapping[str, str] = field(default_factory=dict)
