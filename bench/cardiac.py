"""Benchmark: an 8-hour, 512-Hz night with an ECG channel mixed into both legs.

Run: .venv/bin/python bench/cardiac.py

Generates the night (synthetic_night(hours=8, sf=512, seed=1)), a 100-µV-QRS ECG mixed
into the legs at 30 % (left) and -24 % (right), writes it as EDF with the ECG channel,
then reads and scores it in fresh processes with and without the cardiac cancellation:
wall time, peak resident memory above the imports, PLMS index against the truth.
Target: PLMS index within 10 % of the truth with cancellation; memory < 500 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

_MEASURE = r"""
import json, sys, time
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
from twitchwise.services.recordings import score_recording
base = hwm()
t = time.perf_counter()
s = score_recording(sys.argv[1], cancel_ecg=sys.argv[2] == "on").summary()
print(json.dumps({"s": time.perf_counter() - t, "mb": hwm() - base, "plms": s["plms_index"],
                  "share": s["ecg_cancelled_share"]}))
"""


def main() -> int:
    from recordings.conftest import night_annotations
    from recordings.test_cardiac import _ecg
    from twitchwise.io.edf_recordings import write_night_edf
    from twitchwise.testing.synthetic_nights import synthetic_night

    print("generating an 8-hour night, two legs and an ECG at 512 Hz ...")
    night = synthetic_night(hours=8, sf=512.0, seed=1)
    ecg, _ = _ecg(len(night.legs["left"]), night.sf)
    truth = night.true_plms_index()
    met = True
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ecg.edf"
        legs = {"LAT": night.legs["left"] + 0.3 * ecg, "RAT": night.legs["right"] - 0.24 * ecg}
        write_night_edf(path, legs | {"ECG": ecg}, night.sf, night_annotations(night))
        print(f"  true PLMS index {truth:.2f}/h")
        for mode in ("on", "off"):
            run = subprocess.run(
                [sys.executable, "-c", _MEASURE, str(path), mode], capture_output=True, text=True, check=True
            )
            got = json.loads(run.stdout)
            off_by = abs(got["plms"] - truth) / truth
            print(
                f"cancellation {mode:3s}: {got['s']:.2f} s, {got['mb']:.0f} MB above the imports, "
                f"PLMS index {got['plms']:.2f} ({100 * off_by:.1f} % off), share {got['share']}"
            )
            if mode == "on":
                met = off_by <= 0.10 and got["mb"] < 500
    print("targets (within 10 %, < 500 MB): " + ("met" if met else "NOT met"))
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
