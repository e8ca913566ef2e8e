"""Read and write polysomnography recordings (EDF, EDF+, BDF) for leg-movement scoring.

Reading is lazy: the header is checked against resource budgets first
(``edf_header``), then the file is memory-mapped and only the leg channels (and the
EDF+ annotations) are decoded, so an 8-hour 30-channel PSG costs little more than
its two leg channels. EDF is decoded here (``edf_data``, EDF+D laid out on recording
time); BDF (24-bit) goes through pyedflib. Writing goes through edfio, whose warnings
are kept off stderr.
"""

from __future__ import annotations

import warnings as _warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from twitchwise.domain.errors import InputError
from twitchwise.io.annotation_xml import read_xml_annotations
from twitchwise.io.channel_labels import channel_kind, choose_legs
from twitchwise.io.edf_data import (
    copy_with_annotations,
    read_annotations,
    read_channel_uv,
    record_times,
)
from twitchwise.io.edf_header import (
    EdfHeader,
    check_decoded_size,
    check_signal_scaling,
    read_edf_header,
)
from twitchwise.io.recording_annotations import (
    Annotation,
    arousal_events,
    check_annotation_times,
    limb_movement_events,
    night_annotations,
    read_annotation_table,
    unknown_annotations_warning,
    unscored_share_warning,
)

#: Scale from a channel's physical unit to microvolts.
UNIT_TO_UV = {"uv": 1.0, "µv": 1.0, "μv": 1.0, "microv": 1.0, "mv": 1e3, "v": 1e6, "nv": 1e-3}


@dataclass
class NightRecording:
    """The parts of a PSG needed to score leg movements.

    Attributes
    ----------
    path : Path
        The file read.
    legs : dict of str to ndarray of float32
        Leg name ("left", "right", "left+right" for a cross-leg channel, or the channel
        label) to EMG in µV, on recording time.
    sf : dict of str to float
        Sampling rate per leg, Hz.
    labels : dict of str to str
        Leg name to the channel label in the file.
    duration_s : float
        Recording length (first record's start to last record's end), s.
    annotations : list of Annotation
        Every annotation of the file (and of an annotation file, if given).
    hypnogram : ndarray of int8 or None
        Stage codes per 30-s epoch from the annotations, if any were staged.
    respiratory_events : ndarray, shape (n, 2)
        Apneas and hypopneas as ``[onset_s, duration_s]``.
    arousals : ndarray, shape (n, 2), or None
        Annotated arousals as ``[onset_s, duration_s]``; None when none is annotated.
    scored_lms : ndarray, shape (n, 2), or None
        Leg movements scored by a technician in the annotations; None when none is.
    gaps : ndarray, shape (n, 2)
        ``[onset_s, duration_s]`` of time not recorded (EDF+D); not scored.
    warnings : list of str
        One sentence per assumption made while reading (blank unit, flat leg, ...).
    one_leg : bool
        True when only one leg is scored.
    ecg : ndarray of float32 or None
        The first ECG channel (by the label map), µV, on recording time; None if absent.
    ecg_sf : float
        Its sampling rate, Hz (0 without one).
    ecg_label : str
        Its label in the file ("" without one).
    """

    path: Path
    legs: dict[str, npt.NDArray[np.float32]]
    sf: dict[str, float]
    labels: dict[str, str]
    duration_s: float
    annotations: list[Annotation] = field(default_factory=list)
    hypnogram: npt.NDArray[np.int8] | None = None
    respiratory_events: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 2)))
    gaps: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 2)))
    arousals: npt.NDArray[np.float64] | None = None
    scored_lms: npt.NDArray[np.float64] | None = None
    warnings: list[str] = field(default_factory=list)
    one_leg: bool = False
    ecg: npt.NDArray[np.float32] | None = None
    ecg_sf: float = 0.0
    ecg_label: str = ""


def find_leg_channels(
    labels: Sequence[str], requested: Sequence[str] | None = None, one_leg: bool = False
) -> dict[str, str]:
    """Choose the leg EMG channels among a file's labels (see ``channel_labels.choose_legs``).

    Returns
    -------
    dict
        Leg name ("left", "right", "left+right", or the label) to the file's label.
    """
    return choose_legs(labels, requested, one_leg).channels


def unit_scale(unit: str, label: str, warnings: list[str] | None = None) -> float:
    """Factor that turns values in ``unit`` into microvolts; InputError if not a voltage.

    A blank unit is taken as µV, and a unit written with a non-ASCII byte (the latin-1 µ,
    0xB5) is read as latin-1, each with a sentence saying so added to ``warnings``.
    """
    key = unit.strip().lower().replace("volts", "v").replace("volt", "v")
    if not key:
        if warnings is not None:
            warnings.append(
                f"channel {label!r} has no physical unit in its header; its values were "
                "taken as µV."
            )
        return 1.0
    if key in UNIT_TO_UV:
        if not unit.isascii() and warnings is not None:  # only the µ of µV is not ASCII
            warnings.append(
                f"channel {label!r} gives its unit with a byte outside ASCII, which EDF does not "
                f"allow; it was read as latin-1 ({unit.strip()!r}), so its values were taken as µV."
            )
        return UNIT_TO_UV[key]
    raise InputError(
        f"channel {label!r} is in {unit!r}; leg EMG must be in µV, mV or V.", field="units"
    )


def read_night(
    path: str | Path,
    legs: Sequence[str] | None = None,
    annotations: str | Path | None = None,
    one_leg: bool = False,
) -> NightRecording:
    """Read the leg EMG channels, hypnogram and respiratory events of a PSG.

    Parameters
    ----------
    path : str or Path
        An EDF, EDF+ (continuous or discontinuous) or BDF(+) file.
    legs : sequence of str, optional
        Channel labels of the legs; found by name when omitted.
    annotations : str or Path, optional
        An annotation file: a CSV/TSV with ``onset``, ``duration``, ``description``
        columns (or one ``stage`` per 30-s epoch), or an EDF+ annotation (hypnogram)
        file; used with or instead of the file's own EDF+ annotations.
    one_leg : bool
        Score a file in which only one leg channel is found (otherwise refused).

    Returns
    -------
    NightRecording
        EMG converted to µV (float32).
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p} does not exist or is not a file.", field="file")
    header = read_edf_header(p)
    if header.bytes_per_sample == 3 or p.suffix.lower() == ".bdf":
        rec = _read_bdf(p, header, legs, one_leg)
    else:
        rec = _read_edf(p, header, legs, one_leg)
    if annotations is not None:
        rec.annotations.extend(read_annotation_file(annotations))
    outside = check_annotation_times(rec.annotations, rec.duration_s)
    if outside:
        rec.warnings.append(outside)
    rec.hypnogram, rec.respiratory_events = night_annotations(rec.annotations, rec.duration_s)
    rec.arousals = arousal_events(rec.annotations)
    rec.scored_lms = limb_movement_events(rec.annotations)
    unscored = unscored_share_warning(rec.hypnogram, rec.duration_s)
    if unscored:
        rec.warnings.append(unscored)
    unknown = unknown_annotations_warning(rec.annotations, rec.duration_s)
    if unknown:
        rec.warnings.append(unknown)
    return rec


def read_annotation_file(path: str | Path) -> list[Annotation]:
    """Annotations from a CSV/TSV table (BIDS events.tsv too), an EDF+ annotation file
    (Sleep-EDF hypnogram), or an NSRR / Compumedics Profusion scored-event XML."""
    p = Path(path)
    if p.suffix.lower() == ".xml":
        return read_xml_annotations(p)
    if p.suffix.lower() not in {".edf", ".bdf"}:
        return read_annotation_table(p)
    if not p.is_file():
        raise InputError(f"annotation file {p} does not exist.", field="annotations")
    header = read_edf_header(p)
    if not header.edf_plus or "EDF Annotations" not in header.labels:
        raise InputError(
            f"annotation file {p.name} is an EDF file without EDF+ annotations.",
            field="annotations",
        )
    times = record_times(p, header)
    return read_annotations(p, header, times.start_s)


def _data_labels(path: Path, header: EdfHeader) -> list[str]:
    labels = header.data_labels
    if not labels:
        raise InputError(
            f"{path.name} holds only annotations, no signals; if it is a hypnogram, pass it "
            "with --annotations next to the recording.",
            field="file",
        )
    return labels


def _leg_data(
    path: Path,
    header: EdfHeader,
    chosen: dict[str, str],
    read: Any,
    warnings: list[str],
) -> tuple[dict[str, npt.NDArray[np.float32]], dict[str, float], dict[str, str]]:
    """Decode each chosen leg; a flat leg is dropped with a warning unless all are flat."""
    labels = header.labels
    indices = [labels.index(lab) for lab in chosen.values()]
    check_decoded_size(header, indices, path)
    out: dict[str, npt.NDArray[np.float32]] = {}
    rates: dict[str, float] = {}
    kept: dict[str, str] = {}
    flat: list[str] = []
    for (leg, label), i in zip(chosen.items(), indices, strict=True):
        s = header.signals[i]
        scale = unit_scale(s.unit, label, warnings)
        data = read(i, scale)
        if data.size == 0:
            raise InputError(f"channel {label!r} is empty.", field="legs")
        step = max(1, data.size // 100_000)  # a sample of the channel is enough to see it
        if float(np.ptp(data[::step])) == 0.0 and float(np.ptp(data)) == 0.0:
            flat.append(label)
            continue
        out[leg], rates[leg], kept[leg] = data, s.sf(header.record_s), label
    if not out:
        raise InputError(f"channel {flat[0]!r} is flat: it holds no signal.", field="legs")
    for label in flat:
        warnings.append(
            f"leg channel {label!r} is flat (no signal); only "
            f"{', '.join(repr(v) for v in kept.values())} was scored."
        )
    return out, rates, kept


def _read_edf(
    path: Path, header: EdfHeader, legs: Sequence[str] | None, one_leg: bool
) -> NightRecording:
    choice = choose_legs(_data_labels(path, header), legs, one_leg)
    times = record_times(path, header)
    warnings: list[str] = []

    def read(index: int, scale: float) -> npt.NDArray[np.float32]:
        return read_channel_uv(path, header, index, scale, times)

    out, rates, kept = _leg_data(path, header, choice.channels, read, warnings)
    if len(kept) < len(choice.channels) or choice.one_leg:
        warnings.append("only one leg was scored: PLM counts may be too low.")
    ecg_label = next((lab for lab in header.data_labels if channel_kind(lab) == "ecg"), "")
    ecg, ecg_sf = _read_ecg(path, header, ecg_label, read)
    return NightRecording(
        path=path,
        legs=out,
        sf=rates,
        labels=kept,
        duration_s=times.span_s,
        annotations=read_annotations(path, header, times.start_s),
        gaps=times.gaps,
        warnings=warnings,
        one_leg=len(kept) == 1 and not choice.bipolar,
        ecg=ecg,
        ecg_sf=ecg_sf,
        ecg_label=ecg_label if ecg is not None else "",
    )


def _read_ecg(
    path: Path, header: EdfHeader, label: str, read: Any
) -> tuple[npt.NDArray[np.float32] | None, float]:
    """The ECG channel in µV, or None if absent, not a voltage, or not usable."""
    if not label:
        return None, 0.0
    index = header.labels.index(label)
    s = header.signals[index]
    sf = s.sf(header.record_s)
    try:
        scale = unit_scale(s.unit, label)
        check_decoded_size(header, [index], path)
        data = read(index, scale)
    except InputError:
        return None, 0.0
    return (data, sf) if sf >= 50 else (None, 0.0)


def _read_bdf(
    path: Path, header: EdfHeader, legs: Sequence[str] | None, one_leg: bool
) -> NightRecording:
    import pyedflib

    if header.discontinuous:
        raise InputError(f"{path.name}: BDF+D (discontinuous BDF) is not supported.", "file")
    choice = choose_legs(_data_labels(path, header), legs, one_leg)
    try:
        reader = pyedflib.EdfReader(str(path))
    except OSError as exc:
        raise InputError(f"{path.name} is not a readable BDF/EDF file: {exc}.", "file") from None
    warnings: list[str] = []
    try:

        def read(index: int, scale: float) -> npt.NDArray[np.float32]:
            check_signal_scaling(header.signals[index], path)
            return np.asarray(reader.readSignal(index), dtype=np.float32) * np.float32(scale)

        out, rates, kept = _leg_data(path, header, choice.channels, read, warnings)
        onsets, durations, texts = reader.readAnnotations()
        anns = [
            Annotation(float(o), max(float(d), 0.0), str(t))
            for o, d, t in zip(onsets, durations, texts, strict=True)
        ]
        duration = float(reader.getFileDuration())
    finally:
        reader.close()
    if len(kept) < len(choice.channels) or choice.one_leg:
        warnings.append("only one leg was scored: PLM counts may be too low.")
    return NightRecording(
        path=path,
        legs=out,
        sf=rates,
        labels=kept,
        duration_s=duration,
        annotations=anns,
        warnings=warnings,
        one_leg=len(kept) == 1 and not choice.bipolar,
    )


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
        annotations=[
            edfio.EdfAnnotation(a.onset, a.duration if a.duration > 0 else None, a.text)
            for a in annotations
        ],
    )
    out = Path(path)
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")
        edf.write(out)
    return out


def write_annotated_copy(src: str | Path, dst: str | Path, events: Sequence[Annotation]) -> Path:
    """Copy an EDF(+) file to ``dst`` with scored events added as EDF+ annotations.

    Event onsets are in recording time (s from the first record), as EDF+ annotations
    are; an EDF+D copy keeps each record's own onset, so they stay aligned.
    """
    import edfio

    source = Path(src)
    header = read_edf_header(source)
    times = record_times(source, header)
    out = Path(dst)
    if header.discontinuous and header.bytes_per_sample == 2:
        # edfio would renumber an EDF+D file's records back to back
        return copy_with_annotations(source, out, header, times, list(events))
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")  # edfio's header repairs are not the user's concern
        try:
            edf = edfio.read_edf(source, lazy_load_data=False)
            edf.add_annotations(
                [
                    edfio.EdfAnnotation(a.onset, a.duration if a.duration > 0 else None, a.text)
                    for a in events
                ]
            )
            edf.write(out)
        except Exception as exc:  # edfio raises plain ValueErrors on what it cannot copy
            raise InputError(
                f"{source.name} cannot be copied with annotations: {exc}.", field="edf_out"
            ) from None
    return out
