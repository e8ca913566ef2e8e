"""Every CLI command and every one of its options is documented in the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from twitchwise.cli.app import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


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


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_and_its_options_are_in_the_readme(path: str, command: Any) -> None:
    assert f"`{path}" in README or f"$ {path}" in README, f"README does not document `{path}`"
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option" or getattr(param, "hidden", False) or param.name == "help":
            continue
        names = [n for n in param.opts + param.secondary_opts if n.startswith("--")]
        assert any(n in README for n in names), f"README does not document {names} of `{path}`"


def test_readme_carries_the_current_cli_references() -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_readme.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, "README.md is out of date: run scripts/build_readme.py"


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
