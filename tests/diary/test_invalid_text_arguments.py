"""Invalid UTF-8 on the command line (which Python reads as lone surrogates) is one sentence, exit 2.

Such text cannot be stored (the database driver raised UnicodeEncodeError) or tokenized (spaCy
raised it while hashing), so it is refused where the text is validated: the diary's notes,
names and doses, and the narrative.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from twitchwise.cli.app import app

BAD = "a\udcffb"  # what Python makes of the byte 0xFF in an argument


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["log", "twitch", "--site", "eyelid", "--note", BAD], "notes"),
        (["day", "--note", BAD], "notes"),
        (["med", "add", BAD], "name"),
        (["med", "add", "aspirin", "--dose", BAD], "dose"),
        (["parse", f"my eyelid {BAD} twitches"], "narrative"),
        (["assess", "--text", f"my eyelid {BAD} twitches"], "narrative"),
    ],
)
def test_invalid_utf8_arguments_are_one_sentence_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], field: str
) -> None:
    monkeypatch.setenv("TWITCHWISE_DATABASE_URL", f"sqlite:///{tmp_path / 'd.db'}")
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 2, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert "Traceback" not in r.output
    assert f"{field} contains characters that are not valid text" in r.output
    listed = CliRunner().invoke(app, ["diary"])
    assert "No episodes" in listed.output
