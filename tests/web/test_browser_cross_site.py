"""Cross-site attacks in a real browser (Playwright, Debian's Chromium) against a running server.

Two attacker pages, both served by Playwright routes (no extra server):

* ``http://127.0.0.2:PORT2/`` -- another loopback name and port, so another site: its fetches
  and auto-submitted form posts must neither read the diary nor change it.
* ``http://evil.example:PORT/`` -- DNS rebinding: Chromium resolves ``evil.example`` to 127.0.0.1
  (``--host-resolver-rules``), so the page is same-origin with its own requests to the app and
  the browser would let it read any answer; the app must refuse the foreign ``Host``.

After each attack the diary is read over the proper origin and must be exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_browser import _free_port, _require_chromium, chromium, running_app

pytestmark = pytest.mark.slow
NOTE = "SECRET-NOTE-7f3a"
#: Chromium's own guard against public pages calling loopback (Private/Local Network Access) is off:
#: the attacker pages are fulfilled by Playwright, which the browser counts as public, and the point
#: is that the app refuses them by itself, whatever browser the person uses.
DISABLE_PNA = ("--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,"
               "PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks")  # fmt: skip


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_chromium()
    with running_app(tmp_path_factory, {"TWITCHWISE_WEB_WARM_UP": "0"}) as url:
        r = httpx.post(url + "/api/v1/diary/episodes", json={"kind": "cramp", "site": "calf", "notes": NOTE})
        assert r.status_code == 201
        yield url


def _diary(app_url: str) -> list[Any]:
    episodes: list[Any] = httpx.get(app_url + "/api/v1/diary/episodes").json()
    return episodes


@pytest.fixture(scope="module")
def browser(app_url: str) -> Iterator[Any]:
    rebind = "--host-resolver-rules=MAP evil.example 127.0.0.1"
    with chromium((rebind, DISABLE_PNA)) as b:
        yield b


def _attacker_page(browser: Any, origin: str, app_url: str) -> Any:
    """A page at ``origin`` whose HTML is served by a Playwright route (after a visit to the app)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(app_url + "/diary")  # the victim has the app open: its session cookie is in the jar
    page.route(origin + "/attack", lambda route: route.fulfill(
        content_type="text/html", body="<!doctype html><title>cat pictures</title><p>hello</p>"))  # fmt: skip
    page.goto(origin + "/attack")
    return page


FETCHES = """async (target) => {
  const out = {};
  const tries = {
    read_export: () => fetch(target + '/api/v1/export/fhir', {credentials: 'include'}),
    read_episodes: () => fetch(target + '/api/v1/diary/episodes', {credentials: 'include'}),
    write_json: () => fetch(target + '/api/v1/diary/episodes', {method: 'POST', credentials: 'include',
        headers: {'content-type': 'application/json'}, body: JSON.stringify({kind: 'tic', site: 'face'})}),
    write_no_cors: () => fetch(target + '/api/v1/diary/episodes', {method: 'POST', mode: 'no-cors',
        credentials: 'include', headers: {'content-type': 'text/plain'},
        body: JSON.stringify({kind: 'tic', site: 'face'})}),
    delete: () => fetch(target + '/api/v1/diary/episodes/1', {method: 'DELETE', credentials: 'include'}),
  };
  for (const [name, go] of Object.entries(tries)) {
    try {
      const r = await go();
      out[name] = {status: r.status, type: r.type, text: r.type === 'opaque' ? '' : await r.text()};
    } catch (e) {
      out[name] = {error: String(e)};
    }
  }
  return out;
}"""

FORM_POST = """([action, enctype, fields]) => {
  const f = document.createElement('form');
  f.method = 'post'; f.action = action; f.enctype = enctype;
  for (const [k, v] of Object.entries(fields)) {
    const i = document.createElement('input'); i.name = k; i.value = v; f.appendChild(i);
  }
  document.body.appendChild(f); f.submit();
}"""


def test_another_loopback_site_can_neither_read_nor_change_the_diary(browser: Any, app_url: str) -> None:
    before = _diary(app_url)
    other = f"http://127.0.0.2:{_free_port()}"
    page = _attacker_page(browser, other, app_url)
    results = page.evaluate(FETCHES, app_url)
    for name in ("read_export", "read_episodes", "write_json", "delete"):
        assert "error" in results[name], f"{name}: the browser let another site read {results[name]}"
    assert results["write_no_cors"]["type"] == "opaque", results["write_no_cors"]  # sent, unreadable: refused (403)
    assert NOTE not in str(results)
    for action, enctype, fields in [
        ("/diary/episodes", "application/x-www-form-urlencoded", {"kind": "tic", "site": "face", "csrf_token": "x.y"}),
        ("/diary/checkin", "application/x-www-form-urlencoded", {"stress": "9"}),
        ("/api/v1/diary/episodes", "text/plain", {'{"kind":"tic","site":"face","x":"': '"}'}),
    ]:
        page.goto(other + "/attack")
        with page.expect_navigation():
            page.evaluate(FORM_POST, [app_url + action, enctype, fields])
        assert NOTE not in page.content()
    assert _diary(app_url) == before
    assert httpx.get(app_url + "/api/v1/diary/checkins").json() == []
    page.context.close()


def test_dns_rebinding_gets_nothing(browser: Any, app_url: str) -> None:
    before = _diary(app_url)
    port = app_url.rsplit(":", 1)[1]
    rebound = f"http://evil.example:{port}"
    context = browser.new_context()
    page = context.new_page()
    # The attacker's page at evil.example:PORT, now that its name resolves to 127.0.0.1 (its HTML
    # is the app's refusal, which changes nothing: the script runs in the page's origin).
    page.goto(rebound + "/attack")
    results = page.evaluate(FETCHES, rebound)
    # Same origin as far as the browser knows: it lets the page read the answers, which are refusals.
    for name in ("read_export", "read_episodes", "write_json", "write_no_cors", "delete"):
        assert results[name]["status"] == 421, results[name]
        assert '"field": "host"' in results[name]["text"] or '"field":"host"' in results[name]["text"]
    assert NOTE not in str(results)
    with page.expect_navigation():
        page.evaluate(FORM_POST, [rebound + "/diary/episodes", "application/x-www-form-urlencoded",
                                  {"kind": "tic", "site": "face"}])  # fmt: skip
    assert NOTE not in page.content()
    assert _diary(app_url) == before
    page.context.close()


def test_the_app_itself_still_works_in_the_same_browser(browser: Any, app_url: str) -> None:
    context = browser.new_context(base_url=app_url)
    page = context.new_page()
    page.goto("/diary")
    before = len(_diary(app_url))
    # The quick log posts through htmx: wait for its answer, not for a page load.
    with page.expect_response(lambda r: r.url.endswith("/diary/episodes") and r.request.method == "POST"):
        page.locator("form.quicklog button[type=submit]").first.click()
    assert len(_diary(app_url)) == before + 1, page.content()[:2000]
    context.close()


def test_the_servers_cookie_never_reaches_another_site(browser: Any, app_url: str, tmp_path: Path) -> None:
    page = _attacker_page(browser, f"http://127.0.0.2:{_free_port()}", app_url)
    assert page.evaluate("document.cookie") == ""
    page.context.close()
