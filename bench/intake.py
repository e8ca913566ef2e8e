# ruff: noqa: E501  (long regular expressions and tables read better on one line)
"""Benchmark of the free-text intake: pipeline load time and parse time per narrative.

Targets (issue 3): load < 1.5 s, median parse < 15 ms. Run: ``.venv/bin/python bench/intake.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    ROOT.parent / "shared" / "vignettes" / "dev.jsonl",
    ROOT / "tests" / "core" / "data" / "holdout_vignettes.jsonl",
]


def main() -> None:
    t0 = time.perf_counter()
    from twitchwise.intake import NarrativeParser  # imports spaCy + medspaCy (NLTK deferred)

    t1 = time.perf_counter()
    from twitchwise.knowledge import load_knowledge

    kb = load_knowledge()
    t2 = time.perf_counter()
    parser = NarrativeParser(kb)
    t3 = time.perf_counter()
    texts = [
        json.loads(line)["case"].get("narrative", "")
        for src in SOURCES
        if src.is_file()
        for line in src.read_text().splitlines()
        if line.strip()
    ]
    texts = [t for t in texts if t]
    today = dt.date.today()
    for t in texts[:5]:
        parser.parse(t, today)  # warm-up
    times = []
    for _ in range(3):
        for t in texts:
            s = time.perf_counter()
            parser.parse(t, today)
            times.append((time.perf_counter() - s) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
    median = statistics.median(times)
    imports, build = t1 - t0, t3 - t2
    cold = t3 - t0
    print(f"import intake (spaCy + medspaCy, NLTK deferred): {imports:.2f} s")
    print(f"knowledge base load:                             {t2 - t1:.2f} s")
    print(
        f"pipeline build (lexicon + matcher + ConText):    {build:.2f} s  (target < 1.5 s: {build / 1.5:.2f} of target)"
    )
    print(
        f"cold start = import + knowledge + build:         {cold:.2f} s  (against the 1.5 s load target: {cold / 1.5:.2f}; "
        f"{'met' if cold < 1.5 else 'NOT met' + ('; the imports alone exceed it' if imports >= 1.5 else '')})"
    )
    print(
        f"parse per narrative over {len(texts)} narratives x 3: median {median:.1f} ms, p99 {p99:.1f} ms  (target median < 15 ms: {median / 15:.2f} of target)"
    )


if __name__ == "__main__":
    main()
