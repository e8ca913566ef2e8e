"""`twitchwise recording score|batch` end to end, and that every option is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli" / "recordings.md"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    """The real root command: its error funnel turns an InputError into exit code 2."""
    from twitchwise.cli.app import app as root

    return root


def test_score_json_and_outputs(app: typer.Typer, small_edf: Path, tmp_path: Path) -> None:
    events = tmp_path / "ev" / "night_events.tsv"
    plot = tmp_path / "night.png"
    edf_out = tmp_path / "scored.edf"
    res = CliRunner().invoke(
        app,
        [
            "recording",
            "score",
            str(small_edf),
            "--json",
            "--events",
            str(events),
            "--plot",
            str(plot),
            "--edf-out",
            str(edf_out),
        ],
    )
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    for key in ("lm_count", "plm_count", "plms_index", "plmw_index", "sleep_hours"):
        assert key in summary
    table = pd.read_csv(events, sep="\t")
    assert list(table.columns[:3]) == ["onset", "duration", "trial_type"]
    assert len(table) >= summary["lm_count"]
    assert events.with_suffix(".json").is_file()
    sidecar = json.loads(events.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["stage"]["Description"].endswith("Stages: from the annotations.")  # the stage source travels
    assert summary["stage_source"] == "annotations"
    assert plot.stat().st_size > 10_000
    import edfio

    texts = [a.text for a in edfio.read_edf(edf_out).annotations]
    assert sum(t.startswith(("LM", "PLM")) for t in texts) == summary["lm_count"]


def test_score_text_and_aasm(app: typer.Typer, small_edf: Path) -> None:
    res = CliRunner().invoke(app, ["recording", "score", str(small_edf), "--rules", "aasm"])
    assert res.exit_code == 0, res.output
    assert "PLMS index" in res.output and "AASM" in res.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.edf"], "does not exist"),
        (["{edf}", "--legs", "NOPE"], "leg channel 'NOPE' is not in the file"),
        (["{edf}", "--events", "{tmp}/out.xlsx"], "must end in .tsv or .csv"),
        (["{tmp}/notes.txt"], "must be .edf, .bdf"),
    ],
)
def test_bad_input_exit_code_2(
    app: typer.Typer, small_edf: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "notes.txt").write_text("x")
    argv = ["recording", "score"] + [a.format(edf=small_edf, tmp=tmp_path) for a in args]
    res = CliRunner().invoke(app, argv)
    assert res.exit_code == 2
    assert message in res.output and "Traceback" not in res.output


@pytest.mark.slow
def test_batch_reports_a_failed_file_and_scores_the_rest(app: typer.Typer, small_edf: Path, tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    for name in ("a.edf", "b.edf"):
        (cohort / name).write_bytes(small_edf.read_bytes())
    (cohort / "broken.edf").write_bytes(small_edf.read_bytes()[:4000])
    out = tmp_path / "results"
    res = CliRunner().invoke(app, ["recording", "batch", str(cohort / "*.edf"), "--out", str(out), "--workers", "2"])
    assert res.exit_code == 0, res.output
    summary = pd.read_csv(out / "summary.csv")
    assert summary["file"].tolist() == ["a.edf", "b.edf", "broken.edf"]
    from twitchwise.services.recordings import SUMMARY_COLUMNS

    assert tuple(summary.columns) == SUMMARY_COLUMNS
    assert summary["status"].tolist() == ["ok", "ok", "failed"]
    assert "truncated" in summary.loc[2, "error"]
    assert summary.loc[0, "plms_index"] == summary.loc[1, "plms_index"]
    events = pd.read_csv(out / "events.csv")
    assert set(events["file"]) == {"a.edf", "b.edf"}


def test_every_command_and_option_is_documented(app: typer.Typer) -> None:
    text = DOC.read_text(encoding="utf-8")
    click_app = typer.main.get_command(app)
    group = click_app.get_command(None, "recording")  # type: ignore[attr-defined]
    for name, command in group.commands.items():
        assert f"twitchwise recording {name}" in text
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert re.search(re.escape(opt) + r"\b", text), f"{name} {opt} undocumented"


def _one_leg_file(path: Path) -> Path:
    import numpy as np

    from twitchwise.io.edf_recordings import write_night_edf

    rng = np.random.default_rng(0)
    write_night_edf(path, {"Tib L": rng.normal(0, 3, 256 * 120), "EEG C3-A2": rng.normal(0, 3, 256 * 120)}, 256.0)
    return path


def test_one_leg_refused_then_scored_and_marked(app: typer.Typer, tmp_path: Path) -> None:
    path = _one_leg_file(tmp_path / "one.edf")
    refused = CliRunner().invoke(app, ["recording", "score", str(path)])
    assert refused.exit_code == 2
    assert "only one leg EMG channel was found ('Tib L')" in refused.output and "--one-leg" in refused.output
    scored = CliRunner().invoke(app, ["recording", "score", str(path), "--one-leg", "--json"])
    assert scored.exit_code == 0, scored.output
    summary = json.loads(scored.stdout)
    assert summary["one_leg"] is True and summary["channels"] == "left=Tib L"
    assert scored.stderr.count("warning: only one leg was scored") == 1


def test_blank_unit_gives_one_warning_on_stderr(app: typer.Typer, tmp_path: Path) -> None:
    path = _one_leg_file(tmp_path / "blank.edf")
    raw = bytearray(path.read_bytes())
    ns = int(raw[252:256])
    raw[256 + 96 * ns : 256 + 96 * ns + 8] = b" " * 8  # first signal's unit blank
    path.write_bytes(bytes(raw))
    res = CliRunner().invoke(app, ["recording", "score", str(path), "--one-leg", "--json"])
    assert res.exit_code == 0, res.output
    assert res.stderr.count("has no physical unit") == 1 and "taken as µV" in res.stderr
    assert "Traceback" not in res.stderr and "UserWarning" not in res.stderr


def test_summary_csv_columns_are_the_documented_ones(small_edf: Path, tmp_path: Path) -> None:
    from twitchwise.services.recordings import SUMMARY_COLUMNS, _score_for_batch, summary_table

    block = DOC.read_text(encoding="utf-8").split("<!-- summary-columns -->")[1].split("<!-- /summary-columns -->")[0]
    documented = tuple(re.findall(r"`([a-z_]+)`", block))
    assert documented == SUMMARY_COLUMNS
    broken = tmp_path / "broken.edf"
    broken.write_bytes(small_edf.read_bytes()[:4000])
    rows = [_score_for_batch(str(small_edf), "wasm2016", None)[0], _score_for_batch(str(broken), "wasm2016", None)[0]]
    table = summary_table(rows)
    assert tuple(table.columns) == documented
    path = tmp_path / "summary.csv"
    table.to_csv(path, index=False)
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(documented)
    assert table["status"].tolist() == ["ok", "failed"]
