"""Read and write polysomnography recordings (EDF, EDF+, BDF) for leg-movement scoring.

Reading is lazy: the file is memory-mapped and only the leg channels (and the
EDF+ annotations) are decoded, so an 8-hour 30-channel PSG costs little more than
its two leg channels. EDF goes through edfio; BDF (24-bit) through pyedflib.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from twitchwise.domain.errors import InputError
from twitchwise.io.recording_annotations import Annotation, night_annotations, read_annotation_table

#: Scale from a channel's physical unit to microvolts.
UNIT_TO_UV = {"uv": 1.0, "µv": 1.0, "μv": 1.0, "microv": 1.0, "mv": 1e3, "v": 1e6, "nv": 1e-3}

_LEFT = re.compile(
    r"(^|[^a-z])(lat|l[-_ ]?leg|leg[-_ ]?l|left[-_ ]?leg|leg[-_ ]?left|"
    r"l[-_ ]?tib|tib[-_ ]?l|lleg\d?|l[-_ ]?at|emg[-_ ]?l)([^a-z]|$)",
    re.I,
)
_RIGHT = re.compile(
    r"(^|[^a-z])(rat|r[-_ ]?leg|leg[-_ ]?r|right[-_ ]?leg|leg[-_ ]?right|"
    r"r[-_ ]?tib|tib[-_ ]?r|rleg\d?|r[-_ ]?at|emg[-_ ]?r)([^a-z]|$)",
    re.I,
)
_EITHER = re.compile(r"(tib|leg|plm|sx1|sx2|anterior)", re.I)


@dataclass
class NightRecording:
    """The parts of a PSG needed to score leg movements.

    Attributes
    ----------
    path : Path
        The file read.
    legs : dict of str to ndarray of float32
        Leg name ("left", "right", or the channel label) to EMG in µV.
    sf : dict of str to float
        Sampling rate per leg, Hz.
    labels : dict of str to str
        Leg name to the channel label in the file.
    duration_s : float
        Recording length, s.
    annotations : list of Annotation
        Every annotation of the file (and of an annotation table, if given).
    hypnogram : ndarray of int8 or None
        Stage codes per 30-s epoch from the annotations, if any were staged.
    respiratory_events : ndarray, shape (n, 2)
        Apneas and hypopneas as ``[onset_s, duration_s]``.
    """

    path: Path
    legs: dict[str, npt.NDArray[np.float32]]
    sf: dict[str, float]
    labels: dict[str, str]
    duration_s: float
    annotations: list[Annotation] = field(default_factory=list)
    hypnogram: npt.NDArray[np.int8] | None = None
    respiratory_events: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 2)))


def find_leg_channels(labels: Sequence[str], requested: Sequence[str] | None = None) -> dict[str, str]:
    """Choose the leg EMG channels among a file's labels.

    Parameters
    ----------
    labels : sequence of str
        Channel labels of the file.
    requested : sequence of str, optional
        Labels named by the user (case and spaces ignored); otherwise found by name
        (``LAT``/``RAT``, ``Leg L``/``Leg R``, ``Tib``, ``SX1-SX2``, ...).

    Returns
    -------
    dict
        Leg name ("left", "right", or the label) to the file's label.
    """
    norm = {_norm(lab): lab for lab in labels}
    if requested:
        chosen: dict[str, str] = {}
        for want in requested:
            label = norm.get(_norm(want))
            if label is None:
                raise InputError(
                    f"leg channel {want!r} is not in the file; its channels are: {', '.join(labels)}.",
                    field="legs",
                )
            chosen[_side(label) or label] = label
        if len(chosen) < len(requested):
            chosen = {lab: lab for lab in (norm[_norm(w)] for w in requested)}
        return chosen
    found: dict[str, str] = {}
    for lab in labels:
        side = _side(lab)
        if side and side not in found:
            found[side] = lab
    if found:
        return found
    for lab in labels:
        if _EITHER.search(lab):
            return {"leg": lab}
    raise InputError(
        "no leg EMG channel found (looked for LAT, RAT, Leg L, Leg R, Tib, SX1-SX2); "
        f"name them with --legs. The file's channels are: {', '.join(labels)}.",
        field="legs",
    )


def _norm(label: str) -> str:
    return re.sub(r"\s+", "", label).lower()


def _side(label: str) -> str | None:
    if _LEFT.search(label):
        return "left"
    if _RIGHT.search(label):
        return "right"
    return None


def unit_scale(unit: str, label: str) -> float:
    """Factor that turns values in ``unit`` into microvolts; InputError if not a voltage."""
    key = unit.strip().lower().replace("volts", "v").replace("volt", "v")
    if key in UNIT_TO_UV:
        return UNIT_TO_UV[key]
    raise InputError(f"channel {label!r} is in {unit!r}; leg EMG must be in µV, mV or V.", field="units")


def check_edf_size(path: Path) -> None:
    """Raise InputError if the file is not EDF/BDF or shorter than its header says."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(256)
            if len(head) < 256:
                raise InputError(f"{path.name} is not an EDF/BDF file (too short).", "file")
            ns = int(head[252:256].decode("ascii").strip())
            n_records = int(head[236:244].decode("ascii").strip())
            sig = fh.read(256 * ns)
    except (ValueError, UnicodeDecodeError):
        raise InputError(f"{path.name} is not a valid EDF/BDF file (bad header).", "file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}.", "file") from None
    if len(sig) < 256 * ns:
        raise InputError(f"{path.name} is truncated inside its header.", "file")
    bytes_per_sample = 3 if head[:1] == b"\xff" else 2
    offset = 216 * ns
    try:
        spr = [int(sig[offset + 8 * i : offset + 8 * i + 8].decode("ascii").strip()) for i in range(ns)]
    except ValueError:
        raise InputError(f"{path.name} has a bad signal header.", "file") from None
    record_bytes = sum(spr) * bytes_per_sample
    expected = 256 * (ns + 1) + max(n_records, 0) * record_bytes
    if n_records > 0 and size < expected:
        have = (size - 256 * (ns + 1)) // max(record_bytes, 1)
        raise InputError(
            f"{path.name} is truncated: its header announces {n_records} data records "
            f"but the file holds {max(have, 0)}.",
            field="file",
        )


def read_night(
    path: str | Path,
    legs: Sequence[str] | None = None,
    annotations: str | Path | None = None,
) -> NightRecording:
    """Read the leg EMG channels, hypnogram and respiratory events of a PSG.

    Parameters
    ----------
    path : str or Path
        An EDF, EDF+ or BDF(+) file.
    legs : sequence of str, optional
        Channel labels of the legs; found by name when omitted.
    annotations : str or Path, optional
        A CSV/TSV with ``onset``, ``duration``, ``description`` columns (or one ``stage``
        per 30-s epoch), used with or instead of the file's EDF+ annotations.

    Returns
    -------
    NightRecording
        EMG converted to µV (float32).
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p} does not exist or is not a file.", field="file")
    check_edf_size(p)
    with p.open("rb") as fh:
        is_bdf = fh.read(1) == b"\xff"
    rec = _read_bdf(p, legs) if p.suffix.lower() == ".bdf" or is_bdf else _read_edf(p, legs)
    if annotations is not None:
        rec.annotations.extend(read_annotation_table(annotations))
    rec.hypnogram, rec.respiratory_events = night_annotations(rec.annotations, rec.duration_s)
    return rec


def _checked(label: str, data: npt.NDArray[np.float32], sf: float) -> npt.NDArray[np.float32]:
    if data.size == 0:
        raise InputError(f"channel {label!r} is empty.", field="legs")
    step = max(1, data.size // 100_000)  # a sample of the channel is enough to see it is flat
    if float(np.ptp(data[::step])) == 0.0 and float(np.ptp(data)) == 0.0:
        raise InputError(f"channel {label!r} is flat: it holds no signal.", field="legs")
    return data


def _read_edf(path: Path, legs: Sequence[str] | None) -> NightRecording:
    import edfio

    try:
        edf = edfio.read_edf(path, lazy_load_data=True)
    except Exception as exc:  # edfio raises plain ValueErrors on malformed files
        raise InputError(f"{path.name} is not a readable EDF file: {exc}.", field="file") from None
    labels = [s.label for s in edf.signals]
    chosen = find_leg_channels(labels, legs)
    out: dict[str, npt.NDArray[np.float32]] = {}
    rates: dict[str, float] = {}
    for leg, label in chosen.items():
        sig = edf.signals[labels.index(label)]
        scale = unit_scale(sig.physical_dimension, label)
        dig = sig.digital
        gain = (sig.physical_max - sig.physical_min) / (sig.digital_max - sig.digital_min)
        offset = sig.physical_max - gain * sig.digital_max
        data = np.multiply(dig, np.float32(gain * scale), dtype=np.float32)
        if offset != 0.0:
            data += np.float32(offset * scale)
        rates[leg] = float(sig.sampling_frequency)
        out[leg] = _checked(label, data, rates[leg])
    anns = _edf_annotations(path, edf)
    return NightRecording(
        path=path,
        legs=out,
        sf=rates,
        labels=chosen,
        duration_s=float(edf.duration),
        annotations=anns,
    )


_TAL = re.compile(rb"([+-][0-9.]+)(?:\x15([0-9.]*))?\x14((?:[^\x14\x00]+\x14)+)")


def _edf_annotations(path: Path, edf: Any) -> list[Annotation]:
    """EDF+ annotations, parsed straight from the annotation signals' bytes.

    edfio decodes every data record's TAL list in Python (a quarter second for a
    night); one regular-expression pass over the memory-mapped bytes of the
    annotation signal finds the same annotations. Falls back to edfio for anything
    unusual.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(256)
            ns = int(head[252:256].decode("ascii"))
            n_records = int(head[236:244].decode("ascii"))
            sig = fh.read(256 * ns)
        labels = [sig[16 * i : 16 * i + 16].decode("ascii", "replace").strip() for i in range(ns)]
        spr = [int(sig[216 * ns + 8 * i : 216 * ns + 8 * i + 8].decode("ascii")) for i in range(ns)]
        record = np.memmap(path, dtype=np.uint8, mode="r", offset=256 * (ns + 1), shape=(n_records, 2 * sum(spr)))
        chunks = []
        for i, label in enumerate(labels):
            if label == "EDF Annotations":
                lo = 2 * sum(spr[:i])
                chunks.append(np.ascontiguousarray(record[:, lo : lo + 2 * spr[i]]).tobytes())
        raw = b"\x00".join(chunks)
        first = re.match(rb"([+-][0-9.]+)\x14\x14", raw)
        start = float(first.group(1)) if first else 0.0
        out: list[Annotation] = []
        for m in _TAL.finditer(raw):
            onset = float(m.group(1)) - start
            duration = float(m.group(2)) if m.group(2) else 0.0
            for text in m.group(3).split(b"\x14")[:-1]:
                out.append(Annotation(onset, duration, text.decode("utf-8", "replace")))
        return sorted(out, key=lambda a: a.onset)
    except (ValueError, OSError):
        return [Annotation(float(a.onset), float(a.duration or 0.0), a.text) for a in edf.annotations]


def _read_bdf(path: Path, legs: Sequence[str] | None) -> NightRecording:
    import pyedflib

    try:
        reader = pyedflib.EdfReader(str(path))
    except OSError as exc:
        raise InputError(f"{path.name} is not a readable BDF/EDF file: {exc}.", "file") from None
    try:
        labels = [lab.strip() for lab in reader.getSignalLabels()]
        chosen = find_leg_channels(labels, legs)
        out: dict[str, npt.NDArray[np.float32]] = {}
        rates: dict[str, float] = {}
        for leg, label in chosen.items():
            i = labels.index(label)
            scale = unit_scale(reader.getPhysicalDimension(i), label)
            data = reader.readSignal(i).astype(np.float32) * np.float32(scale)
            rates[leg] = float(reader.getSampleFrequency(i))
            out[leg] = _checked(label, data, rates[leg])
        onsets, durations, texts = reader.readAnnotations()
        anns = [
            Annotation(float(o), max(float(d), 0.0), str(t)) for o, d, t in zip(onsets, durations, texts, strict=True)
        ]
        duration = float(reader.getFileDuration())
    finally:
        reader.close()
    return NightRecording(path=path, legs=out, sf=rates, labels=chosen, duration_s=duration, annotations=anns)


def write_night_edf(
    path: str | Path,
    channels: dict[str, npt.ArrayLike],
    sf: float,
    annotations: Sequence[Annotation] = (),
    physical_range_uv: float = 1000.0,
) -> Path:
    """Write EMG channels (µV) and annotations as an EDF+ file with edfio.

    Parameters
    ----------
    path : str or Path
        Output file.
    channels : dict of str to array_like
        Channel label to signal in µV (all at ``sf``).
    sf : float
        Sampling rate, Hz.
    annotations : sequence of Annotation
        Written as EDF+ annotations (hypnogram, respiratory events, scored events).
    physical_range_uv : float
        Physical range ±this, µV (values beyond are clipped; 0.03 µV resolution at 1000).
    """
    import edfio

    signals = []
    for label, data in channels.items():
        x = np.clip(np.asarray(data, dtype=np.float64), -physical_range_uv, physical_range_uv)
        dig = np.round(x / physical_range_uv * 32767).astype(np.int16)
        signals.append(
            edfio.EdfSignal.from_digital(
                dig,
                sf,
                physical_range=(-physical_range_uv * 32768 / 32767, physical_range_uv),
                digital_range=(-32768, 32767),
                label=label,
                physical_dimension="uV",
                transducer_type="AgAgCl electrodes",
                prefiltering="HP:0.1Hz LP:200Hz",
            )
        )
    edf = edfio.Edf(
        signals,
        annotations=[edfio.EdfAnnotation(a.onset, a.duration if a.duration > 0 else None, a.text) for a in annotations],
    )
    out = Path(path)
    edf.write(out)
    return out


def write_annotated_copy(src: str | Path, dst: str | Path, events: Sequence[Annotation]) -> Path:
    """Copy an EDF(+) file to ``dst`` with scored events added as EDF+ annotations."""
    import edfio

    edf = edfio.read_edf(Path(src), lazy_load_data=False)
    edf.add_annotations([edfio.EdfAnnotation(a.onset, a.duration if a.duration > 0 else None, a.text) for a in events])
    out = Path(dst)
    edf.write(out)
    return out
