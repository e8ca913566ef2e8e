"""Sources are about what cites them.

Every source carries ``topics`` (condition ids, finding ids or a few topic words). A
warning-sign rule must cite at least one source about a finding the rule tests or a
condition the rule names, and a condition must cite at least one source about itself,
so that a rule on low calcium cannot quietly cite a page on low potassium.

The tables of rules and conditions come from the data files themselves, so a new rule or
condition is checked without editing this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.domain.rules import positive_findings_in
from twitchwise.knowledge import default_data_dir

#: Topic words a source may carry besides condition and finding ids.
TOPIC_WORDS = frozenset({"general", "medicines", "sleep", "caffeine", "electrolytes", "exercise"})

_DATA: Path = default_data_dir()


def _explicit_rule_ids() -> list[str]:
    """The rules written in red_flags.yaml (not the ones made from red-flag findings)."""
    raw = yaml.safe_load((_DATA / "red_flags.yaml").read_text(encoding="utf-8")) or []
    return [str(rule["id"]) for rule in raw]


def _condition_ids() -> list[str]:
    raw = yaml.safe_load((_DATA / "vocabulary.yaml").read_text(encoding="utf-8"))
    return [str(cid) for cid in raw["conditions"]]


def _mentions(text: str, phrase: str) -> bool:
    return re.search(r"(?<![a-z])" + re.escape(phrase.lower()) + r"(?![a-z])", text.lower()) is not None


def conditions_named_by(kb: KnowledgeBase, rule_id: str, text: str) -> set[str]:
    """Conditions a rule names: its id in the rule's id, or its name or a lay name in the text."""
    named = set()
    for cid, cond in kb.conditions.items():
        if cid in rule_id or any(_mentions(text, phrase) for phrase in (cond.name, *cond.lay_names)):
            named.add(cid)
    return named


def rule_subjects(kb: KnowledgeBase, rule_id: str) -> set[str]:
    """What a rule is about: the findings whose presence can make it hold, and the conditions it names."""
    rule = next(r for r in kb.red_flags if r.id == rule_id)
    return positive_findings_in(rule.when) | conditions_named_by(kb, rule.id, rule.text)


@pytest.mark.parametrize("rule_id", _explicit_rule_ids())
def test_a_warning_sign_rule_cites_a_source_about_its_subject(kb: KnowledgeBase, rule_id: str) -> None:
    rule = next(r for r in kb.red_flags if r.id == rule_id)
    subjects = rule_subjects(kb, rule_id)
    on_topic = [sid for sid in rule.sources if subjects & set(kb.sources[sid].topics)]
    assert on_topic, (
        f"{rule_id} cites {list(rule.sources)}, none with a topic among {sorted(subjects)}; "
        f"their topics: { {sid: list(kb.sources[sid].topics) for sid in rule.sources} }"
    )


@pytest.mark.parametrize("condition_id", _condition_ids())
def test_a_condition_cites_a_source_about_itself(kb: KnowledgeBase, condition_id: str) -> None:
    cond = kb.conditions[condition_id]
    on_topic = [sid for sid in cond.sources if condition_id in kb.sources[sid].topics]
    assert on_topic, f"{condition_id} cites {list(cond.sources)}, none with {condition_id!r} in its topics"


def test_every_source_has_topics_and_each_topic_is_known(kb: KnowledgeBase) -> None:
    known = set(kb.conditions) | set(kb.findings) | TOPIC_WORDS
    without = sorted(sid for sid, src in kb.sources.items() if not src.topics)
    unknown = {sid: sorted(set(src.topics) - known) for sid, src in kb.sources.items() if set(src.topics) - known}
    assert without == [], f"sources without topics: {without}"
    assert unknown == {}, f"topics that are neither a condition, a finding nor one of {sorted(TOPIC_WORDS)}"


def test_the_subject_of_a_rule_is_read_from_its_findings_and_the_conditions_it_names(kb: KnowledgeBase) -> None:
    # A finding under "not" is not what the rule is about.
    assert "symptoms:fast_breathing" not in rule_subjects(kb, "tetany_without_overbreathing")
    assert "features:carpopedal_spasm" in rule_subjects(kb, "tetany_without_overbreathing")
    assert "neuroleptic_malignant_syndrome" in conditions_named_by(
        kb, "x", "Fever and stiff muscles on an antipsychotic can be neuroleptic malignant syndrome."
    )
    assert conditions_named_by(kb, "x", "Nothing in particular.") == set()
