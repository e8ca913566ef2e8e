"""Evaluate rule trees against evidence."""

from __future__ import annotations

import operator
from collections.abc import Callable

from twitchwise.assessment.evidence import Evidence
from twitchwise.domain.rules import All, AnyOf, AtLeast, Compare, Not, Present, RuleExpr

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
}  # fmt: skip


def holds(expr: RuleExpr, evidence: Evidence) -> bool:
    """Whether a rule holds. Unknown findings are not present; missing numbers make comparisons false."""
    if isinstance(expr, Present):
        return evidence.is_present(expr.finding)
    if isinstance(expr, Compare):
        value = evidence.numbers.get(expr.variable)
        return value is not None and _COMPARE[expr.op](value, expr.value)
    if isinstance(expr, Not):
        return not holds(expr.item, evidence)
    if isinstance(expr, All):
        return all(holds(i, evidence) for i in expr.items)
    if isinstance(expr, AnyOf):
        return any(holds(i, evidence) for i in expr.items)
    if isinstance(expr, AtLeast):
        return sum(holds(i, evidence) for i in expr.items) >= expr.n
    raise TypeError(f"not a rule: {expr!r}")  # unreachable for well-typed input
