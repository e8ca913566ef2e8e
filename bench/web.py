"""Benchmark the web app: POST /api/v1/assess at 32 concurrent connections on loopback, and page sizes.

Starts ``twitchwise web --workers W`` (default: one worker per core) on a free loopback port
with a temporary SQLite diary, opens 32 keep-alive connections and warms up on them, then
times ``--requests`` (default 5000) requests in steady state, each case one of the held-out
vignettes' structured cases (a minimal HTTP/1.1 client on uvloop, so the client's own cost
stays small). Prints requests per second, p50/p90/p99 latency, the warm-up apart, and the
size of every page (HTML plus its CSS and JS).

Latency at 32 connections is about 32 x the server time per request / the processes serving,
so the target needs each request to cost well under 2 ms of CPU on this 2-core machine,
where the client shares the cores.

Targets (issue 6): p99 < 50 ms at 32 connections; each page < 200 KB.
Run: .venv/bin/python bench/web.py [--requests N] [--concurrency C] [--workers W]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import uvloop

# A varied mix: the structured fields of the held-out vignettes (90 cases, some with red flags).
HOLDOUT = Path(__file__).resolve().parent.parent / "tests" / "core" / "data" / "holdout_vignettes.jsonl"
CASES = [
    {k: v for k, v in json.loads(line)["case"].items() if k != "narrative"}
    for line in HOLDOUT.read_text().splitlines()
    if line.strip()
]
PAGES = [
    "/", "/describe", "/diary", "/insights", "/knowledge", "/knowledge?q=why+does+my+eyelid+twitch",
    "/knowledge/conditions/benign_fasciculations", "/knowledge/topics/why-muscles-twitch", "/recordings",
]  # fmt: skip
ASSETS = ["/static/app.css", "/static/app.js", "/static/htmx.min.js"]
PAGE_BUDGET = 200 * 1024
P99_TARGET_MS = 50.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, db: Path, workers: int) -> subprocess.Popen[bytes]:
    """Start ``twitchwise web`` as a user would, on a temporary diary."""
    if os.environ.get("BENCH_EXTERNAL"):  # a server started by hand, for profiling it
        return subprocess.Popen(["sleep", "1000"])
    # No background warm-up: loading spaCy while the load runs would measure the warm-up, not the API.
    env = {**os.environ, "TWITCHWISE_DATABASE_URL": f"sqlite:///{db}", "TWITCHWISE_WEB_WARM_UP": "0"}
    exe = Path(sys.executable).with_name("twitchwise")
    cmd = [str(exe), "web", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(url + "/api/v1/openapi.json", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


async def _connection(port: int, bodies: list[bytes], counter: Iterator[int], warm_up: int, log: Timings) -> int:
    """One keep-alive HTTP/1.1 connection sending requests until the shared counter runs out.

    A minimal client on asyncio streams, so the figures measure the server, not a heavy client.
    Requests numbered below ``warm_up`` go to ``log.warm_up``, the others to ``log.measured``.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    errors = 0
    try:
        for i in counter:
            body = bodies[i % len(bodies)]
            head = (f"POST /api/v1/assess HTTP/1.1\r\nhost: 127.0.0.1:{port}\r\ncontent-type: application/json\r\n"
                    f"content-length: {len(body)}\r\n\r\n").encode()  # fmt: skip
            started = time.perf_counter()
            writer.write(head + body)
            await writer.drain()
            head_in = await reader.readuntil(b"\r\n\r\n")  # status line and headers at once
            status_line = head_in.split(b"\r\n", 1)[0]
            start = head_in.lower().find(b"content-length:") + len(b"content-length:")
            length = int(head_in[start : head_in.find(b"\r\n", start)])
            await reader.readexactly(length)
            (log.warm_up if i < warm_up else log.measured).append((started, time.perf_counter()))
            if b" 200 " not in status_line:
                errors += 1
    finally:
        writer.close()
    return errors


@dataclass
class Timings:
    """(start, end) of each request, in ``time.perf_counter`` seconds."""

    warm_up: list[tuple[float, float]] = field(default_factory=list)
    measured: list[tuple[float, float]] = field(default_factory=list)


async def load(url: str, total: int, concurrency: int) -> tuple[Timings, int]:
    """Open the connections, warm up on them, then time ``total`` requests in steady state.

    The first rounds on new connections also time the connection set-up and the start of
    each worker (the first requests on 32 new connections queue behind each other); they are
    reported apart, as a load tester's warm-up would be.
    """
    port = int(url.rsplit(":", 1)[1])
    bodies = [json.dumps(c).encode() for c in CASES]
    warm_up = max(len(bodies), 10 * concurrency)
    counter = iter(range(warm_up + total))
    log = Timings()
    errors = await asyncio.gather(*(_connection(port, bodies, counter, warm_up, log) for _ in range(concurrency)))
    return log, sum(errors)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="server processes, as `twitchwise web --workers` (default: one per core)")  # fmt: skip
    args = parser.parse_args()
    port = int(os.environ.get("BENCH_EXTERNAL", 0)) or free_port()
    with tempfile.TemporaryDirectory() as tmp:
        proc = start_server(port, Path(tmp) / "diary.db", args.workers)
        url = f"http://127.0.0.1:{port}"
        try:
            print(f"POST /api/v1/assess: {args.requests} requests, {args.concurrency} concurrent connections, "
                  f"{args.workers} worker(s) (twitchwise web --workers), loopback, {os.cpu_count()} cores")  # fmt: skip
            # The client runs on uvloop too, so that its own cost takes as little as possible of
            # the cores it shares with the server.
            log, errors = uvloop.run(load(url, args.requests, args.concurrency))
            latencies = [(end - start) * 1000 for start, end in log.measured]
            elapsed = max(end for _, end in log.measured) - min(start for start, _ in log.measured)
            p50, p90, p99 = (percentile(latencies, q) for q in (50, 90, 99))
            met = "met" if p99 < P99_TARGET_MS else "NOT met"
            print(f"  {len(latencies) / elapsed:.0f} requests/s; latency p50 {p50:.1f} ms, p90 {p90:.1f} ms, "
                  f"p99 {p99:.1f} ms, mean {statistics.fmean(latencies):.1f} ms; errors {errors}")  # fmt: skip
            print(f"  p99 target < {P99_TARGET_MS:.0f} ms: {met} (ratio p99/target = {p99 / P99_TARGET_MS:.2f})")
            warm = [(end - start) * 1000 for start, end in log.warm_up]
            print(f"  warm-up on the new connections ({len(warm)} requests, not counted above): "
                  f"p50 {percentile(warm, 50):.1f} ms, max {max(warm):.1f} ms")  # fmt: skip
            print("\nPage sizes (HTML; shared assets listed once below; budget 200 KB per page incl. assets)")
            assets = sum(len(httpx.get(url + a, timeout=120).content) for a in ASSETS)
            worst = 0
            for page in PAGES:
                # A first visit may load statsmodels; / starts a check (a redirect to its first question).
                html = len(httpx.get(url + page, timeout=120, follow_redirects=True).content)
                total = html + assets
                worst = max(worst, total)
                flag = "ok" if total < PAGE_BUDGET else "OVER"
                print(f"  {page:<45} {html / 1024:7.1f} KB HTML, {total / 1024:7.1f} KB with assets  {flag}")
            print(f"  assets (CSS + JS, cached after the first page): {assets / 1024:.1f} KB")
            print(f"  largest page with assets: {worst / 1024:.1f} KB (target < 200 KB: "
                  f"{'met' if worst < PAGE_BUDGET else 'NOT met'})")  # fmt: skip
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
