"""The typed vocabulary: every id a case, a diary entry or a result may use, as one value.

The knowledge package builds one :class:`Vocabulary` from its data files
(``vocabulary.yaml``, the red-flag marks of ``findings.yaml`` and ``model.yaml``) and
passes it to whoever needs it; nothing here reads a file.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from twitchwise.domain.errors import InputError


@dataclass(frozen=True)
class AgeBand:
    """An age band of the condition priors: the half-open interval [``lowest``, ``upper``) in years.

    Attributes
    ----------
    id : str
        Band id used by ``prior.age`` in condition files, e.g. ``"teen"``.
    lowest, upper : float
        Bounds in years; ``upper`` is ``inf`` for the last band. An age equal to ``upper``
        belongs to the next band (12.9995 is a child, 13.0 a teenager).
    fallback : str or None
        The band whose multiplier a condition file that leaves this one out uses.
    """

    id: str
    lowest: float
    upper: float
    fallback: str | None = None

    def contains(self, age_years: float) -> bool:
        """Whether ``lowest <= age_years < upper``."""
        return self.lowest <= age_years < self.upper


@dataclass(frozen=True)
class ExposureThresholds:
    """Where an exposure becomes a yes/no ``exposure:`` finding (``model.yaml``, with sources).

    Attributes
    ----------
    caffeine_high_mg, caffeine_very_high_mg : float
        Caffeine per day, mg: ``caffeine_high`` from the first (inclusive), ``caffeine_very_high``
        above the second.
    short_sleep_hours : float
        Sleep per night, hours: ``sleep_short`` below it.
    high_stress : float
        Stress on a 0-10 scale: ``stress_high`` from it (inclusive).
    heavy_alcohol_units_week : float
        UK units per week: ``alcohol_heavy`` above it.
    """

    caffeine_high_mg: float
    caffeine_very_high_mg: float
    short_sleep_hours: float
    high_stress: float
    heavy_alcohol_units_week: float


@dataclass(frozen=True)
class Vocabulary:
    """Allowed ids, in the order of the data files.

    Attributes
    ----------
    version : int
        The shared vocabulary's version.
    urgency : tuple of str
        Urgency levels, most urgent first.
    movement_kinds, sites, sides, symptoms : tuple of str
        ``movement_types``, ``sites``, ``side`` and ``symptoms`` ids.
    features, when, history, medication_classes : tuple of str
        ``features``, ``when``, ``history`` and ``medication_classes`` ids.
    urgency_text : mapping of str to str
        Each urgency level's one-sentence action ("Call the emergency number now.").
    warning_symptoms : tuple of str
        The symptoms ``findings.yaml`` marks as red flags (``red_flag: true``), in vocabulary order.
    exposure_findings : tuple of str
        Values of the ``exposure:`` findings derived from a case's exposures.
    exposure_thresholds : ExposureThresholds
        Where the numeric exposures become those findings.
    age_bands : tuple of AgeBand
        The priors' age bands, contiguous from 0 years up.
    prior_sexes : tuple of str
        The sexes a condition prior may give a multiplier for.
    """

    version: int
    urgency: tuple[str, ...]
    movement_kinds: tuple[str, ...]
    sites: tuple[str, ...]
    sides: tuple[str, ...]
    symptoms: tuple[str, ...]
    features: tuple[str, ...]
    when: tuple[str, ...]
    history: tuple[str, ...]
    medication_classes: tuple[str, ...]
    urgency_text: Mapping[str, str]
    warning_symptoms: tuple[str, ...]
    exposure_findings: tuple[str, ...]
    exposure_thresholds: ExposureThresholds
    age_bands: tuple[AgeBand, ...]
    prior_sexes: tuple[str, ...]

    def ids(self, field: str) -> tuple[str, ...]:
        """The ids of a case's list field (``sites``, ``features``, ``when``, ``symptoms``, ``history``)."""
        if field not in ("sites", "features", "when", "symptoms", "history"):
            raise ValueError(f"{field!r} is not a list field of a case")
        ids: tuple[str, ...] = getattr(self, field)
        return ids

    @property
    def age_band_ids(self) -> tuple[str, ...]:
        """Age band ids, youngest first."""
        return tuple(b.id for b in self.age_bands)

    def age_band(self, age_years: float) -> str:
        """The id of the age band holding ``age_years`` (a negative age counts as the first band).

        Parameters
        ----------
        age_years : float
            Age in years (a 7-month-old is 0.58).
        """
        for band in self.age_bands:
            if band.contains(age_years):
                return band.id
        return self.age_bands[0].id if age_years < self.age_bands[0].lowest else self.age_bands[-1].id

    def age_band_fallback(self, band_id: str) -> str | None:
        """The band a prior that leaves ``band_id`` out falls back to, if any."""
        return next((b.fallback for b in self.age_bands if b.id == band_id), None)

    def check(self, value: str, kind: str, name: str | None = None) -> str:
        """Return ``value`` if it is one of the ids of ``kind`` (an attribute such as ``"sites"``).

        Raises
        ------
        InputError
            Naming the field (``name``, by default ``kind``) and the allowed ids.
        """
        allowed: tuple[str, ...] = getattr(self, kind)
        field = name or kind
        if value not in allowed:
            raise InputError(f"{field} '{value}' is not known; use one of: {', '.join(allowed)}.", field)
        return value


def check_age_bands(bands: tuple[AgeBand, ...]) -> str | None:
    """Why a sequence of age bands is not contiguous from 0 to infinity, or ``None`` if it is."""
    if not bands:
        return "there must be at least one band"
    if bands[0].lowest != 0:
        return f"the first band must start at 0, not {bands[0].lowest:g}"
    for before, after in itertools.pairwise(bands):
        if before.upper != after.lowest:
            return f"{before.id} ends at {before.upper:g} but {after.id} starts at {after.lowest:g}"
    if not math.isinf(bands[-1].upper):
        return "the last band must have no upper bound"
    ids = [b.id for b in bands]
    bad = [b.fallback for b in bands if b.fallback is not None and b.fallback not in ids]
    return f"unknown fallback bands {bad}" if bad else None
