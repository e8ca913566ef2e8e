"""Headers, CSRF, access token, the remote-bind refusal, logs without health data, and the pages' forms."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import assert_problem, csrf_of
from twitchwise.cli.app import app as cli_app
from twitchwise.cli.web_command import check_bind, is_loopback
from twitchwise.domain.errors import InputError
from twitchwise.web import WebSettings, create_app

PAGES = ["/", "/describe", "/diary", "/insights", "/knowledge", "/knowledge?q=leg+cramps+at+night", "/recordings",
         "/knowledge/conditions/eyelid_myokymia", "/knowledge/movement-types/cramp",
         "/knowledge/topics/why-muscles-twitch"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_strict_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"
    assert "<script>" not in r.text and " style=" not in r.text, "inline script/style breaks the CSP"
    assert "http://" not in r.text.replace("http://www.w3.org", ""), "no outside requests"
    assert len(r.content) < 200_000


def test_api_errors_carry_the_headers_too(client: TestClient) -> None:
    r = client.get("/api/v1/nothing")
    assert "content-security-policy" in r.headers


def test_pages_set_the_csrf_cookie_and_the_api_does_not_need_it(client: TestClient) -> None:
    page = client.get("/describe")
    assert "tw_session_8000=" in page.headers.get("set-cookie", "")
    client.cookies.clear()
    api = client.post("/api/v1/assess", json={"sites": ["eyelid"], "features": ["visible_flicker"]})
    assert api.status_code == 200
    assert "set-cookie" not in api.headers


def test_fastapi_telemetry_stays_off_even_with_a_configured_tracer(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Health data stays on this machine: a tracer configured in the process gets no spans.
    from opentelemetry import trace

    asked: list[str] = []

    class RecordingProvider(trace.TracerProvider):
        def get_tracer(self, instrumenting_module_name: str, *args: object, **kwargs: object) -> trace.Tracer:
            asked.append(instrumenting_module_name)
            return trace.NoOpTracer()

    monkeypatch.setattr(trace, "get_tracer_provider", RecordingProvider)
    r = client.post("/api/v1/assess", json={"sites": ["calf"], "features": ["visible_flicker"]})
    assert r.status_code == 200
    assert client.get("/describe").status_code == 200
    assert asked == []


def test_form_post_without_csrf_is_refused(client: TestClient) -> None:
    client.get("/diary")
    r = client.post("/diary/episodes", data={"site": "calf", "kind": "cramp"})
    assert_problem(r, 403, "csrf_token")
    r = client.post("/diary/episodes", data={"site": "calf", "kind": "cramp", "csrf_token": "x" * 43})
    assert_problem(r, 403, "csrf_token")
    assert client.get("/api/v1/diary/episodes").json() == []


def test_form_post_with_csrf_logs_an_episode(client: TestClient) -> None:
    token = csrf_of(client, "/diary")
    r = client.post("/diary/episodes", data={"site": "calf", "kind": "cramp", "csrf_token": token})
    assert r.status_code == 200 and "Saved." in r.text  # followed the 303 back to the diary
    assert 'data-count="1"' in r.text  # the chart shows today's episode
    assert [e["kind"] for e in client.get("/api/v1/diary/episodes").json()] == ["cramp"]


def test_checkin_edit_and_delete_through_the_pages(client: TestClient) -> None:
    token = csrf_of(client, "/diary")
    client.post("/diary/checkin", data={"caffeine_cups": "3", "sleep_h": "6", "stress": "4", "csrf_token": token})
    assert client.get("/api/v1/diary/checkins").json()[0]["caffeine_mg"] == 285
    client.post("/diary/episodes", data={"site": "eyelid", "kind": "myokymia", "csrf_token": token})
    ep = client.get("/api/v1/diary/episodes").json()[0]
    form = client.get(f"/diary/episodes/{ep['id']}/edit")
    assert form.status_code == 200
    r = client.post(f"/diary/episodes/{ep['id']}/edit",
                    data={"site": "face", "kind": "myokymia", "intensity": "6", "csrf_token": token})  # fmt: skip
    assert r.status_code == 200
    assert client.get(f"/api/v1/diary/episodes/{ep['id']}").json()["site"] == "face"
    client.post(f"/diary/episodes/{ep['id']}/delete", data={"csrf_token": token})
    assert client.get("/api/v1/diary/episodes").json() == []


def test_check_flow_reaches_a_result(client: TestClient) -> None:
    token = csrf_of(client, "/")
    import json
    import re

    page = client.get("/").text
    for _ in range(40):
        qid = re.search(r'name="qid" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]
        answers = json.loads(re.search(r'name="answers" value="([^"]*)"', page).group(1).replace("&#34;", '"'))  # type: ignore[union-attr]
        data: dict[str, object] = {"csrf_token": token, "answers": json.dumps(answers), "qid": qid, "action": "answer"}
        if qid == "age":
            data["value"] = "35"
        elif qid == "sites":
            data["values"] = ["eyelid"]
        elif qid == "red_flag_screen":
            pass
        else:
            data["action"] = "dont_know"
        r = client.post("/check", data=data)
        assert r.status_code == 200, r.text
        page = r.text
        if "Your result" in page:
            break
    assert "Your result" in page and "urgency-" in page
    assert "Eyelid myokymia" in page


def test_check_back_and_bad_number(client: TestClient) -> None:
    token = csrf_of(client, "/")
    r = client.post("/check", data={"csrf_token": token, "answers": "[]", "qid": "age", "value": "300"})
    assert r.status_code == 422 and "from 0 to 120" in r.text
    r = client.post("/check", data={"csrf_token": token, "answers": '[["age", 30.0]]', "qid": "sex", "action": "back"})
    assert 'value="age"' in r.text
    r = client.post("/check", data={"csrf_token": token, "answers": "{broken", "qid": "age"})
    assert r.status_code == 422


def test_describe_highlights_and_removal(client: TestClient) -> None:
    token = csrf_of(client, "/describe")
    text = "My left eyelid has been twitching for a week and I drink 5 coffees a day"
    r = client.post("/describe", data={"csrf_token": token, "text": text})
    assert r.status_code == 200 and "<mark" in r.text and "eyelid" in r.text
    r = client.post("/describe/result", data={"csrf_token": token, "text": text, "keep": ["0", "1", "2", "3"]})
    assert r.status_code == 200 and "Your result" in r.text
    r = client.post("/describe", data={"csrf_token": token, "text": "   "})
    assert r.status_code == 422


def test_html_404_page(client: TestClient) -> None:
    r = client.get("/no/such/page", headers={"accept": "text/html"})
    assert r.status_code == 404 and "<h1>" in r.text


def test_token_is_required_when_set(db_url: str) -> None:
    token = "t" * 24
    app = create_app(WebSettings(database_url=db_url, token=token, warm_up=False))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert_problem(c.get("/api/v1/knowledge/search?q=cramp"), 401, "token")
        assert_problem(c.get("/", headers={"authorization": "Bearer wrong"}), 401, "token")
        ok = c.get("/api/v1/knowledge/search?q=cramp", headers={"authorization": f"Bearer {token}"})
        assert ok.status_code == 200
        r = c.get(f"/diary?token={token}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/diary"
        assert "tw_token_8000=" in r.headers["set-cookie"]
        assert c.get("/diary").status_code == 200  # the cookie now carries it


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::", "example.org"])
def test_remote_bind_is_refused(host: str) -> None:
    assert not is_loopback(host)
    with pytest.raises(InputError) as info:
        check_bind(host, 8000, allow_remote=False, token=None)
    assert info.value.field == "host"
    with pytest.raises(InputError):
        check_bind(host, 8000, allow_remote=True, token=None)
    check_bind(host, 8000, allow_remote=True, token="a-long-enough-token-123")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_bind_is_allowed(host: str) -> None:
    check_bind(host, 8000, allow_remote=False, token=None)


def test_cli_refuses_remote_host_with_exit_code_2() -> None:
    r = CliRunner().invoke(cli_app, ["web", "--host", "0.0.0.0"])
    assert r.exit_code == 2
    assert "--allow-remote" in r.output
    r = CliRunner().invoke(cli_app, ["web", "--host", "0.0.0.0", "--allow-remote", "--token", "short"])
    assert r.exit_code == 2


@pytest.mark.parametrize("workers", ["0", "17"])
def test_cli_refuses_a_worker_count_out_of_range_with_exit_code_2(workers: str) -> None:
    r = CliRunner().invoke(cli_app, ["web", "--workers", workers])
    assert r.exit_code == 2
    assert f"--workers {workers} must be from 1 to 16" in r.output


def test_access_log_has_no_health_data(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="twitchwise.web")
    client.post("/api/v1/parse", json={"text": "my calf cramps every night and I take sertraline"})
    client.get("/api/v1/knowledge/search", params={"q": "sertraline twitching"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "POST /api/v1/parse 200" in logged
    assert "GET /api/v1/knowledge/search 200" in logged
    assert "sertraline" not in logged and "calf" not in logged


def test_cli_ask_answers_with_sources() -> None:
    r = CliRunner().invoke(cli_app, ["ask", "why does my eyelid twitch", "--json"])
    assert r.exit_code == 0
    import json

    answer = json.loads(r.output)
    assert answer["results"] and answer["results"][0]["sources"]
    r = CliRunner().invoke(cli_app, ["ask", "   "])
    assert r.exit_code == 2 and "question" in r.output


def test_recording_page_upload_shows_summary_chart_and_events(client: TestClient, accelerometer_csv: bytes) -> None:
    token = csrf_of(client, "/recordings")
    r = client.post(
        "/recordings", data={"csrf_token": token, "rules": "wasm2016"},
        files={"file": ("wrist.csv", accelerometer_csv, "text/csv")},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    assert 'id="night-chart"' in r.text and "Jerks per hour" in r.text
    link = r.text.split('href="/recordings/', 1)[1].split('"', 1)[0]
    events = client.get(f"/recordings/{link}")
    assert events.status_code == 200
    assert events.text.startswith("onset\tduration")
    assert client.get("/recordings/not-a-key").status_code == 404


def test_recording_page_rejects_other_files(client: TestClient) -> None:
    token = csrf_of(client, "/recordings")
    r = client.post("/recordings", data={"csrf_token": token}, files={"file": ("x.txt", b"hello", "text/plain")})
    assert r.status_code == 422 and "must be an .edf" in r.text


@pytest.mark.parametrize(
    ("path", "target"),
    [("/check", "/"), ("/describe/result", "/describe"), ("/diary/episodes", "/diary"), ("/diary/checkin", "/diary")],
)
def test_reloading_a_form_result_goes_back_to_its_page(client: TestClient, path: str, target: str) -> None:
    r = client.get(path, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == target


def test_describe_removing_a_finding_removes_it_from_the_result(client: TestClient) -> None:
    import re

    token = csrf_of(client, "/describe")
    text = "My calf has been twitching for a month and my leg feels weak"
    review = client.post("/describe", data={"csrf_token": token, "text": text}).text
    boxes = re.findall(r'name="keep" value="([^"]+)"', review)
    labels = re.findall(r"<sup>\d+</sup> “([^<]*)", review)
    weak = next(i for i, label in enumerate(labels) if label.startswith("weak”"))
    full = client.post("/describe/result", data={"csrf_token": token, "text": text, "keep": boxes}).text
    without = [b for i, b in enumerate(boxes) if i != weak]
    edited = client.post("/describe/result", data={"csrf_token": token, "text": text, "keep": without}).text
    weakness = "weakness of the affected limb or muscles"
    assert weakness in full
    assert weakness not in edited


def test_emergency_result_says_so_in_words(client: TestClient) -> None:
    import re

    token = csrf_of(client, "/describe")
    text = "Suddenly one side of my face is drooping, my speech is slurred and my arm twitches"
    screen = client.post("/describe", data={"csrf_token": token, "text": text}).text
    assert 'href="tel:' in screen and 'name="keep"' not in screen  # the emergency screen before the review
    review = client.post("/describe", data={"csrf_token": token, "text": text, "action": "continue"}).text
    boxes = re.findall(r'name="keep" value="([^"]+)"', review)
    page = client.post("/describe/result", data={"csrf_token": token, "text": text, "keep": boxes}).text
    assert "urgency-emergency" in page
    heading = re.search(r'<h2 id="urgency-h">(.*?)</h2>', page, re.S)
    assert heading and "Emergency" in heading.group(1)  # in words, not colour alone


def test_warm_up_builds_what_the_first_requests_need() -> None:
    from twitchwise.services.intake import parser
    from twitchwise.services.knowledge_search import knowledge_index
    from twitchwise.web.app import warm_up

    warm_up()
    assert parser.cache_info().currsize == 1 and knowledge_index.cache_info().currsize == 1


def test_insights_page_shows_the_trigger_table(client: TestClient) -> None:
    from datetime import timedelta

    service = client.app.state.diary  # type: ignore[attr-defined]
    # Midday, so that the hours before each episode stay on its day whatever time the test runs.
    now = service.now().replace(hour=12, minute=0, second=0, microsecond=0)
    for i in range(1, 41):
        # Noon of that day: "now minus k hours" crossed midnight when the suite ran before 04:00,
        # moving a coffee day's episodes to the day before.
        noon = (now - timedelta(days=i)).replace(hour=12, minute=0, second=0, microsecond=0)
        coffee = i % 2 == 0
        service.record_day(noon.date(), caffeine_mg=500.0 if coffee else 50.0, sleep_h=7.0, stress=3.0)
        for k in range(4 if coffee else 1):
            service.log_episode("twitch", "eyelid", when=noon - timedelta(hours=k + 1))
    page = client.get("/insights")
    assert page.status_code == 200
    assert '<table class="triggers">' in page.text and "95% interval" in page.text
    api = client.get("/api/v1/insights").json()
    assert api["logged_days"] >= 40 and api["associations"]
    assert any(a["exposure"].startswith("caffeine") and a["flagged"] for a in api["associations"]), api["associations"]
