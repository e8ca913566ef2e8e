"""`twitchwise check`: the interactive interview in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from twitchwise.services.emergency_number import EmergencyNumber
from twitchwise.services.interview import DONT_KNOW, InterviewQuestion, InterviewState

if TYPE_CHECKING:
    from rich.console import Console

_HELP = "Type ? (or just Enter) for 'don't know', b to go back, q to quit."


def _ask(console: Console, q: InterviewQuestion, number: int) -> tuple[str, Any]:
    """Ask one question; returns ("answer", value), ("back", None) or ("quit", None)."""
    console.print(f"\n[bold]{number}. {q.text}[/bold]" + ("  [red](warning sign)[/red]" if q.red_flag else ""))
    if q.options:
        for k, (_, label) in enumerate(q.options, start=1):
            console.print(f"  {k:>2}. {label}")
    if q.help:
        console.print(f"[dim]{q.help}[/dim]")
    console.print(f"[dim]{_HELP}[/dim]")
    while True:
        raw = typer.prompt(">", default="", show_default=False).strip()
        low = raw.lower()
        if low in ("q", "quit"):
            return "quit", None
        if low in ("b", "back"):
            return "back", None
        if low in ("?", "dk", "don't know", "dont know") or (not low and q.kind != "text"):
            return "answer", DONT_KNOW
        value, problem = _parse(q, raw)
        if problem is None:
            return "answer", value
        console.print(f"[yellow]{problem}[/yellow]")


def _parse(q: InterviewQuestion, raw: str) -> tuple[Any, str | None]:
    low = raw.lower()
    if q.kind == "yes_no":
        if low in ("y", "yes"):
            return True, None
        if low in ("n", "no"):
            return False, None
        return None, "Please answer y (yes), n (no) or ? (don't know)."
    if q.kind == "number":
        return q.number_answer(raw)
    if q.kind == "text":
        return raw, None
    picks = [p for p in low.replace(",", " ").split() if p]
    if q.kind == "checklist" and (not picks or picks == ["none"] or picks == ["0"]):
        return {fid: False for fid, _ in q.options}, None
    try:
        indexes = [int(p) for p in picks]
    except ValueError:
        return None, f"Please type the number(s) of your choice, 1 to {len(q.options)}."
    if not indexes or any(not 1 <= i <= len(q.options) for i in indexes):
        return None, f"Please type the number(s) of your choice, 1 to {len(q.options)}."
    if q.kind == "choice":
        if len(indexes) != 1:
            return None, "Please choose one."
        return q.options[indexes[0] - 1][0], None
    chosen = [q.options[i - 1][0] for i in indexes]
    if q.kind == "checklist":
        return {fid: fid in chosen for fid, _ in q.options}, None
    return chosen, None


def check(
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            metavar="TEXT",
            help="Start from a description in your own words: its unanswered warning signs are asked first.",
        ),
    ] = None,
) -> None:
    """Answer a few questions, one at a time, and get an assessment (information, not a diagnosis)."""
    # Imported here so that registering `check` costs nothing for the other commands.
    from rich.console import Console

    from twitchwise.cli.result_rendering import render_result
    from twitchwise.services.emergency_number import emergency_number
    from twitchwise.services.interview import interview_engine

    console = Console()
    engine = interview_engine()
    call = _call_sentence(emergency_number())
    console.print(
        "[bold]twitchwise check[/bold]: a few questions about the movement you notice. "
        "This is information, not a diagnosis. If you have trouble breathing, a drooping face or a seizure, "
        f"{call[0].lower()}{call[1:]}"
    )
    state = InterviewState()
    first: list[InterviewQuestion] = []
    if text is not None:
        from twitchwise.services.intake import interview_from_text

        state, first, _ = interview_from_text(text)
        if engine.emergency(state) is None:
            console.print("Understood from your description; first, the warning signs it did not answer.")
    prefilled = len(state.answers)  # what the description answered; "back" never removes it
    asked_first = 0  # warning signs of the description asked so far
    while True:
        in_first = asked_first < len(first)
        if in_first and engine.emergency(state) is not None:
            break  # the description (or an answer) already reaches an emergency: stop asking
        q = first[asked_first] if in_first else engine.next_question(state)
        if q is None:
            break
        action, value = _ask(console, q, len(state.answers) - prefilled + 1)
        if action == "quit":
            console.print("Stopped. Nothing was saved.")
            raise typer.Exit(0)
        if action == "back":
            if len(state.answers) > prefilled:
                last = state.answers[-1].question
                state = state.back()
                if asked_first and first[asked_first - 1].id == last:
                    asked_first -= 1
            continue
        state = state.with_answer(q.id, value)
        if in_first:
            asked_first += 1
    result = engine.result(state)
    if result["urgency"] == "emergency":
        # The interview stops at the first emergency-level answer: say so, and what to do, first.
        console.print(f"\n[bold white on red] {call} [/bold white on red]")
        console.print("The questions stopped here: what you said includes a sign that needs help now.")
    console.print("\n[bold]Your result[/bold]")
    render_result(result, console)


def _call_sentence(number: EmergencyNumber) -> str:
    """"Call 999 (United Kingdom) now." (the region from TWITCHWISE_REGION or the locale, else 112)."""
    where = f" ({number.region_name})" if number.region_name else ""
    return f"Call {number.number}{where} now."
