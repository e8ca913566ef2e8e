"""Benchmark the web app as one person uses it: one request at a time, pages and the API mixed.

Measures, in this process (the app behind Starlette's test client, on a temporary diary):
- the latency of each request of a session (check steps, a description, knowledge search,
  the diary, ``/api/v1/assess``): p50, p99 and the slowest, with and without ``gc.freeze``
  after start-up, and how many full garbage collections landed on a request and what each cost;
- the web side of ``/api/v1/assess`` (the request minus the engine's own time), an upper bound
  on what any change to the request handling (such as a custom route class) can save.

A person notices a delay of about 100 ms (Nielsen's "instantaneous" limit), so that is the
scale each figure is judged against (docs/performance.md).
Run: .venv/bin/python bench/web_one_person.py [--rounds N]
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

HOLDOUT = Path(__file__).resolve().parent.parent / "tests" / "core" / "data" / "holdout_vignettes.jsonl"
ROWS = [json.loads(line)["case"] for line in HOLDOUT.read_text().splitlines() if line.strip()]
CASES = [{k: v for k, v in case.items() if k != "narrative"} for case in ROWS]
NARRATIVES = [case["narrative"] for case in ROWS if case.get("narrative")]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
NOTICEABLE_MS = 100.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def session(client: TestClient, rounds: int, timed: Callable[[str, Callable[[], object]], None]) -> None:
    """``rounds`` of what a person does: a check of three answers, a description, search, the diary."""
    token = CSRF.findall(client.get("/").text)[0]
    for i in range(rounds):
        timed("GET /", lambda: client.get("/"))
        answers: list[list[object]] = []
        for value in ("calf", "30", "no"):
            page = client.post("/check", data={"csrf_token": token, "answers": json.dumps(answers),
                                               "action": "dont_know", "value": value})  # fmt: skip
            qid = re.search(r'name="qid" value="([^"]+)"', page.text)
            if qid:
                answers.append([qid.group(1), None])
        done = json.dumps(answers)
        timed("POST /check", lambda: client.post("/check", data={"csrf_token": token, "answers": done,  # noqa: B023
                                                                   "action": "dont_know"}))  # fmt: skip
        text = NARRATIVES[i % len(NARRATIVES)]
        timed("POST /describe", lambda: client.post("/describe", data={"csrf_token": token, "text": text}))  # noqa: B023
        timed("GET /knowledge?q=", lambda: client.get("/knowledge", params={"q": "why does my eyelid twitch"}))
        timed("POST /diary/episodes", lambda: client.post("/diary/episodes", data={
            "csrf_token": token, "site": "eyelid", "kind": "fasciculation"}))  # fmt: skip
        timed("GET /diary", lambda: client.get("/diary"))
        case = CASES[i % len(CASES)]
        timed("POST /api/v1/assess", lambda: client.post("/api/v1/assess", json=case))  # noqa: B023


def run(rounds: int, freeze: bool) -> None:
    from twitchwise.web import WebSettings, create_app
    from twitchwise.web.app import warm_up

    real_freeze = gc.freeze
    if not freeze:
        gc.freeze = lambda: None  # what the app does at start-up, undone
    full: list[float] = []
    started_gc = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            started_gc[0] = time.perf_counter()
        else:
            full.append((time.perf_counter() - started_gc[0]) * 1000)

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(WebSettings(database_url=f"sqlite:///{Path(tmp) / 'diary.db'}", warm_up=False))
        with TestClient(app, base_url="http://127.0.0.1:8000") as client:
            warm_up()  # what the app loads in the background at start-up
            session(client, 2, lambda name, call: call())  # first uses (lazy imports) not counted
            gc.callbacks.append(on_gc)
            times: dict[str, list[float]] = {}

            def timed(name: str, call: Callable[[], object]) -> None:
                t0 = time.perf_counter()
                call()
                times.setdefault(name, []).append((time.perf_counter() - t0) * 1000)

            session(client, rounds, timed)
            gc.callbacks.remove(on_gc)
    gc.freeze = real_freeze
    every = [t for ts in times.values() for t in ts]
    label = "with gc.freeze after start-up" if freeze else "without gc.freeze"
    print(f"\n{label}: {len(every)} requests, one at a time")
    for name, ts in times.items():
        print(f"  {name:<22} p50 {statistics.median(ts):7.1f} ms  p99 {percentile(ts, 99):7.1f} ms  "
              f"max {max(ts):7.1f} ms")  # fmt: skip
    print(f"  all requests: p50 {statistics.median(every):.1f} ms, p99 {percentile(every, 99):.1f} ms, "
          f"max {max(every):.1f} ms (noticeable: > {NOTICEABLE_MS:.0f} ms)")  # fmt: skip
    cost = f", each {min(full):.0f} to {max(full):.0f} ms" if full else ""
    print(f"  full garbage collections during the session: {len(full)}{cost}")


def web_side_of_assess(repeat: int) -> None:
    """``/api/v1/assess`` through the app minus the engine alone, same cases."""
    from twitchwise.services.assessment import assess_case
    from twitchwise.web import WebSettings, create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(WebSettings(database_url=f"sqlite:///{Path(tmp) / 'diary.db'}", warm_up=False))
        with TestClient(app, base_url="http://127.0.0.1:8000") as client:
            for case in CASES:
                client.post("/api/v1/assess", json=case)
            t0 = time.perf_counter()
            for _ in range(repeat):
                for case in CASES:
                    client.post("/api/v1/assess", json=case)
            through_app = (time.perf_counter() - t0) / (repeat * len(CASES)) * 1000
            t0 = time.perf_counter()
            for _ in range(repeat):
                for case in CASES:
                    assess_case(case)
            engine = (time.perf_counter() - t0) / (repeat * len(CASES)) * 1000
    print(f"\n/api/v1/assess: {through_app:.2f} ms a request through the app (test client included), "
          f"{engine:.2f} ms the engine alone: the web side is at most {through_app - engine:.2f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--variant", choices=["freeze", "no-freeze"], help="run one variant in this process")
    args = parser.parse_args()
    if args.variant:
        run(args.rounds, freeze=args.variant == "freeze")
        return
    web_side_of_assess(3)
    # Each variant in a fresh process, so that neither inherits the other's objects.
    for variant in ("freeze", "no-freeze"):
        subprocess.run([sys.executable, __file__, "--rounds", str(args.rounds), "--variant", variant], check=True)


if __name__ == "__main__":
    main()
