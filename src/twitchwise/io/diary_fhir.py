"""The diary as a FHIR Bundle (collection), validated with fhir.resources, lossless both ways.

* Each episode is an ``Observation`` coded LOINC 75325-1 "Symptom" with the
  movement kind as its value, ``effectivePeriod`` (start, start + duration),
  ``bodySite``, and components for intensity (0-10), exact duration (s), side
  and any reported symptoms; the IANA zone is kept in the ``tz-code`` extension.
* Each daily check-in gives one ``Observation`` per recorded measure: sleep as
  LOINC 93832-4 (h), alcohol as LOINC 74013-4 (UK units), and caffeine, stress,
  strenuous exercise, fluids and the "day logged" flag (with the day's notes)
  with the local code system :data:`LOCAL_SYSTEM`.
* Each medication period is a ``MedicationStatement``.

Everything refers to one anonymous ``Patient`` (no name, no identifier).
fhir.resources 8 ships FHIR R4B (4.3), whose Observation, Patient and
MedicationStatement are the R4 (4.0.1) structures; the Bundle is valid R4 JSON.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from pydantic import ValidationError

from twitchwise.domain.diary import DailyCheckIn, Diary, Episode, MedicationPeriod
from twitchwise.domain.errors import InputError

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
#: The local code system of twitchwise measures.
LOCAL_SYSTEM = "https://twitchwise.org/fhir/CodeSystem/diary"
#: Code systems of vocabulary ids.
KIND_SYSTEM = "https://twitchwise.org/fhir/CodeSystem/movement-type"
SITE_SYSTEM = "https://twitchwise.org/fhir/CodeSystem/body-site"
SIDE_SYSTEM = "https://twitchwise.org/fhir/CodeSystem/side"
SYMPTOM_SYSTEM = "https://twitchwise.org/fhir/CodeSystem/symptom"
TZ_EXTENSION = "http://hl7.org/fhir/StructureDefinition/tz-code"
SYMPTOM_LOINC = ("75325-1", "Symptom")
SLEEP_LOINC = ("93832-4", "Sleep duration")
ALCOHOL_LOINC = ("74013-4", "Alcoholic drinks per day")
#: Check-in field -> (system, code, display, UCUM unit or a value type).
CHECKIN_CODES: dict[str, tuple[str, str, str, str]] = {
    "sleep_h": (LOINC, *SLEEP_LOINC, "h"),
    "alcohol_units": (LOINC, *ALCOHOL_LOINC, "{UK_unit}"),
    "caffeine_mg": (LOCAL_SYSTEM, "caffeine", "Caffeine intake per day", "mg"),
    "stress": (LOCAL_SYSTEM, "stress", "Stress 0-10", "{score}"),
    "fluids_l": (LOCAL_SYSTEM, "fluids", "Fluid intake per day", "L"),
    "strenuous_exercise": (LOCAL_SYSTEM, "strenuous-exercise", "Strenuous exercise", "boolean"),
    "logged": (LOCAL_SYSTEM, "day-logged", "Diary kept this day", "boolean"),
}
_BY_CODE = {(s, c): key for key, (s, c, _d, _u) in CHECKIN_CODES.items()}


def _cc(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding: dict[str, Any] = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding], "text": display or code}


def _urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _episode_resource(ep: Episode, patient: str) -> dict[str, Any]:
    end = ep.start + timedelta(seconds=ep.duration_s)
    components: list[dict[str, Any]] = [
        {"code": _cc(LOCAL_SYSTEM, "intensity", "Intensity 0-10"), "valueInteger": ep.intensity},
        {"code": _cc(LOCAL_SYSTEM, "duration", "Episode duration"),
         "valueQuantity": {"value": ep.duration_s, "unit": "s", "system": UCUM, "code": "s"}},
        {"code": _cc(LOCAL_SYSTEM, "side", "Side"),
         "valueCodeableConcept": _cc(SIDE_SYSTEM, ep.side)},
    ]  # fmt: skip
    components += [
        {"code": _cc(LOCAL_SYSTEM, "associated-symptom", "Associated symptom"),
         "valueCodeableConcept": _cc(SYMPTOM_SYSTEM, s)}
        for s in ep.symptoms
    ]  # fmt: skip
    res: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "code": _cc(LOINC, *SYMPTOM_LOINC),
        "subject": {"reference": patient},
        "effectivePeriod": {"start": ep.start.isoformat(), "end": end.isoformat()},
        "valueCodeableConcept": _cc(KIND_SYSTEM, ep.kind),
        "bodySite": _cc(SITE_SYSTEM, ep.site),
        "component": components,
    }
    tz = ep.start.tzinfo
    if isinstance(tz, ZoneInfo):
        res["extension"] = [{"url": TZ_EXTENSION, "valueCode": tz.key}]
    if ep.notes:
        res["note"] = [{"text": ep.notes}]
    return res


def _checkin_resources(c: DailyCheckIn, patient: str) -> list[dict[str, Any]]:
    out = []
    for key, (system, code, display, unit) in CHECKIN_CODES.items():
        value = getattr(c, key)
        if value is None:
            continue
        res: dict[str, Any] = {
            "resourceType": "Observation", "status": "final", "code": _cc(system, code, display),
            "subject": {"reference": patient}, "effectiveDateTime": c.day.isoformat(),
        }  # fmt: skip
        if unit == "boolean":
            res["valueBoolean"] = bool(value)
        else:
            res["valueQuantity"] = {"value": float(value), "unit": unit, "system": UCUM,
                                    "code": unit}  # fmt: skip
        if key == "logged" and c.notes:
            res["note"] = [{"text": c.notes}]
        out.append(res)
    return out


def _medication_resource(m: MedicationPeriod, patient: str) -> dict[str, Any]:
    period = {"start": m.start.isoformat()}
    if m.stop:
        period["end"] = m.stop.isoformat()
    res: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "status": "completed" if m.stop else "active",
        "medicationCodeableConcept": {"text": m.name},
        "subject": {"reference": patient},
        "effectivePeriod": period,
    }
    if m.dose:
        res["dosage"] = [{"text": m.dose}]
    return res


_VALIDATORS: dict[str, Any] = {
    "Observation": Observation,
    "MedicationStatement": MedicationStatement,
    "Patient": Patient,
}


def diary_to_bundle(diary: Diary) -> dict[str, Any]:
    """The diary as a FHIR Bundle (a JSON-ready dict); every resource is validated."""
    patient = _urn()
    resources: list[tuple[str, dict[str, Any]]] = [(patient, {"resourceType": "Patient", "active": True})]
    for ep in sorted(diary.episodes, key=lambda e: e.start):
        resources.append((_urn(), _episode_resource(ep, patient)))
    for c in sorted(diary.checkins, key=lambda c: c.day):
        resources += [(_urn(), r) for r in _checkin_resources(c, patient)]
    for m in sorted(diary.medications, key=lambda m: (m.start, m.name)):
        resources.append((_urn(), _medication_resource(m, patient)))
    for _url, res in resources:
        _VALIDATORS[res["resourceType"]].model_validate(res)
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": datetime.now().astimezone().isoformat(timespec="seconds"),
        "entry": [{"fullUrl": url, "resource": res} for url, res in resources],
    }
    Bundle.model_validate(bundle)
    return bundle


def write_fhir(diary: Diary) -> str:
    """The diary as FHIR Bundle JSON text."""
    return json.dumps(diary_to_bundle(diary), ensure_ascii=False, indent=1)


def _code(cc: dict[str, Any] | None, system: str) -> str:
    for coding in (cc or {}).get("coding", []):
        if coding.get("system") == system:
            return str(coding.get("code", ""))
    return ""


def _episode_from(res: dict[str, Any]) -> Episode:
    period = res.get("effectivePeriod") or {}
    start = datetime.fromisoformat(period["start"])
    for ext in res.get("extension", []):
        if ext.get("url") == TZ_EXTENSION:
            try:
                start = start.astimezone(ZoneInfo(ext["valueCode"]))
            except (ZoneInfoNotFoundError, ValueError, KeyError):
                raise InputError("the tz-code extension names an unknown time zone.",
                                 "extension") from None  # fmt: skip
    comps = {_code(c.get("code"), LOCAL_SYSTEM): c for c in res.get("component", [])}
    if "duration" in comps:
        duration = float(comps["duration"]["valueQuantity"]["value"])
    else:
        duration = (datetime.fromisoformat(period["end"]) - start).total_seconds()
    symptoms = tuple(
        _code(c.get("valueCodeableConcept"), SYMPTOM_SYSTEM)
        for c in res.get("component", [])
        if _code(c.get("code"), LOCAL_SYSTEM) == "associated-symptom"
    )
    intensity = comps.get("intensity", {}).get("valueInteger")
    if intensity is None:
        raise InputError("the episode has no intensity component.", "component")
    return Episode(
        start=start, duration_s=duration,
        site=_code(res.get("bodySite"), SITE_SYSTEM),
        side=_code(comps.get("side", {}).get("valueCodeableConcept"), SIDE_SYSTEM),
        kind=_code(res.get("valueCodeableConcept"), KIND_SYSTEM), intensity=int(intensity),
        notes="\n".join(n.get("text", "") for n in res.get("note", [])), symptoms=symptoms,
    )  # fmt: skip


def read_fhir(text: str) -> Diary:
    """Read a Bundle written by :func:`write_fhir` back into a diary.

    Raises
    ------
    InputError
        If the text is not a valid FHIR Bundle, or an entry (named by its
        position, "entry 3") cannot be read; nothing is returned then.
    """
    from twitchwise.domain.input_bounds import parse_json

    doc: Any = parse_json(text, "the file")
    kind = doc.get("resourceType") if isinstance(doc, dict) else None
    if kind != "Bundle":
        what = f"its resourceType is {str(kind)[:40]!r}" if kind is not None else "it has no resourceType"
        raise InputError(f"the file is not a FHIR Bundle ({what}); twitchwise imports a Bundle of "
                         "Observations and MedicationStatements.", "file")  # fmt: skip
    try:
        Bundle.model_validate(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "the Bundle"
        # pydantic's first line only, without the model classes it names after it.
        msg = str(first.get("msg", "")).splitlines()[0].split(" expects ")[0].replace("``", "")[:160]
        raise InputError(f"the file is not a valid FHIR Bundle ({where}: {msg}).", "file") from None
    episodes: list[Episode] = []
    days: dict[date, dict[str, Any]] = {}
    meds: list[MedicationPeriod] = []
    errors: list[str] = []
    seen_urls: set[str] = set()
    for i, entry in enumerate(doc.get("entry", []), start=1):
        url = entry.get("fullUrl")
        if isinstance(url, str) and url:
            if url in seen_urls:
                errors.append(f"entry {i}: fullUrl {url[:80]} appears twice; each entry needs its own.")
                continue
            seen_urls.add(url)
        res = entry.get("resource", {})
        try:
            rtype = res.get("resourceType")
            if rtype == "Observation" and _code(res.get("code"), LOINC) == SYMPTOM_LOINC[0]:
                episodes.append(_episode_from(res))
            elif rtype == "Observation":
                key = next((k for (s, c), k in _BY_CODE.items() if _code(res.get("code"), s) == c),
                           None)  # fmt: skip
                if key is None:
                    continue  # an observation twitchwise does not record
                day = date.fromisoformat(str(res["effectiveDateTime"])[:10])
                fields = days.setdefault(day, {"logged": False})
                if "valueBoolean" in res:
                    fields[key] = bool(res["valueBoolean"])
                else:
                    fields[key] = float(res["valueQuantity"]["value"])
                if key == "logged":
                    fields["notes"] = "\n".join(n.get("text", "") for n in res.get("note", []))
            elif rtype == "MedicationStatement":
                period = res.get("effectivePeriod") or {}
                stop = period.get("end")
                meds.append(MedicationPeriod(
                    name=(res.get("medicationCodeableConcept") or {}).get("text", ""),
                    start=date.fromisoformat(period["start"][:10]),
                    stop=date.fromisoformat(stop[:10]) if stop else None,
                    dose="\n".join(d.get("text", "") for d in res.get("dosage", [])),
                ))  # fmt: skip
        except InputError as exc:
            errors.append(f"entry {i}: {exc.message}")
        except (KeyError, TypeError, ValueError) as exc:
            errors.append(f"entry {i}: missing or malformed {exc}.")
    if errors:
        raise InputError(
            f"{len(errors)} bad entr{'ies' if len(errors) != 1 else 'y'}, nothing imported: " + "; ".join(errors[:20]),
            "file",
        )
    checkins = tuple(DailyCheckIn(day=d, **f) for d, f in sorted(days.items()))
    return Diary(tuple(episodes), checkins, tuple(meds))
