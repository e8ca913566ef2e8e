"""The typed result: every result the engine gives matches AssessmentResult's schema and result.schema.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import golden_results as g
import jsonschema
import pytest

from twitchwise.assessment import Assessor
from twitchwise.assessment.result import json_schema, to_json
from twitchwise.knowledge import default_data_dir

PACKAGED_RESULT_SCHEMA = default_data_dir() / "schemas" / "result.schema.json"


def _golden_results() -> list[dict[str, Any]]:
    rows = []
    for path in sorted(g.GOLDEN.glob("*.jsonl")):
        rows += [json.loads(line)["result"] for line in path.read_text(encoding="utf-8").splitlines()]
    return [{**r, "knowledge_version": "0.1.0+kb.0"} for r in rows if "error" not in r]


def test_the_typed_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    assert json_schema()["additionalProperties"] is False


def test_every_golden_result_matches_the_typed_schema_and_the_shared_one(shared_dir: Path) -> None:
    """825 results (dev vignettes both ways, the examples): the TypedDicts describe them exactly."""
    results = _golden_results()
    assert len(results) > 800
    typed = jsonschema.Draft202012Validator(json_schema())
    shared = jsonschema.Draft202012Validator(json.loads((shared_dir / "spec" / "result.schema.json").read_text()))
    for result in results:
        typed.validate(result)
        shared.validate(result)


def test_a_live_result_matches_and_round_trips_through_to_json(assessor: Assessor) -> None:
    result = assessor.assess({"age": 30, "sites": ["eyelid"], "first_noticed_days": 3, "medications": ["sertraline"]})
    jsonschema.validate(result, json_schema())
    jsonschema.validate(result, json.loads(PACKAGED_RESULT_SCHEMA.read_text()))
    assert json.loads(to_json(result)) == result


def test_a_result_with_an_unknown_key_does_not_match() -> None:
    """The typed schema can fail: a key the types do not declare is refused."""
    result = _golden_results()[0]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**result, "surprise": 1}, json_schema())
    broken = {**result, "conditions": [{**result["conditions"][0], "probability": "high"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, json_schema())
