"""Every input of the fuzz corpus (``make_corpus.py``) is refused the same way everywhere.

API: one 4xx application/problem+json answer, never a 5xx or a traceback. CLI: exit code 2 and
one ``Error:`` sentence. In both, nothing reaches the diary.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from twitchwise.cli.app import app as cli_app
from twitchwise.web import WebSettings, create_app

CORPUS = Path(__file__).parent / "corpus"


def _load(name: str, key: str = "input") -> list[str]:
    lines = (CORPUS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)[key] for line in lines if line.strip()]


def test_the_corpus_has_at_least_1000_inputs() -> None:
    total = sum(len((CORPUS / f).read_text(encoding="utf-8").splitlines()) for f in
                [p.name for p in CORPUS.glob("*.jsonl")])  # fmt: skip
    assert total >= 1000


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("fuzz") / "diary.db"
    with TestClient(create_app(WebSettings(database_url=f"sqlite:///{db}", warm_up=False)),
                    base_url="http://127.0.0.1:8000") as c:  # fmt: skip
        yield c


def _refused(r: object) -> None:
    status = r.status_code  # type: ignore[attr-defined]
    text = r.text  # type: ignore[attr-defined]
    assert 400 <= status < 500, (status, text[:300])
    assert r.headers["content-type"].startswith("application/problem+json")  # type: ignore[attr-defined]
    body = json.loads(text)
    assert body["status"] == status and isinstance(body["detail"], str) and "Traceback" not in text


def _empty(client: TestClient) -> None:
    assert client.get("/api/v1/diary/episodes").json() == []
    assert client.get("/api/v1/diary/checkins").json() == []


JSON = {"content-type": "application/json"}


def test_api_refuses_every_bad_body(client: TestClient) -> None:
    for body in _load("api_episodes"):
        _refused(client.post("/api/v1/diary/episodes", content=body.encode("utf-8", "surrogatepass"), headers=JSON))
    for body in _load("api_checkins"):
        _refused(client.put("/api/v1/diary/checkins/today", content=body.encode("utf-8", "surrogatepass"),
                            headers=JSON))  # fmt: skip
    for day in _load("api_days"):
        _refused(client.put(f"/api/v1/diary/checkins/{day}", json={"stress": 3}))
    for body in _load("api_assess"):
        _refused(client.post("/api/v1/assess", content=body.encode("utf-8", "surrogatepass"), headers=JSON))
    for body in _load("api_json_bodies"):
        raw = body.encode("utf-8", "surrogatepass")
        for method, path in [("POST", "/api/v1/parse"), ("POST", "/api/v1/interview"),
                             ("POST", "/api/v1/diary/episodes"), ("PUT", "/api/v1/diary/checkins/today")]:  # fmt: skip
            _refused(client.request(method, path, content=raw, headers=JSON))
    _empty(client)


def test_forms_refuse_every_bad_time(client: TestClient) -> None:
    import re

    page = client.get("/diary").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    for when in _load("cli_when"):
        r = client.post("/diary/episodes", data={"kind": "cramp", "site": "calf", "when": when, "csrf_token": token})
        assert 400 <= r.status_code < 500, (when, r.status_code)
    _empty(client)


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TWITCHWISE_DATABASE_URL", f"sqlite:///{tmp_path / 'd.db'}")
    monkeypatch.setenv("TWITCHWISE_TZ", "UTC")
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(cli_app, list(args))

    return invoke


def _cli_refused(result: object, what: str) -> None:
    assert result.exit_code == 2, (what[:80], result.exit_code, result.output[-300:])  # type: ignore[attr-defined]
    assert result.output.startswith("Error: ") and "Traceback" not in result.output  # type: ignore[attr-defined]


def test_cli_refuses_every_bad_time_and_every_damaged_csv(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for when in _load("cli_when"):
        if "\x00" in when:
            continue  # a NUL cannot be passed in a command-line argument
        _cli_refused(run("log", "cramp", "--site", "calf", "--when", when), when)
    file = tmp_path / "in.csv"
    for text in _load("cli_import_csv", "csv"):
        file.write_text(text, encoding="utf-8")
        _cli_refused(run("import", str(file)), text)
    for text in _load("cli_text"):
        for args in (["log", "cramp", "--site", "calf", "--note", text], ["med", "add", text],
                     ["day", "--note", text], ["parse", text]):  # fmt: skip
            _cli_refused(run(*args), text)
    r = run("export")
    assert r.exit_code == 0 and r.output.count("\n") == 1, "nothing was written to the diary"
