"""Every CLI command and every one of its options is documented on its group's page, docs/cli/<group>.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from twitchwise.cli.app import app
from twitchwise.cli.lazy_group import LAZY_COMMANDS

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli"
#: The page of each command module's group.
PAGES = {
    "twitchwise.cli.assess_commands": "assessment.md",
    "twitchwise.cli.intake_commands": "intake.md",
    "twitchwise.cli.diary_commands": "diary.md",
    "twitchwise.cli.recording_commands": "recordings.md",
    "twitchwise.cli.web_command": "web.md",
    "twitchwise.cli.ask_command": "web.md",
}


def _commands(group: Any, prefix: str = "twitchwise") -> list[tuple[str, Any]]:
    # Typer vendors its own click, so commands and options are recognised by shape, not class;
    # list_commands/get_command also reach the root group's lazily imported commands.
    out: list[tuple[str, Any]] = []
    if hasattr(group, "list_commands"):
        ctx = group.make_context(prefix, [], resilient_parsing=True)
        for name in group.list_commands(ctx):
            cmd = group.get_command(ctx, name)
            path = f"{prefix} {name}"
            out.append((path, cmd))
            out += _commands(cmd, path)
    return out


COMMANDS = _commands(typer.main.get_command(app))


def test_there_are_commands_to_check() -> None:
    assert len(COMMANDS) >= 5


def _page(path: str) -> tuple[str, str]:
    name = PAGES[LAZY_COMMANDS[path.split()[1]]]
    return name, (DOCS / name).read_text(encoding="utf-8")


def _mentions(text: str, word: str) -> bool:
    """``word`` (a command path or an option) as a whole word: ``--out`` is not ``--output``."""
    return re.search(re.escape(word) + r"(?![\w-])", text) is not None


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_and_its_options_are_on_its_page(path: str, command: Any) -> None:
    name, page = _page(path)
    assert _mentions(page, path), f"docs/cli/{name} does not document `{path}`"
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option" or getattr(param, "hidden", False) or param.name == "help":
            continue
        names = [n for n in param.opts + param.secondary_opts if n.startswith("--")]
        assert any(_mentions(page, n) for n in names), f"docs/cli/{name} does not document {names} of `{path}`"


def test_every_page_is_linked_from_the_readme() -> None:
    readme = (DOCS.parents[1] / "README.md").read_text(encoding="utf-8")
    for name in set(PAGES.values()):
        assert f"(docs/cli/{name})" in readme, name


def test_the_check_can_fail() -> None:
    assert not _mentions("use `--output FILE`", "--out")
    assert _mentions("use `--out FILE`", "--out")


def test_every_lazily_listed_command_exists_and_nothing_is_left_out() -> None:
    from twitchwise.cli.lazy_group import LAZY_COMMANDS, _commands_of

    modules = set(LAZY_COMMANDS.values())
    defined = {name for module in modules for name in _commands_of(module)}
    assert defined == set(LAZY_COMMANDS)


def test_a_quick_command_does_not_import_the_heavy_areas() -> None:
    import subprocess
    import sys

    code = (
        "import sys, twitchwise.cli.app as a; from typer.testing import CliRunner;"
        "CliRunner().invoke(a.app, ['conditions']);"
        "heavy = [m for m in ('sqlalchemy', 'mne', 'dask', 'spacy', 'fastapi') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
