"""Sleep-stage codes and look-ups on a hypnogram of fixed-length epochs.

The codes follow YASA's integer convention so hypnograms move between the two
without translation: W=0, N1=1, N2=2, N3=3, R=4, artefact=-1, unscored=-2.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

WAKE: Final = 0
N1: Final = 1
N2: Final = 2
N3: Final = 3
REM: Final = 4
ARTEFACT: Final = -1
UNSCORED: Final = -2

#: The standard scoring epoch, in seconds.
EPOCH_S: Final = 30.0

STAGE_NAMES: Final[dict[int, str]] = {
    WAKE: "W",
    N1: "N1",
    N2: "N2",
    N3: "N3",
    REM: "R",
    ARTEFACT: "Art",
    UNSCORED: "Uns",
}

SLEEP_STAGES: Final = (N1, N2, N3, REM)


def stage_at(
    times_s: npt.ArrayLike, hypnogram: npt.NDArray[np.int8] | None, epoch_s: float = EPOCH_S
) -> npt.NDArray[np.int8]:
    """Stage code at each time.

    Parameters
    ----------
    times_s : array_like of float
        Times from the start of the recording, in seconds.
    hypnogram : ndarray of int8 or None
        One stage code per epoch; ``None`` means no staging, and every time is ``UNSCORED``.
    epoch_s : float
        Epoch length in seconds.

    Returns
    -------
    ndarray of int8
        The stage code of the epoch holding each time (``UNSCORED`` past the hypnogram's end).
    """
    times = np.asarray(times_s, dtype=np.float64)
    out = np.full(times.shape, UNSCORED, dtype=np.int8)
    if hypnogram is None or len(hypnogram) == 0:
        return out
    epochs = np.floor(times / epoch_s).astype(np.int64)
    inside = (epochs >= 0) & (epochs < len(hypnogram))
    out[inside] = np.asarray(hypnogram, dtype=np.int8)[epochs[inside]]
    return out


def is_sleep(stages: npt.NDArray[np.int8]) -> npt.NDArray[np.bool_]:
    """True where a stage code is N1, N2, N3 or REM."""
    return np.isin(stages, SLEEP_STAGES)


def stage_names(stages: npt.NDArray[np.int8]) -> list[str]:
    """Short names ("W", "N2", "R", ...) of stage codes; unknown codes read "Uns"."""
    return [STAGE_NAMES.get(int(s), "Uns") for s in stages]


def seconds_in_stages(
    hypnogram: npt.NDArray[np.int8],
    stages: tuple[int, ...],
    excluded: npt.NDArray[np.bool_] | None = None,
    epoch_s: float = EPOCH_S,
) -> float:
    """Time spent in the given stages, in seconds, less excluded time.

    Parameters
    ----------
    hypnogram : ndarray of int8
        One stage code per epoch.
    stages : tuple of int
        The stage codes to count.
    excluded : ndarray of bool, optional
        A per-second mask of time not to count (e.g. scoring suspended for noise).
    epoch_s : float
        Epoch length in seconds.
    """
    per_epoch = np.isin(hypnogram, stages)
    total = float(per_epoch.sum()) * epoch_s
    if excluded is None or not excluded.any():
        return total
    seconds = np.arange(len(excluded), dtype=np.float64)
    in_stage = np.zeros(len(excluded), dtype=bool)
    epochs = np.floor(seconds / epoch_s).astype(np.int64)
    inside = epochs < len(hypnogram)
    in_stage[inside] = per_epoch[epochs[inside]]
    return total - float((in_stage & excluded).sum())
