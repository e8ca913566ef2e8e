"""Browser checks of the lay result and the phone layout (Playwright, Debian's Chromium).

* A self-care eyelid result fits in two phone screens (360x740) above the collapsed
  "Details for clinicians"; screenshots of it go to ``test-artifacts/screenshots/``.
* Every page, static and reached through a form (check question and result, describe review
  and results, diary edit, error page), has no serious or critical axe-core violation and no
  horizontal scrolling, at 360x740 and at 1280x800.
* On a narrow screen the navigation is one "Menu" button that opens with a click or the
  keyboard, without any script of ours.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_browser import SHOTS, _axe, _press, chromium, warmed_app

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
STATIC = ["/", "/describe", "/diary", "/insights", "/knowledge", "/knowledge?q=why+does+my+eyelid+twitch",
          "/knowledge/conditions/motor_neuron_disease", "/knowledge/conditions/benign_fasciculations",
          "/knowledge/movement-types/myoclonus", "/knowledge/topics/why-muscles-twitch", "/recordings",
          "/no-such-page", "/settings"]  # fmt: skip

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with warmed_app(tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, base_url=server)
    pg = context.new_page()
    yield pg
    context.close()


def _inspect(page: Any, name: str) -> None:
    """At both sizes: a screenshot, no horizontal scrolling, and no serious axe violation."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("360", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"lay-{name}-{label}.png"), full_page=True)
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{name} scrolls sideways at {size['width']} px: {widths}"
        _axe(page, f"{name} at {size['width']}x{size['height']}")
    page.set_viewport_size(PHONE)


def _eyelid_check(page: Any) -> None:
    """A check for a 34-year-old's eyelid twitch with no warning signs, "I don't know" to the rest."""
    page.goto("/")
    page.get_by_label("Your answer").fill("34")
    _press(page, "Next")
    page.get_by_label("female").check()
    _press(page, "Next")
    page.get_by_label("Eyelid", exact=False).first.check()
    _press(page, "Next")
    _press(page, "Next")  # none of the warning signs
    for _ in range(40):
        if page.locator("input[name=answers]").count() == 0:
            break
        _press(page, "I don't know")


def _describe(page: Any, text: str, emergency: bool = False) -> None:
    """Describe, and reach the review (through the emergency screen, inspected, when ``emergency``)."""
    page.goto("/describe")
    page.get_by_label("Your description").fill(text)
    page.get_by_role("button", name="Show what you understood").click()
    if emergency:
        page.get_by_role("button", name="Continue anyway").wait_for(timeout=60_000)
        _inspect(page, "describe-emergency-screen")
        page.get_by_role("button", name="Continue anyway").click()
    page.wait_for_selector("mark.finding", timeout=60_000)


def test_a_self_care_eyelid_result_fits_two_phone_screens(page: Any) -> None:
    _eyelid_check(page)
    assert page.locator("#urgency-h").inner_text().strip().endswith("You can look after this at home")
    details = page.locator("#clinician-details")
    assert details.get_attribute("open") is None  # collapsed
    assert not page.get_by_text("ICD-10").first.is_visible()
    top = page.evaluate("document.querySelector('#clinician-details').getBoundingClientRect().top + window.scrollY")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "lay-eyelid-result-360.png"), full_page=True)
    page.screenshot(path=str(SHOTS / "lay-eyelid-result-360-first-two-screens.png"),
                    clip={"x": 0, "y": 0, "width": PHONE["width"], "height": 2 * PHONE["height"]})  # fmt: skip
    assert top <= 2 * PHONE["height"], f"the details start {top:.0f} px down; two screens are {2 * PHONE['height']}"
    # What comes first: the urgency, then what to do, then when to get help, then what it may be.
    order = page.evaluate(
        "['#urgency-h', '#adv-h', '#help-h', '#cond-h'].map(s => document.querySelector(s).getBoundingClientRect().top)"
    )
    assert order == sorted(order)
    main = page.locator("main").inner_text()
    assert "%" not in main.split("Details for clinicians")[0]
    # Printed, the result carries the clinicians' details; on screen they close again after.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert details.get_attribute("open") is not None
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert details.get_attribute("open") is None
    details.locator("summary").click()
    assert page.get_by_text("ICD-10").first.is_visible() and "%" in details.inner_text()
    _inspect(page, "eyelid-result-details-open")


def test_every_page_has_no_serious_axe_violation_and_no_sideways_scroll(page: Any) -> None:
    for path in STATIC:
        page.goto(path)
        _inspect(page, "page-" + (path.strip("/").replace("/", "-").replace("?q=", "-q-").replace("+", "-") or "home"))
    page.goto("/")
    page.get_by_label("Your answer").fill("300")
    page.get_by_role("button", name="Next", exact=True).click()
    page.wait_for_selector("#err")
    _inspect(page, "check-bad-answer")
    _eyelid_check(page)
    _inspect(page, "check-result")
    _describe(page, "My left calf has been twitching for three weeks, mostly after running. I drink 4 coffees a day.")
    _inspect(page, "describe-review")
    page.get_by_role("button", name="See the result").click()
    page.wait_for_selector(".urgency", timeout=60_000)
    _inspect(page, "describe-result")
    stroke = "Suddenly one side of my face is drooping, my speech is slurred and my arm twitches"
    _describe(page, stroke, emergency=True)
    page.get_by_role("button", name="See the result").click()
    page.wait_for_selector(".urgency-emergency", timeout=60_000)
    _inspect(page, "describe-emergency-result")
    page.goto("/diary")
    page.locator("input[name=site][value=eyelid]").check()
    page.locator("button.chip[value=myokymia]").click()
    page.wait_for_selector("ul.episodes li")
    _inspect(page, "diary-with-an-episode")
    page.get_by_role("link", name="Edit").first.click()
    page.wait_for_selector("h1:has-text('Edit episode')")
    _inspect(page, "episode-edit")


def test_the_phone_navigation_is_one_menu_button(page: Any) -> None:
    page.goto("/knowledge")
    menu = page.locator("details.nav-menu > summary")
    assert menu.is_visible() and not page.locator("nav.nav-wide").is_visible()
    header = page.evaluate("document.querySelector('header.site').getBoundingClientRect().height")
    assert header <= 0.1 * PHONE["height"], f"the header takes {header:.0f} px of {PHONE['height']}"
    diary = page.locator("details.nav-menu").get_by_role("link", name="Diary")
    assert not diary.is_visible()
    menu.focus()
    page.keyboard.press("Enter")
    assert diary.is_visible()
    current = page.locator("details.nav-menu").get_by_role("link", name="Knowledge")
    assert current.get_attribute("aria-current") == "page"
    page.screenshot(path=str(SHOTS / "lay-menu-open-360.png"))
    diary.click()
    page.wait_for_selector("h1:has-text('Diary')")
    assert not page.locator("details.nav-menu").get_by_role("link", name="Diary").is_visible()  # closed again
    page.set_viewport_size(DESKTOP)
    assert page.locator("nav.nav-wide").is_visible() and not menu.is_visible()


def test_the_menu_works_without_javascript(browser: Any, server: str) -> None:
    context = browser.new_context(viewport=PHONE, base_url=server, java_script_enabled=False)
    pg = context.new_page()
    try:
        pg.goto("/")
        pg.locator("details.nav-menu > summary").click()
        link = pg.locator("details.nav-menu").get_by_role("link", name="Recordings")
        assert link.is_visible()
        link.click()
        pg.wait_for_selector("h1:has-text('Sleep recordings')")
    finally:
        context.close()


def test_insights_with_a_month_of_diary_fit_a_phone(page: Any, server: str) -> None:
    import datetime as dt

    import httpx

    today = dt.datetime.now(dt.UTC).date()
    with httpx.Client(base_url=server, timeout=30) as api:
        for i in range(1, 36):
            day = today - dt.timedelta(days=i)
            coffee = i % 2 == 0
            r = api.put(f"/api/v1/diary/checkins/{day.isoformat()}",
                        json={"caffeine_mg": 500.0 if coffee else 50.0, "sleep_h": 7.0, "stress": 3.0})  # fmt: skip
            assert r.status_code == 200, r.text
            for k in range(3 if coffee else 1):
                when = f"{day.isoformat()}T{10 + k:02d}:00:00+00:00"
                r = api.post("/api/v1/diary/episodes", json={"kind": "twitch", "site": "eyelid", "when": when})
                assert r.status_code == 201, r.text
    page.goto("/insights")
    assert page.locator("table.triggers").count() == 1
    _inspect(page, "insights-with-data")
