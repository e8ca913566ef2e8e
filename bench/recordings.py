"""Benchmark: read + score an 8-hour, two-leg, 512 Hz night; psgscoring side by side; Dask batch.

Run: .venv/bin/python bench/recordings.py [--nights 20] [--skip-psgscoring]

Prints, for the same generated night:
- twitchwise: EDF read + WASM 2016 scoring time (best of 3 runs, each in a fresh
  process) and the process's peak resident memory (total, and above the imports);
- psgscoring 0.37.0 (AASM detector, arrays in memory, its own venv made by
  scripts/setup-psgscoring.sh): scoring time and peak memory, and the ratio;
- event agreement against the known truth for both;
- a Dask batch of N nights with 1 and 2 local workers, and the speed-up.
Targets: whole night < 1 s and < 500 MB; the batch scales with the workers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "recordings"))
OUT = ROOT / "bench" / "out" / "recordings"

_MEASURE = r"""
import json, sys, time
def hwm():
    # VmHWM: this process's own peak resident memory (ru_maxrss would include the parent's
    # peak, which a child inherits across fork and exec on Linux).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
from twitchwise.io.edf_recordings import read_night
from twitchwise.signals.plm_scoring import score_leg_movements
base = hwm()
t0 = time.perf_counter()
night = read_night(sys.argv[1])
t1 = time.perf_counter()
res = score_leg_movements(night.legs, night.sf, night.hypnogram, night.respiratory_events)
t2 = time.perf_counter()
peak = hwm()
ev = res.events
sleep_lm = ev.candidate & ev.stage.isin(["N1", "N2", "N3", "R"]) & ~ev.respiratory
summary = {k: v for k, v in res.summary().items() if k != "imi_histogram"}
print(json.dumps({"read_s": t1 - t0, "score_s": t2 - t1, "total_s": t2 - t0,
                  "peak_mb": peak, "above_imports_mb": peak - base, "summary": summary,
                  "onsets": ev.loc[sleep_lm, "onset"].tolist()}))
"""


def measure_ours(edf: Path) -> dict:
    runs = []
    for _ in range(3):
        proc = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(edf)], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(proc.stdout))
    best = min(runs, key=lambda r: r["total_s"])
    best["peak_mb"] = max(r["peak_mb"] for r in runs)
    best["above_imports_mb"] = max(r["above_imports_mb"] for r in runs)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nights", type=int, default=20)
    parser.add_argument("--skip-psgscoring", action="store_true")
    args = parser.parse_args()

    from psgscoring_compare import agreement, ensure_psgscoring, run_psgscoring, truth_sleep_lms

    from conftest import night_annotations
    from twitchwise.io.edf_recordings import write_night_edf
    from twitchwise.services.recordings import batch_score
    from twitchwise.testing.synthetic_nights import synthetic_night

    OUT.mkdir(parents=True, exist_ok=True)
    print("generating an 8-hour night, two legs at 512 Hz ...", flush=True)
    night = synthetic_night(hours=8.0, sf=512.0, seed=2024)
    edf = OUT / "night8h.edf"
    write_night_edf(
        edf,
        {"LAT": night.legs["left"], "RAT": night.legs["right"]},
        night.sf,
        night_annotations(night),
    )
    print(
        f"  {edf.stat().st_size / 1e6:.0f} MB EDF, {int((night.truth.kind == 'lm').sum())} "
        f"true LMs, true PLMS index {night.true_plms_index():.2f}/h (WASM 2016)\n"
    )

    ours = measure_ours(edf)
    truth = truth_sleep_lms(night)
    ours_agree = agreement(np.asarray(ours["onsets"]), truth)
    print("twitchwise (read EDF + score, WASM 2016), best of 3 fresh processes")
    print(
        f"  read {ours['read_s']:.3f} s + score {ours['score_s']:.3f} s = "
        f"{ours['total_s']:.3f} s   (target < 1 s: {'met' if ours['total_s'] < 1 else 'NOT met'})"
    )
    print(
        f"  peak memory {ours['peak_mb']:.0f} MB total, {ours['above_imports_mb']:.0f} MB above "
        f"the imports   (target < 500 MB: {'met' if ours['peak_mb'] < 500 else 'NOT met'})"
    )
    print(f"  PLMS index {ours['summary']['plms_index']}/h; LMs vs truth: {ours_agree}\n")

    if args.skip_psgscoring:
        print("psgscoring: skipped (--skip-psgscoring)\n")
    elif (reason := ensure_psgscoring()) is not None:
        print(f"psgscoring: not run: {reason}\n")
    else:
        theirs = run_psgscoring(night)
        onsets = np.array([e["onset"] for e in theirs["events"]])
        print("psgscoring 0.37.0 (analyze_plm, AASM, arrays already in memory)")
        print(f"  score {theirs['seconds']:.3f} s, peak memory {theirs['peak_rss_mb']:.0f} MB")
        print(
            f"  PLM index {theirs['summary'].get('plm_index')}/h (AASM); LMs vs truth: "
            f"{agreement(onsets, truth)}"
        )
        print(
            "  twitchwise vs psgscoring, event by event: "
            f"{agreement(np.asarray(ours['onsets']), onsets)}"
        )
        print(
            "  ratio: psgscoring time / twitchwise time = "
            f"{theirs['seconds'] / ours['total_s']:.1f}x; "
            f"memory {theirs['peak_rss_mb'] / ours['peak_mb']:.1f}x\n"
        )

    cohort = OUT / "cohort"
    shutil.rmtree(cohort, ignore_errors=True)
    cohort.mkdir()
    for i in range(args.nights):
        (cohort / f"night{i:02d}.edf").hardlink_to(edf)
    print(f"Dask batch of {args.nights} eight-hour nights (local cluster)")
    times = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            result = batch_score(str(cohort / "*.edf"), tmp, workers=workers)
            times[workers] = time.perf_counter() - started
            ok = int((result.summary.status == "ok").sum())
        print(
            f"  {workers} worker(s): {times[workers]:.1f} s ({ok}/{args.nights} ok, "
            f"{times[workers] / args.nights:.2f} s per night incl. cluster start-up)"
        )
    print(f"  speed-up with 2 workers: {times[1] / times[2]:.2f}x (2 cores shared by the machine)")


if __name__ == "__main__":
    main()
