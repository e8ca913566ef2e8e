"""Server-rendered SVG charts (no JavaScript): episodes per day over recent weeks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from twitchwise.domain.diary import Episode

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 180, 28, 24, 10


def daily_timeline(episodes: Iterable[Episode], today: date, days: int = 28) -> dict[str, Any]:
    """Bars of episodes per day for the ``days`` days ending ``today`` (for ``_chart.svg`` markup).

    Returns
    -------
    dict
        ``bars`` (x, y, w, h, day, count, label), ``ticks`` (x, label), ``max``, ``total``,
        ``width``, ``height``, ``summary`` (a sentence for screen readers).
    """
    first = today - timedelta(days=days - 1)
    counts = Counter(e.local_day for e in episodes if first <= e.local_day <= today)
    peak = max(counts.values(), default=0)
    top = max(peak, 1)
    plot_w = WIDTH - PAD_LEFT - 4
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = plot_w / days
    bars, ticks = [], []
    for i in range(days):
        day = first + timedelta(days=i)
        n = counts.get(day, 0)
        h = plot_h * n / top
        x = PAD_LEFT + i * slot
        bars.append({"x": round(x + 1, 1), "y": round(PAD_TOP + plot_h - h, 1), "w": round(slot - 2, 1),
                     "h": round(h, 1), "day": day.isoformat(), "count": n,
                     "label": f"{day:%a %d %b}: {n} episode{'s' if n != 1 else ''}"})  # fmt: skip
        if i % 7 == 0 or i == days - 1:
            anchor = "end" if i == days - 1 else ("start" if i == 0 else "middle")
            ticks.append({"x": round(x + (slot if anchor == "end" else 0 if anchor == "start" else slot / 2), 1),
                          "label": f"{day:%d %b}", "anchor": anchor})  # fmt: skip
    total = sum(counts.values())
    summary = f"{total} episode{'s' if total != 1 else ''} in the last {days} days" + (
        f"; most on one day: {peak}." if total else "."
    )
    return {"bars": bars, "ticks": ticks, "max": peak, "total": total, "width": WIDTH, "height": HEIGHT,
            "base": PAD_TOP + plot_h, "pad_left": PAD_LEFT, "summary": summary}  # fmt: skip


def events_per_interval(
    onsets_s: Iterable[float], recording_s: float, bin_s: float = 600.0, label: str = "jerks"
) -> dict[str, Any]:
    """Bars of events per ``bin_s`` seconds across a recording (for a night without a PNG plot).

    Parameters
    ----------
    onsets_s : iterable of float
        Event onsets, seconds from the start.
    recording_s : float
        Recording length, seconds.
    bin_s : float
        Bin width, seconds (default 10 minutes).

    Returns
    -------
    dict
        The same keys as :func:`daily_timeline` (bars, ticks, max, total, sizes, summary).
    """
    n_bins = max(1, int(-(-recording_s // bin_s)))
    counts = [0] * n_bins
    for onset in onsets_s:
        if 0 <= onset < recording_s:
            counts[min(n_bins - 1, int(onset // bin_s))] += 1
    peak = max(counts, default=0)
    top = max(peak, 1)
    plot_w = WIDTH - PAD_LEFT - 4
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = plot_w / n_bins
    bars, ticks = [], []
    for i, n in enumerate(counts):
        h = plot_h * n / top
        x = PAD_LEFT + i * slot
        start_h = i * bin_s / 3600
        bars.append({"x": round(x + 0.5, 1), "y": round(PAD_TOP + plot_h - h, 1), "w": round(max(slot - 1, 0.5), 1),
                     "h": round(h, 1), "day": f"{start_h:.2f}", "count": n,
                     "label": f"hour {start_h:.1f}: {n} {label}"})  # fmt: skip
        if (i * bin_s) % 3600 == 0:
            ticks.append({"x": round(x, 1), "label": f"{int(start_h)} h", "anchor": "start"})
    total = sum(counts)
    summary = f"{total} {label} over {recording_s / 3600:.1f} hours; at most {peak} in {bin_s / 60:g} minutes."
    return {"bars": bars, "ticks": ticks, "max": peak, "total": total, "width": WIDTH, "height": HEIGHT,
            "base": PAD_TOP + plot_h, "pad_left": PAD_LEFT, "summary": summary}  # fmt: skip
