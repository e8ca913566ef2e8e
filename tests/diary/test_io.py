"""CSV, JSON and FHIR: lossless round trips, bad rows by line number, valid FHIR resources."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchwise.domain.diary import (
    DailyCheckIn,
    Diary,
    Episode,
    MedicationPeriod,
)
from twitchwise.domain.errors import InputError
from twitchwise.io import diary_csv, diary_fhir
from twitchwise.knowledge.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
MOVEMENT_KINDS, SITES, SIDES = VOCAB.movement_kinds, VOCAB.sites, VOCAB.sides

ROUND_TRIPS = [
    (diary_csv.write_csv, diary_csv.read_csv),
    (diary_csv.write_json, diary_csv.read_json),
    (diary_fhir.write_fhir, diary_fhir.read_fhir),
]


def canonical(d: Diary) -> tuple[object, ...]:
    eps = sorted(
        (e.start.isoformat(), str(e.start.tzinfo), e.duration_s, e.site, e.side, e.kind,
         e.intensity, e.notes, e.symptoms) for e in d.episodes
    )  # fmt: skip
    meds = sorted((m.name, m.start, m.stop, m.dose) for m in d.medications)
    return (eps, sorted(d.checkins, key=lambda c: c.day), meds)


SAMPLE = Diary(
    episodes=(
        Episode(datetime(2024, 3, 31, 0, 59, 59, 999999, tzinfo=ZoneInfo("Europe/London")), 0.1,
                "eyelid", "left", "myokymia", 0, notes='comma, "quote"\nnew line ü'),
        Episode(datetime(2024, 10, 27, 1, 30, fold=1, tzinfo=ZoneInfo("Europe/London")), 1 / 3,
                "calf", "both", "cramp", 10, symptoms=("weakness", "numbness_tingling")),
        Episode(datetime(2024, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))), 60.0,
                "whole_body", "generalized", "myoclonus", 5),
    ),
    checkins=(
        DailyCheckIn(date(2024, 3, 30), 300.0, 5.5, 7.0, True, 2.5, 1.2, "busy, tired"),
        DailyCheckIn(date(2024, 3, 31)),
        DailyCheckIn(date(2024, 4, 1), caffeine_mg=0.0, strenuous_exercise=False, logged=False),
    ),
    medications=(
        MedicationPeriod("sertraline", date(2024, 1, 1), None, "50 mg daily"),
        MedicationPeriod("prednisolone", date(2024, 2, 1), date(2024, 2, 7)),
    ),
)  # fmt: skip


@pytest.mark.parametrize(("write", "read"), ROUND_TRIPS)
def test_round_trip_is_lossless(write, read) -> None:  # type: ignore[no-untyped-def]
    back = read(write(SAMPLE))
    assert canonical(back) == canonical(SAMPLE)
    assert next(e for e in back.episodes if e.kind == "cramp").start.fold == 1


episodes = st.builds(
    Episode,
    start=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 1, 1),
                       timezones=st.sampled_from([ZoneInfo("Europe/London"),
                                                  ZoneInfo("America/New_York"), UTC])),
    duration_s=st.floats(0, 86_400, allow_nan=False),
    site=st.sampled_from(SITES), side=st.sampled_from(SIDES), kind=st.sampled_from(MOVEMENT_KINDS),
    intensity=st.integers(0, 10), notes=st.text(max_size=30).filter(lambda s: "\r" not in s),
)  # fmt: skip
opt = st.none() | st.floats(0, 10, allow_nan=False)
checkins = st.builds(DailyCheckIn, day=st.dates(date(2000, 1, 1), date(2037, 1, 1)),
                     caffeine_mg=opt, sleep_h=opt, stress=opt,
                     strenuous_exercise=st.none() | st.booleans(), alcohol_units=opt, fluids_l=opt,
                     notes=st.text(max_size=20).filter(lambda s: "\r" not in s))  # fmt: skip


@settings(max_examples=30, deadline=None)
@given(eps=st.lists(episodes, max_size=5),
       days=st.lists(checkins, max_size=4, unique_by=lambda c: c.day))  # fmt: skip
@pytest.mark.parametrize(("write", "read"), ROUND_TRIPS)
def test_round_trip_property(write, read, eps, days) -> None:  # type: ignore[no-untyped-def]
    diary = Diary(tuple(eps), tuple(days))
    assert canonical(read(write(diary))) == canonical(diary)


def test_bad_rows_are_reported_by_line_number() -> None:
    text = diary_csv.write_csv(SAMPLE).splitlines()
    # line 2-3 is the first episode (its note spans two lines)
    text[4] = text[4].replace(",calf,", ",elbow,")  # line 5: the third episode
    text[6] = text[6].replace("2024-03-31", "2024-02-31")  # line 7: the second day
    text.append("note,,,,,,,,,,,,,,,,,,,,,")  # line 11
    with pytest.raises(InputError) as err:
        diary_csv.read_csv("\n".join(text) + "\n", VOCAB)
    msg = err.value.message
    assert msg.startswith("3 bad rows, nothing imported")
    assert "line 5: site 'elbow'" in msg and "line 7: day must be a date" in msg
    assert "line 11: record must be" in msg


def test_line_numbers_count_multiline_notes() -> None:
    text = diary_csv.write_csv(SAMPLE)  # row 2 has a note with a newline: it spans lines 2-3
    lines = text.splitlines()
    lines[1] = lines[1].replace(",myokymia,0,", ",myokymia,11,")
    lines[3] = lines[3].replace(",myoclonus,5,", ",myoclonus,x,")
    with pytest.raises(InputError, match=r"line 2: intensity.*line 4: intensity"):
        diary_csv.read_csv("\n".join(lines) + "\n")


def test_unknown_columns_and_missing_header() -> None:
    with pytest.raises(InputError, match="record"):
        diary_csv.read_csv("a,b\n1,2\n")
    with pytest.raises(InputError, match="unknown CSV column"):
        diary_csv.read_csv("record,colour\nepisode,red\n")


def test_every_fhir_resource_validates_and_uses_the_codes() -> None:
    bundle = json.loads(diary_fhir.write_fhir(SAMPLE))
    Bundle.model_validate(bundle)
    kinds = {"Observation": Observation, "MedicationStatement": MedicationStatement,
             "Patient": Patient}  # fmt: skip
    codes = []
    for entry in bundle["entry"]:
        res = entry["resource"]
        kinds[res["resourceType"]].model_validate(res)
        if res["resourceType"] == "Observation":
            codes.append((res["code"]["coding"][0]["system"], res["code"]["coding"][0]["code"]))
    symptom = [e["resource"] for e in bundle["entry"]
               if e["resource"].get("code", {}).get("coding", [{}])[0].get("code") == "75325-1"]
    assert len(symptom) == 3
    first = symptom[0]
    assert first["effectivePeriod"]["start"].startswith("2024-03-31T00:59:59.999999+00:00")
    assert first["bodySite"]["coding"][0]["code"] == "eyelid"
    assert any(c["code"]["coding"][0]["code"] == "intensity" and c["valueInteger"] == 0
               for c in first["component"])  # fmt: skip
    assert ("http://loinc.org", "93832-4") in codes  # sleep
    assert ("http://loinc.org", "74013-4") in codes  # alcohol
    assert (diary_fhir.LOCAL_SYSTEM, "caffeine") in codes
    assert (diary_fhir.LOCAL_SYSTEM, "day-logged") in codes


def test_invalid_fhir_is_refused() -> None:
    with pytest.raises(InputError, match="not a valid FHIR Bundle"):
        diary_fhir.read_fhir('{"resourceType": "Bundle", "type": 5, "entry": "x"}')
    with pytest.raises(InputError, match="not valid JSON"):
        diary_fhir.read_fhir("{")
