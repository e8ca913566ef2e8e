"""Every knowledge data file validates against its JSON Schema; a malformed one gives one clear error."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from twitchwise.domain.errors import KnowledgeError
from twitchwise.knowledge import default_data_dir, load_knowledge
from twitchwise.knowledge.schema_validation import schema_name_for

DATA = default_data_dir()
DATA_FILES = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*.yaml"))


def test_every_data_file_has_a_schema() -> None:
    missing = [
        key
        for key in DATA_FILES
        if not (DATA / "schemas" / "knowledge" / f"{schema_name_for(key)}.schema.json").is_file()
    ]
    assert missing == []


@pytest.mark.parametrize("key", DATA_FILES)
def test_every_data_file_validates_against_its_schema(key: str) -> None:
    schema = json.loads((DATA / "schemas" / "knowledge" / f"{schema_name_for(key)}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load((DATA / key).read_text(encoding="utf-8")), schema)


def _set(path: list[Any], value: Any) -> Callable[[Any], None]:
    def edit(doc: Any) -> None:
        for step in path[:-1]:
            doc = doc[step]
        doc[path[-1]] = value

    return edit


def _delete(path: list[Any]) -> Callable[[Any], None]:
    def edit(doc: Any) -> None:
        for step in path[:-1]:
            doc = doc[step]
        del doc[path[-1]]

    return edit


MALFORMED = [
    # (file, edit, words the one error must contain: the file, the key, what is allowed)
    ("conditions/hypnic_jerks.yaml", _delete(["summary"]), ["conditions/hypnic_jerks.yaml", "summary"]),
    ("conditions/hypnic_jerks.yaml", _set(["prior", "weight"], "often"), ["prior.weight", "number"]),
    ("conditions/hypnic_jerks.yaml", _set(["prior", "age", "toddler"], 1.0), ["prior.age", "toddler", "infant"]),
    ("conditions/hypnic_jerks.yaml", _set(["urgency_floor"], "soon"), ["urgency_floor", "allowed", "emergency"]),
    (
        "conditions/hypnic_jerks.yaml",
        _set(["findings", "features:limb_jerk"], 0),
        ["findings.features:limb_jerk", "between"],
    ),
    ("conditions/hypnic_jerks.yaml", _set(["ages"], {"from": 1, "cap": 0.1}), ["ages", "to"]),
    (
        "conditions/hypnic_jerks.yaml",
        _set(["requires"], [{"when": "symptoms:fever", "cap": 0.1}]),
        ["requires.0", "text"],
    ),
    ("conditions/hypnic_jerks.yaml", _set(["escalations", 0, "urgency"], "asap"), ["escalations.0.urgency"]),
    ("conditions/hypnic_jerks.yaml", _set(["colour"], "blue"), ["colour", "allowed"]),
    ("findings.yaml", _delete(["symptoms:fever", "label"]), ["findings.yaml", "symptoms:fever", "label"]),
    ("findings.yaml", _set(["symptoms:fever", "raises"], "quickly"), ["symptoms:fever.raises", "allowed"]),
    ("findings.yaml", _set(["symptoms:fever", "hpo"], "HPO-12"), ["symptoms:fever.hpo"]),
    ("red_flags.yaml", _delete([0, "text"]), ["red_flags.yaml", "at 0", "text"]),
    ("red_flags.yaml", _set([0, "when"], {"maybe": ["symptoms:fever"]}), ["red_flags.yaml", "0.when"]),
    (
        "sources/general.yaml",
        _set(["nhs_new_page"], {"publisher": "NHS"}),
        ["sources/general.yaml", "nhs_new_page", "title"],
    ),
    (
        "urgency_policy.yaml",
        _set(["danger_mass", "urgent"], 1.5),
        ["urgency_policy.yaml", "danger_mass.urgent", "between"],
    ),
    ("medications.yaml", _set(["names", "aspirin"], 3), ["medications.yaml", "names.aspirin"]),
    ("factors.yaml", _delete([0, "when"]), ["factors.yaml", "when"]),
    ("movement_types.yaml", _delete(["tremor", "description"]), ["movement_types.yaml", "tremor", "description"]),
    ("questions.yaml", _set(["sites"], ""), ["questions.yaml", "sites"]),
    ("model.yaml", _set(["age_bands", 2, "to"], 12.999), ["model.yaml", "age_bands", "child ends at 12.999"]),
    ("model.yaml", _set(["prior_sexes"], ["female", "other"]), ["model.yaml", "prior_sexes.1", "allowed"]),
    ("model.yaml", _delete(["exposure_findings"]), ["model.yaml", "exposure_findings"]),
    ("model.yaml", _delete(["exposure_thresholds", "caffeine_high_mg"]), ["model.yaml", "caffeine_high_mg"]),
    ("model.yaml", _set(["exposure_thresholds", "high_stress"], 12), ["model.yaml", "exposure_thresholds.high_stress"]),
    ("wording.yaml", _set(["red_flag_finding"], "You reported it."), ["wording.yaml", "red_flag_finding"]),
    ("wording.yaml", _delete(["age_words", "months"]), ["wording.yaml", "age_words", "months"]),
    ("model.yaml", _set(["exposure_findings"], ["caffeine_high", "coffee_binge"]), ["findings.yaml", "coffee_binge"]),
]


@pytest.mark.parametrize(("key", "edit", "words"), MALFORMED, ids=[f"{m[0]}:{'/'.join(m[2][1:2])}" for m in MALFORMED])
def test_a_malformed_file_gives_one_knowledge_error_naming_file_and_key(
    tmp_path: Path, key: str, edit: Callable[[Any], None], words: list[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / key
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(data)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
