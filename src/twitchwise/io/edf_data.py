"""Decode EDF data records straight from a memory map: channels, TAL annotations, record onsets.

Only the channels asked for are copied out of the map. EDF+D (discontinuous) files are
laid out on recording time from the time-keeping annotation of each record; the time
between records is returned as gaps, which are not scored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from twitchwise.domain.errors import InputError
from twitchwise.io.edf_header import MAX_RECORDING_S, EdfHeader, check_signal_scaling
from twitchwise.io.recording_annotations import Annotation

_TAL = re.compile(rb"([+-][0-9.]+)(?:\x15([0-9.]*))?\x14((?:[^\x14\x00]+\x14)+)")
_KEEPER = re.compile(rb"([+-][0-9.]+)\x14\x14")


@dataclass(frozen=True)
class RecordTimes:
    """Where each data record starts, s from the first record.

    Attributes
    ----------
    onsets_s : ndarray of float64
        Start of each record.
    span_s : float
        From the first record's start to the last record's end.
    gaps : ndarray, shape (n, 2)
        ``[onset_s, duration_s]`` of each stretch between records that holds no data.
    start_s : float
        The first record's time-keeping onset (subtracted from every annotation).
    """

    onsets_s: npt.NDArray[np.float64]
    span_s: float
    gaps: npt.NDArray[np.float64]
    start_s: float


def _records(path: Path, header: EdfHeader) -> npt.NDArray[np.uint8]:
    return np.memmap(
        path,
        dtype=np.uint8,
        mode="r",
        offset=header.header_bytes,
        shape=(header.n_records, header.record_bytes),
    )


def _annotation_bytes(path: Path, header: EdfHeader) -> list[npt.NDArray[np.uint8]]:
    rec = _records(path, header)
    out = []
    for i, s in enumerate(header.signals):
        if s.label == "EDF Annotations":
            lo = header.offset_of(i)
            out.append(rec[:, lo : lo + header.bytes_per_sample * s.samples_per_record])
    return out


def record_times(path: Path, header: EdfHeader) -> RecordTimes:
    """Record onsets: from the time-keeping annotations (EDF+), else back to back."""
    chunks = _annotation_bytes(path, header) if header.edf_plus else []
    n = header.n_records
    regular = np.arange(n, dtype=np.float64) * header.record_s
    if not chunks:
        return RecordTimes(regular, header.duration_s, np.zeros((0, 2)), 0.0)
    first = chunks[0]
    onsets = np.empty(n, dtype=np.float64)
    for k in range(n):
        m = _KEEPER.match(first[k].tobytes())
        if m is None:
            if header.discontinuous:
                raise InputError(
                    f"{path.name} is EDF+D but data record {k + 1} has no time-keeping "
                    "annotation, so its time is unknown.",
                    field="file",
                )
            return RecordTimes(regular, header.duration_s, np.zeros((0, 2)), 0.0)
        onsets[k] = float(m.group(1))
    start = float(onsets[0])
    onsets -= start
    if not header.discontinuous:
        return RecordTimes(regular, header.duration_s, np.zeros((0, 2)), start)
    ends = onsets + header.record_s
    if np.any(onsets[1:] < ends[:-1] - 1e-6):
        raise InputError(
            f"{path.name} is EDF+D but its data records overlap or go back in time.",
            field="file",
        )
    span = float(ends[-1])
    if span > MAX_RECORDING_S:
        raise InputError(
            f"{path.name}: its records span {span / 86400:.3g} days; at most "
            f"{MAX_RECORDING_S / 86400:g} days are read.",
            field="file",
        )
    gap_len = onsets[1:] - ends[:-1]
    has_gap = gap_len > 1e-6
    gaps = np.column_stack((ends[:-1][has_gap], gap_len[has_gap]))
    return RecordTimes(onsets, span, gaps.reshape(-1, 2), start)


def read_annotations(path: Path, header: EdfHeader, start_s: float) -> list[Annotation]:
    """Every EDF+ annotation, onsets in s from the first record (time keepers left out)."""
    chunks = _annotation_bytes(path, header)
    if not chunks:
        return []
    raw = b"\x00".join(np.ascontiguousarray(c).tobytes() for c in chunks)
    out: list[Annotation] = []
    for m in _TAL.finditer(raw):
        try:
            onset = float(m.group(1)) - start_s
            duration = float(m.group(2)) if m.group(2) else 0.0
        except ValueError:
            continue
        for text in m.group(3).split(b"\x14")[:-1]:
            out.append(Annotation(onset, duration, text.decode("utf-8", "replace")))
    return sorted(out, key=lambda a: a.onset)


def read_channel_uv(
    path: Path, header: EdfHeader, index: int, scale_uv: float, times: RecordTimes
) -> npt.NDArray[np.float32]:
    """One EDF channel in µV (float32), laid out on recording time (gaps as zeros)."""
    s = header.signals[index]
    gain, offset = check_signal_scaling(s, path)
    spr = s.samples_per_record
    lo = header.offset_of(index)
    block = _records(path, header)[:, lo : lo + 2 * spr]
    digital = np.ascontiguousarray(block).view("<i2")  # shape (n_records, spr)
    data = np.multiply(digital, np.float32(gain * scale_uv), dtype=np.float32)
    if offset != 0.0:
        data += np.float32(offset * scale_uv)
    if not len(times.gaps):
        return data.reshape(-1)
    sf = spr / header.record_s
    out = np.zeros(round(times.span_s * sf), dtype=np.float32)
    starts = np.round(times.onsets_s * sf).astype(np.int64)
    for k in range(header.n_records):
        a = int(starts[k])
        out[a : a + spr] = data[k, : max(0, min(spr, len(out) - a))]
    return out



#: Header fields (width, value) of an added annotation signal, up to samples per record.
_FIELDS: tuple[tuple[int, str], ...] = (
    (16, "EDF Annotations"),
    (80, ""),
    (8, ""),
    (8, "-1"),
    (8, "1"),
    (8, "-32768"),
    (8, "32767"),
    (80, ""),
)


def _tal(a: Annotation) -> bytes:
    def num(x: float) -> str:
        return f"{x:.3f}".rstrip("0").rstrip(".") or "0"

    onset = ("+" if a.onset >= 0 else "-") + num(abs(a.onset))
    duration = f"\x15{num(a.duration)}" if a.duration > 0 else ""
    return f"{onset}{duration}\x14{a.text}\x14\x00".encode()


def copy_with_annotations(
    src: Path, dst: Path, header: EdfHeader, times: RecordTimes, events: list[Annotation]
) -> Path:
    """Copy an EDF+ file byte for byte, with ``events`` in one added annotation signal.

    The data records, their onsets (EDF+D) and the file's own annotations are kept as
    they are; each event goes into the record it falls in. Onsets are in recording time
    (s from the first record), shifted back to the file's own time keeping.
    """
    rec = _records(src, header)
    per_record: list[list[bytes]] = [[] for _ in range(header.n_records)]
    for a in events:
        k = max(0, int(np.searchsorted(times.onsets_s, a.onset, side="right")) - 1)
        per_record[k].append(_tal(Annotation(a.onset + times.start_s, a.duration, a.text)))
    need = max((sum(len(t) for t in tals) for tals in per_record), default=0)
    spr = max(1, -(-need // header.bytes_per_sample))
    width = spr * header.bytes_per_sample
    ns = len(header.signals)
    with src.open("rb") as fh:
        head = bytearray(fh.read(256))
        block = fh.read(256 * ns)
    head[184:192] = f"{256 * (ns + 2)}".ljust(8).encode("ascii")
    head[252:256] = f"{ns + 1}".ljust(4).encode("ascii")
    values = [*_FIELDS, (8, str(spr)), (32, "")]
    out_block = b""
    at = 0
    for w, value in values:
        out_block += block[at : at + w * ns] + value.ljust(w).encode("ascii")
        at += w * ns
    with dst.open("wb") as fh:
        fh.write(bytes(head) + out_block)
        for k in range(header.n_records):
            fh.write(rec[k].tobytes() + b"".join(per_record[k]).ljust(width, b"\x00"))
    return dst
