"""Hostile recording files for end-to-end refusal tests (built in a temporary folder).

Each is a small valid file with one header field or time column made hostile: the record
duration of 9e10 s and 1e8 s and NaN, digital minimum = maximum, a false header-bytes
field, -1 records in a truncated file, an accelerometer CSV with 1-µs steps then a jump,
and one with 1-ms steps then a jump of 10^12 s (tens of TiB if interpolated).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from twitchwise.io.edf_recordings import write_night_edf


def _patch(path: Path, offset: int, text: str, width: int = 8) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset : offset + width] = text.ljust(width).encode("latin-1")
    path.write_bytes(bytes(raw))


def _edf(path: Path) -> Path:
    rng = np.random.default_rng(0)
    write_night_edf(path, {"LAT": rng.normal(0, 5, 1280), "RAT": rng.normal(0, 5, 1280)}, 128.0)
    return path


def _truncated_minus_one(p: Path) -> None:
    _patch(p, 236, "-1")
    p.write_bytes(p.read_bytes()[: 256 * 4 + 100])


def _csv(times: list[float]) -> str:
    return "time,x,y,z\n" + "".join(f"{t!r},0.01,0.02,1.0\n" for t in times)


EDF_DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "duration_9e10": (lambda p: _patch(p, 244, "9e10"), "record-duration fields) make 1.04e+07 days"),
    "duration_1e8": (lambda p: _patch(p, 244, "1e8"), "at most 7 days"),
    "duration_nan": (lambda p: _patch(p, 244, "nan"), "record duration is 'nan'"),
    "digital_min_eq_max": (lambda p: _patch(p, 256 + 120 * 3, "32767"), "maximum must be greater"),
    "header_bytes_false": (lambda p: _patch(p, 184, "99999"), "header-bytes field"),
    "records_huge": (lambda p: _patch(p, 236, "99999999"), "is truncated"),
    "minus_one_truncated": (_truncated_minus_one, "holds no data records"),
}

CSV_CONTENT: dict[str, tuple[str, str]] = {
    "microsecond_steps_then_jump": (
        _csv([i * 1e-6 for i in range(1000)] + [20000.0]),
        "sampling rates of 1-1000 Hz",
    ),
    "millisecond_steps_then_1e12_s": (
        _csv([i * 1e-3 for i in range(1000)] + [1e12]),
        "time jumps by",
    ),
}


def build(folder: Path) -> dict[str, tuple[Path, str]]:
    """Every hostile file, by name, with a fragment of the sentence that refuses it."""
    out: dict[str, tuple[Path, str]] = {}
    for name, (damage, message) in EDF_DAMAGE.items():
        path = _edf(folder / f"{name}.edf")
        damage(path)
        out[name] = (path, message)
    for name, (content, message) in CSV_CONTENT.items():
        path = folder / f"{name}.csv"
        path.write_text(content, encoding="utf-8")
        out[name] = (path, message)
    return out


NAMES = [*EDF_DAMAGE, *CSV_CONTENT]
