"""Evaluate rule trees against evidence.

Rules are compiled once into plain closures over the set of present findings and the
case's numbers: the engine evaluates hundreds of them per assessment (red flags,
escalations, factors, and "what if the answer were yes?" for question ranking).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import Enum

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
    """Compile a rule tree into a closure, once per rule object.

    A rule that compares no numbers depends only on the findings it names, and a rule that
    cannot hold without one of them is false without them; most cases report none of the
    findings a rule names, so the closure answers those cases without walking the tree.
    """
    found = _COMPILED.get(id(expr))
    if found is not None and found[0] is expr:
        return found[1]
    walk = _compile(expr)
    compiled = walk
    when_none_named: bool | None = None
    if isinstance(expr, Present | Compare):
        pass
    elif not variables_compared(expr):
        when_none_named = walk(frozenset(), {})
    elif needs_a_finding(expr):
        when_none_named = False
    if when_none_named is not None:
        named = frozenset(findings_named(expr))

        def compiled(present: frozenset[str], numbers: Mapping[str, float]) -> bool:
            if named.isdisjoint(present):
                return when_none_named
            return walk(present, numbers)

    _COMPILED[id(expr)] = (expr, compiled)
    return compiled


def _atoms(expr: RuleExpr) -> Iterator[Present | Compare]:
    """The leaves of a rule tree: its findings and its comparisons, under a ``Not`` or not."""
    if isinstance(expr, Present | Compare):
        yield expr
    elif isinstance(expr, Not):
        yield from _atoms(expr.item)
    else:
        for item in expr.items:
            yield from _atoms(item)


def findings_named(expr: RuleExpr) -> set[str]:
    """Every finding a rule names, whether it counts for or (under a ``Not``) against it."""
    return {atom.finding for atom in _atoms(expr) if isinstance(atom, Present)}


def variables_compared(expr: RuleExpr) -> set[str]:
    """Every number (``age``, ``first_noticed_days``...) a rule compares."""
    return {atom.variable for atom in _atoms(expr) if isinstance(atom, Compare)}


def needs_a_finding(expr: RuleExpr) -> bool:
    """Whether the rule is false whenever none of the findings it names is present."""
    if isinstance(expr, Present):
        return True
    if isinstance(expr, Compare | Not):
        return False
    if isinstance(expr, All):
        return any(needs_a_finding(i) for i in expr.items)
    if isinstance(expr, AnyOf):
        return all(needs_a_finding(i) for i in expr.items)
    return sum(not needs_a_finding(i) for i in expr.items) < expr.n


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
        inner = _compile(expr.item)
        return lambda present, numbers: not inner(present, numbers)
    parts = tuple(_compile(i) for i in expr.items)
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


def rules_naming_any(
    rules_by_finding: Mapping[str, frozenset[int]], present: frozenset[str], also: frozenset[int]
) -> set[int]:
    """The rules (positions) naming any present finding, together with ``also``."""
    out = set(also)
    for f in present:
        ks = rules_by_finding.get(f)
        if ks is not None:
            out.update(ks)
    return out


class RuleIndex:
    """Rules compiled once, with the rules each finding can make hold.

    A case is tested only against the rules it could satisfy: those naming a finding it
    reports, and those that can hold without any finding.

    Parameters
    ----------
    rules : sequence of RuleExpr
    """

    def __init__(self, rules: Sequence[RuleExpr]) -> None:
        self.compiled = [compile_rule(rule) for rule in rules]
        self.always = frozenset(k for k, rule in enumerate(rules) if not needs_a_finding(rule))
        by_finding: dict[str, set[int]] = {}
        for k, rule in enumerate(rules):
            if k not in self.always:
                for f in findings_named(rule):
                    by_finding.setdefault(f, set()).add(k)
        self.by_finding = {f: frozenset(ks) for f, ks in by_finding.items()}

    def holding(self, present: frozenset[str], numbers: Mapping[str, float]) -> list[int]:
        """Positions of the rules that hold, in order."""
        candidates = rules_naming_any(self.by_finding, present, self.always)
        compiled = self.compiled
        return [k for k in sorted(candidates) if compiled[k](present, numbers)]


# -- three-valued evaluation: "could this rule still hold, given what is unknown?" ----------
class Truth(Enum):
    """Three-valued (Kleene) truth: a case may leave a finding unknown."""

    FALSE = 0
    UNKNOWN = 1
    TRUE = 2


def _present(finding: str, evidence: Evidence) -> Truth:
    if evidence.is_present(finding):
        return Truth.TRUE
    if finding in evidence.absent:
        return Truth.FALSE
    fld = finding.partition(":")[0]
    if fld in evidence.categorical:  # another value of a one-value field was given
        return Truth.FALSE
    return Truth.UNKNOWN


def _compare(leaf: Compare, evidence: Evidence) -> Truth:
    value = evidence.numbers.get(leaf.variable)
    if value is None:
        return Truth.UNKNOWN
    return Truth.TRUE if _COMPARE[leaf.op](value, leaf.value) else Truth.FALSE


def truth(expr: RuleExpr, evidence: Evidence) -> Truth:
    """Whether a rule holds for the evidence, holds not, or depends on what is unknown.

    Parameters
    ----------
    expr : RuleExpr
    evidence : Evidence

    Returns
    -------
    Truth
        ``FALSE`` only when no answer to the unknown findings could make the rule hold.
    """
    if isinstance(expr, Present):
        return _present(expr.finding, evidence)
    if isinstance(expr, Compare):
        return _compare(expr, evidence)
    if isinstance(expr, Not):
        inner = truth(expr.item, evidence)
        return {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE, Truth.UNKNOWN: Truth.UNKNOWN}[inner]
    values = [truth(item, evidence) for item in expr.items]
    if isinstance(expr, All):
        return min(values, key=lambda t: t.value, default=Truth.TRUE)
    if isinstance(expr, AnyOf):
        return max(values, key=lambda t: t.value, default=Truth.FALSE)
    if isinstance(expr, AtLeast):
        sure = sum(v is Truth.TRUE for v in values)
        possible = sure + sum(v is Truth.UNKNOWN for v in values)
        if sure >= expr.n:
            return Truth.TRUE
        return Truth.FALSE if possible < expr.n else Truth.UNKNOWN
    raise TypeError(f"not a rule: {expr!r}")  # pragma: no cover - the loader builds only these
