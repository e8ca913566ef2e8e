"""The intake as an ordered list of pure stages: ``(doc, findings) -> findings``.

Each stage takes the narrative (:class:`NarrativeDoc`: text, reference day, the medspaCy
``Doc``, whom it is about, the lexicon) and the findings so far (a tuple), and returns a new
tuple; none changes its input. :data:`STAGES` lists them in the order they run:
extraction (targets, then each pattern family), then revision (what a statement of normal
function, a clause or a denied symptom says about the findings around it), then the sides,
then inference from the whole story. The case is built once from the result
(:func:`~twitchwise.intake.case_assembly.assemble_case`).

Findings of the intake's own code patterns get ``rule_id`` ``code:<module>.<function>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from twitchwise.intake import amounts, timing
from twitchwise.intake.case_inference import INFERENCE_STAGES
from twitchwise.intake.clause_rules import apply_clause_findings, clause_findings
from twitchwise.intake.demographics import Subject, age_and_sex
from twitchwise.intake.extracted import ExtractedFinding, Origin
from twitchwise.intake.family_history import same_in_family
from twitchwise.intake.laterality import coordinated_back, laterality
from twitchwise.intake.lexicon import Lexicon
from twitchwise.intake.medicine_names import fuzzy_medicines
from twitchwise.intake.reassurance import apply_reassurances, reassurances
from twitchwise.intake.rule_ids import code_rule_id
from twitchwise.intake.target_reading import negated_circumstance_of_a_present_movement, target_findings

Findings = tuple[ExtractedFinding, ...]


@dataclass(frozen=True)
class NarrativeDoc:
    """What every stage may read about the narrative.

    Attributes
    ----------
    text : str
        The narrative.
    today : datetime.date
        Reference day for relative dates ("since Monday").
    spacy : spacy.tokens.Doc
        The medspaCy-processed text (sentences, target spans, ConText modifiers).
    subject : Subject
        Whom the narrative is about (the writer, or "my son").
    lexicon : Lexicon
        The lexicon the targets came from (medicine names, family findings of conditions).
    """

    text: str
    today: dt.date
    spacy: Any
    subject: Subject
    lexicon: Lexicon


Stage = Callable[[NarrativeDoc, Findings], Findings]


def _stamped(new: Iterable[ExtractedFinding], rule_id: str) -> Findings:
    """New findings, with ``rule_id`` where they carry none."""
    return tuple(f if f.rule_id else replace(f, rule_id=rule_id) for f in new)


def _added(extract: Callable[[str], Iterable[ExtractedFinding]], module: str) -> Stage:
    """A stage that adds what ``extract(text)`` finds (a code pattern of ``module``)."""
    rule_id = code_rule_id(module, extract.__name__)

    def stage(doc: NarrativeDoc, found: Findings) -> Findings:
        return (*found, *_stamped(extract(doc.text), rule_id))

    stage.__name__ = f"{module}.{extract.__name__}"
    return stage


def targets(doc: NarrativeDoc, found: Findings) -> Findings:
    """Every meaning of every lexicon and paraphrase target, with its ConText status."""
    return (*found, *target_findings(doc.spacy, doc.text, doc.subject, doc.lexicon))


def relatives_with_the_same(doc: NarrativeDoc, found: Findings) -> Findings:
    """ "My mum has the same": family history of the person's movement."""
    return (*found, *same_in_family(doc.spacy, found, doc.subject))


def statements_of_normal_function(doc: NarrativeDoc, found: Findings) -> Findings:
    """ "My speech is fine": absent findings (marked ``said to be normal``)."""
    return (*found, *reassurances(doc.text))


def clauses(doc: NarrativeDoc, found: Findings) -> Findings:
    """Findings told across a clause (``rules/clause_rules.yaml``)."""
    return (*found, *clause_findings(doc.text))


def age_and_sex_of_the_subject(doc: NarrativeDoc, found: Findings) -> Findings:
    """Age and sex of whom the narrative is about."""
    return (*found, *_stamped(age_and_sex(doc.text, doc.subject), code_rule_id("demographics", "age_and_sex")))


def onset(doc: NarrativeDoc, found: Findings) -> Findings:
    """When it began (days before the reference day)."""
    rule_id = code_rule_id("timing", "onset_candidates")
    return (*found, *_stamped(timing.onset_candidates(doc.text, doc.today), rule_id))


def misspelt_medicines(doc: NarrativeDoc, found: Findings) -> Findings:
    """Medicine names typed with a slip, away from the spans the lexicon already took."""
    taken = [(f.start, f.end) for f in found if f.origin is Origin.LEXICON]
    new = fuzzy_medicines(doc.spacy, doc.lexicon.medicine_names, taken)
    return (*found, *_stamped(new, code_rule_id("medicine_names", "fuzzy_medicines")))


def circumstances_of_denied_symptoms(doc: NarrativeDoc, found: Findings) -> Findings:
    """ "No tremor while my arms rest" when the tremor is there at other times: not at rest."""
    return tuple(negated_circumstance_of_a_present_movement(doc.spacy, found))


def said_to_be_normal(doc: NarrativeDoc, found: Findings) -> Findings:
    """What a statement of normal function is about is absent."""
    return tuple(apply_reassurances(list(found)))


def read_by_a_clause(doc: NarrativeDoc, found: Findings) -> Findings:
    """Lexicon words that a clause reads as its own finding are not findings by themselves."""
    return tuple(apply_clause_findings(list(found)))


def back_and_sides(doc: NarrativeDoc, found: Findings) -> Findings:
    """Both sides of the back when told together, then the side of each site."""
    found = (
        *found,
        *_stamped(coordinated_back(doc.spacy, list(found)), code_rule_id("laterality", "coordinated_back")),
    )
    return (*found, *_stamped(laterality(doc.spacy, list(found)), code_rule_id("laterality", "laterality")))


def in_text_order(doc: NarrativeDoc, found: Findings) -> Findings:
    """Sorted by span (start, then end); the order of equal spans is kept."""
    return tuple(sorted(found, key=lambda f: (f.start, f.end)))


def _inference(infer: Callable[[str, Findings], Findings]) -> Stage:
    def stage(doc: NarrativeDoc, found: Findings) -> Findings:
        return infer(doc.text, found)

    stage.__name__ = f"case_inference.{infer.__name__}"
    return stage


#: Every stage of the intake, in the order it runs.
STAGES: tuple[Stage, ...] = (
    targets,
    relatives_with_the_same,
    statements_of_normal_function,
    clauses,
    age_and_sex_of_the_subject,
    onset,
    _added(timing.episode_length, "timing"),
    _added(timing.frequency, "timing"),
    _added(amounts.caffeine, "amounts"),
    _added(amounts.sleep, "amounts"),
    _added(amounts.stress, "amounts"),
    _added(amounts.alcohol, "amounts"),
    misspelt_medicines,
    circumstances_of_denied_symptoms,
    said_to_be_normal,
    read_by_a_clause,
    back_and_sides,
    in_text_order,
    *(_inference(infer) for infer in INFERENCE_STAGES),
)


def run_stages(doc: NarrativeDoc, stages: tuple[Stage, ...] = STAGES) -> Findings:
    """The findings of a narrative: every stage in turn, from none."""
    found: Findings = ()
    for stage in stages:
        found = stage(doc, found)
    return found
