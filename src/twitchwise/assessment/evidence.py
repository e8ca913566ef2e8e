"""Turn a validated case into evidence: which findings are present, absent or unknown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from twitchwise.assessment.medication_matching import MedicationMatch
from twitchwise.domain.vocabulary import ExposureThresholds

#: Body regions, for "twitching in more than one place".
SITE_REGIONS: Mapping[str, str] = {
    "eyelid": "face", "both_eyes": "face", "face": "face", "lips_mouth": "face", "jaw": "face",
    "tongue": "face", "head": "head_neck", "neck": "head_neck", "shoulder": "arm",
    "upper_arm": "arm", "forearm": "arm", "hand": "arm", "fingers": "arm", "thumb": "arm",
    "chest": "trunk", "abdomen": "trunk", "back": "trunk", "buttock": "trunk",
    "thigh": "leg", "calf": "leg", "shin": "leg", "foot": "leg", "toes": "leg",
    "whole_body": "whole_body",
}  # fmt: skip

# Thresholds that turn exposure numbers into findings. 400 mg/day of caffeine is the
# amount regulators consider safe for most adults (FDA; EFSA 2015); the engine treats
# 300 mg and more as "high" evidence for caffeine-related twitching and tremor.


def first_noticed_bucket(days: float) -> str:
    """Bucket ``first_noticed_days`` into today / days / weeks / months / years."""
    if days < 1:
        return "today"
    if days < 14:
        return "days"
    if days < 90:
        return "weeks"
    if days < 365:
        return "months"
    return "years"


@dataclass(frozen=True)
class Evidence:
    """What a case says, as findings.

    Attributes
    ----------
    present, absent : frozenset of str
        Yes/no finding ids reported present or absent; anything else is unknown.
    categorical : Mapping[str, str]
        One value per categorical field the case gives (``episode_length`` -> ``seconds``).
    sites : tuple of str
        Body sites reported.
    numbers : Mapping[str, float]
        Numbers rules may compare (age, first_noticed_days, site_count, exposures...).
    age : float or None
    sex : str or None
    medications : tuple of MedicationMatch
    """

    present: frozenset[str]
    absent: frozenset[str]
    categorical: Mapping[str, str]
    sites: tuple[str, ...]
    numbers: Mapping[str, float]
    age: float | None = None
    sex: str | None = None
    medications: tuple[MedicationMatch, ...] = field(default=())

    @cached_property
    def all_present(self) -> frozenset[str]:
        """Every finding id reported present, including choices (``course:worsening``) and sites."""
        out = set(self.present)
        out.update(f"{fld}:{value}" for fld, value in self.categorical.items())
        out.update(f"sites:{s}" for s in self.sites)
        return frozenset(out)

    def is_present(self, finding: str) -> bool:
        """Whether a finding id (of any kind) is reported present."""
        if finding in self.present:
            return True
        fld, _, value = finding.partition(":")
        if fld == "sites":
            return value in self.sites
        return self.categorical.get(fld) == value

    def is_answered(self, finding: str) -> bool:
        """Whether the case says anything about this finding."""
        fld = finding.partition(":")[0]
        if fld == "sites":
            return bool(self.sites)
        if fld in self.categorical:
            return True
        return finding in self.present or finding in self.absent

    def without(self, findings: frozenset[str]) -> Evidence:
        """The same evidence with some yes/no findings made unknown."""
        return replace(self, present=self.present - findings, absent=self.absent - findings)


def _exposure_findings(exposures: Mapping[str, Any], t: ExposureThresholds) -> tuple[set[str], set[str]]:
    present: set[str] = set()
    absent: set[str] = set()

    def put(name: str, value: bool | None) -> None:
        if value is None:
            return
        (present if value else absent).add(f"exposure:{name}")

    caffeine = exposures.get("caffeine_mg_day")
    put("caffeine_high", None if caffeine is None else caffeine >= t.caffeine_high_mg)
    put("caffeine_very_high", None if caffeine is None else caffeine > t.caffeine_very_high_mg)
    sleep = exposures.get("sleep_hours")
    put("sleep_short", None if sleep is None else sleep < t.short_sleep_hours)
    stress = exposures.get("stress_0_10")
    put("stress_high", None if stress is None else stress >= t.high_stress)
    alcohol = exposures.get("alcohol_units_week")
    put("alcohol_heavy", None if alcohol is None else alcohol > t.heavy_alcohol_units_week)
    for flag in (
        "nicotine",
        "recreational_stimulants",
        "strenuous_exercise_48h",
        "hot_environment",
        "low_fluid_intake",
    ):
        value = exposures.get(flag)
        put(flag, None if value is None else bool(value))
    return present, absent


def derive_evidence(
    case: Mapping[str, Any],
    value_fields: Mapping[str, tuple[str, ...]],
    medication_classes: list[str],
    medications: list[MedicationMatch],
    thresholds: ExposureThresholds,
) -> Evidence:
    """Build :class:`Evidence` from a validated case.

    Parameters
    ----------
    case : Mapping
        A case that passed validation.
    value_fields : Mapping
        For each vocabulary value of features/when/symptoms/history, the field(s) defining it.
    medication_classes : list of str
        Every medication class in the vocabulary.
    medications : list of MedicationMatch
        The case's medicines, already matched.
    thresholds : ExposureThresholds
        Where the numeric exposures become yes/no findings (``model.yaml``).
    """
    present: set[str] = set()
    absent: set[str] = set()
    for fld in ("features", "when", "symptoms", "history"):
        present |= {f"{fld}:{v}" for v in case.get(fld, [])}
    for v in case.get("absent", []):
        # An absent value belongs to whichever field(s) define it; the validator checked it exists.
        absent |= {f"{fld}:{v}" for fld in value_fields.get(v, ())}
    exp_present, exp_absent = _exposure_findings(case.get("exposures") or {}, thresholds)
    present |= exp_present
    absent |= exp_absent
    if "medications" in case:
        taken = {c for m in medications for c in m.classes}
        present |= {f"med:{c}" for c in taken}
        absent |= {f"med:{c}" for c in medication_classes if c not in taken}
    categorical: dict[str, str] = {}
    for fld in ("episode_length", "frequency", "course", "side"):
        if fld in case:
            categorical[fld] = str(case[fld])
    numbers: dict[str, float] = {}
    if "first_noticed_days" in case:
        categorical["first_noticed"] = first_noticed_bucket(float(case["first_noticed_days"]))
        numbers["first_noticed_days"] = float(case["first_noticed_days"])
    if "age" in case:
        numbers["age"] = float(case["age"])
    sites = tuple(case.get("sites", []))
    if sites:
        numbers["site_count"] = float(len(sites))
        numbers["region_count"] = float(len({SITE_REGIONS.get(s, s) for s in sites}))
    for key, value in (case.get("exposures") or {}).items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            numbers[key] = float(value)
    return Evidence(
        present=frozenset(present),
        absent=frozenset(absent - present),
        categorical=categorical,
        sites=sites,
        numbers=numbers,
        age=float(case["age"]) if "age" in case else None,
        sex=case.get("sex"),
        medications=tuple(medications),
    )
