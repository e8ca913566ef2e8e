"""NSRR and Compumedics Profusion scored-event XML passed as annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from twitchwise.domain.errors import InputError
from twitchwise.io.edf_recordings import read_annotation_file
from twitchwise.io.recording_annotations import night_annotations
from twitchwise.signals import sleep_stages as st

NSRR = """<?xml version="1.0" encoding="UTF-8"?>
<PSGAnnotation>
<SoftwareVersion>Compumedics</SoftwareVersion>
<EpochLength>30</EpochLength>
<ScoredEvents>
<ScoredEvent><EventType/><EventConcept>Recording Start Time</EventConcept><Start>0</Start>
<Duration>120.0</Duration><ClockTime>00.00.00 22.00.00</ClockTime></ScoredEvent>
<ScoredEvent><EventType>Stages|Stages</EventType><EventConcept>Wake|0</EventConcept>
<Start>0.0</Start><Duration>30.0</Duration></ScoredEvent>
<ScoredEvent><EventType>Stages|Stages</EventType><EventConcept>Stage 2 sleep|2</EventConcept>
<Start>30.0</Start><Duration>60.0</Duration></ScoredEvent>
<ScoredEvent><EventType>Stages|Stages</EventType><EventConcept>REM sleep|5</EventConcept>
<Start>90.0</Start><Duration>30.0</Duration></ScoredEvent>
<ScoredEvent><EventType>Respiratory|Respiratory</EventType>
<EventConcept>Obstructive apnea|Obstructive Apnea</EventConcept><Start>40.5</Start>
<Duration>12.0</Duration><SignalLocation>Airflow</SignalLocation></ScoredEvent>
</ScoredEvents>
</PSGAnnotation>
"""

PROFUSION = """<?xml version="1.0" encoding="UTF-8"?>
<CMPStudyConfig>
<EpochLength>30</EpochLength>
<ScoredEvents>
<ScoredEvent><Name>Hypopnea</Name><Start>45</Start><Duration>15</Duration><Input>Nasal</Input></ScoredEvent>
<ScoredEvent><Name>Arousal (ASDA)</Name><Start>70</Start><Duration>5</Duration></ScoredEvent>
</ScoredEvents>
<SleepStages><SleepStage>0</SleepStage><SleepStage>1</SleepStage><SleepStage>3</SleepStage>
<SleepStage>5</SleepStage></SleepStages>
</CMPStudyConfig>
"""


@pytest.mark.parametrize(
    ("text", "stages", "resp"),
    [
        (NSRR, [st.WAKE, st.N2, st.N2, st.REM], [[40.5, 12.0]]),
        (PROFUSION, [st.WAKE, st.N1, st.N3, st.REM], [[45.0, 15.0]]),
    ],
    ids=["nsrr", "profusion"],
)
def test_xml_scored_events(tmp_path: Path, text: str, stages: list[int], resp: list[list[float]]) -> None:
    path = tmp_path / "night.xml"
    path.write_text(text)
    hyp, events = night_annotations(read_annotation_file(path), duration_s=120.0)
    assert hyp is not None and hyp.tolist() == stages
    assert events.tolist() == resp


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "declares a document type"),
        ("<PSGAnnotation><ScoredEvents>", "is not valid XML"),
        ("<Other/>", "neither NSRR"),
        (
            "<PSGAnnotation><ScoredEvents><ScoredEvent><EventConcept>Arousal|Arousal</EventConcept>"
            "<Start>soon</Start></ScoredEvent></ScoredEvents></PSGAnnotation>",
            "<Start> is 'soon'; seconds",
        ),
    ],
)
def test_bad_xml_gives_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(text)
    with pytest.raises(InputError, match=message) as info:
        read_annotation_file(path)
    assert "\n" not in info.value.message
