"""`twitchwise ask "QUESTION"`: answer a plain question from the knowledge base, with sources."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console


def ask(
    question: Annotated[
        str, typer.Argument(metavar="QUESTION", help='A plain question, e.g. "why does my eyelid twitch".')
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many passages to show (1 to 20).")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Answer a question from the knowledge base: the best passages, each with its sources."""
    from twitchwise.services.knowledge_search import ask as ask_service

    answer = ask_service(question, limit)
    if as_json:
        typer.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    console = Console()
    if not answer["results"]:
        console.print("Nothing in the knowledge base matches that question. Try other words, e.g. "
                      "'why does my eyelid twitch' or 'leg cramps at night'.")  # fmt: skip
    for number, hit in enumerate(answer["results"], start=1):
        console.print(f"\n[bold]{number}. {hit['title']}[/bold]")
        console.print(hit["snippet"], markup=False, highlight=False)
        for src in hit["sources"][:3]:
            console.print(f"  • {src['publisher']}: {src['title']} ({src['year']}) {src['url']}", markup=False,
                          highlight=False)  # fmt: skip
    console.print(f"\n[dim]{answer['disclaimer']}[/dim]")


def register(app: typer.Typer) -> None:
    """Add the `ask` command to the root app."""
    app.command("ask")(ask)
