"""Parse the YAML form of rules into :mod:`twitchwise.domain.rules` trees.

Forms accepted (see docs/knowledge-format.md)::

    symptoms:facial_droop                          # finding present
    {all: [...]}, {any: [...]}, {not: ...}
    {at_least: 2, of: [...]}
    {compare: [first_noticed_days, "<=", 2]}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from twitchwise.domain.errors import KnowledgeError
from twitchwise.domain.rules import (
    NUMERIC_VARIABLES,
    All,
    AnyOf,
    AtLeast,
    Compare,
    CompareOp,
    Not,
    Present,
    RuleExpr,
)

_OPS: tuple[str, ...] = ("<", "<=", ">", ">=", "==")


def parse_rule(raw: Any, where: str, finding_exists: Callable[[str], bool]) -> RuleExpr:
    """Build a rule tree from its YAML form.

    Parameters
    ----------
    raw : Any
        The YAML value.
    where : str
        Where the rule is written (file and key), for error messages.
    finding_exists : callable
        Returns whether a finding id is defined; every mentioned finding must be.

    Raises
    ------
    KnowledgeError
        If the rule is malformed or mentions an unknown finding or variable.
    """
    if isinstance(raw, str):
        if not finding_exists(raw):
            raise KnowledgeError(f"{where}: rule mentions unknown finding {raw!r}")
        return Present(raw)
    if not isinstance(raw, dict) or len(raw) == 0:
        raise KnowledgeError(f"{where}: a rule must be a finding id or a mapping, got {raw!r}")
    if "at_least" in raw:
        n = raw["at_least"]
        items = raw.get("of")
        if not isinstance(n, int) or not isinstance(items, list):
            raise KnowledgeError(f"{where}: at_least needs an integer and an 'of' list")
        return AtLeast(n, tuple(parse_rule(i, where, finding_exists) for i in items))
    if len(raw) != 1:
        raise KnowledgeError(f"{where}: a rule mapping has exactly one key, got {sorted(raw)}")
    key, value = next(iter(raw.items()))
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise KnowledgeError(f"{where}: {key} needs a non-empty list")
        items_t = tuple(parse_rule(i, where, finding_exists) for i in value)
        return All(items_t) if key == "all" else AnyOf(items_t)
    if key == "not":
        return Not(parse_rule(value, where, finding_exists))
    if key == "compare":
        if not (isinstance(value, list) and len(value) == 3):
            raise KnowledgeError(f"{where}: compare needs [variable, operator, number]")
        variable, op, number = value
        if variable not in NUMERIC_VARIABLES:
            raise KnowledgeError(f"{where}: unknown variable {variable!r}; allowed: {', '.join(NUMERIC_VARIABLES)}")
        if op not in _OPS or not isinstance(number, int | float):
            raise KnowledgeError(f"{where}: compare needs an operator of {_OPS} and a number")
        return Compare(str(variable), cast(CompareOp, op), float(number))
    raise KnowledgeError(f"{where}: unknown rule key {key!r}; use all, any, not, at_least, compare")
