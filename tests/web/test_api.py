"""The JSON API under /api/v1: every endpoint, good and bad input, problem details for each error."""

from __future__ import annotations

import io
import logging

import pytest
from fastapi.testclient import TestClient

from conftest import assert_problem

EYELID = {"age": 30, "sex": "female", "sites": ["eyelid"], "features": ["visible_flicker"]}


def test_assess_returns_the_result_fields(client: TestClient) -> None:
    r = client.post("/api/v1/assess", json=EYELID)
    assert r.status_code == 200
    body = r.json()
    for key in (
        "urgency",
        "urgency_text",
        "urgency_reasons",
        "red_flags",
        "movement_types",
        "conditions",
        "factors",
        "advice",
        "when_to_get_help",
        "doctor",
        "next_questions",
        "sources",
        "disclaimer",
    ):
        assert key in body
    assert body["conditions"][0]["id"] == "eyelid_myokymia"
    assert body["urgency"] == "self_care"


def test_assess_emergency_case_is_emergency(client: TestClient) -> None:
    r = client.post("/api/v1/assess", json={"sites": ["face"], "symptoms": ["facial_droop", "slurred_speech"]})
    assert r.status_code == 200
    assert r.json()["urgency"] == "emergency"


@pytest.mark.parametrize(
    ("body", "status"),
    [({"sites": ["nose_hair"]}, 422), ({"age": "old"}, 422), ([1, 2], 422), ("text", 422)],
)
def test_assess_bad_case_is_a_problem(client: TestClient, body: object, status: int) -> None:
    assert_problem(client.post("/api/v1/assess", json=body), status)


def test_assess_not_json_is_a_problem(client: TestClient) -> None:
    r = client.post("/api/v1/assess", content=b"{not json", headers={"content-type": "application/json"})
    assert_problem(r, 422)


def test_parse_returns_spans(client: TestClient) -> None:
    text = "My left eyelid has been twitching for a week"
    r = client.post("/api/v1/parse", json={"text": text})
    assert r.status_code == 200
    found = r.json()["findings"]
    eyelid = next(f for f in found if f["value"] == "eyelid")
    assert text[eyelid["start"] : eyelid["end"]] == "eyelid"


@pytest.mark.parametrize("body", [{"text": ""}, {}, {"text": "x" * 10_001}, {"text": "hi", "extra": 1}])
def test_parse_bad_input(client: TestClient, body: object) -> None:
    assert_problem(client.post("/api/v1/parse", json=body), 422)


def test_interview_first_question_then_next(client: TestClient) -> None:
    r = client.post("/api/v1/interview", json={"answers": []})
    assert r.json()["question"]["id"] == "age"
    r = client.post("/api/v1/interview", json={"answers": [{"question": "age", "value": 30}]})
    assert r.json()["question"]["id"] == "sex"
    assert r.json()["step"] == 1


def test_interview_bad_answer_is_a_problem(client: TestClient) -> None:
    answers = [{"question": "first_noticed", "value": "centuries"}]
    assert_problem(client.post("/api/v1/interview", json={"answers": answers}), 422, "answers")


def test_knowledge_search(client: TestClient) -> None:
    r = client.get("/api/v1/knowledge/search", params={"q": "why does my eyelid twitch"})
    assert r.status_code == 200
    results = r.json()["results"]
    assert results and "eyelid" in (results[0]["title"] + results[0]["text"]).lower()
    assert results[0]["sources"] and results[0]["sources"][0]["url"].startswith("https://")


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 501}, {"q": "cramp", "limit": 0}])
def test_knowledge_search_bad_input(client: TestClient, params: dict[str, object]) -> None:
    assert_problem(client.get("/api/v1/knowledge/search", params=params), 422)


def test_condition_and_unknown_condition(client: TestClient) -> None:
    assert client.get("/api/v1/knowledge/conditions/eyelid_myokymia").json()["icd10"] == "G51.4"
    assert_problem(client.get("/api/v1/knowledge/conditions/nope"), 404, "condition_id")


def test_diary_episode_crud(client: TestClient) -> None:
    r = client.post("/api/v1/diary/episodes", json={"kind": "twitch", "site": "eyelid", "when": "10 min ago"})
    assert r.status_code == 201, r.text
    ep = r.json()
    assert ep["kind"] == "fasciculation" and ep["id"] >= 1
    assert client.get(f"/api/v1/diary/episodes/{ep['id']}").json()["site"] == "eyelid"
    assert [e["id"] for e in client.get("/api/v1/diary/episodes").json()] == [ep["id"]]
    r = client.patch(f"/api/v1/diary/episodes/{ep['id']}", json={"intensity": 7, "site": "calf"})
    assert r.status_code == 200 and r.json()["intensity"] == 7 and r.json()["site"] == "calf"
    assert client.delete(f"/api/v1/diary/episodes/{ep['id']}").status_code == 204
    assert_problem(client.get(f"/api/v1/diary/episodes/{ep['id']}"), 404, "episode_id")
    assert_problem(client.delete(f"/api/v1/diary/episodes/{ep['id']}"), 404, "episode_id")
    assert_problem(client.patch("/api/v1/diary/episodes/999", json={"intensity": 2}), 404, "episode_id")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "sneeze", "site": "eyelid"}, "kind"),
        ({"kind": "cramp", "site": "nose"}, "site"),
        ({"kind": "cramp", "site": "calf", "intensity": 11}, "intensity"),
        ({"kind": "cramp", "site": "calf", "when": "tomorrow 10:00"}, "when"),
        ({"kind": "cramp", "site": "calf", "symptoms": ["sneezing"]}, "with"),
        ({"site": "calf"}, "kind"),
    ],
)
def test_diary_bad_episode(client: TestClient, body: dict[str, object], field: str) -> None:
    assert_problem(client.post("/api/v1/diary/episodes", json=body), 422, field)


def test_diary_bad_episode_id(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/diary/episodes/abc"), 422, "episode_id")
    assert_problem(client.get("/api/v1/diary/episodes/0"), 422, "episode_id")


def test_checkins(client: TestClient) -> None:
    r = client.put("/api/v1/diary/checkins/today", json={"caffeine_mg": 300, "sleep_h": 6})
    assert r.status_code == 200 and r.json()["caffeine_mg"] == 300
    days = client.get("/api/v1/diary/checkins").json()
    assert len(days) == 1 and days[0]["sleep_h"] == 6
    assert client.delete("/api/v1/diary/checkins/today").status_code == 204
    assert_problem(client.delete("/api/v1/diary/checkins/today"), 404, "day")
    assert_problem(client.put("/api/v1/diary/checkins/someday", json={}), 422, "day")
    assert_problem(client.put("/api/v1/diary/checkins/2999-01-01", json={}), 422, "day")
    assert_problem(client.put("/api/v1/diary/checkins/today", json={"sleep_h": 30}), 422, "sleep_h")


def test_insights_report_and_fhir(client: TestClient) -> None:
    client.post("/api/v1/diary/episodes", json={"kind": "cramp", "site": "calf"})
    ins = client.get("/api/v1/insights").json()
    assert "logged_days" in ins and "associations" in ins
    pdf = client.get("/api/v1/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    fhir = client.get("/api/v1/export/fhir")
    assert fhir.status_code == 200 and fhir.json()["resourceType"] == "Bundle"
    assert_problem(client.get("/api/v1/report.pdf", params={"page_size": "A3"}), 422, "page_size")


def test_recording_upload_accelerometer(client: TestClient, accelerometer_csv: bytes) -> None:
    r = client.post("/api/v1/recordings", files={"file": ("wrist.csv", accelerometer_csv, "text/csv")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["summary"]["kind"] == "accelerometer" and body["summary"]["jerk_count"] > 0
    assert body["events"] and {"onset", "duration"} <= set(body["events"][0])


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.txt", b"hello"), ("night.edf", b"0       garbage"), ("wrist.csv", b""), ("wrist.csv", b"a,b\n1,2\n")],
)
def test_recording_bad_upload(client: TestClient, name: str, content: bytes) -> None:
    r = client.post("/api/v1/recordings", files={"file": (name, io.BytesIO(content), "application/octet-stream")})
    body = assert_problem(r, 422)
    assert body["field"] in {"file", "columns"}
    assert "twitchwise-upload" not in str(body["detail"]), "the temporary path must not leak"


def test_recording_missing_file(client: TestClient) -> None:
    assert_problem(client.post("/api/v1/recordings", data={"rules": "aasm"}), 422, "file")


def test_openapi_schema_is_served(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    for p in (
        "/api/v1/assess",
        "/api/v1/parse",
        "/api/v1/interview",
        "/api/v1/diary/episodes",
        "/api/v1/diary/episodes/{episode_id}",
        "/api/v1/diary/checkins/{day}",
        "/api/v1/insights",
        "/api/v1/report.pdf",
        "/api/v1/export/fhir",
        "/api/v1/recordings",
        "/api/v1/knowledge/search",
    ):
        assert p in paths
    assert all(p.startswith("/api/v1/") for p in paths), "pages must not be in the API schema"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/api/v1/nothing", 404), ("delete", "/api/v1/assess", 405), ("get", "/api/v1/assess", 405)],
)
def test_routing_errors_are_problems(client: TestClient, method: str, path: str, status: int) -> None:
    assert_problem(client.request(method.upper(), path), status)


def test_body_too_large_is_413(client: TestClient) -> None:
    big = b'{"narrative": "' + b"a" * 70_000 + b'"}'
    r = client.post("/api/v1/assess", content=big, headers={"content-type": "application/json"})
    assert_problem(r, 413, "body")


def test_body_too_large_without_length_is_413(client: TestClient) -> None:
    def chunks():  # streamed: no Content-Length header
        for _ in range(20):
            yield b"x" * 8192

    r = client.post("/api/v1/parse", content=chunks(), headers={"content-type": "application/json"})
    assert_problem(r, 413, "body")


def test_internal_error_is_a_problem_without_details(
    db_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from twitchwise.services import assessment
    from twitchwise.web import WebSettings, create_app

    def boom(case: object) -> object:
        raise RuntimeError("secret symptom text")

    monkeypatch.setattr(assessment, "assess_case", boom)
    caplog.set_level(logging.INFO)
    with TestClient(
        create_app(WebSettings(database_url=db_url, warm_up=False)), base_url="http://127.0.0.1:8000"
    ) as c:  # raises if the error escaped the app
        r = c.post("/api/v1/assess", json=EYELID)
    body = assert_problem(r, 500)
    assert "secret" not in str(body)
    assert "content-security-policy" in r.headers
    logged = "\n".join(rec.getMessage() + str(rec.exc_info or "") for rec in caplog.records)
    assert "internal error on POST /api/v1/assess: RuntimeError" in logged
    assert "secret" not in logged


def test_cross_site_api_write_is_refused(client: TestClient) -> None:
    r = client.post("/api/v1/diary/episodes", json={"kind": "cramp", "site": "calf"},
                    headers={"origin": "https://evil.example"})  # fmt: skip
    assert_problem(r, 403, "origin")
    r = client.post("/api/v1/diary/episodes", json={"kind": "cramp", "site": "calf"},
                    headers={"origin": "http://127.0.0.1:8000"})  # fmt: skip
    assert r.status_code == 201


@pytest.mark.parametrize("path", ["/api/v1/diary/episodes", "/api/v1/diary/checkins"])
@pytest.mark.parametrize("param", ["since", "until"])
def test_bad_day_filters_name_the_parameter(client: TestClient, path: str, param: str) -> None:
    assert_problem(client.get(path, params={param: "someday"}), 422, param)


def test_events_download_name_is_header_safe(client: TestClient, accelerometer_csv: bytes) -> None:
    from conftest import csrf_of

    token = csrf_of(client, "/recordings")
    page = client.post("/recordings", data={"csrf_token": token},
                       files={"file": ("nuit \u591c \"x\".csv", accelerometer_csv, "text/csv")})  # fmt: skip
    assert page.status_code == 200, page.text
    key = page.text.split('href="/recordings/', 1)[1].split('"', 1)[0]
    r = client.get(f"/recordings/{key}")
    assert r.status_code == 200
    import re

    assert re.fullmatch(r'attachment; filename="nuit_[A-Za-z0-9._-]*_events\.tsv"', r.headers["content-disposition"])


@pytest.mark.parametrize(
    ("method", "path", "origin"),
    [("post", "/api/v1/assess", "null"), ("get", "/api/v1/diary/episodes", "https://evil.example"),
     ("post", "/api/v1/assess", "http://127.0.0.1:8000.evil.example")],
)  # fmt: skip
def test_cross_site_api_requests_are_refused_before_routing(
    client: TestClient, method: str, path: str, origin: str
) -> None:
    r = client.request(method, path, json={"sites": ["calf"]}, headers={"origin": origin})
    assert_problem(r, 403, "origin")
