"""Run psgscoring's AASM leg-movement detector on one night; run by .venv-psgscoring's python.

Usage: python psgscoring_runner.py NIGHT.npz OUT.json
The .npz holds ``left``, ``right`` (µV), ``sf``, ``hypno`` (stage strings per 30-s epoch)
and ``resp`` ([onset_s, duration_s] rows). Prints nothing; writes events, summary, the
scoring time and the peak memory of this process.
"""

import json
import resource
import sys
import time

import numpy as np


def _hwm_mb() -> float:
    """This process's own peak resident memory (VmHWM), MB; ru_maxrss as a fallback."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    src, dst = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    data = np.load(src, allow_pickle=False)
    from psgscoring.plm import analyze_plm

    resp = [{"onset_s": float(o), "duration_s": float(d)} for o, d in data["resp"]]
    out = analyze_plm(
        data["left"],
        data["right"],
        float(data["sf"]),
        [str(s) for s in data["hypno"]],
        resp_events=resp,
        leg_unit="uV",
        event_list_cap=None,
    )
    seconds = time.perf_counter() - started
    events = [
        {
            "onset": float(e["onset_s"]),
            "duration": float(e["duration_s"]),
            "is_plm": bool(e.get("is_plm", False)),
        }
        for e in out.get("events", [])
    ]
    result = {
        "success": out["success"],
        "error": out.get("error"),
        "summary": out["summary"],
        "events": events,
        "seconds": seconds,
        "peak_rss_mb": _hwm_mb(),
    }
    with open(dst, "w") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    main()
