"""Accelerometer CSV time columns that would make the regular grid huge are refused first."""

from __future__ import annotations

import itertools
import re
import tracemalloc
from pathlib import Path

import pytest

from twitchwise.domain.errors import InputError
from twitchwise.io.accelerometer_csv import read_accelerometer_csv


def _rows(times: list[float]) -> str:
    return "time,x,y,z\n" + "".join(f"{t!r},0.01,0.02,1.0\n" for t in times)


CASES = [
    # 1-µs steps, then a jump: interpolating would make a 5.6-hour night at 1 MHz (2 GB)
    ("microsecond_steps_then_jump", _rows([i * 1e-6 for i in range(1000)] + [20000.0]),
     "the median time step is 1e-06 s (1e+06 Hz); sampling rates of 1-1000 Hz"),
    ("gap", _rows([i * 0.04 for i in range(500)] + [20000.0 + i * 0.04 for i in range(500)]),
     "time jumps by 2e+04 s after row 501"),
    ("backwards", _rows([0.0, 0.04, 0.08, 0.04, 0.12]), "time must increase from row to row (row 5"),
    ("repeated", _rows([0.0, 0.04, 0.04, 0.08]), "time must increase from row to row (row 4"),
    ("infinite", _rows([0.0, 0.04, float("inf")]), "time must be finite"),
    # 1-s steps with 10-s pauses, 8 days in all: every step allowed, the length not
    ("eight_days", _rows(list(itertools.accumulate([1.0, 1.0, 1.0, 10.0, 10.0] * 31_000))),
     r"spans 8\.25 days; at most 7 days are read"),
]


@pytest.mark.parametrize(("case", "content", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_time_column_is_refused_before_the_grid(tmp_path: Path, case: str, content: str, message: str) -> None:
    path = tmp_path / f"{case}.csv"
    path.write_text(content)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=message if case == "eight_days" else re.escape(message)):
            read_accelerometer_csv(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024**2
