"""Hostile recordings through the CLI (one sentence, exit 2) and the web API (4xx problem+json)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from .hostile_recordings import NAMES, build


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    """The real root command: its error funnel turns an InputError into one sentence and exit code 2."""
    from twitchwise.cli.app import app as root

    return root


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from twitchwise.web import WebSettings, create_app

    db = tmp_path_factory.mktemp("db") / "diary.sqlite"
    web = create_app(WebSettings(database_url=f"sqlite:///{db}", warm_up=False))
    with TestClient(web, base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.mark.parametrize("name", NAMES)
def test_cli_refuses_with_one_sentence_and_exit_2(
    app: typer.Typer, hostile: dict[str, tuple[Path, str]], name: str
) -> None:
    path, message = hostile[name]
    result = CliRunner().invoke(app, ["recording", "score", str(path)])
    assert result.exit_code == 2, result.output
    text = " ".join(result.stderr.split())
    assert text.startswith("Error: ") and message in text
    assert "Traceback" not in result.output and result.stdout == ""


@pytest.mark.parametrize("name", NAMES)
def test_web_upload_is_refused_with_a_4xx_problem(
    client: TestClient, hostile: dict[str, tuple[Path, str]], name: str
) -> None:
    path, message = hostile[name]
    r = client.post("/api/v1/recordings", files={"file": (path.name, path.read_bytes(), "application/octet-stream")})
    assert 400 <= r.status_code < 500, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert message in r.json()["detail"]
