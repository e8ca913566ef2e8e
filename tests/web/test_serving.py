"""`twitchwise web --workers N`: several server processes on one port, stopped together; a taken port is one error."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def _alive(pids: list[int]) -> list[int]:
    """The processes of ``pids`` still running (not ended, not waiting to be reaped)."""
    alive = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        if "zombie" not in status.lower():
            alive.append(pid)
    return alive


def _start_two_workers(tmp_path: Path, port: int) -> subprocess.Popen[bytes]:
    """`twitchwise web --workers 2` on a temporary diary (its output in the pipe of ``stdout``)."""
    env = {**os.environ, "TWITCHWISE_DATABASE_URL": f"sqlite:///{tmp_path / 'diary.db'}",
           "TWITCHWISE_WEB_WARM_UP": "0"}  # fmt: skip
    exe = Path(sys.executable).with_name("twitchwise")
    return subprocess.Popen([str(exe), "web", "--port", str(port), "--workers", "2"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip


def test_two_workers_serve_the_app_and_stop_on_sigterm(tmp_path: Path) -> None:
    port = _free_port()
    proc = _start_two_workers(tmp_path, port)
    try:
        for _ in range(300):
            try:
                r = httpx.post(f"http://127.0.0.1:{port}/api/v1/assess", json={"sites": ["eyelid"]}, timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        assert r.status_code == 200, r.text
        assert r.json()["urgency"] == "self_care"
        children = _children(proc.pid)  # the two servers (and multiprocessing's resource tracker)
        servers = [pid for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert len(servers) == 2
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        # The supervisor joins its servers before it ends, so they are gone at once.
        assert _alive(servers) == []
        # The resource tracker ends by itself once the supervisor's end of its pipe closes,
        # a moment later; nothing may outlive the stop by more than a few seconds.
        deadline = time.monotonic() + 10
        while _alive(children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _alive(children) == [], (proc.stdout.read() if proc.stdout else b"").decode(errors="replace")
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_taken_port_is_one_clear_error_with_exit_code_2(workers: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        exe = Path(sys.executable).with_name("twitchwise")
        r = subprocess.run([str(exe), "web", "--port", str(port), "--workers", workers], capture_output=True, text=True,
                           timeout=60)  # fmt: skip
    assert r.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in r.stderr
    assert "is running" not in r.stdout
