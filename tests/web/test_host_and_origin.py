"""DNS rebinding and cross-site requests: the Host allow-list, the Origin/Referer check, signed CSRF
tokens bound to the session, the install secret, cookie prefixes, the token swap's redirect."""

from __future__ import annotations

import asyncio
import logging
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import assert_problem, csrf_of
from twitchwise.cli.web_command import check_server_names
from twitchwise.domain.errors import InputError
from twitchwise.storage.install_secret import load_or_create_secret
from twitchwise.web import WebSettings, create_app
from twitchwise.web.csrf import make_token, token_matches
from twitchwise.web.middleware import CatchAll, safe_local_path
from twitchwise.web.request_origin import host_is_allowed, split_host

EPISODE = {"kind": "cramp", "site": "calf"}
SERVER = {"server": ("127.0.0.1", 8000), "scheme": "http"}


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("LocalHost:8000", True),
        ("[::1]:8000", True),
        ("evil.example:8000", False),
        ("127.0.0.1:8001", False),
        ("127.0.0.1", False),  # port 80, not the bound port
        ("localhost.:8000", False),
        ("127.0.0.1:8000@evil.example", False),
        ("127.0.0.1:8000/x", False),
        ("[::1:8000", False),
        ("127.0.0.1:80000", False),
        ("", False),
        (None, False),
    ],
)
def test_host_allow_list(host: str | None, allowed: bool) -> None:
    assert host_is_allowed(host, SERVER) is allowed


def test_the_connections_own_address_and_configured_names_are_allowed() -> None:
    scope = {"server": ("192.168.1.5", 8133), "scheme": "http"}
    assert host_is_allowed("192.168.1.5:8133", scope)
    assert not host_is_allowed("diary.home.arpa:8133", scope)
    assert host_is_allowed("diary.home.arpa:8133", scope, ["diary.home.arpa"])
    assert not host_is_allowed("testserver", {"server": ("testserver", 80), "scheme": "http"}), "names are not literals"


def test_split_host_reads_default_ports() -> None:
    assert split_host("Example.org", "https") == ("example.org", 443)
    assert split_host("[::1]:9", "http") == ("[::1]", 9)


def test_dns_rebinding_reads_and_writes_nothing(client: TestClient) -> None:
    client.post("/api/v1/diary/episodes", json=EPISODE)
    evil = {"host": "evil.example:8000", "origin": "http://evil.example:8000"}
    assert_problem(client.get("/api/v1/export/fhir", headers=evil), 421, "host")
    assert_problem(client.get("/api/v1/diary/episodes", headers=evil), 421, "host")
    assert_problem(client.post("/api/v1/diary/episodes", json=EPISODE, headers=evil), 421, "host")
    assert_problem(client.get("/diary", headers=evil), 421, "host")
    refused = client.get("/", headers=evil)
    assert "content-security-policy" in refused.headers
    assert "set-cookie" not in refused.headers  # a rebound page gets no CSRF session of its own
    assert "set-cookie" not in client.get("/diary", headers={"host": "evil.example:8000"}).headers
    assert len(client.get("/api/v1/diary/episodes").json()) == 1


def test_a_request_without_host_gets_400(client: TestClient) -> None:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/api/v1/openapi.json", "raw_path": b"/api/v1/openapi.json",
             "query_string": b"", "headers": [], "scheme": "http", "server": ("127.0.0.1", 8000),
             "client": ("127.0.0.1", 5000), "http_version": "1.0", "root_path": ""}  # fmt: skip
    asyncio.run(client.app(scope, receive, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 400
    assert b"no Host header" in sent[1]["body"]


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://127.0.0.1:9999"},
        {"origin": "http://evil.example:8000"},
        {"origin": "http://localhost.:8000"},
        {"origin": "http://user@127.0.0.1:8000"},
        {"origin": "null"},
        {"origin": "https://127.0.0.1:8000"},
        {"referer": "http://evil.example/page"},
        {"referer": "not a url"},
    ],
)
def test_cross_site_api_writes_and_form_posts_are_refused(client: TestClient, headers: dict[str, str]) -> None:
    assert_problem(client.post("/api/v1/diary/episodes", json=EPISODE, headers=headers), 403, "origin")
    assert_problem(client.get("/api/v1/export/fhir", headers=headers), 403, "origin")
    token = csrf_of(client, "/diary")
    r = client.post("/diary/episodes", data={**EPISODE, "csrf_token": token}, headers=headers)
    assert_problem(r, 403, "origin")
    assert client.get("/api/v1/diary/episodes").json() == []


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"origin": "http://127.0.0.1:8000"},
        {"referer": "http://127.0.0.1:8000/diary"},
        # Another of this server's own origins: the same socket, another loopback name.
        {"origin": "http://localhost:8000"},
        {"origin": "http://[::1]:8000"},
    ],
)
def test_same_origin_writes_pass(client: TestClient, headers: dict[str, str]) -> None:
    assert client.post("/api/v1/diary/episodes", json=EPISODE, headers=headers).status_code == 201
    token = csrf_of(client, "/diary")
    assert client.post("/diary/episodes", data={**EPISODE, "csrf_token": token}, headers=headers).status_code == 200
    assert len(client.get("/api/v1/diary/episodes").json()) == 2


def test_a_token_of_another_session_is_refused(client: TestClient, db_url: str) -> None:
    other = TestClient(client.app, base_url="http://127.0.0.1:8000")
    foreign = csrf_of(other, "/diary")
    csrf_of(client, "/diary")  # this browser has its own session
    assert_problem(client.post("/diary/episodes", data={**EPISODE, "csrf_token": foreign}), 403, "csrf_token")
    assert client.get("/api/v1/diary/episodes").json() == []


@pytest.mark.parametrize("token", ["", "x" * 43, "a.b", "a.b.c", "nonce." + "0" * 64, "é.é"])
def test_forged_tokens_do_not_match(token: str) -> None:
    secret = b"s" * 32
    assert not token_matches(secret, "session", token)
    assert token_matches(secret, "session", make_token(secret, "session"))
    assert not token_matches(secret, "other", make_token(secret, "session"))
    assert not token_matches(b"t" * 32, "session", make_token(secret, "session"))


def test_the_install_secret_is_private_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "web-secret"
    first = load_or_create_secret(path)
    assert len(first) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_secret(path) == first
    os.chmod(path, 0o644)
    assert load_or_create_secret(path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("not hex")
    renewed = load_or_create_secret(path)
    assert len(renewed) == 32 and renewed != first


def test_cookies_get_the_host_prefix_over_https(db_url: str) -> None:
    app = create_app(WebSettings(database_url=db_url, warm_up=False))
    with TestClient(app, base_url="https://127.0.0.1:8000") as c:
        cookie = c.get("/diary").headers["set-cookie"]
        assert cookie.startswith("__Host-tw_session_8000=") and "; Secure" in cookie and "Path=/" in cookie
        token = csrf_of(c, "/diary")
        r = c.post("/diary/episodes", data={**EPISODE, "csrf_token": token}, headers={"origin": "https://127.0.0.1:8000"})
        assert r.status_code == 200
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        cookie = c.get("/diary").headers["set-cookie"]
        assert cookie.startswith("tw_session_8000=") and "Secure" not in cookie


@pytest.mark.parametrize(
    ("host", "origin"),
    [
        # The attacker picks both: a rebound name (refused before routing anyway) ...
        ("evil.example:8000", "http://evil.example:8000"),
        # ... or an allowed Host with an Origin that merely matches it, on another port.
        ("127.0.0.1:9999", "http://127.0.0.1:9999"),
    ],
)
def test_the_origin_is_compared_with_the_servers_origins_never_with_host(host: str, origin: str) -> None:
    from twitchwise.web.request_origin import same_origin

    scope = {**SERVER, "headers": [(b"host", host.encode()), (b"origin", origin.encode())]}
    assert same_origin(scope) is False
    own = {**SERVER, "headers": [(b"host", host.encode()), (b"origin", b"http://localhost:8000")]}
    assert same_origin(own) is True


def test_cookies_are_not_shared_across_ports(db_url: str) -> None:
    """Browsers keep cookies per host, not per port: each server's cookies carry its port."""
    app = create_app(WebSettings(database_url=db_url, warm_up=False))
    with TestClient(app, base_url="http://127.0.0.1:8000") as first:
        token = csrf_of(first, "/diary")
        session = first.cookies.get("tw_session_8000")
        assert session
    with TestClient(app, base_url="http://127.0.0.1:8001") as other:
        # The other port's server never reads the first one's session cookie.
        other.cookies.set("tw_session_8000", session, domain="127.0.0.1")
        r = other.post("/diary/episodes", data={**EPISODE, "csrf_token": token})
        assert_problem(r, 403, "csrf_token")
        # ... and gives this browser a session of its own, under its own port's name.
        assert "tw_session_8001=" in r.headers["set-cookie"]
        assert other.cookies.get("tw_session_8001") not in (None, session)


@pytest.mark.parametrize(("path", "safe"), [("//evil.example/", "/evil.example/"), ("/\\evil.example", "/evil.example"),
                                            ("/diary", "/diary"), ("///x", "/x")])  # fmt: skip
def test_redirect_targets_stay_local(path: str, safe: str) -> None:
    assert safe_local_path(path) == safe


def test_token_swap_does_not_redirect_off_site(db_url: str) -> None:
    token = "t" * 24
    app = create_app(WebSettings(database_url=db_url, token=token, warm_up=False))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        r = c.get(f"http://127.0.0.1:8000//evil.example/?token={token}", follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"] == "/evil.example/"


def test_a_client_disconnect_is_not_an_internal_error(caplog: pytest.LogCaptureFixture) -> None:
    from starlette.requests import ClientDisconnect

    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise ClientDisconnect

    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    caplog.set_level(logging.INFO, logger="twitchwise.web")
    asyncio.run(CatchAll(app)({"type": "http", "method": "POST"}, None, send))  # type: ignore[arg-type]
    assert sent == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("client disconnected" in r.getMessage() for r in caplog.records)


def test_server_names_need_allow_remote_and_a_plain_name() -> None:
    assert check_server_names(["Diary.Home.Arpa"], allow_remote=True) == ["diary.home.arpa"]
    with pytest.raises(InputError) as info:
        check_server_names(["diary.home.arpa"], allow_remote=False)
    assert info.value.field == "server-name"
    with pytest.raises(InputError):
        check_server_names(["evil.example/x"], allow_remote=True)


def test_configured_server_names_are_answered(db_url: str) -> None:
    app = create_app(WebSettings(database_url=db_url, warm_up=False, server_names=("diary.home.arpa",)))
    with TestClient(app, base_url="http://diary.home.arpa:8000") as c:
        assert c.get("/api/v1/diary/episodes").status_code == 200
        same = {"origin": "http://diary.home.arpa:8000"}
        assert c.post("/api/v1/diary/episodes", json=EPISODE, headers=same).status_code == 201
