"""EDF+D built in tmp_path: a leg movement after a gap is placed in recording time everywhere."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from twitchwise.io.edf_header import read_edf_header
from twitchwise.io.edf_recordings import read_annotation_file, read_night, write_night_edf
from twitchwise.services.recordings import score_recording, write_outputs

SF = 256.0
GAP_S = 20.0  # onsets up to +79, so each time-keeping TAL (with its 0 byte) fits 6 bytes


def _discontinuous(path: Path) -> Path:
    """60 one-second records; records from 30 s on start GAP_S later (EDF+D)."""
    rng = np.random.default_rng(0)
    legs = {"LAT": rng.normal(0, 2, int(60 * SF)), "RAT": rng.normal(0, 2, int(60 * SF))}
    burst = slice(int(40 * SF), int(41.5 * SF))  # a 1.5-s movement at 40 s of data
    legs["LAT"][burst] += rng.normal(0, 40, burst.stop - burst.start)
    write_night_edf(path, legs, SF)
    header = read_edf_header(path)
    raw = bytearray(path.read_bytes())
    raw[192:197] = b"EDF+D"
    ann = header.offset_of(header.labels.index("EDF Annotations"))
    for k in range(30, 60):
        at = header.header_bytes + k * header.record_bytes + ann
        tal = f"+{k + int(GAP_S)}".encode() + b"\x14\x14"
        raw[at : at + 6] = tal.ljust(6, b"\x00")
    path.write_bytes(bytes(raw))
    return path


def test_movement_after_a_gap_is_in_recording_time(tmp_path: Path) -> None:
    path = _discontinuous(tmp_path / "d.edf")
    night = read_night(path)
    assert night.duration_s == 60 + GAP_S
    assert night.gaps.tolist() == [[30.0, GAP_S]]
    assert len(night.legs["left"]) == int((60 + GAP_S) * SF)

    scored = score_recording(path)
    s = scored.summary()
    assert s["recording_hours"] == round((60 + GAP_S) / 3600, 4)
    assert s["time_not_recorded_s"] == GAP_S
    # the gap counts as neither sleep nor scored time
    assert s["sleep_hours"] <= round(60 / 3600, 4)
    events = scored.result.events
    assert len(events) == 1 and abs(events["onset"][0] - (40 + GAP_S)) < 0.3

    out_edf, out_tsv = tmp_path / "out.edf", tmp_path / "events.tsv"
    write_outputs(scored, events=out_tsv, edf_out=out_edf)
    assert abs(pd.read_csv(out_tsv, sep="\t")["onset"][0] - (40 + GAP_S)) < 0.3
    written = [a for a in read_annotation_file(out_edf) if a.text.startswith("LM")]
    assert len(written) == 1 and abs(written[0].onset - events["onset"][0]) < 0.01
    assert read_night(out_edf).gaps.tolist() == [[30.0, GAP_S]]
