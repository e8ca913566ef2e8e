"""Finding-level agreement between two cases: micro precision, recall and F1.

Used to measure the free-text intake against a vignette's structured fields. A case is
turned into a set of *findings*, each a string:

- ``features:X``, ``when:X``, ``symptoms:X``, ``history:X`` for what is reported present;
- ``absent:X`` for what is reported absent;
- ``sites:X`` for each body site;
- ``side:X``, ``episode_length:X``, ``frequency:X``, ``course:X`` for the categorical fields;
- ``first_noticed:B`` with ``B`` the bucket of ``first_noticed_days`` (today, days, weeks,
  months, years: the engine only uses the bucket);
- ``exposure:N=yes|no`` for the engine's exposure thresholds (caffeine >= 300 mg and
  > 400 mg a day, sleep < 6.5 h, stress >= 7/10, alcohol > 14 units a week) and flags;
- ``med:C`` for each medication class the named medicines map to.

Age and sex are not counted (narrative evaluation gives them to both sides).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from twitchwise.assessment.evidence import first_noticed_bucket
from twitchwise.domain.vocabulary import ExposureThresholds

_FLAGS = ("nicotine", "recreational_stimulants", "strenuous_exercise_48h", "hot_environment", "low_fluid_intake")


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def case_findings(
    case: Mapping[str, Any], medication_classes: Callable[[str], Iterable[str]], thresholds: ExposureThresholds
) -> frozenset[str]:
    """The set of findings a case states (see the module docstring for the forms).

    Parameters
    ----------
    case : Mapping
        A case (``case.schema.json``).
    medication_classes : callable
        Maps one medicine name to its classes (unknown names give none).
    thresholds : ExposureThresholds
        Where the numeric exposures become yes/no findings (as the engine derives them).
    """
    out: set[str] = set()
    for fld in ("features", "when", "symptoms", "history"):
        out.update(f"{fld}:{v}" for v in case.get(fld) or [])
    out.update(f"absent:{v}" for v in case.get("absent") or [])
    out.update(f"sites:{v}" for v in case.get("sites") or [])
    for fld in ("side", "episode_length", "frequency", "course"):
        if case.get(fld):
            out.add(f"{fld}:{case[fld]}")
    if case.get("first_noticed_days") is not None:
        out.add(f"first_noticed:{first_noticed_bucket(float(case['first_noticed_days']))}")
    exposures: Mapping[str, Any] = case.get("exposures") or {}
    if exposures.get("caffeine_mg_day") is not None:
        mg = float(exposures["caffeine_mg_day"])
        out.add(f"exposure:caffeine_high={_yes_no(mg >= thresholds.caffeine_high_mg)}")
        out.add(f"exposure:caffeine_very_high={_yes_no(mg > thresholds.caffeine_very_high_mg)}")
    if exposures.get("sleep_hours") is not None:
        out.add(f"exposure:sleep_short={_yes_no(float(exposures['sleep_hours']) < thresholds.short_sleep_hours)}")
    if exposures.get("stress_0_10") is not None:
        out.add(f"exposure:stress_high={_yes_no(float(exposures['stress_0_10']) >= thresholds.high_stress)}")
    if exposures.get("alcohol_units_week") is not None:
        heavy = float(exposures["alcohol_units_week"]) > thresholds.heavy_alcohol_units_week
        out.add(f"exposure:alcohol_heavy={_yes_no(heavy)}")
    for flag in _FLAGS:
        if exposures.get(flag) is not None:
            out.add(f"exposure:{flag}={_yes_no(bool(exposures[flag]))}")
    for name in case.get("medications") or []:
        out.update(f"med:{c}" for c in medication_classes(str(name)))
    return frozenset(out)


@dataclass(frozen=True)
class FindingScores:
    """Micro-averaged agreement over many cases.

    Attributes
    ----------
    true_positives, false_positives, false_negatives : int
        Counts over all cases.
    precision, recall, f1 : float
        In [0, 1]; 1.0 when there is nothing to find and nothing was found.
    missed, spurious : Mapping[str, int]
        Per finding: how often it was expected but not extracted, and extracted but not expected.
    """

    true_positives: int
    false_positives: int
    false_negatives: int
    missed: Mapping[str, int]
    spurious: Mapping[str, int]

    @property
    def precision(self) -> float:
        """TP / (TP + FP)."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN)."""
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON form with the figures and the ten most missed and most spurious findings."""

        def top(d: Mapping[str, int]) -> dict[str, int]:
            return dict(sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))[:10])

        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "most_missed": top(self.missed),
            "most_spurious": top(self.spurious),
        }


def score_findings(pairs: Iterable[tuple[frozenset[str], frozenset[str]]]) -> FindingScores:
    """Micro precision/recall/F1 over ``(expected, extracted)`` finding sets, one pair per case."""
    tp = fp = fn = 0
    missed: dict[str, int] = {}
    spurious: dict[str, int] = {}
    for expected, extracted in pairs:
        tp += len(expected & extracted)
        for f in expected - extracted:
            fn += 1
            missed[f] = missed.get(f, 0) + 1
        for f in extracted - expected:
            fp += 1
            spurious[f] = spurious.get(f, 0) + 1
    return FindingScores(tp, fp, fn, missed, spurious)
