"""`twitchwise assess`, `eval`, `conditions`, `condition` and `check`."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from twitchwise.cli.errors import read_text_argument
from twitchwise.domain.errors import InputError
from twitchwise.services import assessment as svc


class OutputFormat(StrEnum):
    """How `assess` prints a result."""

    text = "text"
    json = "json"


def assess(
    case_file: Annotated[
        str | None,
        typer.Argument(
            metavar="CASE.json", help="A case file (see shared/spec/case.schema.json), or - for standard input."
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text: a readable report; json: the result JSON.")
    ] = OutputFormat.text,
    jsonl: Annotated[
        str | None,
        typer.Option(
            "--jsonl",
            metavar="CASES.jsonl",
            help="Assess one case per line (or - for stdin); print one result JSON per line, in order.",
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option("--text", metavar="TEXT", help="Assess a description in your own words instead of a case file."),
    ] = None,
) -> None:
    """Assess a case: what kind of movement, what may cause it, and how urgent."""
    if jsonl is not None:
        _assess_jsonl(jsonl)
        return
    if text is not None:
        from twitchwise.services import intake as intake_svc

        result, _ = intake_svc.assess_text(text)
        _print_result(result, output_format)
        return
    if case_file is None:
        raise InputError("give a CASE.json file, - for standard input, or --jsonl FILE", "CASE.json")
    text = read_text_argument(case_file or "-", "CASE.json")
    result = svc.assess_case(svc.parse_case_json(text, case_file or "the case"))
    _print_result(result, output_format)


def _print_result(result: Mapping[str, Any], output_format: OutputFormat) -> None:
    if output_format is OutputFormat.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    # Rich is imported only where it prints, so JSON output and batches start faster.
    from rich.console import Console

    from twitchwise.cli.result_rendering import render_result

    render_result(result, Console())


def _assess_jsonl(source: str) -> None:
    if source == "-":
        lines = sys.stdin
    else:
        path = Path(source)
        if not path.is_file():
            raise InputError(f"--jsonl: no such file {source!r}", "--jsonl")
        lines = path.open(encoding="utf-8")
    failed = 0
    for result, ok in svc.assess_lines(lines):
        failed += not ok
        sys.stdout.write(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n")
    sys.stdout.flush()
    if failed:
        typer.echo(f'{failed} line(s) were not valid cases; see their {{"error": ...}} lines.', err=True)
        raise typer.Exit(2)


def evaluate(
    vignettes: Annotated[
        str, typer.Argument(metavar="VIGNETTES.jsonl", help="Labelled cases like shared/vignettes/dev.jsonl.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the figures, misses and per-case outcomes as JSON.")
    ] = False,
    narrative: Annotated[
        bool,
        typer.Option(
            "--narrative",
            help=(
                "Assess each vignette from its narrative (plus age and sex) alone, "
                "and score the extracted findings against the structured fields."
            ),
        ),
    ] = False,
) -> None:
    """Measure the engine on labelled vignettes (structured fields, or narratives with --narrative)."""
    # Rich is imported only where it prints: JSON output and batches start faster without it.
    from rich.console import Console
    from rich.table import Table

    text = read_text_argument(vignettes, "VIGNETTES.jsonl")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            row = svc.parse_case_json(line, f"line {number}")
            if not isinstance(row, dict) or "case" not in row or "expect" not in row:
                raise InputError(f"line {number} needs 'case' and 'expect' objects", f"line {number}")
            rows.append(row)
    scores = None
    if narrative:
        from twitchwise.services import intake as intake_svc

        report, scores = intake_svc.evaluate_narratives(rows)
    else:
        report = svc.evaluate_vignettes(rows)
    if as_json:
        out = report.to_dict()
        if scores is not None:
            out["findings"] = scores.to_dict()
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
        return
    console = Console()
    m = report.metrics
    what = "narrative, age and sex only" if narrative else "structured fields"
    table = Table(title=f"Evaluation on {int(m['cases'])} vignettes ({what})")
    table.add_column("Measure")
    table.add_column("Value", justify="right")
    table.add_row("Urgency exact", f"{m['urgency_accuracy']:.1%}")
    table.add_row("Emergencies under-triaged", f"{int(m['emergencies_under_triaged'])} of {int(m['emergencies'])}")
    table.add_row("Over-triage rate", f"{m['over_triage_rate']:.1%}")
    table.add_row("Top-1 condition", f"{m['top1_accuracy']:.1%}")
    table.add_row("Top-3 condition", f"{m['top3_accuracy']:.1%}")
    table.add_row("Movement type top-1", f"{m['movement_type_accuracy']:.1%}")
    table.add_row("Calibration error (top-1, ECE)", f"{m['calibration_error']:.3f}")
    table.add_row("Log loss of the expected condition", f"{m['mean_log_loss']:.3f}")
    table.add_row("Errors", f"{int(m['errors'])}")
    if scores is not None:
        table.add_row("Finding precision (micro)", f"{scores.precision:.1%}")
        table.add_row("Finding recall (micro)", f"{scores.recall:.1%}")
        table.add_row("Finding F1 (micro)", f"{scores.f1:.1%}")
    console.print(table)
    _print_triage_tables(console, report)
    misses = [
        (k, v)
        for k, v in sorted(report.misses_by_condition().items())
        if v["top1_missed"] or v["top3_missed"] or v["urgency_missed"]
    ]
    if misses:
        mt = Table(title="Misses by expected condition")
        for col in ("Condition", "Cases", "Top-1 missed", "Top-3 missed", "Urgency missed"):
            mt.add_column(col)
        for k, v in misses:
            mt.add_row(k, str(v["cases"]), str(v["top1_missed"]), str(v["top3_missed"]), str(v["urgency_missed"]))
        console.print(mt)


def conditions() -> None:
    """List every condition in the knowledge base with its ICD-10 code and urgency floor."""
    # Rich is imported only where it prints: JSON output and batches start faster without it.
    from rich.console import Console
    from rich.table import Table

    kb = svc.knowledge()
    table = Table(title=f"Conditions ({len(kb.conditions)}), knowledge {kb.version}")
    table.add_column("Id")
    table.add_column("ICD-10")
    table.add_column("Name")
    table.add_column("At least")
    for c in sorted(kb.conditions.values(), key=lambda c: c.name):
        table.add_row(c.id, c.icd10, c.name, c.urgency_floor.id)
    Console().print(table)


def condition(
    condition_id: Annotated[
        str, typer.Argument(metavar="ID", help="A condition id, e.g. eyelid_myokymia (see `twitchwise conditions`).")
    ],
) -> None:
    """Show one condition: what it is, self-care, when to see a doctor, tests, sources."""
    # Rich is imported only where it prints: JSON output and batches start faster without it.
    from rich.console import Console

    info = svc.condition_details(condition_id)
    console = Console()
    console.print(f"[bold]{info['name']}[/bold]  ({info['icd10']})")
    if info["lay_names"]:
        console.print(f"Also called: {', '.join(info['lay_names'])}")
    console.print(info["summary"])
    for title, key in (
        ("Kinds of movement", "movement_types"),
        ("Common causes and triggers", "causes"),
        ("What you can do", "advice"),
        ("See a doctor if", "see_doctor_if"),
        ("What a doctor will ask", "doctor_asks"),
        ("What a doctor may do", "doctor_tests"),
    ):
        if info[key]:
            console.print(f"\n[bold underline]{title}[/bold underline]")
            for item in info[key]:
                console.print(f"• {item}")
    console.print("\n[bold underline]Sources[/bold underline]")
    for s in info["sources"]:
        console.print(f"• {s['publisher']}: {s['title']} ({s['year']}) {s['url']}")
    console.print(f"\n[italic]{info['disclaimer']}[/italic]")


def register(app: typer.Typer) -> None:
    """Add the assessment commands to the root app."""
    from twitchwise.cli.check_command import check

    app.command("assess")(assess)
    app.command("check")(check)
    app.command("eval")(evaluate)
    app.command("conditions")(conditions)
    app.command("condition")(condition)


def _print_triage_tables(console: Any, report: Any) -> None:
    """By age group and by expected level, as Semigran 2015 and Gilbert 2020 report triage."""
    from rich.table import Table

    groups = Table(title="By age group")
    for col in ("Group", "Cases", "Urgency exact", "Safe", "Under-triaged", "Unsafe (2+ levels)",
                "Emergencies missed", "Top-1", "Top-3"):  # fmt: skip
        groups.add_column(col, justify="right" if col != "Group" else "left")
    names = {"all": "everyone", "children_under_16": "children under 16", "adults_over_75": "adults over 75"}
    for key, g in report.by_group().items():
        if g["cases"]:
            groups.add_row(names[key], f"{int(g['cases'])}", f"{g['urgency_accuracy']:.1%}",
                           f"{g['safe_triage_rate']:.1%}", f"{g['under_triage_rate']:.1%}",
                           f"{int(g['unsafe_triage'])}", f"{int(g['emergencies_under_triaged'])}",
                           f"{g['top1_accuracy']:.1%}", f"{g['top3_accuracy']:.1%}")  # fmt: skip
    console.print(groups)
    levels = Table(title="Triage by expected level")
    for col in ("Expected", "Cases", "Exact", "Safe (at or above)", "Under-triaged", "Unsafe (2+ levels)"):
        levels.add_column(col, justify="right" if col != "Expected" else "left")
    for level, t in report.triage_by_level().items():
        levels.add_row(level.replace("_", "-"), f"{int(t['cases'])}", f"{t['exact']:.1%}", f"{t['safe']:.1%}",
                       f"{t['under_triaged']:.1%}", f"{t['unsafe']:.1%}")  # fmt: skip
    console.print(levels)
