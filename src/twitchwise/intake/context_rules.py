"""ConText modifier rules of the intake: negation, hedging, fears and questions, family, other people.

medspaCy's ConText marks a target phrase as modified when it falls in a modifier's
scope (the rest of the sentence in the modifier's direction, cut at ``max_scope``
tokens or at a TERMINATE phrase). The rules are written for how lay people write
about themselves ("I don't feel numb", "my dad had ALS", "I'm scared it's MS"),
not for clinical notes, so medspaCy's default (clinical) rule file is not loaded.

The rules are data: ``rules/context_rules.json``, in medspaCy's ConTextRule JSON shape
(``{"context_rules": [{"literal", "category", "direction", "pattern", "max_scope",
"terminated_by", "metadata"}]}``) with a ``version``, validated on load against
``rules/schemas/context_rules.schema.json``. Two differences from
``ConTextRule.from_json``: ``terminated_by`` is passed to the constructor (medspaCy 1.3's
``from_dict`` does not list it among its keys although the constructor takes it), and a
token pattern's ``IN``/``NOT_IN`` may name a word list (``"@relatives"``) of the file's
``word_lists``, so each list of words is written once. Every rule's ``metadata.id``
(``"<group>:<literal>"``, e.g. ``"negation:no"``) is what ``twitchwise parse --explain``
shows for the modifier that applied.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from twitchwise.intake.deferred_imports import defer_nltk
from twitchwise.intake.rule_files import load_rule_file, rule_error

defer_nltk()  # before medspaCy: it imports NLTK (and SciPy) eagerly, which the intake never uses

from medspacy.context import ConTextRule  # noqa: E402  (must follow defer_nltk)

#: The rule file (``rules/context_rules.json``).
RULE_FILE = "context_rules"

NEGATED = "NEGATED_EXISTENCE"
POSSIBLE = "POSSIBLE_EXISTENCE"
HYPOTHETICAL = "HYPOTHETICAL"
FAMILY = "FAMILY"
TERMINATE = "TERMINATE"
#: Someone who is neither the person nor a blood relative ("my friend", "a colleague").
OTHER = "OTHER_PERSON"
#: What someone else thinks or said it is ("the GP thinks it's a tic").
REPORTED = "REPORTED"
#: The vehicle of a comparison ("my calf feels like it's on fire").
SIMILE = "SIMILE"
PSEUDO = "PSEUDO"


def _expand(value: Any, lists: dict[str, list[str]], where: str) -> Any:
    """A token pattern with every ``"@name"`` word-list reference replaced by the list."""
    if isinstance(value, list):
        return [_expand(v, lists, f"{where}.{i}") for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: _expand(v, lists, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in lists:
            raise rule_error(RULE_FILE, where, f"names an unknown word list {value!r} (known: {', '.join(lists)})")
        return list(lists[value[1:]])
    return value


@cache
def rule_entries() -> tuple[dict[str, Any], ...]:
    """The rule file's entries as ConTextRule keyword arguments (word lists expanded), in file order.

    Raises
    ------
    KnowledgeError
        When the file does not match its schema, two rules share an id, or a pattern names
        an unknown word list.
    """
    return entries_of(load_rule_file(RULE_FILE))


def entries_of(data: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    """A parsed, schema-valid rule file's entries (see :func:`rule_entries`); raises KnowledgeError."""
    lists: dict[str, list[str]] = dict(data.get("word_lists") or {})
    seen: set[str] = set()
    out = []
    for i, rule in enumerate(data["context_rules"]):
        rule_id = rule["metadata"]["id"]
        if rule_id in seen:
            raise rule_error(RULE_FILE, f"context_rules.{i}.metadata.id", f"{rule_id!r} is used by an earlier rule")
        seen.add(rule_id)
        entry = dict(rule)
        if "pattern" in entry:
            entry["pattern"] = _expand(entry["pattern"], lists, f"context_rules.{i}.pattern")
        out.append(entry)
    return tuple(out)


def context_rules() -> list[ConTextRule]:
    """All ConText rules of the intake, built from ``rules/context_rules.json`` in file order.

    Returns
    -------
    list of ConTextRule
        Categories: ``NEGATED_EXISTENCE``, ``POSSIBLE_EXISTENCE``, ``HYPOTHETICAL``,
        ``FAMILY`` (forward from "my dad", backward from "runs in the family"),
        ``OTHER_PERSON``, ``REPORTED``, ``SIMILE``, ``PSEUDO`` (phrases that look like a
        modifier but are not, e.g. "not just") and ``TERMINATE`` (words that end a scope,
        e.g. "but", "I").
    """
    rules = []
    for entry in rule_entries():
        kwargs = dict(entry)
        if "terminated_by" in kwargs:
            kwargs["terminated_by"] = set(kwargs["terminated_by"])
        rules.append(ConTextRule(**kwargs))
    return rules
