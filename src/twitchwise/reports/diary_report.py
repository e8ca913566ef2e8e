"""The one-page diary report for a doctor, as HTML (Jinja2) and PDF (WeasyPrint).

It answers the doctor's first three questions (when did it start, how long does
an episode last, how often), then shows the weekly counts, the episodes by body
site and kind, the exposures, the exploratory associations, the medicines, any
warning signs the person reported, and the disclaimer.
"""

from __future__ import annotations

import base64
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from twitchwise.domain.diary import (
    DailyCheckIn,
    Episode,
    MedicationPeriod,
    format_duration,
    warning_symptoms,
)
from twitchwise.domain.vocabulary import Vocabulary
from twitchwise.insights.triggers import InsightsResult
from twitchwise.reports.diary_chart import weekly_chart_svg, weekly_counts

DISCLAIMER = (
    "This report summarises what the person recorded in the twitchwise diary. It is "
    "information, not a diagnosis. Associations are exploratory and may be due to chance or "
    "to things not recorded. Seek medical help promptly for weakness, muscle wasting, "
    "trouble speaking, swallowing or breathing, or if episodes spread or get worse."
)
#: Rows shown in each table so the report stays on one page.
MAX_TABLE_ROWS = 7
MAX_ASSOCIATIONS = 5
MAX_SHORT_ROWS = 5

_ENV = Environment(
    loader=PackageLoader("twitchwise.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
)


@dataclass(frozen=True)
class ReportData:
    """Everything the template shows (plain values, ready to print)."""

    generated: date
    first_day: date | None
    last_day: date | None
    days_covered: int
    days_logged: int
    n_episodes: int
    first_noticed: str
    typical_duration: str
    typical_frequency: str
    chart_svg_b64: str
    by_site_kind: list[dict[str, Any]]
    exposures: list[tuple[str, str]]
    associations: list[dict[str, Any]]
    insight_messages: list[str]
    insight_note: str
    method_note: str
    medications: list[dict[str, str]]
    red_flags: list[dict[str, str]]
    disclaimer: str = DISCLAIMER
    left_out: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def share_logged(self) -> str:
        """Days logged as a share of days covered, in percent."""
        if not self.days_covered:
            return "0%"
        return f"{100 * self.days_logged / self.days_covered:.0f}%"


def _fmt_day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _exposure_rows(checkins: Sequence[DailyCheckIn]) -> list[tuple[str, str]]:
    logged = [c for c in checkins if c.logged]

    def vals(attr: str) -> list[float]:
        return [float(getattr(c, attr)) for c in logged if getattr(c, attr) is not None]

    rows = []
    for attr, label, unit in (
        ("caffeine_mg", "Caffeine", "mg/day"), ("sleep_h", "Sleep", "h/night"),
        ("stress", "Stress", "/10"), ("alcohol_units", "Alcohol", "units/day"),
        ("fluids_l", "Fluids", "L/day"),
    ):  # fmt: skip
        v = vals(attr)
        if v:
            rows.append((label, f"{_mean(v):.1f} {unit} (range {min(v):g}-{max(v):g}; {len(v)} d)"))
    ex = [c.strenuous_exercise for c in logged if c.strenuous_exercise is not None]
    if ex:
        rows.append(("Strenuous exercise", f"{sum(ex)} of {len(ex)} days"))
    return rows


def build_report_data(
    episodes: Sequence[Episode],
    checkins: Sequence[DailyCheckIn],
    medications: Sequence[MedicationPeriod],
    insights: InsightsResult,
    *,
    counts: Mapping[date, int] | None = None,
    generated: date,
    left_out: str = "",
    vocab: Vocabulary,
) -> ReportData:
    """Summarise a diary for the report.

    Parameters
    ----------
    episodes, checkins, medications : sequences
        The diary (for the period the report covers).
    insights : InsightsResult
        From :func:`twitchwise.insights.triggers.find_triggers`.
    counts : mapping of date to int, optional
        Episodes per local day (computed from ``episodes`` when not given).
    generated : date
        The date printed on the report.
    left_out : str
        A sentence about entries left out of the report (dates out of range), or empty.
    vocab : Vocabulary
        Which symptoms are warning signs (listed first, under "red flags").
    """
    if counts is None:
        counts = Counter(e.local_day for e in episodes)
    days = set(counts) | {c.day for c in checkins}
    first = min(days) if days else None
    last = max(days) if days else None
    covered = (last - first).days + 1 if first and last else 0
    logged_days = {d for d, n in counts.items() if n > 0} | {c.day for c in checkins if c.logged}
    n_logged = len(logged_days)
    n_eps = sum(counts.values())

    if episodes:
        first_ep = min(e.start for e in episodes)
        weeks_ago = (generated - first_ep.date()).days // 7
        first_noticed = f"{_fmt_day(first_ep.date())} (first episode logged, {weeks_ago} weeks ago)"
        durs = sorted(e.duration_s for e in episodes)
        q1, med, q3 = statistics.quantiles(durs, n=4) if len(durs) > 1 else (durs[0],) * 3
        typical_duration = f"median {format_duration(med)} (middle half {format_duration(q1)} to {format_duration(q3)})"
    else:
        first_noticed, typical_duration = "no episodes logged", "-"
    if n_logged:
        per_day = [counts.get(d, 0) for d in sorted(logged_days)]
        with_any = sum(1 for n in per_day if n > 0)
        typical_frequency = (
            f"median {statistics.median(per_day):g} a day (mean {statistics.fmean(per_day):.1f}); "
            f"episodes on {with_any} of {n_logged} logged days"
        )
    else:
        typical_frequency = "no days logged"

    groups: dict[tuple[str, str], list[Episode]] = defaultdict(list)
    for e in episodes:
        groups[(e.site, e.kind)].append(e)
    by_site_kind: list[dict[str, Any]] = [
        {
            "site": site.replace("_", " "), "kind": kind.replace("_", " "), "count": len(eps),
            "duration": format_duration(statistics.median(x.duration_s for x in eps)),
            "intensity": f"{statistics.median(x.intensity for x in eps):g}",
        }
        for (site, kind), eps in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    ][:MAX_TABLE_ROWS]  # fmt: skip
    if len(groups) > MAX_TABLE_ROWS:
        rest = len(episodes) - sum(int(r["count"]) for r in by_site_kind)
        by_site_kind.append({
            "site": f"{len(groups) - MAX_TABLE_ROWS} other groups",
            "kind": "", "count": rest, "duration": "", "intensity": "",
        })  # fmt: skip

    shown = list(insights.flagged) or list(insights.associations[:3])
    associations = [
        {
            "label": a.label, "lag": "same day" if a.lag == 0 else "next day",
            "rr": f"{a.rate_ratio:.2f}", "ci": f"{a.ci_low:.2f}-{a.ci_high:.2f}",
            "q": f"{a.q_value:.3f}", "flagged": a.flagged,
        }
        for a in shown[:MAX_ASSOCIATIONS]
    ]  # fmt: skip
    # What is missing matters while nothing could be tested; after that the table speaks.
    messages = [] if insights.associations else list(insights.missing[:2])
    if insights.associations and not insights.flagged:
        messages.insert(0, "No exposure stands out after allowing for chance "
                           f"({len(insights.associations)} tests).")  # fmt: skip

    meds = [
        {"name": m.name, "dose": m.dose, "start": _fmt_day(m.start),
         "stop": _fmt_day(m.stop) if m.stop else "still taking"}
        for m in sorted(medications, key=lambda m: m.start)
    ]  # fmt: skip
    if len(meds) > MAX_SHORT_ROWS:
        more = len(meds) - MAX_SHORT_ROWS + 1
        meds = [*meds[: MAX_SHORT_ROWS - 1],
                {"name": f"and {more} more", "dose": "", "start": "", "stop": ""}]  # fmt: skip

    flags: dict[str, list[date]] = defaultdict(list)
    for e in episodes:
        for s in warning_symptoms(e, vocab):
            flags[s].append(e.local_day)
    red_flags = [
        {"symptom": s.replace("_", " "), "times": str(len(ds)),
         "first": _fmt_day(min(ds)), "last": _fmt_day(max(ds))}
        for s, ds in sorted(flags.items(), key=lambda kv: vocab.warning_symptoms.index(kv[0]))
    ]  # fmt: skip
    if len(red_flags) > MAX_SHORT_ROWS:  # all are named, the details of the first ones only
        names = [f["symptom"] for f in red_flags[MAX_SHORT_ROWS - 1 :]]
        others = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        red_flags = [*red_flags[: MAX_SHORT_ROWS - 1],
                     {"symptom": f"also: {others}", "times": "", "first": "", "last": ""}]  # fmt: skip

    svg = ""
    if first and last:
        svg = weekly_chart_svg(weekly_counts(counts, first, last), medications, first, last)
    return ReportData(
        generated=generated, first_day=first, last_day=last, days_covered=covered,
        days_logged=n_logged, n_episodes=n_eps, first_noticed=first_noticed,
        typical_duration=typical_duration, typical_frequency=typical_frequency,
        chart_svg_b64=base64.b64encode(svg.encode()).decode() if svg else "",
        by_site_kind=by_site_kind, exposures=_exposure_rows(checkins),
        associations=associations, insight_messages=messages, insight_note=insights.note,
        method_note=insights.method, medications=meds, red_flags=red_flags, left_out=left_out,
    )  # fmt: skip


def render_html(data: ReportData, page_size: str = "A4") -> str:
    """The report as a standalone HTML page (page size ``"A4"`` or ``"Letter"``)."""
    if page_size not in {"A4", "Letter"}:
        raise ValueError("page_size must be A4 or Letter")
    template = _ENV.get_template("diary_report.html.j2")
    return template.render(d=data, page_size=page_size, fmt_day=_fmt_day)


def render_pdf(data: ReportData, page_size: str = "A4") -> bytes:
    """The report as a one-page PDF (WeasyPrint)."""
    from weasyprint import HTML  # imported here: it loads Pango, which takes a moment

    pdf: bytes = HTML(string=render_html(data, page_size)).write_pdf()
    return pdf
