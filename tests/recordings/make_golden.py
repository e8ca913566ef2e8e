"""Writes golden/excerpt.edf: 5 minutes, LAT and RAT at 256 Hz, movements placed by hand.

Run: .venv/bin/python tests/recordings/make_golden.py  (deterministic; < 1 MB).
The expected events in golden/excerpt_expected.tsv were written by hand from the
placements below and the WASM 2016 rules, not from the scorer's output:
- 20.0, 45.0, 70.0 s left and 95.0 s both legs (right 95.2-97.5): a series of 4 at 25 s;
- 150.0 s left, 0.3 s: too short to be an LM;
- 200.0 s right, 1 s: an LM 5 s after the apnea ends (180-195 s), so respiratory-related
  under WASM 2016 (window 193-205.25 s) and not periodic;
- 240-255 s left, 15 s: too long for a monolateral candidate.
Stages: W for the first two epochs, N2 after; an apnea 180-195 s.
"""

from pathlib import Path

import numpy as np

from twitchwise.io.edf_recordings import write_night_edf
from twitchwise.io.recording_annotations import Annotation

SF = 256.0
HERE = Path(__file__).with_name("golden")
PLACED = {
    "LAT": [
        (20.0, 22.0, 30.0),
        (45.0, 46.5, 25.0),
        (70.0, 71.0, 40.0),
        (95.0, 97.0, 30.0),
        (150.0, 150.3, 40.0),
        (240.0, 255.0, 25.0),
    ],
    "RAT": [(95.2, 97.5, 30.0), (200.0, 201.0, 35.0)],
}


def main() -> None:
    rng = np.random.default_rng(5)
    n = int(300 * SF)
    channels = {}
    for label, events in PLACED.items():
        x = rng.normal(0.0, 1.5, n)
        for start, end, amp in events:
            i0, i1 = int(start * SF), int(end * SF)
            x[i0:i1] += rng.normal(0.0, amp / 0.8, i1 - i0)
        channels[label] = x
    anns = [Annotation(30.0 * i, 30.0, "Sleep stage W" if i < 2 else "Sleep stage N2") for i in range(10)]
    anns.append(Annotation(180.0, 15.0, "Obstructive Apnea"))
    HERE.mkdir(exist_ok=True)
    write_night_edf(HERE / "excerpt.edf", channels, SF, anns, physical_range_uv=500.0)


if __name__ == "__main__":
    main()
