"""`twitchwise parse`: what the free-text intake understands from a narrative."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from twitchwise.cli.errors import BAD_INPUT
from twitchwise.services import intake as svc


def parse(
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT", help="What you would tell a doctor, in your own words (or - for standard input)."
        ),
    ],
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Instead of the JSON, say per finding why it was extracted: its span, status, origin, "
            "rule id, the file and entry of that rule, and the context rules that applied.",
        ),
    ] = False,
) -> None:
    """Show what twitchwise understands from a description: the case (JSON) and where each finding came from."""
    narrative = sys.stdin.read() if text == "-" else text
    parsed = svc.parse_narrative(narrative)
    if explain:
        sys.stdout.write("".join(f"{line}\n" for line in svc.explanation_lines(parsed)))
    else:
        sys.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2) + "\n")
    if not parsed.recognised:
        typer.echo(parsed.message, err=True)
        raise typer.Exit(BAD_INPUT)


def register(app: typer.Typer) -> None:
    """Add the intake command to the root app."""
    app.command("parse")(parse)
