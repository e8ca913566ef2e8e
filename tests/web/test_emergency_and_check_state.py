"""The emergency short-circuit, the urgency banner, the emergency number setting, and a check that keeps its answers."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from conftest import csrf_of
from twitchwise.services.diary import vocabulary
from twitchwise.services.emergency_number import default_region, emergency_number, region_from_locale
from twitchwise.web.site_regions import SITE_REGIONS, grouped_options

SITES = vocabulary().sites
BASE = "http://127.0.0.1:8000"


@pytest.fixture(autouse=True)
def _no_region_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's default region is unknown here (112), whatever locale runs the tests."""
    for name in ("TWITCHWISE_REGION", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


# ------------------------------------------------------------------ the emergency number
@pytest.mark.parametrize(
    ("region", "number"),
    [("GB", "999"), ("gb", "999"), ("US", "911"), ("CA", "911"), ("DE", "112"), ("IE", "112"), ("AU", "000"),
     ("NZ", "111"), ("XX", "112"), ("", "112"), (None, "112")],
)  # fmt: skip
def test_emergency_number_by_region(region: str | None, number: str) -> None:
    assert emergency_number(region, environ={}).number == number


@pytest.mark.parametrize(
    ("environ", "region"),
    [({"LANG": "en_GB.UTF-8"}, "GB"), ({"LANG": "en_US.UTF-8"}, "US"), ({"LANG": "de_DE@euro"}, "DE"),
     ({"LANG": "C.UTF-8"}, None), ({}, None), ({"LC_ALL": "en_US.UTF-8", "LANG": "en_GB.UTF-8"}, "US"),
     ({"TWITCHWISE_REGION": "gb", "LANG": "en_US.UTF-8"}, "GB"),
     ({"TWITCHWISE_REGION": "nowhere", "LANG": "fr_FR"}, "FR")],
)  # fmt: skip
def test_default_region_from_setting_then_locale(environ: dict[str, str], region: str | None) -> None:
    assert default_region(environ) == region


def test_region_of_a_locale_name() -> None:
    assert region_from_locale("en_NZ.UTF-8") == "NZ" and region_from_locale("POSIX") is None


# ------------------------------------------------------------------ "Where?" grouped by region
def test_every_site_is_in_exactly_one_region() -> None:
    placed = [s for _, sites in SITE_REGIONS for s in sites]
    assert sorted(placed) == sorted(SITES) and len(placed) == len(set(placed))


def test_grouped_options_keep_every_option_once() -> None:
    options = (*((s, s.replace("_", " ")) for s in SITES), ("elbow", "elbow"))
    groups = grouped_options(options)
    flat = [o for _, items in groups for o in items]
    assert sorted(flat) == sorted(options) and groups[-1][0] == "Other"


# ------------------------------------------------------------------ a check through the pages
def _path(r: object) -> str:
    return str(r.url).removeprefix(BASE)  # type: ignore[attr-defined]


def _start(client: TestClient, age: str = "70") -> tuple[str, str]:
    """Answer age, sex and sites (face); returns the CSRF token and the path of the warning-sign checklist."""
    token = csrf_of(client, "/")
    r = client.post("/check", data={"csrf_token": token, "answers": "[]", "qid": "age", "value": age})
    r = client.post(_path(r), data={"csrf_token": token, "qid": "sex", "value": "male"})
    r = client.post(_path(r), data={"csrf_token": token, "qid": "sites", "values": ["face"]})
    assert 'value="red_flag_screen"' in r.text
    return token, _path(r)


def _question(page: str) -> str | None:
    found = re.search(r'name="qid" value="([^"]+)"', page)
    return found.group(1) if found else None


def test_an_emergency_answer_stops_the_check_with_a_tel_link(client: TestClient) -> None:
    token, checklist = _start(client)
    r = client.post(checklist, data={"csrf_token": token, "qid": "red_flag_screen",
                                     "values": ["symptoms:facial_droop"]})  # fmt: skip
    assert r.status_code == 200
    assert _question(r.text) is None  # no further question
    assert re.search(r'<a class="button call" href="tel:112"', r.text)
    assert "While you wait" in r.text and "Continue anyway" in r.text
    assert "stroke" in r.text  # the warning sign's own sentence, not "worth checking with a doctor"
    # Continue anyway: the questions go on, with the emergency banner on every later step.
    r = client.post(_path(r), data={"csrf_token": token, "action": "continue"})
    for _ in range(3):
        assert "urgency-banner-emergency" in r.text and 'href="tel:112"' in r.text
        qid = _question(r.text)
        assert qid is not None
        r = client.post(_path(r), data={"csrf_token": token, "qid": qid, "action": "dont_know"})


def test_an_urgent_answer_shows_a_same_day_banner_on_later_steps(client: TestClient) -> None:
    token, checklist = _start(client, "40")
    r = client.post(checklist, data={"csrf_token": token, "qid": "red_flag_screen",
                                     "values": ["symptoms:calf_swelling_one_side"]})  # fmt: skip
    assert "Continue anyway" not in r.text
    for _ in range(3):
        assert "urgency-banner-urgent" in r.text and "Get medical advice today" in r.text
        r = client.post(_path(r), data={"csrf_token": token, "qid": _question(r.text), "action": "dont_know"})


def test_no_banner_without_a_warning_sign(client: TestClient) -> None:
    token, checklist = _start(client, "30")
    r = client.post(checklist, data={"csrf_token": token, "qid": "red_flag_screen"})
    assert "urgency-banner" not in r.text and _question(r.text) == "first_noticed"


def test_back_and_reload_land_on_the_question_with_its_answer(client: TestClient) -> None:
    token, checklist = _start(client)
    cid_path = checklist.rsplit("/", 1)[0]
    age = client.get(f"{cid_path}/0").text  # as browser Back would, or in-app Back
    assert _question(age) == "age" and 'value="70"' in age
    sites = client.get(f"{cid_path}/2").text
    assert 'value="face" checked' in sites
    assert '<fieldset class="region">' in sites and "<legend>Head and face</legend>" in sites
    sex = client.post(f"{cid_path}/1", data={"csrf_token": token, "action": "back"})
    assert _path(sex) == f"{cid_path}/0"
    # Changing an earlier answer keeps the later ones that still fit.
    r = client.post(f"{cid_path}/0", data={"csrf_token": token, "qid": "age", "value": "71"})
    assert _path(r) == f"{cid_path}/1" and 'value="male" checked' in r.text
    assert 'value="face" checked' in client.get(f"{cid_path}/2").text
    # Forward past the answers given goes to the first unanswered question.
    assert _path(client.get(f"{cid_path}/9")) == f"{cid_path}/3"


def test_a_check_belongs_to_the_browser_that_started_it(client: TestClient) -> None:
    _, checklist = _start(client)
    other = TestClient(client.app, base_url=BASE)
    r = other.get(checklist, headers={"accept": "text/html"})
    assert r.status_code == 404 and "start again" in r.text


def test_a_stroke_description_shows_the_emergency_screen_before_the_review(client: TestClient) -> None:
    token = csrf_of(client, "/describe")
    text = "Suddenly one side of my face is drooping and my speech is slurred"
    screen = client.post("/describe", data={"csrf_token": token, "text": text})
    assert screen.status_code == 200 and 'href="tel:112"' in screen.text and 'name="keep"' not in screen.text
    review = client.post("/describe", data={"csrf_token": token, "text": text, "action": "continue"}).text
    assert 'name="keep"' in review and "urgency-banner-emergency" in review


def test_a_calm_description_goes_straight_to_the_review(client: TestClient) -> None:
    token = csrf_of(client, "/describe")
    review = client.post("/describe", data={"csrf_token": token, "text": "My eyelid twitches when I am tired"}).text
    assert 'name="keep"' in review and "urgency-banner" not in review and "Continue anyway" not in review


# ------------------------------------------------------------------ settings
def test_the_country_chosen_in_settings_sets_the_number(client: TestClient) -> None:
    token = csrf_of(client, "/settings")
    r = client.post("/settings", data={"csrf_token": token, "region": "GB"})
    assert r.status_code == 200 and 'href="tel:999"' in r.text and "United Kingdom" in r.text
    token, checklist = _start(client)
    screen = client.post(checklist, data={"csrf_token": token, "qid": "red_flag_screen",
                                          "values": ["symptoms:facial_droop"]}).text  # fmt: skip
    assert "Call 999 now" in screen and 'href="tel:999"' in screen
    r = client.post("/settings", data={"csrf_token": token, "region": ""})
    assert 'href="tel:112"' in r.text


def test_settings_refuse_an_unknown_country(client: TestClient) -> None:
    token = csrf_of(client, "/settings")
    r = client.post("/settings", data={"csrf_token": token, "region": "ZZ"}, headers={"accept": "text/html"})
    assert r.status_code == 422 and "choose a country" in r.text


def test_api_emergency_number(client: TestClient) -> None:
    assert client.get("/api/v1/emergency-number", params={"region": "US"}).json()["tel"] == "tel:911"
    r = client.get("/api/v1/emergency-number", params={"region": "ZZ"})
    assert r.status_code == 422 and r.json()["field"] == "region"


def test_api_interview_stops_for_an_emergency_and_may_continue(client: TestClient) -> None:
    answers = [{"question": "age", "value": 70}, {"question": "sex", "value": "male"},
               {"question": "sites", "value": ["face"]},
               {"question": "red_flag_screen", "value": {"symptoms:facial_droop": True}}]  # fmt: skip
    stopped = client.post("/api/v1/interview", json={"answers": answers}).json()
    assert stopped["done"] and stopped["result"]["urgency"] == "emergency"
    going_on = client.post("/api/v1/interview", json={
        "answers": [*answers, {"question": "continue_after_emergency", "value": True}]}).json()  # fmt: skip
    assert not going_on["done"] and going_on["question"]["id"] == "first_noticed"
    r = client.post("/api/v1/interview", json={"answers": [*answers[:2], {"question": "continue_after_emergency",
                                                                          "value": True}]})  # fmt: skip
    assert r.status_code == 422  # "continue anyway" only after an emergency
