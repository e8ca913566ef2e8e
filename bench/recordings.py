"""Benchmark: read + score an 8-hour, two-leg, 512 Hz night; psgscoring side by side; Dask batch.

Run: .venv/bin/python bench/recordings.py [--nights 20] [--skip-psgscoring]

Prints, for the same generated night:
- twitchwise: EDF read + WASM 2016 scoring time (best of 3 runs, each in a fresh
  process) and the process's peak resident memory (total, and above the imports);
- twitchwise as a user runs it (``score_recording``: read, cardiac-field search and
  cancellation, scoring) on the night with its hypnogram, and on the same night with
  EEG, EOG and chin EMG at 128 Hz but no hypnogram, so it is staged automatically (YASA);
- psgscoring 0.37.0 (AASM detector, arrays in memory, its own venv made by
  scripts/setup-psgscoring.sh): scoring time and peak memory, and the ratio;
- event agreement against the known truth for both;
- a Dask batch of N nights with 1 and 2 local workers, and the speed-up.
and a side-by-side table of all of them at the end.
Targets (issue 16): score < 1 s, staging + score < 10 s, < 300 MB per night; the batch
scales with the workers.
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

#: Opening of every measuring child: VmHWM is the process's own peak resident memory
#: (ru_maxrss would include the parent's peak, which a child inherits across fork and exec).
_HWM = r"""
import json, sys, time
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""

_MEASURE = _HWM + r"""
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


_MEASURE_SERVICE = _HWM + r"""
from twitchwise.services.recordings import score_recording
import twitchwise.signals.sleep_staging  # YASA's import (numba) is not the night's cost
base = hwm()
t0 = time.perf_counter()
scored = score_recording(sys.argv[1], auto_stage=sys.argv[2] == "stage")
t1 = time.perf_counter()
s = scored.summary()
print(json.dumps({"total_s": t1 - t0, "peak_mb": hwm(), "above_imports_mb": hwm() - base,
                  "plms_index": s["plms_index"], "stage_source": s["stage_source"],
                  "r_peaks_from": s["r_peaks_from"]}))
"""


def measure_service(edf: Path, stage: bool, runs: int = 2) -> dict:
    """``score_recording`` in fresh processes (best time, highest memory)."""
    out = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", _MEASURE_SERVICE, str(edf), "stage" if stage else "no"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    best = min(out, key=lambda r: r["total_s"])
    best["peak_mb"] = max(r["peak_mb"] for r in out)
    best["above_imports_mb"] = max(r["above_imports_mb"] for r in out)
    return best


def write_staging_night(path: Path, night, seconds: float) -> Path:  # type: ignore[no-untyped-def]
    """The night's legs at their rate plus EEG, EOG and chin EMG at 128 Hz, no hypnogram."""
    import edfio

    rng = np.random.default_rng(11)
    n = int(seconds * 128)

    def sig(data: np.ndarray, sf: float, label: str) -> edfio.EdfSignal:
        dig = np.round(np.clip(data, -1000, 1000) / 1000 * 32767).astype(np.int16)
        return edfio.EdfSignal.from_digital(
            dig, sf, physical_range=(-1000 * 32768 / 32767, 1000), digital_range=(-32768, 32767),
            label=label, physical_dimension="uV",
        )  # fmt: skip

    signals = [sig(night.legs["left"], night.sf, "LAT"), sig(night.legs["right"], night.sf, "RAT")]
    signals += [sig(rng.normal(0, 20, n), 128.0, lab) for lab in ("EEG C4-M1", "EOG E1-M2", "EMG Chin")]
    edfio.Edf(signals).write(path)
    return path


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

    theirs = None
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

    print("twitchwise as run by a user (score_recording), best of 2 fresh processes", flush=True)
    with_hyp = measure_service(edf, stage=False)
    print(
        f"  with the hypnogram: {with_hyp['total_s']:.3f} s, peak {with_hyp['peak_mb']:.0f} MB "
        f"({with_hyp['above_imports_mb']:.0f} above the imports); PLMS index {with_hyp['plms_index']}/h; "
        f"R peaks from: {with_hyp['r_peaks_from']}"
    )
    staging_edf = write_staging_night(OUT / "night8h-eeg.edf", night, night.duration_s)
    staged = measure_service(staging_edf, stage=True)
    print(
        f"  no hypnogram, staged automatically: {staged['total_s']:.3f} s "
        f"(target < 10 s: {'met' if staged['total_s'] < 10 else 'NOT met'}), peak {staged['peak_mb']:.0f} MB "
        f"({staged['above_imports_mb']:.0f} above the imports); stage source: {staged['stage_source']}\n"
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
    print(f"  speed-up with 2 workers: {times[1] / times[2]:.2f}x (2 cores shared by the machine)\n")

    rows = [
        ("twitchwise read + score (WASM 2016)", ours["total_s"], ours["peak_mb"], ours["above_imports_mb"]),
        ("twitchwise score_recording, hypnogram", with_hyp["total_s"], with_hyp["peak_mb"],
         with_hyp["above_imports_mb"]),
        ("twitchwise score_recording, staged (YASA)", staged["total_s"], staged["peak_mb"],
         staged["above_imports_mb"]),
    ]  # fmt: skip
    if theirs is not None:
        rows.append(("psgscoring 0.37.0 analyze_plm (AASM)", theirs["seconds"], theirs["peak_rss_mb"], None))
    print("side by side, one 8-hour night (targets: score < 1 s, staging + score < 10 s, < 300 MB)")
    print(f"  {'':44s} {'time s':>8s} {'peak MB':>8s} {'above imports MB':>17s}")
    for name, secs, peak, above in rows:
        above_text = "" if above is None else f"{above:.0f}"
        print(f"  {name:44s} {secs:8.3f} {peak:8.0f} {above_text:>17s}")
    for workers, secs in times.items():
        print(f"  Dask batch, {workers} worker(s), per night{'':16s} {secs / args.nights:8.2f}")


if __name__ == "__main__":
    main()
