"""Benchmark the web app: POST /api/v1/assess at 32 concurrent connections on loopback, and page sizes.

Starts uvicorn (``twitchwise.web.app:create_app``) on a free loopback port with a temporary
SQLite diary, warms it up, then runs a bounded load (``--requests``, default 2000) with an
httpx AsyncClient holding 32 connections. Prints requests per second, p50/p90/p99 latency,
and the size of every page (HTML plus its CSS and JS).

Targets (issue 6): p99 < 50 ms at 32 connections; each page < 200 KB.
Run: .venv/bin/python bench/web.py [--requests N] [--concurrency C] [--workers W]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

CASES = [
    {"age": 34, "sex": "female", "sites": ["eyelid"], "features": ["visible_flicker"],
     "exposures": {"caffeine_mg_day": 475}},
    {"age": 62, "sex": "male", "sites": ["upper_arm"], "features": ["visible_flicker"], "symptoms": ["weakness"]},
    {"age": 45, "sex": "female", "sites": ["calf"], "when": ["at_rest"], "episode_length": "minutes"},
]  # fmt: skip
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
    env = {**os.environ, "TWITCHWISE_DATABASE_URL": f"sqlite:///{db}"}
    cmd = [sys.executable, "-m", "uvicorn", "twitchwise.web.app:create_app", "--factory", "--host", "127.0.0.1",
           "--port", str(port), "--no-access-log", "--log-level", "warning", "--workers", str(workers)]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(url + "/api/v1/openapi.json", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


async def load(url: str, total: int, concurrency: int) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
        for case in CASES:  # warm-up
            for _ in range(10):
                await client.post("/api/v1/assess", json=case)
        counter = iter(range(total))

        async def worker() -> None:
            nonlocal errors
            for i in counter:
                started = time.perf_counter()
                r = await client.post("/api/v1/assess", json=CASES[i % len(CASES)])
                latencies.append((time.perf_counter() - started) * 1000)
                if r.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return latencies, elapsed, errors


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        proc = start_server(port, Path(tmp) / "diary.db", args.workers)
        url = f"http://127.0.0.1:{port}"
        try:
            print(f"POST /api/v1/assess: {args.requests} requests, {args.concurrency} concurrent connections, "
                  f"{args.workers} uvicorn worker(s), loopback, {os.cpu_count()} cores")  # fmt: skip
            latencies, elapsed, errors = asyncio.run(load(url, args.requests, args.concurrency))
            p50, p90, p99 = (percentile(latencies, q) for q in (50, 90, 99))
            met = "met" if p99 < P99_TARGET_MS else "NOT met"
            print(f"  {len(latencies) / elapsed:.0f} requests/s; latency p50 {p50:.1f} ms, p90 {p90:.1f} ms, "
                  f"p99 {p99:.1f} ms, mean {statistics.fmean(latencies):.1f} ms; errors {errors}")  # fmt: skip
            print(f"  p99 target < {P99_TARGET_MS:.0f} ms: {met} (ratio p99/target = {p99 / P99_TARGET_MS:.2f})")
            print("\nPage sizes (HTML; shared assets listed once below; budget 200 KB per page incl. assets)")
            assets = sum(len(httpx.get(url + a).content) for a in ASSETS)
            worst = 0
            for page in PAGES:
                html = len(httpx.get(url + page).content)
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
