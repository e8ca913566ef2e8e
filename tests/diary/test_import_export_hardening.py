"""Imports refuse damaged files before writing anything; exports are private and safe in spreadsheets;
the CLI prints no escape sequences and gives one sentence and exit 2 for bad arguments."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from twitchwise.cli.app import app
from twitchwise.domain.diary import Diary, Episode
from twitchwise.domain.errors import InputError
from twitchwise.io import diary_csv, diary_fhir
from twitchwise.io.diary_csv import neutralise_cell, restore_cell
from twitchwise.services.diary import DiaryService

from .test_io import SAMPLE

AT = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TWITCHWISE_DATABASE_URL", f"sqlite:///{tmp_path / 'd.db'}")
    monkeypatch.setenv("TWITCHWISE_TZ", "Europe/London")
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args))

    return invoke


CELLS = [("=1+1", "'=1+1"), ("+44", "'+44"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
         ("\rx", "'\rx"), ("'=x", "''=x"), ("fine", "fine"), ("'quoted'", "'quoted'")]  # fmt: skip


@pytest.mark.parametrize(("cell", "exported"), CELLS)
def test_formula_cells_are_neutralised(cell: str, exported: str) -> None:
    assert neutralise_cell(cell) == exported
    assert restore_cell(exported) == cell


@given(st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_neutralising_round_trips_every_text(text: str) -> None:
    out = neutralise_cell(text)
    assert restore_cell(out) == text
    assert not out.startswith(diary_csv.FORMULA_STARTS)


def test_a_csv_export_of_formula_notes_round_trips() -> None:
    notes = ["=HYPERLINK(\"http://evil\")", "'=x", "-3 pain", "@x", "plain"]
    diary = Diary(tuple(Episode(AT, 1.0, "calf", "left", "cramp", 3, notes=n) for n in notes))
    text = diary_csv.write_csv(diary)
    for line in text.splitlines()[1:]:
        assert ",=" not in line and ",+" not in line and ",@" not in line
    assert [e.notes for e in diary_csv.read_csv(text).episodes] == notes


@given(st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=40), min_size=1, max_size=4))
@settings(max_examples=200, deadline=None)
def test_a_csv_export_round_trips_any_note(notes: list[str]) -> None:
    """Any text, a bare carriage return included (it was written unquoted, and the import then failed)."""
    diary = Diary(tuple(Episode(AT, 1.0, "calf", "left", "cramp", 3, notes=n) for n in notes))
    assert [e.notes for e in diary_csv.read_csv(diary_csv.write_csv(diary)).episodes] == notes


@pytest.mark.parametrize(
    ("doc", "says"),
    [
        ('{"resourceType": "Patient"}', "not a FHIR Bundle (its resourceType is 'Patient')"),
        ("[]", "not a FHIR Bundle (it has no resourceType)"),
        ('{"resourceType": "Bundle", "type": "collection", "entry": {"a": 1}}', "(entry: Input should be"),
    ],
)
def test_a_file_that_is_not_a_bundle_is_one_plain_sentence(doc: str, says: str) -> None:
    with pytest.raises(InputError) as info:
        diary_fhir.read_fhir(doc)
    assert says in info.value.message
    assert "fhir.resources" not in info.value.message and "``" not in info.value.message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (",".join(diary_csv.COLUMNS) + "\nepisode," + "x" * 140_000 + "\n", "longer than 131,072 characters"),
        (diary_csv.write_csv(SAMPLE) + 'episode,"cut inside a no', "ends inside a quoted value"),
        (diary_csv.write_csv(SAMPLE) + "day" + ",x" * len(diary_csv.COLUMNS) + "\n", "more values than the header"),
    ],
)
def test_damaged_csv_is_refused_in_one_sentence(text: str, says: str) -> None:
    with pytest.raises(InputError, match=says):
        diary_csv.read_csv(text)


def test_fhir_without_usable_resources_or_with_duplicate_urls_is_refused(sqlite_service: DiaryService) -> None:
    empty = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "Patient"}}]}  # fmt: skip
    with pytest.raises(InputError, match="holds no episode"):
        sqlite_service.import_text(json.dumps(empty), "fhir")
    bundle = json.loads(diary_fhir.write_fhir(SAMPLE))
    bundle["entry"].append(bundle["entry"][0])
    with pytest.raises(InputError, match="appears twice"):
        diary_fhir.read_fhir(json.dumps(bundle))


def test_importing_an_empty_bundle_is_an_error(sqlite_service: DiaryService) -> None:
    empty = diary_fhir.write_fhir(Diary())
    assert diary_fhir.read_fhir(empty) == Diary()  # reading stays lossless
    with pytest.raises(InputError, match="holds no episode"):
        sqlite_service.import_text(empty, "fhir")


def test_an_import_with_a_future_row_names_it_and_writes_nothing(sqlite_service: DiaryService) -> None:
    far = Diary((Episode(AT, 1.0, "calf", "left", "cramp", 3), Episode(AT.replace(year=2999), 1.0, "calf", "left",
                                                                       "cramp", 3)))  # fmt: skip
    with pytest.raises(InputError, match="episode 2: start 2999-05-01 is in the future"):
        sqlite_service.import_text(diary_csv.write_csv(far), "csv")
    assert sqlite_service.load_diary().episodes == ()


def test_exports_reports_and_the_database_are_private(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("log", "cramp", "--site", "calf").exit_code == 0
    assert stat.S_IMODE((tmp_path / "d.db").stat().st_mode) == 0o600
    out = tmp_path / "x.csv"
    out.write_text("old")
    out.chmod(0o644)
    assert run("export", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text().startswith("record,")
    assert run("report", "--html", str(tmp_path / "r.html")).exit_code == 0
    assert stat.S_IMODE((tmp_path / "r.html").stat().st_mode) == 0o600


def test_export_to_a_missing_folder_is_one_sentence(run) -> None:  # type: ignore[no-untyped-def]
    r = run("export", "-o", "/missing/dir/x.csv")
    assert r.exit_code == 2
    assert r.output.strip() == "Error: cannot write '/missing/dir/x.csv': the folder '/missing/dir' does not exist."


@pytest.mark.parametrize("limit", ["-1", "0", "10001"])
def test_diary_limit_out_of_range(run, limit: str) -> None:  # type: ignore[no-untyped-def]
    r = run("diary", "--limit", limit)
    assert r.exit_code == 2 and f"--limit {limit} must be from 1 to 10000" in r.output


def test_notes_print_without_escape_sequences_or_markup(run) -> None:  # type: ignore[no-untyped-def]
    note = "\x1b[2J\x1b]0;x\x07[red]a[/]\u202e"
    assert run("log", "cramp", "--site", "calf", "--note", note).exit_code == 0
    r = run("diary")
    assert r.exit_code == 0
    assert "\x1b" not in r.output and "\x07" not in r.output and "\u202e" not in r.output
    assert "[red]" in r.output  # printed as typed, not read as rich markup


ESCAPES = "\x1b[2J\x1b]0;x\x07\u202e"


@pytest.mark.parametrize(
    "args",
    [
        ["med", "add", f"pill{ESCAPES}"],  # the confirmation repeats the name
        ["med", "list"],
        ["diary", "--site", f"x{ESCAPES}"],  # the error repeats the site
        ["log", "cramp", "--site", "calf", "--when", f"x{ESCAPES}"],
    ],
)
def test_medicine_names_and_error_messages_print_without_escape_sequences(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    run("med", "add", f"pill{ESCAPES}")
    r = run(*args)
    assert "\x1b" not in r.output and "\x07" not in r.output and "\u202e" not in r.output


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "9999-12-31T23:59", "' OR 1=1 --", "yesterday 25:00"])
def test_log_refuses_bad_times_with_exit_2(run, when: str) -> None:  # type: ignore[no-untyped-def]
    r = run("log", "cramp", "--site", "calf", "--when", when)
    assert r.exit_code == 2 and r.output.startswith("Error: time ") and "Traceback" not in r.output
