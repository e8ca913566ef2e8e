"""Diary commands: log, day, diary (list, edit, delete), med, import, export, insights, report.

Thin: each command parses options, calls :class:`twitchwise.services.diary.DiaryService`
and prints. Bad input is one sentence on stderr and exit code 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from twitchwise.domain.diary import Episode, EpisodeFilter, format_duration
from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import terminal_safe
from twitchwise.services.diary import DiaryService, parse_day

diary_app = typer.Typer(help="List diary episodes; edit or delete one by id.")
med_app = typer.Typer(help="Medicines taken, with start and stop dates.")
_out = Console()


def _cell(text: str) -> str:
    """What a person typed, safe to print: no escape sequences, no rich markup."""
    return escape(terminal_safe(text))


def _service() -> DiaryService:
    return DiaryService()


def _episode_table(episodes: list[Episode], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for col in ("id", "when", "kind", "site", "side", "lasted", "intensity", "notes"):
        table.add_column(col, justify="right" if col in {"id", "intensity"} else "left")
    for e in episodes:
        notes = _cell(e.notes + (f" [with: {', '.join(e.symptoms)}]" if e.symptoms else ""))
        table.add_row(
            str(e.id), e.start.strftime("%Y-%m-%d %H:%M %Z"), e.kind, e.site, e.side,
            format_duration(e.duration_s), str(e.intensity), notes,
        )  # fmt: skip
    return table


def log(
    kind: Annotated[str, typer.Argument(help="twitch, jerk, cramp, spasm, or a movement type id.")],
    site: Annotated[str, typer.Option(help="Body site, e.g. eyelid, calf, thigh.")],
    side: Annotated[str, typer.Option(help="left, right, both, alternating, generalized")] = "both",
    lasted: Annotated[str, typer.Option(help="How long: 5s, 2 min, 1h30m.")] = "1s",
    intensity: Annotated[int, typer.Option(help="0 (barely) to 10 (worst).")] = 3,
    when: Annotated[str, typer.Option(help="now, '10 min ago', 'yesterday 22:00', ISO.")] = "now",
    note: Annotated[str, typer.Option(help="Free text.")] = "",
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help="A symptom that came with it (repeatable), e.g. weakness."),
    ] = None,
) -> None:
    """Log one episode."""
    service = _service()
    ep = service.log_episode(
        kind, site, side=side, lasted=lasted, intensity=intensity, when=when, notes=note,
        symptoms=with_ or [],
    )  # fmt: skip
    typer.echo(
        f"Logged episode {ep.id}: {ep.kind}, {ep.site} ({ep.side}), "
        f"{format_duration(ep.duration_s)}, intensity {ep.intensity}, "
        f"{ep.start:%Y-%m-%d %H:%M %Z}."
    )
    flags = service.warning_symptoms(ep)
    if flags:
        typer.echo(
            "You reported "
            + ", ".join(s.replace("_", " ") for s in flags)
            + ". Together with twitching this is a reason to see a doctor soon; "
            "run 'twitchwise assess' for advice."
        )


def day(
    which: Annotated[str, typer.Argument(help="today, yesterday or YYYY-MM-DD.")] = "today",
    caffeine: Annotated[float | None, typer.Option(help="Caffeine, mg (coffee ~95).")] = None,
    sleep: Annotated[float | None, typer.Option(help="Hours slept last night.")] = None,
    stress: Annotated[float | None, typer.Option(help="Stress 0-10.")] = None,
    exercise: Annotated[bool | None, typer.Option("--exercise/--no-exercise", help="Strenuous exercise.")] = None,
    alcohol: Annotated[float | None, typer.Option(help="Alcohol, UK units.")] = None,
    fluids: Annotated[float | None, typer.Option(help="Fluids drunk, litres.")] = None,
    note: Annotated[str | None, typer.Option(help="Free text about the day.")] = None,
    not_logged: Annotated[bool, typer.Option("--not-logged", help="Mark the day as NOT kept in the diary.")] = False,
) -> None:
    """Record a day's check-in (also marks the day as logged, even with no episodes)."""
    c = _service().record_day(
        which, caffeine_mg=caffeine, sleep_h=sleep, stress=stress,
        strenuous_exercise=exercise, alcohol_units=alcohol, fluids_l=fluids, notes=note,
        logged=False if not_logged else None,
    )  # fmt: skip
    parts = [
        f"{label} {v:g}{unit}"
        for label, v, unit in (
            ("caffeine", c.caffeine_mg, " mg"), ("sleep", c.sleep_h, " h"),
            ("stress", c.stress, "/10"), ("alcohol", c.alcohol_units, " units"),
            ("fluids", c.fluids_l, " L"),
        )
        if v is not None
    ]  # fmt: skip
    if c.strenuous_exercise is not None:
        parts.append("strenuous exercise" if c.strenuous_exercise else "no strenuous exercise")
    state = "logged" if c.logged else "not logged"
    typer.echo(f"Day {c.day} {state}" + (": " + ", ".join(parts) if parts else "") + ".")


@diary_app.callback(invoke_without_command=True)
def diary(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD, yesterday).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day.")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind (twitch, cramp, ...).")] = None,
    site: Annotated[str | None, typer.Option(help="Only this body site.")] = None,
    min_intensity: Annotated[int | None, typer.Option(help="Only this intensity or more.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many, newest first.")] = 50,
    days: Annotated[bool, typer.Option("--days", help="List daily check-ins instead.")] = False,
) -> None:
    """List episodes (newest first), filtered; or daily check-ins with --days."""
    if ctx.invoked_subcommand is not None:
        return
    if not 1 <= limit <= 10_000:
        raise InputError(f"--limit {limit} must be from 1 to 10000.", "limit")
    svc = _service()
    today = svc.now().date()
    first = parse_day(since, today) if since else None
    last = parse_day(until, today) if until else None
    if days:
        table = Table(title="Daily check-ins", title_justify="left")
        for col in ("day", "logged", "caffeine mg", "sleep h", "stress", "exercise",
                    "alcohol u", "fluids L", "notes"):  # fmt: skip
            table.add_column(col)
        for c in svc.list_days(first, last):
            cells = [c.caffeine_mg, c.sleep_h, c.stress]
            table.add_row(
                str(c.day), "yes" if c.logged else "no",
                *("" if v is None else f"{v:g}" for v in cells),
                {None: "", True: "yes", False: "no"}[c.strenuous_exercise],
                *("" if v is None else f"{v:g}" for v in (c.alcohol_units, c.fluids_l)),
                _cell(c.notes),
            )  # fmt: skip
        _out.print(table)
        return
    flt = EpisodeFilter(since=first, until=last, kind=kind, site=site,
                        min_intensity=min_intensity, limit=limit)  # fmt: skip
    episodes = svc.list_episodes(flt)
    if not episodes:
        typer.echo("No episodes match.")
        return
    _out.print(_episode_table(episodes, f"{len(episodes)} episode(s), newest first"))


@diary_app.command("edit")
def edit(
    episode_id: Annotated[int, typer.Argument(help="Episode id (see 'twitchwise diary').")],
    kind: Annotated[str | None, typer.Option(help="New kind.")] = None,
    site: Annotated[str | None, typer.Option(help="New body site.")] = None,
    side: Annotated[str | None, typer.Option(help="New side.")] = None,
    lasted: Annotated[str | None, typer.Option(help="New duration, e.g. 5s.")] = None,
    intensity: Annotated[int | None, typer.Option(help="New intensity 0-10.")] = None,
    when: Annotated[str | None, typer.Option(help="New start time.")] = None,
    note: Annotated[str | None, typer.Option(help="New notes.")] = None,
    with_: Annotated[list[str] | None, typer.Option("--with", help="Replace the symptoms (repeatable).")] = None,
) -> None:
    """Change an episode."""
    ep = _service().edit_episode(
        episode_id, kind=kind, site=site, side=side, lasted=lasted, intensity=intensity,
        when=when, notes=note, symptoms=with_,
    )  # fmt: skip
    _out.print(_episode_table([ep], f"Episode {ep.id} updated"))


@diary_app.command("delete")
def delete(episode_id: Annotated[int, typer.Argument(help="Episode id.")]) -> None:
    """Delete an episode."""
    _service().delete_episode(episode_id)
    typer.echo(f"Deleted episode {episode_id}.")


@med_app.command("add")
def med_add(
    name: Annotated[str, typer.Argument(help="Medicine name, e.g. sertraline.")],
    start: Annotated[str, typer.Option(help="First day taken (YYYY-MM-DD).")] = "today",
    stop: Annotated[str | None, typer.Option(help="Last day taken, if stopped.")] = None,
    dose: Annotated[str, typer.Option(help="Dose as free text, e.g. '50 mg daily'.")] = "",
) -> None:
    """Record a medicine."""
    m = _service().add_medication(name, start, stop, dose)
    until = f" to {m.stop}" if m.stop else ", still taking"
    typer.echo(f"Recorded medicine {m.id}: {terminal_safe(m.name)} from {m.start}{until}.")


@med_app.command("stop")
def med_stop(
    med_id: Annotated[int, typer.Argument(help="Medicine id (see 'twitchwise med list').")],
    on: Annotated[str, typer.Option(help="Last day taken.")] = "today",
) -> None:
    """Record the last day a medicine was taken."""
    m = _service().stop_medication(med_id, on)
    typer.echo(f"Medicine {m.id} ({terminal_safe(m.name)}) taken {m.start} to {m.stop}.")


@med_app.command("delete")
def med_delete(med_id: Annotated[int, typer.Argument(help="Medicine id.")]) -> None:
    """Delete a medicine record."""
    _service().delete_medication(med_id)
    typer.echo(f"Deleted medicine {med_id}.")


@med_app.command("list")
def med_list() -> None:
    """List medicines."""
    meds = _service().list_medications()
    if not meds:
        typer.echo("No medicines recorded.")
        return
    table = Table(title="Medicines", title_justify="left")
    for col in ("id", "name", "dose", "from", "to"):
        table.add_column(col)
    for m in meds:
        table.add_row(str(m.id), _cell(m.name), _cell(m.dose), str(m.start), str(m.stop or "still taking"))
    _out.print(table)


def import_(
    file: Annotated[Path, typer.Argument(help="A .csv or .json diary, or a FHIR Bundle.")],
    fhir: Annotated[bool, typer.Option("--fhir", help="The file is a FHIR R4 Bundle.")] = False,
) -> None:
    """Import a diary file: every row, or (if any row is bad) none."""
    s = _service().import_file(file, "fhir" if fhir else None)
    typer.echo(
        f"Imported {s.episodes_added} episode(s) ({s.episodes_skipped} already there), "
        f"{s.days_written} day(s), {s.medications_added} medicine(s)."
    )


def export(
    csv: Annotated[bool, typer.Option("--csv", help="CSV (default).")] = False,
    json: Annotated[bool, typer.Option("--json", help="JSON.")] = False,
    fhir: Annotated[bool, typer.Option("--fhir", help="FHIR R4 Bundle (JSON).")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Export the whole diary."""
    chosen = [f for f, on in (("csv", csv), ("json", json), ("fhir", fhir)) if on]
    if len(chosen) > 1:
        raise InputError("choose one of --csv, --json or --fhir.", "format")
    if output is not None:
        _service().export_file(output, chosen[0] if chosen else "csv")
        typer.echo(f"Wrote {output}.")
        return
    text = _service().export_text(chosen[0] if chosen else "csv")
    sys.stdout.write(text)


def insights() -> None:
    """Likely triggers, with honest statistics (exploratory)."""
    result = _service().insights()
    typer.echo(f"Days logged: {result.logged_days}.")
    for line in result.missing:
        typer.echo(f"- {line}")
    if result.associations:
        table = Table(title="Exposures and episode counts", title_justify="left")
        for col in ("exposure", "effect on", "rate ratio", "95% CI", "q (FDR)", ""):
            table.add_column(col)
        for a in result.associations:
            table.add_row(
                _cell(a.label), "same day" if a.lag == 0 else "next day", f"{a.rate_ratio:.2f}",
                f"{a.ci_low:.2f}-{a.ci_high:.2f}", f"{a.q_value:.3f}",
                "stands out" if a.flagged else "",
            )  # fmt: skip
        _out.print(table)
        if result.flagged:
            typer.echo("Likely triggers (exploratory):")
            for a in result.flagged:
                typer.echo(f"  {terminal_safe(a.describe())}")  # labels carry medicine names
        else:
            typer.echo("No exposure stands out after allowing for chance.")
    typer.echo(result.note)
    typer.echo(f"Method: {result.method}")


def report(
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Write a PDF here.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write an HTML page here.")] = None,
    letter: Annotated[bool, typer.Option("--letter", help="US Letter instead of A4.")] = False,
) -> None:
    """Write the one-page report for your doctor."""
    if pdf is None and html is None:
        raise InputError("give --pdf FILE or --html FILE (or both).", "report")
    svc = _service()
    size = "Letter" if letter else "A4"
    for path, fmt in ((pdf, "pdf"), (html, "html")):
        if path is not None:
            svc.report(path, fmt, size)
            typer.echo(f"Wrote {path}.")


def register(app: typer.Typer) -> None:
    """Add the diary commands to the root app."""
    app.command("log", help="Log one episode, e.g. log twitch --site eyelid --lasted 5s.")(log)
    app.command("day", help="Record a day's check-in (caffeine, sleep, stress, ...).")(day)
    app.add_typer(diary_app, name="diary")
    app.add_typer(med_app, name="med")
    app.command("import", help="Import a diary file (CSV, JSON or FHIR Bundle).")(import_)
    app.command("export", help="Export the whole diary (--csv, --json or --fhir).")(export)
    app.command("insights", help="Likely triggers with honest statistics.")(insights)
    app.command("report", help="The one-page report for your doctor (--pdf / --html).")(report)
