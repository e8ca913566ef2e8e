"""Urgency levels, ordered from least to most urgent."""

from __future__ import annotations

from enum import IntEnum
from typing import Literal, cast

#: An urgency level's vocabulary id.
UrgencyId = Literal["emergency", "urgent", "routine", "self_care"]


class Urgency(IntEnum):
    """How soon to get help. Larger is more urgent, so ``max()`` picks the most urgent."""

    SELF_CARE = 0
    ROUTINE = 1
    URGENT = 2
    EMERGENCY = 3

    @property
    def id(self) -> UrgencyId:
        """The vocabulary id, e.g. ``"self_care"``."""
        return _IDS[self._value_]  # a table: Enum's ``name`` is a slow descriptor, read often

    @classmethod
    def from_id(cls, value: str) -> Urgency:
        """Parse a vocabulary id such as ``"urgent"``.

        Raises
        ------
        ValueError
            If ``value`` is not one of ``emergency``, ``urgent``, ``routine``, ``self_care``.
        """
        try:
            return cls[value.upper()]
        except KeyError:
            allowed = ", ".join(u.id for u in cls)
            raise ValueError(f"unknown urgency {value!r}; allowed: {allowed}") from None


_IDS: tuple[UrgencyId, ...] = tuple(cast(UrgencyId, u._name_.lower()) for u in sorted(Urgency))
