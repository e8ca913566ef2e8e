"""A one-page plot of a scored night, laid out as a sleep technician reads it.

Top to bottom: hypnogram; each leg's EMG envelope (1-s maxima) with its resting
baseline and the 8 µV onset threshold; scored leg movements as ticks (grey: not
periodic, red: PLM, blue: respiratory-related) with PLM series as shaded spans;
and LM counts per 10 minutes. Suspended (too noisy) time is hatched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from twitchwise.signals import sleep_stages as st
from twitchwise.signals.plm_scoring import LegMovementResult

_STAGE_ROW = {st.WAKE: 4, st.REM: 3, st.N1: 2, st.N2: 1, st.N3: 0}


def plot_night(
    result: LegMovementResult, path: str | Path, title: str = "", stage_source: str = ""
) -> Path:
    """Draw the night and save it as PNG (or any format matplotlib knows by suffix).

    ``stage_source`` (where the hypnogram came from) is written in the hypnogram panel.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n_legs = len(result.legs)
    heights = [1.2] + [1.0] * n_legs + [0.8, 0.8]
    fig, axes = plt.subplots(
        len(heights),
        1,
        figsize=(14, 2.0 + 1.3 * len(heights)),
        sharex=True,
        gridspec_kw={"height_ratios": heights},
    )
    hours = result.recording_s / 3600.0
    _hypnogram(axes[0], result)
    if stage_source and result.hypnogram is not None:
        how = "staged automatically " + stage_source.removeprefix("automatic").strip() if (
            stage_source.startswith("automatic")
        ) else f"stages from the {stage_source}"
        axes[0].set_title(how, loc="right", fontsize=8, color="0.35")
    for ax, (leg, det) in zip(axes[1 : 1 + n_legs], result.legs.items(), strict=True):
        env = det.envelope.values_uv
        per_s = max(1, round(1.0 / det.envelope.step_s))
        n = len(env) // per_s
        t_h = np.arange(n) / 3600.0
        ax.plot(t_h, env[: n * per_s].reshape(n, per_s).max(axis=1), lw=0.4, color="0.25")
        base = det.baseline_uv[: n * per_s : per_s]
        ax.plot(t_h, base, lw=0.8, color="tab:green", label="resting baseline")
        ax.plot(
            t_h,
            base + result.rules.onset_uv,
            lw=0.6,
            ls="--",
            color="tab:orange",
            label=f"onset +{result.rules.onset_uv:g} µV",
        )
        _shade_suspended(ax, det.suspended, det.envelope.step_s)
        ax.set_ylabel(f"{leg}\nEMG (µV)")
        ax.set_ylim(0, max(30.0, float(np.percentile(env, 99.9)) * 1.1))
        ax.legend(loc="upper right", fontsize=7, frameon=False)
    _events(axes[1 + n_legs], result)
    _counts(axes[2 + n_legs], result)
    axes[-1].set_xlabel("Time from recording start (hours)")
    axes[-1].set_xlim(0, hours)
    s = result.summary()
    fig.suptitle(
        (title + " — " if title else "")
        + f"{result.rules.name.upper()}: {s['lm_count']} LM, PLMS index "
        + f"{s['plms_index'] if s['plms_index'] is not None else 'n/a'}/h, "
        + f"sleep {s['sleep_hours']:.1f} h",
        fontsize=11,
    )
    fig.tight_layout()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def _hypnogram(ax: Any, result: LegMovementResult) -> None:
    hyp = result.hypnogram
    ax.set_yticks(range(5), ["N3", "N2", "N1", "R", "W"])
    ax.set_ylabel("Stage")
    if hyp is None:
        ax.text(
            0.5,
            0.5,
            "no sleep staging in this recording",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="0.4",
        )
        return
    rows = np.array([_STAGE_ROW.get(int(c), np.nan) for c in hyp], dtype=float)
    t = np.arange(len(hyp) + 1) * st.EPOCH_S / 3600.0
    ax.step(t, np.append(rows, rows[-1]), where="post", color="black", lw=0.9)
    rem = np.where(hyp == st.REM, rows, np.nan)
    ax.step(t, np.append(rem, np.nan), where="post", color="tab:red", lw=2.5)
    ax.set_ylim(-0.5, 4.5)


def _shade_suspended(ax: Any, mask: npt.NDArray[np.bool_], step_s: float) -> None:
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    for a, b in zip(edges[0::2], edges[1::2], strict=True):
        ax.axvspan(a * step_s / 3600, b * step_s / 3600, color="0.8", hatch="//", alpha=0.5, lw=0)


def _events(ax: Any, result: LegMovementResult) -> None:
    ev = result.events[result.events["candidate"]]
    for _, row in result.series.iterrows():
        ax.axvspan(row["start"] / 3600, row["end"] / 3600, color="tab:red", alpha=0.15, lw=0)
    groups = (
        ("LM", ~ev["periodic"] & ~ev["respiratory"], "0.45"),
        ("PLM", ev["periodic"], "tab:red"),
        ("respiratory LM", ev["respiratory"], "tab:blue"),
    )
    for label, mask, color in groups:
        t = ev.loc[mask, "onset"].to_numpy() / 3600
        ax.vlines(t, 0, 1, color=color, lw=0.7, label=f"{label} ({len(t)})")
    ax.set_yticks([])
    ax.set_ylabel("Scored")
    ax.legend(loc="upper right", fontsize=7, ncol=3, frameon=False)


def _counts(ax: Any, result: LegMovementResult) -> None:
    ev = result.events[result.events["candidate"]]
    bins = np.arange(0, result.recording_s + 600, 600)
    counts, _ = np.histogram(ev["onset"], bins=bins)
    ax.bar(bins[:-1] / 3600, counts, width=600 / 3600, align="edge", color="tab:purple")
    ax.set_ylabel("LM per\n10 min")
