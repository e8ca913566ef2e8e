"""EDF/BDF headers, read and checked against resource budgets before any data is touched.

Every figure that sizes an allocation (number of records, record duration, samples per
record, header bytes) is checked against the file's size and against fixed budgets, so a
malformed or hostile header is refused in milliseconds with one sentence instead of
raising deep inside a reader or allocating gigabytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from twitchwise.domain.errors import InputError

#: Longest recording read, s (7 days; a night is ~8 h).
MAX_RECORDING_S = 7 * 24 * 3600.0
#: Highest sampling rate of one signal, Hz.
MAX_SF = 100_000.0
#: Most signals in one file.
MAX_SIGNALS = 1024
#: Labels of the EDF+/BDF+ annotation signals.
ANNOTATION_LABELS = frozenset({"EDF Annotations", "BDF Annotations"})
#: Most bytes decoded for the channels read (float32 per sample).
MAX_DECODED_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class SignalHeader:
    """One signal's header fields (physical values in ``unit``)."""

    label: str
    unit: str
    physical_min: float
    physical_max: float
    digital_min: int
    digital_max: int
    samples_per_record: int

    def sf(self, record_s: float) -> float:
        """Sampling rate, Hz."""
        return self.samples_per_record / record_s if record_s > 0 else 0.0


@dataclass(frozen=True)
class EdfHeader:
    """The parts of an EDF/BDF header needed to read it safely.

    Attributes
    ----------
    n_records : int
        Data records in the file (counted from the file size when the header says -1).
    record_s : float
        Duration of one data record, s.
    header_bytes : int
        Bytes before the first data record.
    bytes_per_sample : int
        2 (EDF) or 3 (BDF).
    discontinuous : bool
        True for EDF+D / BDF+D (record onsets from the time-keeping annotations).
    announced_records : int
        The header's own figure (-1 while a device is still recording).
    """

    signals: tuple[SignalHeader, ...]
    n_records: int
    record_s: float
    header_bytes: int
    bytes_per_sample: int
    edf_plus: bool
    discontinuous: bool
    announced_records: int

    @property
    def labels(self) -> list[str]:
        """Channel labels."""
        return [s.label for s in self.signals]

    @property
    def data_labels(self) -> list[str]:
        """Labels of the signals that are not EDF+/BDF+ annotations."""
        return [s.label for s in self.signals if s.label not in ANNOTATION_LABELS]

    @property
    def record_bytes(self) -> int:
        """Bytes of one data record."""
        return sum(s.samples_per_record for s in self.signals) * self.bytes_per_sample

    @property
    def duration_s(self) -> float:
        """Recorded time (records × record duration), s."""
        return self.n_records * self.record_s

    def offset_of(self, index: int) -> int:
        """Byte offset of signal ``index`` inside a data record."""
        return sum(s.samples_per_record for s in self.signals[:index]) * self.bytes_per_sample


def _number(text: str, name: str, path: Path, integer: bool = False) -> float:
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        raise InputError(
            f"{path.name} has a bad header: {name} is {text!r}, not a number.", field="file"
        ) from None
    if not math.isfinite(value):
        raise InputError(
            f"{path.name} has a bad header: {name} is {text!r}; a finite number is needed.",
            field="file",
        )
    return value


def read_edf_header(path: Path) -> EdfHeader:
    """Read and check an EDF/BDF header without reading any data.

    Raises
    ------
    InputError
        If the file is not EDF/BDF, is truncated, or its header would make the reader
        allocate more than the budgets (``MAX_RECORDING_S``, ``MAX_SF``,
        ``MAX_DECODED_BYTES``) allow.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(256)
            if len(head) < 256:
                raise InputError(f"{path.name} is not an EDF/BDF file (too short).", "file")
            try:
                ns = int(head[252:256].decode("ascii").strip())
            except (ValueError, UnicodeDecodeError):
                raise InputError(
                    f"{path.name} is not a valid EDF/BDF file (bad header).", "file"
                ) from None
            if not 1 <= ns <= MAX_SIGNALS:
                raise InputError(
                    f"{path.name} has a bad header: number of signals is {ns}; "
                    f"1 to {MAX_SIGNALS} are allowed.",
                    field="file",
                )
            sig = fh.read(256 * ns)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}.", "file") from None
    if head[:1] not in (b"0", b"\xff"):
        raise InputError(f"{path.name} is not a valid EDF/BDF file (bad header).", "file")
    if len(sig) < 256 * ns:
        raise InputError(f"{path.name} is truncated inside its header.", "file")
    is_bdf = head[:1] == b"\xff"
    reserved = head[192:236].decode("latin-1").strip().upper()
    header_bytes = int(_number(head[184:192].decode("latin-1").strip(), "header bytes", path, True))
    if header_bytes != 256 * (ns + 1):
        raise InputError(
            f"{path.name} has a bad header: the header-bytes field says {header_bytes} but "
            f"{ns} signals need {256 * (ns + 1)}.",
            field="file",
        )
    announced = int(_number(head[236:244].decode("latin-1").strip(), "number of records", path, True))
    record_s = _number(head[244:252].decode("latin-1").strip(), "record duration", path)
    signals = _signal_headers(sig, ns, path)
    bytes_per_sample = 3 if is_bdf else 2
    record_bytes = sum(s.samples_per_record for s in signals) * bytes_per_sample
    if record_bytes <= 0:
        raise InputError(f"{path.name} has a bad header: its data records are empty.", "file")
    available = (size - header_bytes) // record_bytes
    if announced == -1:
        n_records = available
    elif announced < 0:
        raise InputError(
            f"{path.name} has a bad header: number of records is {announced}; "
            "-1 (unknown) or a count is allowed.",
            field="file",
        )
    elif announced > available:
        raise InputError(
            f"{path.name} is truncated: its header announces {announced} data records "
            f"but the file holds {max(available, 0)}.",
            field="file",
        )
    else:
        n_records = announced
    if n_records <= 0:
        raise InputError(
            f"{path.name} holds no data records"
            + (" (its header says -1: the device was still recording)." if announced == -1 else "."),
            field="file",
        )
    header = EdfHeader(
        signals=signals,
        n_records=n_records,
        record_s=record_s,
        header_bytes=header_bytes,
        bytes_per_sample=bytes_per_sample,
        edf_plus=reserved.startswith(("EDF+", "BDF+")),
        discontinuous=reserved.startswith(("EDF+D", "BDF+D")),
        announced_records=announced,
    )
    _check_budget(header, path)
    return header


def _signal_headers(sig: bytes, ns: int, path: Path) -> tuple[SignalHeader, ...]:
    def column(offset: int, width: int) -> list[str]:
        start = offset * ns
        return [
            sig[start + width * i : start + width * (i + 1)].decode("latin-1").strip()
            for i in range(ns)
        ]

    labels, units = column(0, 16), column(96, 8)
    pmin, pmax, dmin, dmax = column(104, 8), column(112, 8), column(120, 8), column(128, 8)
    spr = column(216, 8)
    out = []
    for i in range(ns):
        lab = labels[i] or f"signal {i + 1}"
        s = SignalHeader(
            label=labels[i],
            unit=units[i],
            physical_min=_number(pmin[i], f"physical minimum of {lab!r}", path),
            physical_max=_number(pmax[i], f"physical maximum of {lab!r}", path),
            digital_min=int(_number(dmin[i], f"digital minimum of {lab!r}", path, True)),
            digital_max=int(_number(dmax[i], f"digital maximum of {lab!r}", path, True)),
            samples_per_record=int(_number(spr[i], f"samples per record of {lab!r}", path, True)),
        )
        if s.samples_per_record < 0:
            raise InputError(
                f"{path.name} has a bad header: samples per record of {lab!r} is "
                f"{s.samples_per_record}; it must be 0 or more.",
                field="file",
            )
        out.append(s)
    return tuple(out)


def _check_budget(header: EdfHeader, path: Path) -> None:
    record_s = header.record_s
    data_signals = [s for s in header.signals if s.label not in ANNOTATION_LABELS]
    if record_s < 0 or (record_s == 0 and any(s.samples_per_record for s in data_signals)):
        raise InputError(
            f"{path.name} has a bad header: record duration is {record_s:g} s; "
            "a positive duration is needed for signals.",
            field="file",
        )
    if header.duration_s > MAX_RECORDING_S:
        raise InputError(
            f"{path.name} has a bad header: {header.n_records} records of {record_s:g} s "
            "(the number-of-records and record-duration fields) make "
            f"{header.duration_s / 86400:.3g} days; at most {MAX_RECORDING_S / 86400:g} days "
            "are read.",
            field="file",
        )
    for s in data_signals:
        if record_s > 0 and s.sf(record_s) > MAX_SF:
            raise InputError(
                f"{path.name} has a bad header: {s.label!r} would be sampled at "
                f"{s.sf(record_s):.3g} Hz; at most {MAX_SF:g} Hz is allowed.",
                field="file",
            )


def check_signal_scaling(s: SignalHeader, path: Path) -> tuple[float, float]:
    """Gain and offset turning digital values into physical ones; InputError if undefined."""
    if s.digital_max <= s.digital_min:
        raise InputError(
            f"{path.name}: channel {s.label!r} has digital minimum {s.digital_min} and maximum "
            f"{s.digital_max}; the maximum must be greater.",
            field="file",
        )
    if s.physical_max == s.physical_min:
        raise InputError(
            f"{path.name}: channel {s.label!r} has equal physical minimum and maximum "
            f"({s.physical_min:g}); they must differ.",
            field="file",
        )
    gain = (s.physical_max - s.physical_min) / (s.digital_max - s.digital_min)
    return gain, s.physical_max - gain * s.digital_max


def check_decoded_size(header: EdfHeader, indices: list[int], path: Path) -> None:
    """Refuse before decoding if the chosen channels would take more than the budget."""
    n = sum(header.signals[i].samples_per_record for i in indices) * header.n_records
    if n * 4 > MAX_DECODED_BYTES:
        raise InputError(
            f"{path.name}: the leg channels hold {n:,} samples ({n * 4 / 1024**3:.1f} GB "
            f"decoded); at most {MAX_DECODED_BYTES / 1024**3:g} GB are read.",
            field="file",
        )
