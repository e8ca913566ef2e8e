"""The API reads JSON strictly and within bounds: one problem+json (4xx) for each bad value, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import assert_problem


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"stress": True}, "stress"),
        ({"stress": "7"}, "stress"),
        ({"caffeine_mg": "12"}, "caffeine_mg"),
        ({"strenuous_exercise": 1}, "strenuous_exercise"),
        ({"notes": 5}, "notes"),
    ],
)
def test_checkin_values_are_read_strictly(client: TestClient, body: dict[str, object], field: str) -> None:
    assert_problem(client.put("/api/v1/diary/checkins/today", json=body), 422, field)
    assert client.get("/api/v1/diary/checkins").json() == []


@pytest.mark.parametrize("raw", ['{"stress": NaN}', '{"sleep_h": Infinity}', '{"stress": 1' + "0" * 5000 + "}"])
def test_non_finite_and_huge_numbers_are_refused(client: TestClient, raw: str) -> None:
    r = client.put("/api/v1/diary/checkins/today", content=raw, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500 and r.headers["content-type"].startswith("application/problem+json")
    assert client.get("/api/v1/diary/checkins").json() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [({"kind": "cramp", "site": "calf", "intensity": True}, "intensity"),
     ({"kind": "cramp", "site": "calf", "intensity": "5"}, "intensity"),
     ({"kind": "cramp", "site": "calf", "when": "0001-01-01T00:00"}, "when"),
     ({"kind": "cramp", "site": "calf", "when": "9999-12-31T23:59"}, "when"),
     ({"kind": "cramp", "site": "calf", "when": "' OR 1=1 --"}, "when"),
     ({"kind": "cramp", "site": "calf", "when": "yesterday 25:00"}, "when")],
)  # fmt: skip
def test_bad_episodes_are_refused(client: TestClient, body: dict[str, object], field: str) -> None:
    assert_problem(client.post("/api/v1/diary/episodes", json=body), 422, field)
    assert client.get("/api/v1/diary/episodes").json() == []


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_out_of_range_check_in_days_are_refused(client: TestClient, day: str) -> None:
    assert_problem(client.put(f"/api/v1/diary/checkins/{day}", json={"stress": 3}), 422, "day")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_assess_needs_json(client: TestClient, content_type: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    r = client.post("/api/v1/assess", content=b'{"sites": ["eyelid"]}', headers=headers)
    assert_problem(r, 415, "content-type")


@pytest.mark.parametrize(
    "raw",
    [b"[" * 3000 + b"]" * 3000, b'{"age": ' + b"9" * 5000 + b"}", b'{"age": NaN}', b'"\\ud800"', b"\xff\xfe{"],
)
def test_assess_bounds_its_json(client: TestClient, raw: bytes) -> None:
    r = client.post("/api/v1/assess", content=raw, headers={"content-type": "application/json"})
    assert_problem(r, 422)


#: Bodies FastAPI's own decoder took (NaN, 1e400 as infinity) or answered with a bare "There was an
#: error parsing the body", and the sentence the project's one bounded parser gives for each.
BAD_BODIES = [
    (b'{"kind": "cramp", "site": "calf\xff"}', "is not valid UTF-8 text (at byte 31)"),
    (b'{"kind": "cramp", "site": "calf", "intensity": ' + b"9" * 5000 + b"}", "has more than 20 digits"),
    (b'{"kind": "cramp", "site": "calf", "lasted": NaN}', "contains NaN, which is not a JSON number"),
    (b'{"kind": "cramp", "site": "calf", "lasted": -Infinity}', "contains -Infinity"),
    (b'{"kind": "cramp", "site": "calf", "lasted": 1e400}', "too large to be a finite number"),
    (b'{"kind": "cramp", "site": "\\udc00"}', "not valid text"),
    (b'{"kind": ' + b"[" * 40 + b"]" * 40 + b"}", "nested more than 32 levels deep"),
]


@pytest.mark.parametrize(("raw", "says"), BAD_BODIES)
@pytest.mark.parametrize(("method", "path"), [("POST", "/api/v1/diary/episodes"), ("POST", "/api/v1/parse"),
                                              ("POST", "/api/v1/interview"),
                                              ("PUT", "/api/v1/diary/checkins/today")])  # fmt: skip
def test_every_json_body_goes_through_the_bounded_parser(
    client: TestClient, method: str, path: str, raw: bytes, says: str
) -> None:
    r = client.request(method, path, content=raw, headers={"content-type": "application/json"})
    body = assert_problem(r, 422)
    assert says in str(body["detail"]) and str(body["detail"]).startswith(("the request body", "a number in"))
    assert client.get("/api/v1/diary/episodes").json() == []
    assert client.get("/api/v1/diary/checkins").json() == []


@pytest.mark.parametrize(
    "answers",
    [
        '[["age", ' + "9" * 5000 + "]]",  # was a ValueError in json.loads: a 500
        '[["age", NaN]]',
        "[" * 40 + "]" * 40,
        '[["age", "\\udc00"]]',
        '{"age": 30}',
        "not json",
    ],
)
def test_damaged_check_answers_are_one_sentence(client: TestClient, answers: str) -> None:
    from conftest import csrf_of

    token = csrf_of(client, "/check")
    r = client.post("/check", data={"answers": answers, "qid": "age", "value": "30", "csrf_token": token})
    body = assert_problem(r, 422, "answers")
    assert body["detail"] == "the answers are damaged; start the check again."


def test_the_openapi_schema_documents_days_kinds_and_sites(client: TestClient) -> None:
    from twitchwise.domain.diary import KIND_ALIASES
    from twitchwise.services.diary import vocabulary

    MOVEMENT_KINDS, SITES = vocabulary().movement_kinds, vocabulary().sites

    spec = client.get("/api/v1/openapi.json").json()
    episode = spec["components"]["schemas"]["EpisodeIn"]["properties"]
    assert set(episode["kind"]["enum"]) == {*MOVEMENT_KINDS, *KIND_ALIASES}
    assert episode["site"]["enum"] == list(SITES)
    params = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/diary/checkins/{day}"]["put"]["parameters"]}
    assert "today" in params["day"]["pattern"] and r"\d{4}-\d{2}-\d{2}" in params["day"]["pattern"]
    listing = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/diary/episodes"]["get"]["parameters"]}
    assert listing["site"]["enum"] == list(SITES) and "pattern" in listing["since"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"lasted": True}, "lasted: Input should be a valid string, or Input should be a valid number"),
        ({"lasted": -1}, "lasted: Input should be a valid string, or Input should be greater than or equal to 0"),
    ],
)
def test_a_union_field_is_named_without_pydantic_internals(
    client: TestClient, body: dict[str, object], says: str
) -> None:
    """Each branch of a union was reported under its internal name ("lasted.constrained-str")."""
    problem = assert_problem(client.post("/api/v1/diary/episodes", json={"kind": "cramp", "site": "calf", **body}),
                             422, "lasted")  # fmt: skip
    assert problem["detail"] == says
    assert "constrained" not in str(problem) and problem["errors"] == [{"field": "lasted", "message": says[8:]}]
