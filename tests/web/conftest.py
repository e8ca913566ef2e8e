"""Fixtures of the web tests: an app on a temporary SQLite diary, and a CSRF-aware client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from twitchwise.web import WebSettings, create_app

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'diary.db'}"


@pytest.fixture()
def client(db_url: str) -> Iterator[TestClient]:
    app = create_app(WebSettings(database_url=db_url, warm_up=False))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        yield c


def csrf_of(client: TestClient, page: str = "/describe") -> str:
    """Load a page (which sets the CSRF cookie) and return the token its forms carry."""
    r = client.get(page)
    assert r.status_code == 200
    match = CSRF_INPUT.search(r.text)
    assert match, "page has no CSRF field"
    return match.group(1)


def assert_problem(response: object, status: int, field: str | None = None) -> dict[str, object]:
    """The response is RFC 9457 problem details with this status (and bad field)."""
    r = response
    assert r.status_code == status, r.text  # type: ignore[attr-defined]
    assert r.headers["content-type"].startswith("application/problem+json")  # type: ignore[attr-defined]
    body = r.json()  # type: ignore[attr-defined]
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    if field is not None:
        assert body.get("field") == field, body
    return body  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def accelerometer_csv(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A one-hour synthetic wrist accelerometer recording (25 Hz) as CSV bytes."""
    from twitchwise.io.accelerometer_csv import write_accelerometer_csv
    from twitchwise.testing.synthetic_nights import synthetic_accelerometer

    acc = synthetic_accelerometer(hours=1.0, sf=25.0, seed=3, n_series=2)
    path = tmp_path_factory.mktemp("acc") / "wrist.csv"
    return write_accelerometer_csv(path, acc.xyz, acc.sf).read_bytes()


@pytest.fixture(scope="session")
def night_edf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-hour synthetic polysomnogram (two leg EMG channels at 128 Hz, hypnogram) as EDF+."""
    from twitchwise.io.edf_recordings import write_night_edf
    from twitchwise.io.recording_annotations import Annotation
    from twitchwise.signals import sleep_stages as st
    from twitchwise.testing.synthetic_nights import synthetic_night

    night = synthetic_night(hours=1.0, sf=128.0, seed=5, n_series=4, n_noisy=0)
    anns = [Annotation(i * 30.0, 30.0, f"Sleep stage {st.STAGE_NAMES[int(c)]}") for i, c in enumerate(night.hypnogram)]
    path = tmp_path_factory.mktemp("edf") / "night.edf"
    write_night_edf(path, {"LAT": night.legs["left"], "RAT": night.legs["right"]}, night.sf, anns)
    return path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the browser journeys' screenshots are (test artefacts)."""
    from pathlib import Path as _Path

    folder = _Path(__file__).resolve().parents[2] / "test-artifacts"
    shots = sorted(folder.rglob("*.png")) if folder.is_dir() else []
    if shots:
        terminalreporter.write_sep("-", "test artefacts")
        terminalreporter.write_line(f"{len(shots)} screenshots in {folder} (e.g. {shots[0].relative_to(folder)})")
