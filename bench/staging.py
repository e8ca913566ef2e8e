"""Automatic sleep staging speed: one 8-hour night (EEG + EOG + chin EMG at 128 Hz), YASA.

Target (issue 16): staging + scoring an 8-h night < 10 s on the project's 2-core machine.
Prints the staging time and peak memory beside the scoring time of the same night's legs.
"""

from __future__ import annotations

import resource
import time

import numpy as np

from twitchwise.signals.plm_scoring import score_leg_movements
from twitchwise.signals.sleep_staging import stage_sleep

HOURS = 8.0
SF = 128.0


def main() -> None:
    rng = np.random.default_rng(7)
    n = int(HOURS * 3600 * SF)
    eeg, eog, emg = (rng.normal(0, 20, n) for _ in range(3))
    legs = {"left": rng.normal(0, 2, n), "right": rng.normal(0, 2, n)}
    t0 = time.perf_counter()
    staged = stage_sleep(eeg, SF, eog=eog, emg=emg, age=50, male=True)
    t_stage = time.perf_counter() - t0
    t0 = time.perf_counter()
    score_leg_movements(legs, SF, hypnogram=staged.stages)
    t_score = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = t_stage + t_score
    print(f"8-h night at {SF:g} Hz: staging {t_stage:.2f} s, scoring {t_score:.2f} s, "
          f"staging + scoring {total:.2f} s (target < 10 s: {'met' if total < 10 else 'NOT met'}), "
          f"peak memory {peak_mb:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
