"""The assessment commands of the CLI, run as a user would (in-process, with Typer's runner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from twitchwise.cli.app import app

runner = CliRunner(env={"COLUMNS": "200"})
CASE = {"age": 30, "sex": "male", "sites": ["calf"], "side": "left", "first_noticed_days": 4,
        "features": ["visible_flicker"], "absent": ["weakness"], "exposures": {"caffeine_mg_day": 500}}  # fmt: skip


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE))
    return path


def test_assess_prints_a_readable_report(case_file: Path) -> None:
    result = runner.invoke(app, ["assess", str(case_file)])
    assert result.exit_code == 0, result.output
    assert "SELF-CARE" in result.output
    assert "not a diagnosis" in result.output
    assert "Benign fasciculations" in result.output


def test_assess_json_reads_standard_input() -> None:
    result = runner.invoke(app, ["assess", "-", "--format", "json"], input=json.dumps(CASE))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["conditions"][0]["id"] == "benign_fasciculations"


def test_assess_jsonl_keeps_order_reports_bad_lines_and_exits_2(tmp_path: Path) -> None:
    lines = [json.dumps(CASE), "{not json", json.dumps({"sites": ["eyelid"]}), json.dumps({"sites": ["nose"]})]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["assess", "--jsonl", str(path)])
    assert result.exit_code == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["conditions"][0]["id"] == "benign_fasciculations"
    assert "line 2" in out[1]["error"] and "not valid JSON" in out[1]["error"]
    assert out[2]["conditions"][0]["id"] == "eyelid_myokymia"
    assert "sites[0]" in out[3]["error"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{oops", ["not valid JSON", "line 1"]),
        (json.dumps({"sites": ["calff"]}), ["sites[0]", "calf"]),
        (json.dumps({"sites": ["calf"], "frequency": "hourly"}), ["frequency", "many_daily"]),
    ],
)
def test_bad_input_exits_2_with_one_sentence_and_no_traceback(tmp_path: Path, content: str, words: list[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = runner.invoke(app, ["assess", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    for w in words:
        assert w in result.output


def test_a_missing_file_exits_2() -> None:
    result = runner.invoke(app, ["assess", "no-such-case.json"])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_conditions_lists_every_condition() -> None:
    result = runner.invoke(app, ["conditions"])
    assert result.exit_code == 0
    assert "eyelid_myokymia" in result.output and "G51.4" in result.output


def test_condition_shows_sources_and_unknown_ids_suggest_close_ones() -> None:
    ok = runner.invoke(app, ["condition", "eyelid_myokymia"])
    assert ok.exit_code == 0
    assert "https://" in ok.output and "Sources" in ok.output
    bad = runner.invoke(app, ["condition", "eyelid_myokimia"])
    assert bad.exit_code == 2
    assert "eyelid_myokymia" in bad.output


def test_eval_prints_the_figures(dev_vignettes: list[dict[str, object]], tmp_path: Path) -> None:
    path = tmp_path / "v.jsonl"
    path.write_text("\n".join(json.dumps(v) for v in dev_vignettes[:10]))
    text = runner.invoke(app, ["eval", str(path)])
    assert text.exit_code == 0
    assert "Urgency exact" in text.output and "Emergencies under-triaged" in text.output
    as_json = runner.invoke(app, ["eval", str(path), "--json"])
    metrics = json.loads(as_json.output)["metrics"]
    assert metrics["cases"] == 10
    assert 0 <= metrics["top3_accuracy"] <= 1


def test_check_interview_reaches_a_result_with_back_and_dont_know() -> None:
    # age, sex, sites(eyelid), red-flag checklist: none, then "?" / "n" answers until the result.
    answers = ["34", "1", "1", "b", "1", "none"] + ["?", "n"] * 20
    result = runner.invoke(app, ["check"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Your result" in result.output
    assert "not a diagnosis" in result.output
    assert "warning sign" in result.output


def test_check_rejects_an_out_of_range_answer_and_asks_again() -> None:
    result = runner.invoke(app, ["check"], input="500\n40\nq\n")
    assert "from 0 to 120" in result.output
    assert result.exit_code == 0
