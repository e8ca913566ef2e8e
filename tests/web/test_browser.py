"""Browser journeys with Playwright driving Debian's Chromium, screenshots, and an axe-core scan.

A uvicorn server is started on a free loopback port with a temporary SQLite diary. Screenshots
at phone (390x844) and desktop (1280x800) widths go to ``test-artifacts/screenshots/``.
Without /usr/bin/chromium the tests fail in CI (CI=true) and skip, visibly, elsewhere.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "test-artifacts" / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PAGES = ["/", "/describe", "/diary", "/insights", "/knowledge", "/knowledge?q=why+does+my+eyelid+twitch",
         "/knowledge/conditions/benign_fasciculations", "/knowledge/movement-types/myoclonus",
         "/knowledge/topics/why-muscles-twitch", "/recordings"]  # fmt: skip

pytestmark = pytest.mark.slow


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: run scripts/install-system-deps.sh (installs Debian's chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_app(tmp_path_factory: pytest.TempPathFactory, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """The web app in a uvicorn process on a free loopback port, with a fresh diary; yields its URL."""
    port = _free_port()
    db = tmp_path_factory.mktemp("db") / "diary.db"
    env = {**os.environ, "TWITCHWISE_DATABASE_URL": f"sqlite:///{db}", **(extra_env or {})}
    env.pop("TWITCHWISE_WEB_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "twitchwise.web.app:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--no-access-log", "--log-level", "warning"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(url + "/api/v1/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"web server exited: {out[-2000:]}")
            time.sleep(0.1)
        else:
            pytest.fail("web server did not start in 30 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def warmed_app(tmp_path_factory: pytest.TempPathFactory, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """:func:`running_app` (Chromium required) with the text parser built, so a first journey does not wait."""
    _require_chromium()
    with running_app(tmp_path_factory, extra_env) as url:
        httpx.post(url + "/api/v1/parse", json={"text": "my eyelid twitches"}, timeout=120)
        yield url


@contextmanager
def chromium(extra_args: tuple[str, ...] = ()) -> Iterator[Any]:
    """Debian's Chromium under Playwright, headless, closed at the end."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[*ARGS, *extra_args])
        yield b
        b.close()


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
    context = browser.new_context(viewport=DESKTOP, base_url=server, accept_downloads=True)
    pg = context.new_page()
    blocked: list[str] = []
    pg.on("request", lambda r: blocked.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert not blocked, f"requests outside the app: {blocked}"
    assert not [e for e in errors if "Content Security Policy" in e], errors


def _axe(page: Any, where: str) -> None:
    """Run axe-core on the current page; fail on serious or critical violations.

    axe is served under the app's own origin by a Playwright route, so the page's strict CSP
    (script-src 'self') stays on while it runs.
    """
    page.route("**/__test__/axe.min.js", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url="/__test__/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{where}: " + "; ".join(bad)


def _shoot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def _press(page: Any, button: str) -> None:
    """Click an interview button and wait until the next screen (new answers, or the result) is in."""
    old = page.locator("input[name=answers]").input_value()
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_function(
        "old => { const a = document.querySelector('input[name=answers]'); return !a || a.value !== old; }",
        arg=old,
        timeout=30_000,
    )


def test_check_to_result(page: Any) -> None:
    page.goto("/")
    _shoot(page, "check-start")
    page.get_by_label("Your answer").fill("34")
    _press(page, "Next")
    page.get_by_label("female").check()
    _press(page, "Next")
    page.get_by_label("Eyelid", exact=False).first.check()
    _press(page, "Next")
    assert page.get_by_text("warning sign").count() >= 1  # the red-flag checklist comes next
    _press(page, "Next")  # none of them
    _shoot(page, "check-question")
    _press(page, "Back")
    assert page.get_by_text("warning sign").count() >= 1
    _press(page, "Next")
    for _ in range(30):
        if page.locator("input[name=answers]").count() == 0:
            break
        _press(page, "I don't know")
    assert page.locator("h1", has_text="Your result").count() == 1
    banner = page.locator(".urgency")
    assert banner.count() == 1 and banner.inner_text().strip()
    assert page.locator("meter").count() >= 2
    assert "eyelid" in page.locator("#cond-h + ul").inner_text().lower()
    _shoot(page, "result")
    _axe(page, "result page")


def test_check_shows_a_bad_answer_in_place(page: Any) -> None:
    page.goto("/")
    page.get_by_label("Your answer").fill("300")
    page.get_by_role("button", name="Next", exact=True).click()
    page.wait_for_selector("#err")
    assert "from 0 to 120" in page.locator("#err").inner_text()


def test_describe_to_result(page: Any) -> None:
    page.goto("/describe")
    page.get_by_label("Your description").fill(
        "My left calf has been twitching for three weeks, mostly after running. I drink 4 coffees a day."
    )
    page.get_by_role("button", name="Show what you understood").click()
    page.wait_for_selector("mark.finding", timeout=60_000)
    assert page.locator("mark.finding").count() >= 2
    _shoot(page, "describe-review")
    _axe(page, "describe review")
    boxes = page.locator("input[name=keep]")
    assert boxes.count() >= 2
    boxes.last.uncheck()  # the person removes one finding
    page.get_by_role("button", name="See the result").click()
    page.wait_for_selector(".urgency", timeout=60_000)
    assert page.locator("h1", has_text="Your result").count() == 1
    assert page.locator(".urgency h2").inner_text().strip()


def test_log_an_episode_and_see_it_in_the_chart(page: Any) -> None:
    page.goto("/diary")
    before = int(page.locator("rect.bar").last.get_attribute("data-count"))
    page.get_by_label("calf").check()
    page.get_by_role("button", name="cramp").click()
    page.wait_for_selector("text=Saved.")
    assert page.get_by_text("Saved.").count() == 1
    assert int(page.locator("rect.bar").last.get_attribute("data-count")) == before + 1
    assert "cramp, calf" in page.locator("ul.episodes").inner_text()
    _shoot(page, "diary")
    page.get_by_role("link", name="Edit").first.click()
    page.wait_for_selector("h1:has-text('Edit episode')")
    _axe(page, "episode edit")
    _shoot(page, "episode-edit")


def test_download_the_report(page: Any) -> None:
    page.goto("/insights")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the report (PDF)").click()
    path = info.value.path()
    assert Path(path).read_bytes()[:4] == b"%PDF"
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the diary (FHIR)").click()
    assert b'"resourceType"' in Path(info.value.path()).read_bytes()
    _shoot(page, "insights")


def test_upload_a_recording(page: Any, night_edf: Path) -> None:
    page.goto("/recordings")
    page.set_input_files("#file", str(night_edf))
    page.get_by_role("button", name="Score the night").click()
    page.wait_for_selector("#night-plot", timeout=60_000)
    assert "Leg movements" in page.locator("table.summary").inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the events (TSV)").click()
    head = Path(info.value.path()).read_text().splitlines()[0]
    assert head.startswith("onset\tduration\ttrial_type")
    _shoot(page, "recording")
    _axe(page, "recording result")


def test_keyboard_only_logging(page: Any) -> None:
    page.goto("/diary")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.locator("input[name=site][value=eyelid]").focus()
    page.keyboard.press("Space")
    page.locator("button.chip[value=myokymia]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Saved.")
    assert page.get_by_text("Saved.").count() == 1


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violations(page: Any, path: str) -> None:
    name = "page-" + (path.strip("/").replace("/", "-").replace("?q=", "-search").replace("+", "-") or "home")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.goto(path)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        _axe(page, f"{path} at {size['width']}px")
