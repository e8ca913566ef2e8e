"""`twitchwise recording score|batch`: leg movements and jerks in sleep recordings."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from twitchwise.domain.input_bounds import terminal_safe
from twitchwise.services import recordings as svc

recording_app = typer.Typer(
    help="Score leg movements (PSG EDF) and jerks (accelerometer CSV) in sleep recordings.",
    no_args_is_help=True,
)


class Rules(StrEnum):
    """Scoring standard."""

    wasm2016 = "wasm2016"
    aasm = "aasm"


def _legs(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


@recording_app.command("score")
def score(
    recording: Annotated[
        str,
        typer.Argument(
            metavar="NIGHT.edf",
            help="EDF/EDF+/BDF polysomnogram, or accelerometer CSV (time, x, y, z in g).",
        ),
    ],
    legs: Annotated[
        str | None,
        typer.Option(
            "--legs",
            metavar="LAT,RAT",
            help="Leg EMG channel labels, comma-separated (found by name if omitted).",
        ),
    ] = None,
    rules: Annotated[
        Rules, typer.Option("--rules", help="wasm2016 (WASM/IRLSSG 2016, default) or aasm.")
    ] = Rules.wasm2016,
    annotations: Annotated[
        str | None,
        typer.Option(
            "--annotations",
            metavar="FILE.csv",
            help="Hypnogram / respiratory events: CSV or TSV (onset, duration, description) "
            "or an EDF+ annotation file.",
        ),
    ] = None,
    events: Annotated[
        str | None,
        typer.Option(
            "--events",
            metavar="OUT.tsv",
            help="Write every event: .tsv (BIDS events, with a .json sidecar) or .csv.",
        ),
    ] = None,
    plot: Annotated[
        str | None,
        typer.Option(
            "--plot",
            metavar="OUT.png",
            help="Draw the night: hypnogram, leg EMG, scored LMs, PLM series.",
        ),
    ] = None,
    edf_out: Annotated[
        str | None,
        typer.Option(
            "--edf-out",
            metavar="OUT.edf",
            help="Write a copy of the EDF with the scored events as EDF+ annotations.",
        ),
    ] = None,
    one_leg: Annotated[
        bool,
        typer.Option(
            "--one-leg",
            help="Score a PSG with only one leg channel (otherwise refused); marked one_leg.",
        ),
    ] = False,
    no_ecg_cancel: Annotated[
        bool,
        typer.Option(
            "--no-ecg-cancel",
            help="Do not subtract the cardiac field (R peaks from the ECG channel) from the legs.",
        ),
    ] = False,
    no_staging: Annotated[
        bool,
        typer.Option(
            "--no-staging",
            help="Without a hypnogram, do not stage the night automatically from its EEG (YASA);"
            " the whole recording then counts as sleep.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Score one night: leg movements and PLM (EDF) or jerks (accelerometer CSV)."""
    scored = svc.score_recording(
        recording,
        legs=_legs(legs),
        rules=rules.value,
        annotations=annotations,
        one_leg=one_leg,
        cancel_ecg=not no_ecg_cancel,
        auto_stage=not no_staging,
    )
    written = svc.write_outputs(scored, events=events, plot=plot, edf_out=edf_out)
    for warning in scored.warnings:
        Console(stderr=True).print(f"warning: {warning}", highlight=False, markup=False)
    summary = scored.summary()
    if as_json:
        sys.stdout.write(json.dumps(summary, indent=2) + "\n")
        return
    console = Console()
    _print_summary(console, summary)
    for path in written:
        console.print(f"wrote {path}")


_LABELS = {
    "lm_count": "Leg movements (candidate LMs)",
    "lm_index": "LM index (per hour of sleep)",
    "plm_count": "Periodic leg movements (PLM)",
    "plms_index": "PLMS index (per hour of sleep)",
    "plmw_index": "PLMW index (per hour of wake)",
    "plms_index_all_clm": "PLMS index, respiratory LMs included",
    "respiratory_lm_count": "Respiratory-related LMs",
    "arousal_count": "Arousals annotated",
    "plms_arousal_count": "PLMS with an arousal",
    "plms_arousal_index": "PLMS-arousal index (per hour of sleep)",
    "annotated_lm_count": "LMs scored in the annotations",
    "annotated_lm_detected_share": "  of them detected (share)",
    "detected_lm_annotated_share": "Detected LMs also scored (share)",
    "long_movement_count": "Movements too long to be LMs",
    "series_count": "PLM series",
    "periodicity_index": "Periodicity index (0-1)",
    "median_imi_s": "Median intermovement interval (s)",
    "sleep_hours": "Sleep time scored (h)",
    "wake_hours": "Wake time scored (h)",
    "time_suspended_s": "Scoring suspended, noisy EMG (s)",
    "time_not_recorded_s": "Not recorded, EDF+D gaps (s)",
    "ecg_cancelled_share": "Leg signal under cancelled heartbeats (share)",
    "jerk_count": "Jerks",
    "jerk_index": "Jerks per hour",
    "periodic_jerk_count": "Jerks in periodic series",
    "jerk_series_count": "Periodic jerk series",
    "hypnic_jerk_count": "Likely sleep-onset (hypnic) jerks",
    "movement_count": "Other movements (turning over)",
    "recording_hours": "Recording (h)",
    "still_hours": "Still (h)",
}


#: Rows shown only when they have a value (no EDF+D gaps, no ECG: nothing to say).
_SHOWN_IF_SET = {"time_not_recorded_s", "ecg_cancelled_share"}
#: Rows shown only when known (arousals annotated).
_SHOWN_IF_KNOWN = {
    "arousal_count",
    "plms_arousal_count",
    "plms_arousal_index",
    "annotated_lm_count",
    "annotated_lm_detected_share",
    "detected_lm_annotated_share",
}


def _print_summary(console: Console, summary: dict[str, Any]) -> None:
    title = f"{summary['file']} ({summary['kind']}"
    title += f", {str(summary['rules']).upper()} rules)" if "rules" in summary else ")"
    table = Table(title=title, show_header=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, label in _LABELS.items():
        hidden = (key in _SHOWN_IF_SET and not summary.get(key)) or (
            key in _SHOWN_IF_KNOWN and summary.get(key) is None
        )
        if key in summary and not hidden:
            value = summary[key]
            table.add_row(label, "n/a" if value is None else str(value))
    console.print(table)
    if "channels" in summary:
        one = " (one leg only)" if summary.get("one_leg") else ""
        console.print(f"Leg channels: {summary['channels']}{one}")
    if summary.get("r_peaks_from"):
        console.print(f"Cardiac field cancelled, R peaks from {summary['r_peaks_from']}.", highlight=False)
    if summary.get("stages_available") is False:
        console.print("No sleep staging found: the whole recording was counted as sleep.")
    elif str(summary.get("stage_source", "")).startswith("automatic"):
        how = str(summary["stage_source"]).removeprefix("automatic").strip()
        console.print(f"Sleep stages: staged automatically {how}.", highlight=False)
    elif summary.get("stage_source") == "annotations":
        console.print("Sleep stages: from the annotations.")


@recording_app.command("batch")
def batch(
    pattern: Annotated[
        str,
        typer.Argument(metavar="'DIR/*.edf'", help="Glob pattern (quote it) or a folder of recordings."),
    ],
    out: Annotated[
        str,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Folder for summary.csv (one row per night) and events.csv.",
        ),
    ] = "results",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="A running Dask scheduler (tcp://host:8786); default: a local cluster.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Local Dask worker processes (default: one per core)."),
    ] = None,
    rules: Annotated[Rules, typer.Option("--rules", help="wasm2016 (default) or aasm.")] = Rules.wasm2016,
    legs: Annotated[
        str | None,
        typer.Option("--legs", metavar="LAT,RAT", help="Leg EMG channel labels for every file."),
    ] = None,
) -> None:
    """Score a cohort in parallel with Dask; a failed file is reported and the rest go on."""
    console = Console(stderr=True)
    files = svc.expand_pattern(pattern)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("scoring", total=len(files))

        def done(row: dict[str, Any]) -> None:
            progress.advance(task)
            if row["status"] != "ok":
                progress.console.print(f"[red]failed[/red] {escape(terminal_safe(str(row['file'])))}: "
                                       f"{escape(terminal_safe(str(row['error'])))}")  # fmt: skip

        result = svc.batch_score(
            pattern,
            out,
            scheduler=scheduler,
            workers=workers,
            rules=rules.value,
            legs=_legs(legs),
            on_done=done,
        )
    ok = int((result.summary["status"] == "ok").sum())
    Console().print(
        f"{ok} of {len(result.summary)} recordings scored, {len(result.failed)} failed; "
        f"wrote {', '.join(str(p) for p in result.written)}"
    )
    if ok == 0:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `recording` command group to the root app."""
    app.add_typer(recording_app, name="recording")
