"""Score a generated night with psgscoring (in its own venv) and compare event by event."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from twitchwise.signals import sleep_stages as st
from twitchwise.testing.synthetic_nights import SyntheticNight

ROOT = Path(__file__).resolve().parents[2]
VENV_PY = ROOT / ".venv-psgscoring" / "bin" / "python"
RUNNER = Path(__file__).with_name("psgscoring_runner.py")


def ensure_psgscoring() -> str | None:
    """Create .venv-psgscoring with the project's script; the reason it failed, or None."""
    try:
        proc = subprocess.run(
            ["bash", str(ROOT / "scripts" / "setup-psgscoring.sh")],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"scripts/setup-psgscoring.sh could not run: {exc}"
    if proc.returncode != 0:
        return "scripts/setup-psgscoring.sh failed: " + (proc.stderr.strip()[-300:] or "no output")
    return None


def run_psgscoring(night: SyntheticNight) -> dict[str, Any]:
    """psgscoring's analyze_plm on the night; events, summary, seconds and peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        npz, out = Path(tmp) / "night.npz", Path(tmp) / "out.json"
        names = {0: "W", 1: "N1", 2: "N2", 3: "N3", 4: "R"}
        np.savez(
            npz,
            left=night.legs["left"].astype(np.float64),
            right=night.legs["right"].astype(np.float64),
            sf=night.sf,
            hypno=np.array([names.get(int(c), "W") for c in night.hypnogram]),
            resp=night.respiratory_events,
        )
        subprocess.run([str(VENV_PY), str(RUNNER), str(npz), str(out)], check=True, timeout=900)
        return dict(json.loads(out.read_text()))


def agreement(detected: np.ndarray, reference: np.ndarray, tol: float = 0.5) -> dict[str, float]:
    """Event-by-event agreement of onsets (one-to-one within ``tol`` s): precision, recall, F1."""
    detected = np.sort(detected)
    used = np.zeros(len(detected), bool)
    tp = 0
    for t in np.sort(reference):
        if not len(detected):
            break
        cand = np.where(used, np.inf, np.abs(detected - t))
        j = int(np.argmin(cand))
        if cand[j] <= tol:
            used[j] = True
            tp += 1
    precision = tp / len(detected) if len(detected) else 0.0
    recall = tp / len(reference) if len(reference) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n_detected": float(len(detected)),
        "n_reference": float(len(reference)),
        "matched": float(tp),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def truth_sleep_lms(night: SyntheticNight) -> np.ndarray:
    """Onsets of true candidate LMs in sleep, not respiratory (what psgscoring lists)."""
    t = night.truth
    stages = st.stage_at(t["onset"].to_numpy(), night.hypnogram)
    keep = (t["kind"] == "lm").to_numpy() & st.is_sleep(stages) & ~t["respiratory"].to_numpy()
    return t.loc[keep, "onset"].to_numpy()
