"""Benchmark: malformed and hostile recordings are refused quickly and without allocating.

Run: .venv/bin/python bench/rejected_inputs.py

Builds each malformed input (EDF headers, accelerometer CSV time columns) in a temporary
folder, then refuses it in a fresh process and prints the wall time of the refusal and
the process's peak resident memory above the imports. Targets (issue 15): every refusal
< 5 s and < 200 MB above the imports.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

_MEASURE = r"""
import json, sys, time
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
from twitchwise.domain.errors import InputError
from twitchwise.io.accelerometer_csv import read_accelerometer_csv
from twitchwise.io.edf_recordings import read_night
base = hwm()
path = sys.argv[1]
t0 = time.perf_counter()
try:
    (read_accelerometer_csv if path.endswith(".csv") else read_night)(path)
    message = "NOT REFUSED"
except InputError as exc:
    message = exc.message
print(json.dumps({"s": time.perf_counter() - t0, "mb": hwm() - base, "message": message}))
"""


def _patch(path: Path, offset: int, text: str, width: int = 8) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset : offset + width] = text.ljust(width).encode("latin-1")
    path.write_bytes(bytes(raw))


def build(folder: Path) -> dict[str, Path]:
    """The malformed inputs, by name."""
    from twitchwise.io.edf_recordings import write_night_edf

    rng = np.random.default_rng(0)
    out: dict[str, Path] = {}

    def edf(name: str) -> Path:
        p = folder / f"{name}.edf"
        write_night_edf(p, {"LAT": rng.normal(0, 5, 640), "RAT": rng.normal(0, 5, 640)}, 128.0)
        out[name] = p
        return p

    _patch(edf("duration_9e10"), 244, "9e10")
    _patch(edf("duration_1e8"), 244, "1e8")
    _patch(edf("duration_nan"), 244, "nan")
    _patch(edf("header_bytes_false"), 184, "99999")
    _patch(edf("records_huge"), 236, "99999999")
    p = edf("digital_min_eq_max")
    _patch(p, 256 + 120 * 3, "32767")
    p = edf("minus_one_truncated")
    _patch(p, 236, "-1")
    p.write_bytes(p.read_bytes()[: 256 * 4 + 100])
    csv = folder / "microsecond_steps_then_jump.csv"
    rows = [f"{i * 1e-6!r},0,0,1\n" for i in range(1000)] + ["20000.0,0,0,1\n"]
    csv.write_text("time,x,y,z\n" + "".join(rows))
    out["microsecond_steps_then_jump"] = csv
    return out


def main() -> int:
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in build(Path(tmp)).items():
            run = subprocess.run(
                [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True
            )
            got = json.loads(run.stdout)
            ok = got["s"] < 5.0 and got["mb"] < 200.0 and got["message"] != "NOT REFUSED"
            failed |= not ok
            print(f"{name:30s} {got['s'] * 1000:7.1f} ms {got['mb']:6.1f} MB  {'met' if ok else 'NOT MET'}")
            print(f"    {got['message']}")
    print("targets (< 5 s, < 200 MB above the imports): " + ("NOT met" if failed else "met"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
