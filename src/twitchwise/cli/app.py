"""The root `twitchwise` command. Each area's commands live in their own module (see lazy_group)."""

from __future__ import annotations

import typer

from twitchwise.cli.lazy_group import LazyGroup

app = typer.Typer(
    name="twitchwise",
    cls=LazyGroup,
    help=(
        "Understand, track and measure involuntary muscle movements. "
        "This is information, not a diagnosis: if you are worried, or the advice says so, see a doctor."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def root() -> None:
    """Understand, track and measure involuntary muscle movements (information, not a diagnosis)."""
    from twitchwise.settings import load_settings

    load_settings()  # every environment variable checked once, before any command runs


def main() -> None:
    """Entry point of the `twitchwise` console script."""
    app()
