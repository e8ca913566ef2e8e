"""Journeys of a frightened person in a real browser (Playwright, Debian's Chromium), phone and desktop.

- A stroke story in the check and in "describe" reaches the emergency screen, whose ``tel:``
  link is within the first screen after the triggering answer.
- Back, Forward and reload in the middle of a check keep every answer.

Screenshots are saved under ``test-artifacts/journeys/`` (listed at the end of the test run).
The server runs with ``TWITCHWISE_REGION=GB``, so the number is 999.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import AXE, REPO, chromium, warmed_app

pytestmark = pytest.mark.slow
JOURNEYS = REPO / "test-artifacts" / "journeys"
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
STROKE = "Suddenly one side of my face is drooping and my speech is slurred. My arm twitches."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with warmed_app(tmp_path_factory, {"TWITCHWISE_REGION": "GB"}) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(params=list(SIZES))
def page(request: pytest.FixtureRequest, browser: Any, server: str) -> Iterator[Any]:
    size = SIZES[request.param]
    context = browser.new_context(viewport=size, base_url=server, is_mobile=request.param == "phone",
                                  has_touch=request.param == "phone")  # fmt: skip
    pg = context.new_page()
    pg.size_label = request.param  # type: ignore[attr-defined]
    yield pg
    context.close()


def _shot(page: Any, name: str) -> Path:
    JOURNEYS.mkdir(parents=True, exist_ok=True)
    path = JOURNEYS / f"{name}-{page.size_label}.png"
    page.screenshot(path=str(path))  # the first screen, as the person sees it
    return path


def _axe(page: Any, where: str) -> None:
    page.route("**/__test__/axe.min.js", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url="/__test__/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [f"{v['id']} ({v['impact']}): {v['help']}" for v in result["violations"]
           if v["impact"] in ("serious", "critical")]  # fmt: skip
    assert not bad, f"{where}: " + "; ".join(bad)


def _next(page: Any, button: str = "Next") -> None:
    """Press an interview button and wait for the next screen (the address changes with every step)."""
    before = page.url
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_function("old => window.location.href !== old", arg=before, timeout=30_000)
    page.wait_for_load_state()
    if page.locator("form.question").count():
        _settled(page)


def _in_first_screen(page: Any, selector: str) -> None:
    """The element is visible without scrolling."""
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (box, height)


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def test_a_stroke_in_the_check_reaches_the_emergency_screen(page: Any) -> None:
    page.goto("/")
    page.get_by_label("Your answer").fill("70")
    _next(page)
    page.get_by_label("male", exact=True).check()
    _next(page)
    page.get_by_label("face", exact=True).check()
    _next(page)
    page.get_by_label("one side of the face drooping").check()
    _next(page)  # the triggering answer
    page.wait_for_selector("a.button.call")
    call = page.locator("a.button.call")
    assert call.get_attribute("href") == "tel:999" and "999" in call.inner_text()
    assert page.evaluate("window.scrollY") == 0
    _in_first_screen(page, "a.button.call")
    _no_sideways_scroll(page)
    assert page.locator("input[name=qid]").count() == 0  # no further question before it
    _shot(page, "check-stroke-emergency")
    _axe(page, "emergency screen")
    _next(page, "Continue anyway")
    assert page.locator(".urgency-banner-emergency a[href='tel:999']").count() == 1
    _no_sideways_scroll(page)
    _shot(page, "check-after-continue")
    _axe(page, "a question under the emergency banner")


def test_a_stroke_description_reaches_the_emergency_screen_before_the_review(page: Any) -> None:
    page.goto("/describe")
    page.get_by_label("Your description").fill(STROKE)
    page.get_by_role("button", name="Show what you understood").click()
    page.wait_for_selector("a.button.call", timeout=60_000)
    assert page.locator("a.button.call").get_attribute("href") == "tel:999"
    assert page.locator("input[name=keep]").count() == 0
    _in_first_screen(page, "a.button.call")
    _shot(page, "describe-stroke-emergency")
    page.get_by_role("button", name="Continue anyway").click()
    page.wait_for_selector("input[name=keep]", timeout=60_000)
    assert page.locator(".urgency-banner-emergency").count() == 1
    _shot(page, "describe-review-after-emergency")


def _settled(page: Any) -> None:
    """Wait until the page shown is the one the address names (htmx restores history by reloading it)."""
    try:
        page.wait_for_function(
            "() => { const f = document.querySelector('form.question');"
            " return f && f.getAttribute('action') === window.location.pathname; }",
            timeout=30_000,
        )
    except Exception:
        form = page.locator("form.question")
        shown = form.get_attribute("action") if form.count() else None
        pytest.fail(f"the address is {page.url} but the page shown is for {shown}")


def _history(page: Any, direction: str, times: int = 1) -> None:
    """Browser Back or Forward, one page at a time as a person does (each page shown before the next)."""
    for _ in range(times):
        before = page.url
        page.go_back() if direction == "back" else page.go_forward()
        page.wait_for_function("old => window.location.href !== old", arg=before, timeout=30_000)
        _settled(page)


def _checked(page: Any, value: str) -> bool:
    return bool(page.locator(f"input[value='{value}']").is_checked())


def test_back_forward_and_reload_keep_every_answer(page: Any) -> None:
    page.goto("/")
    page.get_by_label("Your answer").fill("29")
    _next(page)
    page.get_by_label("male", exact=True).check()
    _next(page)
    page.get_by_label("calf", exact=True).check()
    page.get_by_label("thigh", exact=True).check()
    _next(page)
    _next(page)  # no warning signs
    page.get_by_label("started two weeks to three months ago").check()
    _next(page)
    question_6 = page.url
    page.reload()
    _settled(page)
    assert page.url == question_6 and page.locator("input[name=qid]").count() == 1
    _history(page, "back")
    assert _checked(page, "weeks")  # Back lands on the question with its answer
    _shot(page, "check-back-prefilled")
    _history(page, "back", 2)
    assert _checked(page, "calf") and _checked(page, "thigh") and not _checked(page, "eyelid")
    assert page.locator("fieldset.region legend", has_text="Legs and feet").count() == 1
    _no_sideways_scroll(page)
    _axe(page, "the grouped sites question")
    page.reload()
    _settled(page)
    assert _checked(page, "calf") and _checked(page, "thigh")
    _history(page, "back", 2)
    assert page.get_by_label("Your answer").input_value() == "29"
    _history(page, "forward", 5)
    assert page.url == question_6
    _next(page, "Back")  # the in-app Back fills in the answer too
    assert _checked(page, "weeks")
    _shot(page, "check-in-app-back")


def test_the_settings_page_shows_the_emergency_number(page: Any) -> None:
    page.goto("/settings")
    assert page.locator("a[href='tel:999']").count() >= 1
    page.get_by_label("Your country").select_option("US")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("a[href='tel:911']")
    _shot(page, "settings")
    _axe(page, "settings")
