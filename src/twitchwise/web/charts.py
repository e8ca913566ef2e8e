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
            ticks.append({"x": round(x + slot / 2, 1), "label": f"{day:%d %b}"})
    total = sum(counts.values())
    summary = f"{total} episode{'s' if total != 1 else ''} in the last {days} days" + (
        f"; most on one day: {peak}." if total else "."
    )
    return {"bars": bars, "ticks": ticks, "max": peak, "total": total, "width": WIDTH, "height": HEIGHT,
            "base": PAD_TOP + plot_h, "pad_left": PAD_LEFT, "summary": summary}  # fmt: skip
