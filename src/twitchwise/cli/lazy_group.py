"""A root command group that imports each area's commands only when they are used.

The areas' command modules pull in heavy libraries (SQLAlchemy, MNE and Dask, spaCy,
FastAPI). Importing them all at start-up would make every command, even a quick
`twitchwise assess`, pay for all of them. Here each command name maps to the module that
registers it; the module is imported the first time the command is looked up (to run it,
or to list it in `--help`).
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup

#: Command name -> module whose ``register(app)`` defines it, in `--help` order.
LAZY_COMMANDS: dict[str, str] = {
    "assess": "twitchwise.cli.assess_commands",
    "check": "twitchwise.cli.assess_commands",
    "eval": "twitchwise.cli.assess_commands",
    "conditions": "twitchwise.cli.assess_commands",
    "condition": "twitchwise.cli.assess_commands",
    "parse": "twitchwise.cli.intake_commands",
    "ask": "twitchwise.cli.ask_command",
    "log": "twitchwise.cli.diary_commands",
    "day": "twitchwise.cli.diary_commands",
    "diary": "twitchwise.cli.diary_commands",
    "med": "twitchwise.cli.diary_commands",
    "import": "twitchwise.cli.diary_commands",
    "export": "twitchwise.cli.diary_commands",
    "insights": "twitchwise.cli.diary_commands",
    "report": "twitchwise.cli.diary_commands",
    "recording": "twitchwise.cli.recording_commands",
    "web": "twitchwise.cli.web_command",
}

_LOADED: dict[str, dict[str, Any]] = {}


def _commands_of(module_name: str) -> dict[str, Any]:
    """The click commands a module registers, by name (imported and built once)."""
    if module_name not in _LOADED:
        module = importlib.import_module(module_name)
        area = typer.Typer(add_completion=False)
        module.register(area)
        built = typer.main.get_command(area)
        commands = getattr(built, "commands", None)
        _LOADED[module_name] = dict(commands) if commands is not None else {str(built.name): built}
    return _LOADED[module_name]


class LazyGroup(TyperGroup):
    """A Typer group whose commands come from :data:`LAZY_COMMANDS`, imported on first use."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command name, in `--help` order."""
        return list(LAZY_COMMANDS)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a :class:`TwitchwiseError` becomes its one sentence and exit code 2."""
        from twitchwise.cli.errors import report_error
        from twitchwise.domain.errors import TwitchwiseError

        try:
            return super().invoke(ctx)
        except TwitchwiseError as exc:
            report_error(exc)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """Import the command's module on first use and return its command."""
        module_name = LAZY_COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        return _commands_of(module_name).get(cmd_name)
