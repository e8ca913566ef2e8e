"""Score an uploaded recording (through the recordings service) and keep its outputs briefly in memory.

The upload is written to a private temporary file only while it is scored, then deleted.
Results (summary, events, plot) stay in this process's memory for :data:`KEEP_SECONDS`
so the page can offer the events download; nothing is written to the database or a log.
"""

from __future__ import annotations

import base64
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from twitchwise.domain.errors import InputError
from twitchwise.web.api_models import jsonable

KEEP_SECONDS = 30 * 60
KEEP_MAX = 8
ALLOWED_SUFFIXES = (".edf", ".bdf", ".csv")


@dataclass
class ScoredUpload:
    """What the page shows and offers for download."""

    filename: str
    summary: dict[str, Any]
    events_tsv: str
    events: list[dict[str, Any]]
    plot_png_b64: str | None
    created: float


_store: OrderedDict[str, ScoredUpload] = OrderedDict()
_lock = threading.Lock()


def score_upload(stream: BinaryIO, filename: str, rules: str = "wasm2016", with_plot: bool = False) -> ScoredUpload:
    """Score an uploaded file (EDF/BDF polysomnogram or accelerometer CSV).

    Raises
    ------
    InputError
        Wrong file type, or a file that cannot be read or scored.
    """
    # The recordings service loads SciPy, MNE and matplotlib: imported on first upload.
    from twitchwise.services import recordings as rec_svc

    name = Path(filename or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise InputError("file must be an .edf or .bdf polysomnogram or an accelerometer .csv.", "file")
    if rules not in ("wasm2016", "aasm"):
        raise InputError("rules must be wasm2016 or aasm.", "rules")
    with tempfile.TemporaryDirectory(prefix="twitchwise-upload-") as tmp:
        # The scored file keeps (a safe form of) its name: the plot's title shows it.
        safe_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).stem).strip("._") or "recording"
        path = Path(tmp) / f"{safe_stem}{suffix}"
        with path.open("wb") as out:
            shutil.copyfileobj(stream, out, length=1024 * 1024)
        if path.stat().st_size == 0:
            raise InputError("the uploaded file is empty.", "file")
        try:
            scored = rec_svc.score_recording(path, rules=rules)
            events_path = Path(tmp) / "events.tsv"
            rec_svc.write_outputs(scored, events=events_path)
            plot_b64 = None
            if with_plot and scored.kind == "psg":
                plot_path = Path(tmp) / "night.png"
                rec_svc.write_outputs(scored, plot=plot_path)
                plot_b64 = base64.b64encode(plot_path.read_bytes()).decode()
        except InputError as exc:
            raise InputError(exc.message.replace(path.name, name), exc.field or "file") from None
        except (ValueError, OSError, KeyError, IndexError) as exc:
            raise InputError(f"{name} could not be read as a recording ({type(exc).__name__}).", "file") from None
        summary = scored.summary() | {"file": name}
        events = jsonable(scored.result.events.to_dict(orient="records"))
        return ScoredUpload(name, jsonable(summary), events_path.read_text(encoding="utf-8"), events, plot_b64,
                            time.time())  # fmt: skip


def keep(upload: ScoredUpload) -> str:
    """Keep an upload's outputs in memory; returns its random key."""
    key = secrets.token_urlsafe(16)
    with _lock:
        now = time.time()
        for k in [k for k, v in _store.items() if now - v.created > KEEP_SECONDS]:
            del _store[k]
        _store[key] = upload
        while len(_store) > KEEP_MAX:
            _store.popitem(last=False)
    return key


def kept(key: str) -> ScoredUpload | None:
    """A kept upload, or None when unknown or expired."""
    with _lock:
        found = _store.get(key)
    if found is None or time.time() - found.created > KEEP_SECONDS:
        return None
    return found
