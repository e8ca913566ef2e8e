"""Evaluate rule trees against evidence.

Rules are compiled once into plain closures over the set of present findings and the
case's numbers: the engine evaluates hundreds of them per assessment (red flags,
escalations, factors, and "what if the answer were yes?" for question ranking).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping

from twitchwise.assessment.evidence import Evidence
from twitchwise.domain.rules import All, AnyOf, AtLeast, Compare, Not, Present, RuleExpr

#: A compiled rule: (present finding ids, numbers) -> holds.
CompiledRule = Callable[[frozenset[str], Mapping[str, float]], bool]

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
}  # fmt: skip


# Compiled closures by rule identity. Rules are immutable and live as long as their
# knowledge base; keeping the rule in the value keeps its id from being reused.
# (A dict keyed by id avoids hashing the whole tree at every call, which lru_cache would do.)
_COMPILED: dict[int, tuple[RuleExpr, CompiledRule]] = {}


def compile_rule(expr: RuleExpr) -> CompiledRule:
    """Compile a rule tree into a closure, once per rule object."""
    found = _COMPILED.get(id(expr))
    if found is not None and found[0] is expr:
        return found[1]
    compiled = _compile(expr)
    _COMPILED[id(expr)] = (expr, compiled)
    return compiled


def _compile(expr: RuleExpr) -> CompiledRule:
    if isinstance(expr, Present):
        finding = expr.finding
        return lambda present, numbers: finding in present
    if isinstance(expr, Compare):
        variable, op, value = expr.variable, _COMPARE[expr.op], expr.value

        def compare(present: frozenset[str], numbers: Mapping[str, float]) -> bool:
            got = numbers.get(variable)
            return got is not None and op(got, value)

        return compare
    if isinstance(expr, Not):
        inner = compile_rule(expr.item)
        return lambda present, numbers: not inner(present, numbers)
    parts = tuple(compile_rule(i) for i in expr.items)
    if isinstance(expr, All):
        return lambda present, numbers: all(p(present, numbers) for p in parts)
    if isinstance(expr, AnyOf):
        return lambda present, numbers: any(p(present, numbers) for p in parts)
    if isinstance(expr, AtLeast):
        n = expr.n
        return lambda present, numbers: sum(p(present, numbers) for p in parts) >= n
    raise TypeError(f"not a rule: {expr!r}")  # unreachable for well-typed input


def holds(expr: RuleExpr, evidence: Evidence) -> bool:
    """Whether a rule holds. Unknown findings are not present; missing numbers make comparisons false."""
    return compile_rule(expr)(evidence.all_present, evidence.numbers)
