"""Accelerometer jerks, their series and sleep-onset jerks, from generated nights and CSV."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from twitchwise.domain.errors import InputError
from twitchwise.io.accelerometer_csv import read_accelerometer_csv, write_accelerometer_csv
from twitchwise.signals.jerks import detect_jerks
from twitchwise.testing.synthetic_nights import synthetic_accelerometer


@pytest.mark.parametrize("seed", [1, 2])
def test_jerks_match_truth(seed: int) -> None:
    acc = synthetic_accelerometer(hours=3.0, sf=32.0, seed=seed, n_series=3)
    ev = detect_jerks(acc.xyz, acc.sf).events
    truth = acc.truth
    for kind in ("jerk", "movement"):
        det = ev.loc[ev["kind"] == kind, "onset"].to_numpy()
        tru = truth.loc[truth["kind"] == kind, "onset"].to_numpy()
        hits = sum(np.min(np.abs(det - t)) <= 0.5 for t in tru)
        assert hits == len(tru) == len(det)
    jerks = ev[ev["kind"] == "jerk"].reset_index(drop=True)
    tj = truth[truth["kind"] == "jerk"].reset_index(drop=True)
    assert jerks["periodic"].tolist() == tj["periodic"].tolist()
    assert jerks["hypnic"].tolist() == tj["hypnic"].tolist()


def test_csv_round_trip_and_summary(tmp_path: Path) -> None:
    acc = synthetic_accelerometer(hours=0.6, sf=25.0, seed=3, n_series=0)
    path = write_accelerometer_csv(tmp_path / "wrist.csv", acc.xyz, acc.sf)
    rec = read_accelerometer_csv(path)
    assert rec.sf == pytest.approx(25.0) and rec.xyz.shape == acc.xyz.shape
    s = detect_jerks(rec.xyz, rec.sf).summary()
    assert s["hypnic_jerk_count"] >= 1 and s["jerk_count"] >= s["hypnic_jerk_count"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("time,x,y\n0,0,0\n", "missing: z"),
        ("time,x,y,z\n", "no accelerometer samples"),
        ("time,x,y,z\n" + "".join(f"{0.02 * i:.2f},0,0,9.8\n" for i in range(600)), "m/s"),
        ("time,x,y,z\n0,0,0,1\n1,0,0,1\n2,0,0,1\n", "at least 10 Hz"),
    ],
)
def test_bad_accelerometer_input(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "acc.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        rec = read_accelerometer_csv(path)
        detect_jerks(rec.xyz, rec.sf)
