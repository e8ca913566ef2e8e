"""The intake's rule files are validated on load: one error naming the file and the key."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from twitchwise.domain.errors import KnowledgeError
from twitchwise.intake import clause_rules, context_rules
from twitchwise.intake.rule_files import RULES_DIR, load_rule_file, parse_rule_text, validate_rule_file


def test_shipped_paraphrase_file_is_valid() -> None:
    data = load_rule_file("warning_sign_paraphrases")
    assert data["version"] >= 1
    assert all(len(templates) >= 15 for templates in data["paraphrases"].values())


def test_shipped_context_and_clause_rules_load() -> None:
    assert load_rule_file("context_rules")["version"] >= 1
    assert load_rule_file("clause_rules")["version"] >= 1
    ids = [e["metadata"]["id"] for e in context_rules.rule_entries()]
    assert len(ids) == len(set(ids)) and len(context_rules.context_rules()) == len(ids)
    assert {r.id for r in clause_rules.clause_rules()} >= {"palpitations", "perioral_tingling"}


def test_rule_files_are_package_data() -> None:
    """setuptools ships them: pyproject's package-data globs match every rule and schema file."""
    import tomllib

    globs = tomllib.loads((RULES_DIR.parents[3] / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    patterns = [g for values in globs.values() for g in values]
    files = [p for p in RULES_DIR.rglob("*") if p.is_file()]
    assert files
    assert all(any(p.match(g) for g in patterns) for p in files)


def _shipped(name: str) -> Any:
    return copy.deepcopy(load_rule_file(name))


def _set(path: str, new: Any) -> Any:
    def mutate(data: Any) -> Any:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if new is _DELETE:
            del node[int(last) if isinstance(node, list) else last]
        elif isinstance(node, list):
            node[int(last)] = new
        else:
            node[last] = new
        return data

    return mutate


_DELETE = object()

# (file, how the shipped content is broken, where the error must point)
SCHEMA_CASES = [
    ("warning_sign_paraphrases", _set("paraphrases", {"symptoms:x": ["a"]}), "paraphrases.symptoms:x"),
    ("warning_sign_paraphrases", _set("word_classes", {"Bad Name": "x"}), "word_classes"),
    ("warning_sign_paraphrases", _set("paraphrases", _DELETE), "(the whole file)"),
    ("context_rules", _set("version", "one"), "version"),
    ("context_rules", _set("context_rules.0.category", "NEGATION"), "context_rules.0.category"),
    ("context_rules", _set("context_rules.3.direction", "SIDEWAYS"), "context_rules.3.direction"),
    ("context_rules", _set("context_rules.1.max_scope", 0), "context_rules.1.max_scope"),
    ("context_rules", _set("context_rules.2.metadata", {}), "context_rules.2.metadata"),
    ("context_rules", _set("context_rules.0.scope", 5), "context_rules.0"),
    ("context_rules", _set("context_rules.0.terminated_by", ["STOP"]), "context_rules.0.terminated_by.0"),
    (
        "context_rules",
        _set("context_rules.0.pattern", [{"LOWER": {"IN": "relatives"}}]),
        "context_rules.0.pattern.0.LOWER.IN",
    ),
    ("context_rules", _set("word_lists.relatives", []), "word_lists.relatives"),
    ("context_rules", _set("context_rules", _DELETE), "(the whole file)"),
    ("clause_rules", _set("rules.0.field", "colour"), "rules.0.field"),
    ("clause_rules", _set("rules.1.negation", "sometimes"), "rules.1.negation"),
    ("clause_rules", _set("rules.2.pattern", ""), "rules.2.pattern"),
    ("clause_rules", _set("rules.0.takes_over", ["elbows"]), "rules.0.takes_over.0"),
    ("clause_rules", _set("negation.before", _DELETE), "negation"),
    ("clause_rules", _set("parts", {"Bad": "x"}), "parts"),
]


@pytest.mark.parametrize(("name", "mutate", "where"), SCHEMA_CASES)
def test_malformed_rule_file_names_file_and_key(name: str, mutate: Any, where: str) -> None:
    with pytest.raises(KnowledgeError) as info:
        validate_rule_file(mutate(_shipped(name)), name)
    message = str(info.value)
    suffix = ".json" if name == "context_rules" else ".yaml"
    assert message.startswith(f"intake/rules/{name}{suffix}: at {where}: ")


# Content the schema allows but the loader refuses: (file, breakage, where, words of the message)
SEMANTIC_CASES = [
    (
        "context_rules",
        _set("context_rules.1.metadata", {"id": "negation:no"}),
        "context_rules.1.metadata.id",
        "earlier",
    ),
    (
        "context_rules",
        _set("context_rules.0.pattern", [{"LOWER": {"IN": "@cousins"}}]),
        "context_rules.0.pattern.0.LOWER.IN",
        "unknown word list",
    ),
    ("clause_rules", _set("rules.1.id", "perioral_tingling"), "rules.1.id", "earlier"),
    ("clause_rules", _set("rules.0.pattern", r"\b{tongue}\b"), "rules.0.pattern", "unknown part"),
    ("clause_rules", _set("rules.0.pattern", r"(unclosed"), "rules.0.pattern", "not a valid regular expression"),
    ("clause_rules", _set("negation.inside", r"[a-"), "negation.inside", "not a valid regular expression"),
]


@pytest.mark.parametrize(("name", "mutate", "where", "words"), SEMANTIC_CASES)
def test_inconsistent_rule_file_names_file_and_key(name: str, mutate: Any, where: str, words: str) -> None:
    data = mutate(_shipped(name))
    validate_rule_file(data, name)  # the schema alone allows it
    loader = context_rules.entries_of if name == "context_rules" else clause_rules.rules_of
    with pytest.raises(KnowledgeError) as info:
        loader(data)
    message = str(info.value)
    suffix = ".json" if name == "context_rules" else ".yaml"
    assert message.startswith(f"intake/rules/{name}{suffix}: at {where}: ")
    assert words in message


@pytest.mark.parametrize(
    ("name", "text", "kind"), [("clause_rules", "rules: [", "YAML"), ("context_rules", "{", "JSON")]
)
def test_unparsable_rule_file_is_one_error(name: str, text: str, kind: str) -> None:
    suffix = ".json" if name == "context_rules" else ".yaml"
    with pytest.raises(KnowledgeError, match=rf"^intake/rules/{name}\{suffix}: is not valid {kind}"):
        parse_rule_text(text, name, suffix)


def test_a_warm_start_needs_no_schema_validator(tmp_path) -> None:
    """Validated rule files are remembered by content stamp: the second start imports no jsonschema."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; import twitchwise.intake.stages, twitchwise.intake.warning_signs;"
        "from twitchwise.intake.context_rules import context_rules; context_rules();"
        "print('jsonschema' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if k != "TWITCHWISE_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path)

    def run() -> str:
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout

    assert run().strip() == "True"  # cold: parsed and validated
    assert run().strip() == "False"  # warm: read from the stamped cache


def test_an_edited_rule_file_is_validated_again(tmp_path, monkeypatch) -> None:
    import shutil

    from twitchwise.intake import rule_files

    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TWITCHWISE_NO_CACHE", raising=False)
    monkeypatch.setattr(rule_files, "RULES_DIR", rules)
    monkeypatch.setattr(rule_files, "SCHEMAS_DIR", rules / "schemas")
    load = rule_files.load_rule_file.__wrapped__
    assert load("clause_rules")["version"] >= 1  # now in the cache
    path = rules / "clause_rules.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("field: symptoms", "field: colour", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"^intake/rules/clause_rules\.yaml: at rules\.0\.field: "):
        load("clause_rules")
