"""Every CLI command and every one of its options is documented in the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from twitchwise.cli.app import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: Any, prefix: str = "twitchwise") -> list[tuple[str, Any]]:
    # Typer vendors its own click, so commands and options are recognised by shape, not class.
    out: list[tuple[str, Any]] = []
    if hasattr(group, "commands"):
        for name, cmd in group.commands.items():
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
