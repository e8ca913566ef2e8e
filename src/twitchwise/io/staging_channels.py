"""The channels automatic sleep staging needs: one central EEG, an EOG and a chin EMG.

Chosen by the channel-label map (``channel_labels.yaml``): a central EEG derivation (C3/C4) is
preferred, then any EEG; the EOG and chin EMG are used only at the EEG's sampling rate. Read on
recording time (EDF+D gaps as zeros), in µV.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from twitchwise.domain.errors import InputError
from twitchwise.io.channel_labels import channel_kind
from twitchwise.io.edf_data import read_channel_uv, record_times
from twitchwise.io.edf_header import check_decoded_size, read_edf_header
from twitchwise.io.edf_recordings import unit_scale

_CENTRAL = (re.compile(r"^c[34]\b", re.IGNORECASE), re.compile(r"^cz\b", re.IGNORECASE))
MIN_EEG_SF_HZ = 100.0


@dataclass(frozen=True)
class StagingSignals:
    """The signals for :func:`twitchwise.signals.sleep_staging.stage_sleep`, in µV at ``sf`` Hz."""

    eeg: npt.NDArray[np.float32]
    eog: npt.NDArray[np.float32] | None
    emg: npt.NDArray[np.float32] | None
    sf: float
    labels: dict[str, str]


def read_staging_signals(path: str | Path) -> StagingSignals | None:
    """The EEG (and EOG and chin EMG) of an EDF file, or None when it has no usable EEG.

    Parameters
    ----------
    path : str or Path
        An EDF or EDF+ file (BDF files are not staged).
    """
    p = Path(path)
    header = read_edf_header(p)
    if header.bytes_per_sample != 2:
        return None
    labels = header.data_labels
    rates = {lab: header.signals[header.labels.index(lab)].sf(header.record_s) for lab in labels}
    eegs = [lab for lab in labels if channel_kind(lab) == "eeg" and rates[lab] >= MIN_EEG_SF_HZ]
    if not eegs:
        return None
    bare = {lab: re.sub(r"^eeg\s*", "", lab, flags=re.IGNORECASE) for lab in eegs}
    central = [lab for pattern in _CENTRAL for lab in eegs if pattern.search(bare[lab])]
    eeg = (central or eegs)[0]
    sf = rates[eeg]
    chosen = {"eeg": eeg}
    for kind, lab_kind in (("eog", "eog"), ("emg", "chin")):
        lab = next((lab for lab in labels if channel_kind(lab) == lab_kind and rates[lab] == sf), None)
        if lab is not None:
            chosen[kind] = lab
    times = record_times(p, header)
    data: dict[str, npt.NDArray[np.float32]] = {}
    for kind, lab in list(chosen.items()):
        index = header.labels.index(lab)
        try:
            scale = unit_scale(header.signals[index].unit, lab)
            check_decoded_size(header, [index], p)
            data[kind] = read_channel_uv(p, header, index, scale, times)
        except InputError:
            if kind == "eeg":
                return None
            chosen.pop(kind)
    return StagingSignals(data["eeg"], data.get("eog"), data.get("emg"), sf, dict(chosen))
