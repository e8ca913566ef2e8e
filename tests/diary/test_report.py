"""The doctor's report: rendered PDF text, exactly one page, A4 and Letter."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

import pypdf
import pytest

from twitchwise.domain.diary import MedicationPeriod
from twitchwise.insights.daily import build_daily_table
from twitchwise.insights.triggers import find_triggers
from twitchwise.knowledge.vocabulary import load_vocabulary
from twitchwise.reports.diary_report import build_report_data, render_html, render_pdf
from twitchwise.services.diary import DiaryService
from twitchwise.testing.simulated_diaries import simulate_diary

VOCAB = load_vocabulary()
MOVEMENT_KINDS, SITES, SIDES = VOCAB.movement_kinds, VOCAB.sites, VOCAB.sides


def _data(n_days: int = 60, crowded: bool = False):  # type: ignore[no-untyped-def]
    sim = simulate_diary(n_days, 3.0, {"caffeine_high": 2.0}, seed=2)
    eps = sim.episodes()
    eps[0] = dataclasses.replace(eps[0], symptoms=("weakness", "anxiety"), duration_s=2.0)
    meds = [MedicationPeriod("sertraline", date(2024, 1, 10), date(2024, 2, 10), "50 mg"),
            MedicationPeriod("salbutamol", date(2024, 2, 1))]  # fmt: skip
    if crowded:  # every site x kind combination, many medicines, long notes
        eps += [dataclasses.replace(eps[1], site=s, kind=k, notes="x" * 500)
                for s in SITES for k in MOVEMENT_KINDS]  # fmt: skip
        meds += [MedicationPeriod(f"medicine {i}", date(2024, 1, 1 + i)) for i in range(20)]
        eps[2] = dataclasses.replace(eps[2], symptoms=VOCAB.warning_symptoms)
    table = build_daily_table({d: n for d, n in sim.counts.items()}, sim.checkins, meds)
    return build_report_data(eps, sim.checkins, meds, find_triggers(table),
                             generated=date(2024, 3, 15), vocab=VOCAB)  # fmt: skip


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_pdf_is_one_page_and_answers_the_questions(size: str) -> None:
    data = _data()
    pages, text = _pdf_text(render_pdf(data, size))
    assert pages == 1
    flat = " ".join(text.split())
    for expected in (
        "Period 1 Jan 2024 to 29 Feb 2024 (60 days)", "days logged 60 of 60 (100%)",
        "When did it start?", "1 Jan 2024", "How long does an episode last?", "median",
        "How often?", "Episodes per week", "By body site and kind", "eyelid",
        "Exposures (average on logged days)", "Caffeine", "exploratory",
        "caffeine 300 mg or more", "95% CI", "sertraline", "still taking",
        "Warning signs reported", "weakness", "not a diagnosis",
    ):  # fmt: skip
        assert expected in flat, expected
    assert "anxiety" not in flat.split("Warning signs reported")[1]  # not a warning sign
    box = pypdf.PdfReader(io.BytesIO(render_pdf(data, size))).pages[0].mediabox
    assert round(float(box.width)) == (595 if size == "A4" else 612)


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_a_crowded_diary_still_fits_one_page(size: str) -> None:
    pages, text = _pdf_text(render_pdf(_data(crowded=True), size))
    assert pages == 1
    flat = " ".join(text.split())
    assert "other groups" in flat and "and 18 more" in flat and "also:" in flat


def test_html_report_has_the_chart_and_disclaimer() -> None:
    html = render_html(_data())
    assert 'src="data:image/svg+xml;base64,' in html
    assert "information, not a diagnosis" in html


def test_report_says_what_is_missing_for_a_short_diary() -> None:
    sim = simulate_diary(10, 3.0, seed=1)
    res = find_triggers(build_daily_table(sim.counts, sim.checkins))
    data = build_report_data(sim.episodes(), sim.checkins, [], res, generated=date(2024, 1, 20), vocab=VOCAB)
    _pages, text = _pdf_text(render_pdf(data))
    assert "log 11 more days" in " ".join(text.split())


def test_service_writes_pdf_and_html(sqlite_service: DiaryService, tmp_path: Path) -> None:
    sqlite_service.log_episode("twitch", "eyelid", lasted="5s", when="1 hour ago")
    sqlite_service.record_day(None, caffeine_mg=200.0)
    pdf = sqlite_service.report(tmp_path / "r.pdf", "pdf")
    html = sqlite_service.report(tmp_path / "r.html", "html", "Letter")
    assert _pdf_text(pdf.read_bytes())[0] == 1
    assert "size: Letter" in html.read_text()
