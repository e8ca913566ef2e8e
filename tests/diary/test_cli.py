"""The diary commands end to end, their error handling, and their documentation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from twitchwise.cli.app import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli" / "diary.md"
COMMANDS = ["log", "day", "diary", "diary edit", "diary delete", "med add", "med stop",
            "med delete", "med list", "import", "export", "insights", "report"]  # fmt: skip


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TWITCHWISE_DATABASE_URL", f"sqlite:///{tmp_path / 'd.db'}")
    monkeypatch.setenv("TWITCHWISE_TZ", "Europe/London")
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args))

    return invoke


def test_quick_logging_and_listing(run) -> None:  # type: ignore[no-untyped-def]
    r = run("log", "twitch", "--site", "eyelid", "--side", "left", "--lasted", "5s",
            "--intensity", "3", "--when", "10 min ago")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "Logged episode 1: fasciculation, eyelid (left), 5 s, intensity 3" in r.output
    r = run("day", "--caffeine", "300", "--sleep", "6", "--stress", "7")
    assert r.exit_code == 0 and "caffeine 300 mg, sleep 6 h, stress 7/10" in r.output
    r = run("log", "cramp", "--site", "calf", "--with", "weakness")
    assert "reason to see a doctor" in r.output
    r = run("diary", "--kind", "twitch")
    assert r.exit_code == 0 and "eyelid" in r.output and "calf" not in r.output
    r = run("diary", "edit", "1", "--intensity", "4")
    assert r.exit_code == 0 and "updated" in r.output
    assert run("diary", "delete", "2").exit_code == 0
    assert "calf" not in run("diary").output
    assert "300" in run("diary", "--days").output


@pytest.mark.parametrize(
    ("args", "field"),
    [(["log", "twitch", "--site", "elbow"], "site"),
     (["log", "twitch", "--site", "eyelid", "--intensity", "12"], "intensity"),
     (["log", "twitch", "--site", "eyelid", "--lasted", "ages"], "duration"),
     (["log", "twitch", "--site", "eyelid", "--when", "next year"], "time"),
     (["day", "--stress", "15"], "stress"),
     (["diary", "delete", "99"], "episode"),
     (["import", "nowhere.csv"], "nowhere.csv"),
     (["report"], "--pdf")],
)  # fmt: skip
def test_bad_input_is_one_sentence_and_exit_2(run, args: list[str], field: str) -> None:  # type: ignore[no-untyped-def]
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert r.output.startswith("Error: ") and field in r.output
    assert "Traceback" not in r.output


def test_export_import_and_insights(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("log", "twitch", "--site", "eyelid", "--when", "2024-05-01T08:00")
    run("med", "add", "sertraline", "--start", "2024-01-01", "--dose", "50 mg")
    out = tmp_path / "d.csv"
    assert run("export", "--csv", "-o", str(out)).exit_code == 0
    fhir = run("export", "--fhir")
    assert json.loads(fhir.output)["resourceType"] == "Bundle"
    (tmp_path / "b.json").write_text(fhir.output)
    r = run("import", str(out))
    assert "Imported 0 episode(s) (1 already there)" in r.output
    assert run("import", "--fhir", str(tmp_path / "b.json")).exit_code == 0
    r = run("insights")
    assert "needs at least 21 logged days" in r.output
    r = run("report", "--pdf", str(tmp_path / "r.pdf"))
    assert r.exit_code == 0 and (tmp_path / "r.pdf").read_bytes()[:4] == b"%PDF"
    assert "sertraline" in run("med", "list").output


def _options(command: typer.core.TyperCommand) -> list[str]:  # type: ignore[name-defined]
    return [o for p in command.params for o in p.opts if o.startswith("--") and o != "--help"]


def test_every_command_and_option_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    root = get_command(app)
    for name in COMMANDS:
        cmd = root
        for part in name.split():
            cmd = cmd.get_command(None, part)  # type: ignore[attr-defined, arg-type]
        assert f"twitchwise {name}" in text, f"command '{name}' is not documented"
        for opt in _options(cmd):  # type: ignore[arg-type]
            assert re.search(rf"`{re.escape(opt)}[`/ =]", text) or f"{opt} " in text, (
                f"option {opt} of '{name}' is not documented"
            )
