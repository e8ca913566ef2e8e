"""The small rule language of red flags, escalations and factors, as data.

A rule is a tree of :class:`All`, :class:`AnyOf`, :class:`Not`, :class:`AtLeast`
nodes over two kinds of leaves: :class:`Present` (a finding is reported as
present; unknown counts as not present) and :class:`Compare` (a number from the
case compared with a constant). The knowledge loader builds these from YAML; the
assessment engine evaluates them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CompareOp = Literal["<", "<=", ">", ">=", "=="]

#: Numbers a :class:`Compare` leaf may read from a case.
NUMERIC_VARIABLES: tuple[str, ...] = (
    "age",
    "first_noticed_days",
    "site_count",
    "region_count",
    "caffeine_mg_day",
    "sleep_hours",
    "stress_0_10",
    "alcohol_units_week",
)


@dataclass(frozen=True)
class Present:
    """True when the finding is reported present."""

    finding: str


@dataclass(frozen=True)
class Compare:
    """True when the case gives ``variable`` and ``variable <op> value`` holds."""

    variable: str
    op: CompareOp
    value: float


@dataclass(frozen=True)
class All:
    """True when every item is true."""

    items: tuple[RuleExpr, ...]


@dataclass(frozen=True)
class AnyOf:
    """True when at least one item is true."""

    items: tuple[RuleExpr, ...]


@dataclass(frozen=True)
class Not:
    """True when the item is false."""

    item: RuleExpr


@dataclass(frozen=True)
class AtLeast:
    """True when at least ``n`` items are true."""

    n: int
    items: tuple[RuleExpr, ...]


RuleExpr = Present | Compare | All | AnyOf | Not | AtLeast


def positive_findings_in(expr: RuleExpr, negated: bool = False) -> set[str]:
    """Return the findings whose presence can make the rule true (not those under a ``Not``)."""
    if isinstance(expr, Present):
        return set() if negated else {expr.finding}
    if isinstance(expr, Compare):
        return set()
    if isinstance(expr, Not):
        return positive_findings_in(expr.item, not negated)
    out: set[str] = set()
    for item in expr.items:
        out |= positive_findings_in(item, negated)
    return out
