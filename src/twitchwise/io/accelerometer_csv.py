"""Read wearable accelerometer CSV files: time, x, y, z in g, at any sampling rate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from twitchwise.domain.errors import InputError

_TIME_NAMES = ("time", "timestamp", "t", "time_s", "seconds")

#: Sampling rates accepted, Hz (wearables record at 10-100 Hz).
MIN_SF, MAX_SF = 1.0, 1000.0
#: Longest step in time bridged by interpolation, s; a longer one is a gap.
MAX_STEP_S = 10.0
#: Longest recording, s (7 days).
MAX_RECORDING_S = 7 * 24 * 3600.0


@dataclass(frozen=True)
class AccelerometerRecording:
    """Tri-axial acceleration resampled to a regular grid.

    Attributes
    ----------
    path : Path
    xyz : ndarray of float32, shape (n, 3)
        Acceleration in g.
    sf : float
        Sampling rate, Hz (the median rate of the file).
    """

    path: Path
    xyz: npt.NDArray[np.float32]
    sf: float


def read_accelerometer_csv(path: str | Path) -> AccelerometerRecording:
    """Read a CSV with columns time, x, y, z (g).

    ``time`` may be seconds or timestamps (ISO 8601); irregular sampling is
    interpolated onto the file's median sampling interval.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p} does not exist or is not a file.", field="file")
    try:
        table = pd.read_csv(p)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError):
        raise InputError(f"{p.name} is not a readable CSV file.", field="file") from None
    cols = {c.lower().strip(): c for c in table.columns}
    missing = [c for c in ("x", "y", "z") if c not in cols]
    time_col = next((cols[c] for c in _TIME_NAMES if c in cols), None)
    if missing or time_col is None:
        raise InputError(
            f"{p.name} needs columns time, x, y, z (g); missing: "
            f"{', '.join(missing + ([] if time_col else ['time']))}.",
            field="columns",
        )
    if len(table) < 2:
        raise InputError(f"{p.name} holds no accelerometer samples.", field="file")
    raw_t = table[time_col]
    t = pd.to_numeric(raw_t, errors="coerce")
    if t.isna().any():
        stamps = pd.to_datetime(raw_t, errors="coerce", utc=True)
        if stamps.isna().any():
            raise InputError(f"{p.name}: time must be seconds or timestamps.", field="time")
        t = (stamps - stamps.iloc[0]).dt.total_seconds()
    times = t.to_numpy(dtype=np.float64)
    xyz = table[[cols["x"], cols["y"], cols["z"]]].apply(pd.to_numeric, errors="coerce")
    if xyz.isna().any().any():
        raise InputError(f"{p.name}: x, y and z must be numbers (g).", field="x")
    dt = _check_times(p, times)
    steps = np.diff(times)
    values = xyz.to_numpy(dtype=np.float64)
    if np.allclose(steps, dt, rtol=1e-3):
        grid_values = values
    else:
        grid = np.arange(times[0], times[-1], dt)
        grid_values = np.column_stack([np.interp(grid, times, values[:, k]) for k in range(3)])
    return AccelerometerRecording(path=p, xyz=grid_values.astype(np.float32), sf=1.0 / dt)


def _check_times(path: Path, times: npt.NDArray[np.float64]) -> float:
    """The median sampling interval, s, once the time column is known to be sane.

    Checked before the regular grid is allocated: time finite and increasing, a
    sampling rate of 1-1000 Hz, no gap longer than ``MAX_STEP_S``, at most 7 days.
    """
    if not np.all(np.isfinite(times)):
        raise InputError(f"{path.name}: time must be finite numbers of seconds.", field="time")
    steps = np.diff(times)
    bad = np.flatnonzero(steps <= 0)
    if len(bad):
        raise InputError(
            f"{path.name}: time must increase from row to row (row {int(bad[0]) + 3} does not).",
            field="time",
        )
    dt = float(np.median(steps))
    if not MIN_SF <= 1.0 / dt <= MAX_SF:
        raise InputError(
            f"{path.name}: the median time step is {dt:.3g} s ({1.0 / dt:.3g} Hz); "
            f"sampling rates of {MIN_SF:g}-{MAX_SF:g} Hz are accepted.",
            field="time",
        )
    jump = int(np.argmax(steps))
    if steps[jump] > MAX_STEP_S:
        raise InputError(
            f"{path.name}: time jumps by {steps[jump]:.3g} s after row {jump + 2}; gaps longer "
            f"than {MAX_STEP_S:g} s are not bridged, so split the file there.",
            field="time",
        )
    if times[-1] - times[0] > MAX_RECORDING_S:
        raise InputError(
            f"{path.name}: the recording spans {(times[-1] - times[0]) / 86400:.3g} days; "
            f"at most {MAX_RECORDING_S / 86400:g} days are read.",
            field="time",
        )
    return dt


def write_accelerometer_csv(path: str | Path, xyz: npt.ArrayLike, sf: float) -> Path:
    """Write time (s), x, y, z (g) as CSV."""
    arr = np.asarray(xyz, dtype=np.float64)
    out = Path(path)
    frame = pd.DataFrame({"time": np.arange(len(arr)) / sf, "x": arr[:, 0], "y": arr[:, 1], "z": arr[:, 2]})
    frame.to_csv(out, index=False, float_format="%.5f")
    return out
