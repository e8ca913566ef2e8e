"""Sentences composed from the knowledge data, worded in ``data/wording.yaml`` (not in code)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Wording:
    """The templates of ``wording.yaml`` (schema-validated), filled in by the methods."""

    raw: Mapping[str, Any]

    def red_flag_finding(self, label: str) -> str:
        """The reason shown when a red-flag finding holds."""
        return str(self.raw["red_flag_finding"]).format(label=label)

    def age(self, years: float) -> str:
        """An age in words: months under 2 years (when not whole), "any older age" from 120."""
        words = self.raw["age_words"]
        if years >= 120:
            return str(words["any_older_age"])
        if years < 2 and years != int(years):
            return str(words["months"]).format(months=round(years * 12))
        return str(words["years"]).format(years=f"{years:g}")

    def not_expected_at_this_age(self, name: str, lowest: float, highest: float) -> str:
        """A condition's default age-cap sentence."""
        return str(self.raw["not_expected_at_this_age"]).format(
            name=name, lowest=self.age(lowest), highest=self.age(highest)
        )
