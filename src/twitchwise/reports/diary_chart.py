"""The report's chart: episodes per week, with the medication timeline beneath it (SVG)."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from matplotlib import dates as mdates
from matplotlib.figure import Figure

from twitchwise.domain.diary import MedicationPeriod

# matplotlib.dates is untyped; these aliases give the calls below their types.
date2num: Callable[[date], float] = mdates.date2num
AutoDateLocator: Any = mdates.AutoDateLocator
ConciseDateFormatter: Any = mdates.ConciseDateFormatter
#: Most weeks drawn as separate bars (ten years); longer diaries are drawn as one outline.
MAX_BARS = 520


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def weekly_counts(counts: Mapping[date, int], first: date, last: date) -> list[tuple[date, int]]:
    """Episodes per week (Monday-start), every week from ``first`` to ``last``."""
    weeks: dict[date, int] = {}
    w = week_start(first)
    while w <= last:
        weeks[w] = 0
        w += timedelta(days=7)
    for day, n in counts.items():
        if first <= day <= last:
            weeks[week_start(day)] = weeks.get(week_start(day), 0) + n
    return sorted(weeks.items())


def weekly_chart_svg(
    weeks: Sequence[tuple[date, int]],
    medications: Sequence[MedicationPeriod],
    first: date,
    last: date,
) -> str:
    """An SVG (text) bar chart of episodes per week; medications as bars below it."""
    meds = [m for m in medications if m.start <= last and (m.stop is None or m.stop >= first)][:4]
    height = 1.75 + 0.2 * len(meds)
    fig = Figure(figsize=(7.2, height))
    if meds:
        gs = fig.add_gridspec(2, 1, height_ratios=[2.0, 0.25 * len(meds) + 0.15], hspace=0.08)
        ax = fig.add_subplot(gs[0])
        axm = fig.add_subplot(gs[1], sharex=ax)
    else:
        ax = fig.add_subplot(1, 1, 1)
        axm = None
    if len(weeks) <= MAX_BARS:
        xs = [date2num(w) + 3.5 for w, _ in weeks]
        ax.bar(xs, [n for _, n in weeks], width=6.0, color="#4a78a8")
    elif weeks:
        # Decades of weeks: one filled outline instead of thousands of bars too thin to see
        # (each bar is a matplotlib patch; 6,600 of them took 15 s).
        edges = [date2num(w) for w, _ in weeks] + [date2num(weeks[-1][0]) + 7.0]
        ax.stairs([n for _, n in weeks], edges, fill=True, color="#4a78a8")
    ax.set_ylabel("episodes / week", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(date2num(first) - 1, date2num(last + timedelta(days=1)) + 1)
    locator = AutoDateLocator(maxticks=8)
    if axm is not None:
        for i, m in enumerate(meds):
            start = max(m.start, first)
            stop = min(m.stop or last, last) + timedelta(days=1)
            axm.barh(i, date2num(stop) - date2num(start), left=date2num(start), height=0.6,
                     color="#c08a3e")  # fmt: skip
        axm.set_yticks(range(len(meds)), [m.name[:18] for m in meds], fontsize=7)
        axm.invert_yaxis()
        axm.tick_params(labelsize=7)
        axm.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelbottom=False)
        axm.xaxis.set_major_locator(locator)
        axm.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    else:
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    fig.subplots_adjust(left=0.14, right=0.99, top=0.97, bottom=0.14 if not meds else 0.1)
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    return buf.getvalue()
