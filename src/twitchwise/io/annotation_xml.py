"""Scored-event XML files: NSRR (``PSGAnnotation/ScoredEvents``) and Compumedics Profusion.

Both are read with the standard library's parser after two guards: the file is at most
``MAX_XML_BYTES`` and holds no document type or entity declarations (which is what
entity-expansion attacks need), so a hostile file is refused before it is parsed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from twitchwise.domain.errors import InputError
from twitchwise.io.recording_annotations import Annotation

#: Largest annotation XML read, bytes (a night's scored events are a few MB).
MAX_XML_BYTES = 100 * 1024**2

#: Stage codes of NSRR ``EventConcept`` ("Stage 2 sleep|2") and Profusion ``SleepStage``.
_STAGE_TEXT = {
    "0": "Sleep stage W",
    "1": "Sleep stage N1",
    "2": "Sleep stage N2",
    "3": "Sleep stage N3",
    "4": "Sleep stage N3",
    "5": "Sleep stage R",
}


def read_xml_annotations(path: str | Path) -> list[Annotation]:
    """Annotations (stages as "Sleep stage X", events by name) from an NSRR or Profusion XML.

    Parameters
    ----------
    path : str or Path
        An NSRR XML (``<PSGAnnotation><ScoredEvents>``) or a Compumedics Profusion XML
        (``<CMPStudyConfig>`` with ``<ScoredEvents>`` and ``<SleepStages>``).

    Returns
    -------
    list of Annotation
        Onsets and durations in seconds from the recording start, sorted by onset.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"annotation file {p} does not exist.", field="annotations")
    if p.stat().st_size > MAX_XML_BYTES:
        raise InputError(
            f"annotation file {p.name} is over {MAX_XML_BYTES // 1024**2} MB; "
            "scored-event XML files are far smaller.",
            field="annotations",
        )
    raw = p.read_bytes()
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise InputError(
            f"annotation file {p.name} declares a document type or entities, "
            "which scored-event XML files do not; it was not read.",
            field="annotations",
        )
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise InputError(f"annotation file {p.name} is not valid XML ({exc}).", "annotations") from None
    if root.tag == "CMPStudyConfig":
        out = _profusion(root, p)
    elif root.find("ScoredEvents") is not None:
        out = _nsrr(root, p)
    else:
        raise InputError(
            f"annotation file {p.name} is XML but neither NSRR (ScoredEvents) nor "
            "Compumedics Profusion (CMPStudyConfig).",
            field="annotations",
        )
    return sorted(out, key=lambda a: a.onset)


def _seconds(node: ET.Element, tag: str, path: Path, default: float | None = None) -> float:
    text = (node.findtext(tag) or "").strip()
    if not text and default is not None:
        return default
    try:
        value = float(text)
    except ValueError:
        raise InputError(
            f"annotation file {path.name}: <{tag}> is {text!r}; seconds (a number) are needed.",
            field="annotations",
        ) from None
    if value != value or value < 0 or value == float("inf"):
        raise InputError(
            f"annotation file {path.name}: <{tag}> is {text!r}; seconds >= 0 are needed.",
            field="annotations",
        )
    return value


def _nsrr(root: ET.Element, path: Path) -> list[Annotation]:
    out = []
    for ev in root.iter("ScoredEvent"):
        concept = (ev.findtext("EventConcept") or "").strip()
        kind = (ev.findtext("EventType") or "").strip().lower()
        name, _, code = concept.partition("|")
        onset = _seconds(ev, "Start", path)
        duration = _seconds(ev, "Duration", path, 0.0)
        is_stage = kind.startswith("stages")
        text = _STAGE_TEXT.get(code.strip(), "Sleep stage ?") if is_stage else name.strip()
        if text:
            out.append(Annotation(onset, duration, text))
    return out


def _profusion(root: ET.Element, path: Path) -> list[Annotation]:
    epoch = _seconds(root, "EpochLength", path, 30.0) or 30.0
    out = []
    for ev in root.iter("ScoredEvent"):
        name = (ev.findtext("Name") or "").strip()
        if name:
            out.append(
                Annotation(_seconds(ev, "Start", path), _seconds(ev, "Duration", path, 0.0), name)
            )
    stages = root.find("SleepStages")
    for i, node in enumerate(stages.findall("SleepStage") if stages is not None else []):
        code = (node.text or "").strip()
        out.append(Annotation(i * epoch, epoch, _STAGE_TEXT.get(code, "Sleep stage ?")))
    return out
