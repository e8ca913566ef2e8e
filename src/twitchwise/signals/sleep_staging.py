"""Automatic sleep staging with YASA's packaged classifiers, for nights without a hypnogram.

The PLMS index needs a sleep-time denominator: leg movements per hour of *sleep*. When a
recording comes without a scored hypnogram, YASA (Vallat & Walker 2021, eLife 10:e70092) stages
it in 30-s epochs from one central EEG channel, with an EOG and a chin EMG channel where present,
using the LightGBM classifiers shipped inside the ``yasa`` package (nothing is downloaded). Its
agreement with human scorers is about 85 % (median over several thousand nights), so a result
staged this way says so, and the stage source travels with every output.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from twitchwise.domain.errors import InputError

#: YASA's stage codes, as the scorer's hypnogram expects them.
STAGE_CODES: dict[str, int] = {"W": 0, "N1": 1, "N2": 2, "N3": 3, "R": 4}
EPOCH_S = 30.0
#: YASA needs at least this much signal to stage (its features use 5-min windows).
MIN_DURATION_S = 5 * 60.0
#: Sampling rates below this cannot carry the EEG bands the classifier uses.
MIN_SF_HZ = 100.0
STAGE_SOURCE = "automatic (YASA 0.7 LightGBM classifier)"

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SleepStagingResult:
    """One night staged automatically.

    Attributes
    ----------
    stages : ndarray of int
        One YASA stage code per 30-s epoch (W=0, N1=1, N2=2, N3=3, R=4).
    confidence : ndarray of float
        The classifier's probability of the chosen stage per epoch (0-1).
    channels : dict
        Which channel (by label) served as EEG, EOG and EMG.
    """

    stages: IntArray
    confidence: FloatArray
    channels: dict[str, str]
    epoch_s: float = EPOCH_S
    source: str = STAGE_SOURCE

    def summary(self) -> dict[str, Any]:
        """Minutes per stage, sleep time (h), the mean confidence and where the stages came from."""
        minutes = {name: float(np.sum(self.stages == code)) * self.epoch_s / 60.0 for name, code in STAGE_CODES.items()}
        sleep_min = sum(v for k, v in minutes.items() if k != "W")
        return {
            "stage_source": self.source,
            "staged_epochs": len(self.stages),
            **{f"minutes_{name}": round(v, 1) for name, v in minutes.items()},
            "sleep_hours_staged": round(sleep_min / 60.0, 3),
            "staging_mean_confidence": round(float(np.mean(self.confidence)) if len(self.confidence) else 0.0, 3),
        }


def import_yasa() -> Any:
    """Import YASA with numba's compiled functions cached on disk.

    YASA's features come from antropy, whose numba functions are compiled eagerly when antropy
    is imported, without numba's on-disk cache: about 10 s on every start, longer than staging
    a whole night. During that one import, ``numba.jit`` defaults to ``cache=True``, with the
    cache in the user's cache folder (``NUMBA_CACHE_DIR`` wins when set), so only the first
    start compiles. Imported lazily: YASA pulls in MNE, LightGBM and numba, which only
    staging needs.
    """
    import os
    import sys

    if "yasa" in sys.modules:
        return sys.modules["yasa"]
    if "NUMBA_CACHE_DIR" not in os.environ:
        import platformdirs

        os.environ["NUMBA_CACHE_DIR"] = os.path.join(platformdirs.user_cache_dir("twitchwise"), "numba")
    import numba

    plain_jit = numba.jit

    def cached_jit(*args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cache", True)
        return plain_jit(*args, **kwargs)

    numba.jit = cached_jit
    try:
        import yasa
    finally:
        numba.jit = plain_jit
    return yasa


def _at_100_hz(channels: dict[str, npt.NDArray[Any]], sf: float) -> tuple[npt.NDArray[np.float64], float]:
    """Every channel in volts at 100 Hz (YASA's rate), filled into one float64 array."""
    from fractions import Fraction

    from scipy import signal

    ratio = Fraction(100, 1) / Fraction(sf).limit_denominator(1000)
    up, down = ratio.numerator, ratio.denominator
    if up > 1000 or down > 1000:  # an odd rate: left to MNE
        rows = np.vstack([np.asarray(v, dtype=np.float64) for v in channels.values()])
        return rows * 1e-6, float(sf)
    n = len(next(iter(channels.values())))
    out = np.empty((len(channels), -(-n * up // down)), dtype=np.float64)
    for i, v in enumerate(channels.values()):
        x = np.asarray(v, dtype=np.float32)
        out[i] = signal.resample_poly(x, up, down) if (up, down) != (1, 1) else x
    out *= 1e-6
    return out, 100.0


def stage_sleep(
    eeg: npt.ArrayLike,
    sf: float,
    eog: npt.ArrayLike | None = None,
    emg: npt.ArrayLike | None = None,
    *,
    age: float | None = None,
    male: bool | None = None,
    labels: dict[str, str] | None = None,
) -> SleepStagingResult:
    """Stage a night in 30-s epochs from EEG (and EOG and chin EMG where present).

    Parameters
    ----------
    eeg : array_like, shape (n_samples,)
        One central EEG derivation (C3-M2, C4-M1 or similar), in microvolts (µV).
    sf : float
        Sampling rate of all the signals, in Hz (at least 100 Hz).
    eog, emg : array_like, optional
        An EOG and a chin EMG channel at the same rate, in µV.
    age : float, optional
        Age in years; male : bool, optional. YASA's classifier uses them when given.
    labels : dict, optional
        The channels' labels, reported in the result.

    Returns
    -------
    SleepStagingResult

    Raises
    ------
    InputError
        If the signal is shorter than 5 minutes, the rate is below 100 Hz, or the lengths differ.
    """
    eeg_v = np.asarray(eeg)
    if not np.isfinite(sf) or sf < MIN_SF_HZ:
        raise InputError(f"automatic sleep staging needs EEG sampled at {MIN_SF_HZ:g} Hz or more.", field="sf")
    if eeg_v.ndim != 1 or len(eeg_v) / sf < MIN_DURATION_S:
        raise InputError("automatic sleep staging needs at least 5 minutes of one EEG channel.", field="eeg")
    channels = {"EEG": eeg_v}
    for name, sig in {"eog": eog, "emg": emg}.items():
        if sig is None:
            continue
        v = np.asarray(sig)
        if v.shape != eeg_v.shape:
            raise InputError(f"the {name.upper()} channel must have as many samples as the EEG.", field=name)
        channels[name.upper()] = v
    names = list(channels)
    import mne

    yasa = import_yasa()

    # YASA works at 100 Hz: resampled here, one channel at a time in float32 (polyphase),
    # so that neither MNE's FFT resampling of the whole night nor a float64 copy of every
    # channel at the recording's rate is held (an 8-hour night: ~0.4 GB less at the peak).
    data, rate = _at_100_hz(channels, sf)
    info = mne.create_info(names, rate, ch_types="eeg", verbose=False)
    raw = mne.io.RawArray(data, info, verbose=False, copy="info")  # MNE holds volts
    metadata: dict[str, Any] | None = None
    if age is not None and male is not None:
        metadata = {"age": float(age), "male": bool(male)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn/lightgbm version notes are not the user's concern
        staging = yasa.SleepStaging(
            raw,
            eeg_name="EEG",
            eog_name="EOG" if "EOG" in names else None,
            emg_name="EMG" if "EMG" in names else None,
            metadata=metadata,
        )
        predicted = staging.predict()
        proba = staging.predict_proba()
    # YASA 0.7 returns a Hypnogram whose integer form uses the same codes as the scorer.
    stages = np.asarray(predicted.as_int().to_numpy() if hasattr(predicted, "as_int") else
                        [STAGE_CODES[str(s)] for s in predicted], dtype=np.int64)  # fmt: skip
    confidence = np.asarray(np.asarray(proba).max(axis=1), dtype=np.float64)
    return SleepStagingResult(stages, confidence, dict(labels or {}))
