"""Every finding says which rule produced it and where that rule lives (`twitchwise parse --explain`).

The sentences are written for these tests (none comes from a vignette).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from twitchwise.cli.app import app
from twitchwise.intake.clause_rules import clause_rules
from twitchwise.intake.context_rules import rule_entries
from twitchwise.intake.demographics import subject_of
from twitchwise.intake.explain import explain_finding, explanation_lines
from twitchwise.intake.extracted import ExtractedFinding, Origin, RuleKind, Status
from twitchwise.intake.pipeline import SPAN_GROUP
from twitchwise.intake.rule_ids import rule_location
from twitchwise.intake.stages import STAGES, NarrativeDoc, run_stages

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2025, 3, 12)


def _findings(parser, text: str) -> tuple[ExtractedFinding, ...]:
    return parser.parse(text, TODAY).findings


def _one(findings, finding_id: str) -> ExtractedFinding:
    matches = [f for f in findings if f.finding_id == finding_id]
    assert matches, f"{finding_id} not extracted"
    return matches[0]


# (sentence, finding id, status, rule id, a modifier that must be listed or None)
CASES = [
    ("My right thumb has been twitching since Tuesday.", "features:visible_flicker", Status.PRESENT,
     "lexicon:findings.yaml#features:visible_flicker", None),
    ("Eyelid flutters a lot, no weakness at all.", "symptoms:weakness", Status.ABSENT,
     "lexicon:findings.yaml#symptoms:weakness", "context:negation:no"),
    ("Hand tremor for a month and my heart keeps racing at night.", "symptoms:palpitations", Status.PRESENT,
     "clause:palpitations", None),
    ("Leg jerks every evening. My grandad has Parkinson's.", "history:family_movement_disorder", Status.PRESENT,
     "lexicon:conditions/parkinsons_disease.yaml#names", "context:family:my relative"),
    ("My calf twitches and I am afraid it is ALS.", "condition", Status.HYPOTHETICAL,
     "lexicon:conditions/motor_neuron_disease.yaml#names", "code:context_status.under_a_fear"),
    ("Toes cramp at night; I drink 6 cups of coffee a day.", "exposures.caffeine_mg_day", Status.PRESENT,
     "code:amounts.caffeine", None),
    ("Twitching under my eye, I'm 52 and male.", "age", Status.PRESENT, "code:demographics.age_and_sex", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "finding_id", "status", "rule_id", "modifier"), CASES)
def test_finding_names_its_rule(parser, text, finding_id, status, rule_id, modifier) -> None:
    f = _one(_findings(parser, text), finding_id)
    assert f.status is status
    assert f.rule_id == rule_id
    if modifier is not None:
        assert modifier in f.modifiers


SENTENCES = [text for text, *_ in CASES] + [
    "My arm shakes when I hold a cup, nobody in my family has that.",
    "Jerks as I drop off that wake me up, after 3 coffees.",
    "Restless legs at night, I have to get up and walk.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_every_finding_has_a_rule_that_can_be_found(parser, text: str) -> None:
    findings = _findings(parser, text)
    assert findings
    for f in findings:
        assert f.rule_kind is not RuleKind.NONE, f
        for rule_id in (f.rule_id, *f.modifiers):
            where = rule_location(rule_id)
            path = REPO / where.split(",")[0]
            assert path.is_file(), (rule_id, where)
            assert "[-1]" not in where, (rule_id, where)  # a rule file entry that does not exist


def test_context_and_clause_rule_locations_point_at_their_entry() -> None:
    entry = rule_entries()[7]
    assert f"context_rules[7] (id: {entry['metadata']['id']})" in rule_location(f"context:{entry['metadata']['id']}")
    rule = clause_rules()[2]
    assert rule_location(f"clause:{rule.id}").endswith(f"rules[2] (id: {rule.id})")


def test_a_fear_names_the_rule_that_made_it_hypothetical(parser) -> None:
    f = _one(_findings(parser, "My calf twitches and I'm scared it's MS."), "condition")
    assert f.status is Status.HYPOTHETICAL
    assert "code:context_status.under_a_fear" in f.modifiers


def test_explanation_lists_span_status_origin_rule_and_location(parser) -> None:
    text = "Eyelid flutters a lot, no weakness at all."
    f = _one(_findings(parser, text), "symptoms:weakness")
    e = explain_finding(f)
    assert e["span"] == [f.start, f.end] and text[f.start : f.end] == e["text"] == "weakness"
    assert (e["status"], e["origin"], e["rule_id"]) == ("absent", "lexicon", "lexicon:findings.yaml#symptoms:weakness")
    assert e["rule"].startswith("src/twitchwise/knowledge/data/findings.yaml, symptoms:weakness")
    assert e["modifiers"][0]["rule_id"] == "context:negation:no"
    assert e["modifiers"][0]["rule"].startswith("src/twitchwise/intake/rules/context_rules.json, context_rules[")
    lines = explanation_lines([f])
    assert lines[0].startswith(f'[{f.start}-{f.end}] "weakness"  symptoms:weakness  absent')


def test_parse_explain_command_prints_every_finding() -> None:
    text = "Eyelid flutters a lot, no weakness at all."
    plain = CliRunner().invoke(app, ["parse", text])
    assert plain.exit_code == 0
    count = len(json.loads(plain.stdout)["findings"])
    result = CliRunner().invoke(app, ["parse", "--explain", text])
    assert result.exit_code == 0
    blocks = [line for line in result.stdout.splitlines() if line.startswith("[")]
    assert len(blocks) == count
    assert "    modifier: context:negation:no  in src/twitchwise/intake/rules/context_rules.json" in result.stdout
    assert "    rule: lexicon:findings.yaml#symptoms:weakness  in " in result.stdout


def test_parse_explain_of_unrecognised_text_exits_2() -> None:
    result = CliRunner().invoke(app, ["parse", "--explain", "qwerty zxcv blorp"])
    assert result.exit_code == 2


def test_status_and_origin_are_typed_and_keep_their_json_strings() -> None:
    f = ExtractedFinding("sites", "calf", "present", 0, 4, "calf", "rule")
    assert f.status is Status.PRESENT and f.origin is Origin.RULE
    assert f.to_dict()["status"] == "present" and f.to_dict()["source"] == "rule"
    with pytest.raises(ValueError):
        ExtractedFinding("sites", "calf", "maybe", 0, 4, "calf")


def test_stages_leave_the_doc_alone_and_repeat(parser) -> None:
    text = "Restless legs at night, no twitching, my mum has the same."
    spacy_doc = parser.pipeline(text)
    doc = NarrativeDoc(text, TODAY, spacy_doc, subject_of(text), parser.lexicon)
    spans = [(s.start, s.end, s.label_) for s in spacy_doc.spans[SPAN_GROUP]]
    found: tuple[ExtractedFinding, ...] = ()
    for stage in STAGES:
        again = stage(doc, found)
        found = stage(doc, found)
        assert isinstance(found, tuple) and found == again, stage.__name__
    assert [(s.start, s.end, s.label_) for s in spacy_doc.spans[SPAN_GROUP]] == spans
    assert found == run_stages(doc) == parser.parse(text, TODAY).findings
