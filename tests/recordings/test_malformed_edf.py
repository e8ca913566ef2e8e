"""Malformed and hostile EDF headers: each refused with one sentence, before any allocation."""

from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from twitchwise.domain.errors import InputError
from twitchwise.io.edf_recordings import read_night, write_night_edf

SF = 128.0


def _small_edf(path: Path, seconds: float = 10.0) -> Path:
    rng = np.random.default_rng(0)
    n = int(seconds * SF)
    write_night_edf(path, {"LAT": rng.normal(0, 5, n), "RAT": rng.normal(0, 5, n)}, SF)
    return path


def _patch(path: Path, offset: int, width: int, text: str) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset : offset + width] = text.ljust(width).encode("latin-1")
    path.write_bytes(bytes(raw))


def _ns(path: Path) -> int:
    return int(path.read_bytes()[252:256])


def _signal_field(path: Path, field_offset: int, width: int, index: int, text: str) -> None:
    ns = _ns(path)
    _patch(path, 256 + field_offset * ns + width * index, width, text)


def _header_bytes(path: Path) -> int:
    return 256 * (_ns(path) + 1)


def _record_bytes(path: Path) -> int:
    raw = path.read_bytes()
    ns = _ns(path)
    spr = [int(raw[256 + 216 * ns + 8 * i : 256 + 216 * ns + 8 * i + 8]) for i in range(ns)]
    return 2 * sum(spr)


CASES = [
    ("duration_9e10", r"records of 9e\+10 s \(the number-of-records and record-duration fields\) make .* days",
     lambda p: _patch(p, 244, 8, "9e10")),
    ("duration_1e8", "days; at most 7 days are read", lambda p: _patch(p, 244, 8, "1e8")),
    ("duration_nan", "record duration is 'nan'; a finite number", lambda p: _patch(p, 244, 8, "nan")),
    ("duration_negative", "record duration is -1 s", lambda p: _patch(p, 244, 8, "-1")),
    ("duration_text", "record duration is 'ten', not a number", lambda p: _patch(p, 244, 8, "ten")),
    ("digital_min_eq_max", "the maximum must be greater", lambda p: _signal_field(p, 120, 8, 0, "32767")),
    ("physical_min_eq_max", "equal physical minimum and maximum", lambda p: _signal_field(p, 104, 8, 0, "1000")
     or _signal_field(p, 112, 8, 0, "1000")),
    ("header_bytes_false", "the header-bytes field says 99999", lambda p: _patch(p, 184, 8, "99999")),
    ("records_huge", "is truncated: its header announces 99999999", lambda p: _patch(p, 236, 8, "99999999")),
    ("records_minus_two", "number of records is -2", lambda p: _patch(p, 236, 8, "-2")),
    ("signals_huge", "number of signals is 9999", lambda p: _patch(p, 252, 4, "9999")),
    ("spr_huge", "is truncated", lambda p: _signal_field(p, 216, 8, 0, "99999999")),
    ("spr_negative", "samples per record of 'LAT' is -5", lambda p: _signal_field(p, 216, 8, 0, "-5")),
    ("rate_huge", "at most 100000 Hz", lambda p: _patch(p, 244, 8, "1e-9")),
    (
        "minus_one_truncated",
        "holds no data records (its header says -1",
        lambda p: (_patch(p, 236, 8, "-1"), p.write_bytes(p.read_bytes()[: _header_bytes(p) + 100])),
    ),
]


@pytest.mark.parametrize(("case", "message", "damage"), CASES, ids=[c[0] for c in CASES])
def test_malformed_header_is_refused_before_allocating(tmp_path: Path, case: str, message: str, damage) -> None:  # type: ignore[no-untyped-def]
    path = _small_edf(tmp_path / f"{case}.edf")
    damage(path)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=message if case.startswith("duration_9") else re.escape(message)) as info:
            read_night(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "\n" not in info.value.message
    assert peak < 200 * 1024**2


def test_minus_one_records_are_counted_from_the_file_size(tmp_path: Path) -> None:
    path = _small_edf(tmp_path / "live.edf", seconds=20.0)
    whole = read_night(path)
    _patch(path, 236, 8, "-1")
    # a device still writing: half a record at the end is left out
    path.write_bytes(path.read_bytes() + b"\x00" * (_record_bytes(path) // 2))
    night = read_night(path)
    assert night.duration_s == whole.duration_s == 20.0
    np.testing.assert_array_equal(night.legs["left"], whole.legs["left"])


@pytest.mark.parametrize("unit", [b"\xb5V", b"\xb5V      "])
def test_micro_sign_as_latin1_byte_is_microvolts(tmp_path: Path, unit: bytes) -> None:
    path = _small_edf(tmp_path / "latin1.edf")
    whole = read_night(path)
    ns = _ns(path)
    raw = bytearray(path.read_bytes())
    for i in range(2):
        raw[256 + 96 * ns + 8 * i : 256 + 96 * ns + 8 * i + 8] = unit.ljust(8)
    path.write_bytes(bytes(raw))
    night = read_night(path)
    np.testing.assert_array_equal(night.legs["left"], whole.legs["left"])
    assert night.warnings == [
        f"channel {label!r} gives its unit with a byte outside ASCII, which EDF does not allow; "
        "it was read as latin-1 ('µV'), so its values were taken as µV."
        for label in ("LAT", "RAT")
    ]


def test_blank_unit_is_taken_as_microvolts_with_one_warning(tmp_path: Path) -> None:
    path = _small_edf(tmp_path / "blank.edf")
    _signal_field(path, 96, 8, 0, "")
    night = read_night(path)
    assert len(night.warnings) == 1
    assert "'LAT' has no physical unit" in night.warnings[0] and "taken as µV" in night.warnings[0]


def test_flat_second_leg_is_dropped_with_a_warning(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    n = int(60 * SF)
    path = write_night_edf(tmp_path / "flat.edf", {"LAT": rng.normal(0, 5, n), "RAT": np.zeros(n)}, SF)
    night = read_night(path)
    assert list(night.legs) == ["left"] and night.one_leg
    assert any("'RAT' is flat" in w for w in night.warnings)


def test_both_legs_flat_is_refused(tmp_path: Path) -> None:
    n = int(60 * SF)
    path = write_night_edf(tmp_path / "flat2.edf", {"LAT": np.zeros(n), "RAT": np.zeros(n)}, SF)
    with pytest.raises(InputError, match="'LAT' is flat"):
        read_night(path)
