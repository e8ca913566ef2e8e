"""Render an assessment result for the terminal with Rich (text, not colour alone)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

URGENCY_STYLE = {
    "emergency": ("bold white on red", "EMERGENCY"),
    "urgent": ("bold black on dark_orange", "URGENT - TODAY"),
    "routine": ("bold black on yellow", "SEE A DOCTOR"),
    "self_care": ("bold black on green", "SELF-CARE"),
}


def _bar(p: float, width: int = 20) -> str:
    filled = round(p * width)
    return "█" * filled + "░" * (width - filled)


#: How many unanswered warning signs the opening check lists (those the text touched come first).
MAX_CHECKS_SHOWN = 6


def render_unscreened(result: Mapping[str, Any], console: Console) -> None:
    """Open with the warning signs a narrative did not answer ("Before you rely on this, check: ...")."""
    signs = result.get("unscreened_red_flags") or []
    if not signs:
        return
    body = Text("Before you rely on this, check:\n", style="bold")
    for s in signs[:MAX_CHECKS_SHOWN]:
        body.append(f"• {s['question']}" + ("  (you mentioned this)" if s.get("touched") else "") + "\n")
    more = len(signs) - MAX_CHECKS_SHOWN
    if more > 0:
        body.append(f"…and {more} more warning signs your description did not cover. ")
    body.append('If any is yes, get help now. `twitchwise check --text "..."` asks them one by one.')
    console.print(Panel(body, title="Not covered by what you wrote", style="bold", expand=True))


def render_result(result: Mapping[str, Any], console: Console) -> None:
    """Print a readable report of a result."""
    render_unscreened(result, console)
    style, label = URGENCY_STYLE[result["urgency"]]
    banner = Text.assemble((f" {label} ", style), "  ", (result["urgency_text"], "bold"))
    reasons = Text()
    for r in result["urgency_reasons"][:4]:
        reasons.append(f"• {r['text']}\n")
    console.print(Panel(Group(banner, Text(""), reasons), title="How urgent", expand=True))

    mt = Table(title="What kind of movement", show_header=True, header_style="bold", expand=False)
    mt.add_column("Movement")
    mt.add_column("Probability", justify="right")
    mt.add_column("")
    for m in result["movement_types"][:4]:
        mt.add_row(m["name"], f"{m['probability']:.0%}", _bar(m["probability"]))
    console.print(mt)

    ct = Table(title="What may explain it", show_header=True, header_style="bold", expand=False)
    ct.add_column("Condition")
    ct.add_column("ICD-10")
    ct.add_column("Probability", justify="right")
    ct.add_column("")
    ct.add_column("Why")
    for c in result["conditions"][:5]:
        why = ", ".join(
            ("+" if e["effect"] == "for" else "−")
            + e["finding"].replace("not ", "no ").split(":")[-1].replace("_", " ")
            for e in c["evidence"][:4]
        )
        ct.add_row(c["name"], c["icd10"], f"{c['probability']:.0%}", _bar(c["probability"], 12), why)
    console.print(ct)

    if result["factors"]:
        console.print(Text("What may be contributing", style="bold underline"))
        for f in result["factors"]:
            console.print(f"• {f['text']}")
    console.print(Text("What to do now", style="bold underline"))
    for a in result["advice"]:
        console.print(f"• {a}")
    console.print(Text("When to get help", style="bold underline"))
    for w in result["when_to_get_help"]:
        console.print(f"• {w}")
    doctor = result.get("doctor") or {}
    if doctor.get("asks") or doctor.get("tests"):
        console.print(Text("What a doctor will ask and may do", style="bold underline"))
        for q in doctor.get("asks", [])[:4]:
            console.print(f"• {q}")
        for t in doctor.get("tests", [])[:4]:
            console.print(f"• {t}")
    unknown = [m["typed"] for m in result.get("medications", []) if not m["recognised"]]
    if unknown:
        console.print(f"[italic]Medicines not recognised: {', '.join(unknown)}[/italic]")
    if result["next_questions"]:
        console.print(Text("Questions that would sharpen this", style="bold underline"))
        for q in result["next_questions"][:5]:
            console.print(f"• {q['text']}")
    if result["sources"]:
        console.print(Text("Sources", style="bold underline"))
        for s in result["sources"][:6]:
            console.print(f"• {s['publisher']}: {s['title']} ({s['year']}) {s['where']}")
    console.print(Panel(result["disclaimer"], style="italic"))
