"""The root `twitchwise` command. Each command group lives in its own module and registers here."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="twitchwise",
    help=(
        "Understand, track and measure involuntary muscle movements. "
        "This is information, not a diagnosis: if you are worried, or the advice says so, see a doctor."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command groups register themselves on `app`; the order here is the order of `--help`.
from twitchwise.cli import assess_commands  # noqa: E402

assess_commands.register(app)
from twitchwise.cli import diary_commands  # noqa: E402

diary_commands.register(app)
from twitchwise.cli import recording_commands  # noqa: E402

recording_commands.register(app)
from twitchwise.cli import intake_commands  # noqa: E402

intake_commands.register(app)
from twitchwise.cli import ask_command  # noqa: E402

ask_command.register(app)
from twitchwise.cli import web_command  # noqa: E402

web_command.register(app)


def main() -> None:
    """Entry point of the `twitchwise` console script."""
    app()
