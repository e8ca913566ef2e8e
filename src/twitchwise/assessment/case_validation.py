"""Check a case against the case schema and the vocabulary, with messages people can act on."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import Any

import fastjsonschema

from twitchwise.domain.errors import InputError
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.domain.vocabulary import Vocabulary

_LIST_FIELDS: tuple[str, ...] = ("sites", "features", "when", "symptoms", "history")
_ABSENT_FIELDS: tuple[str, ...] = ("features", "when", "symptoms", "history")


def _vocab_values(kb: KnowledgeBase, key: str) -> list[str]:
    return list(kb.vocab.ids(key))


def _closest(value: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(value, allowed, n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    shown = ", ".join(allowed[:12]) + (", ..." if len(allowed) > 12 else "")
    return f"allowed: {shown}"


def _path(error: fastjsonschema.JsonSchemaValueException) -> str:
    name = str(error.name or "data")
    path = name[len("data") :].lstrip(".") if name.startswith("data") else name
    return path or "(the case)"


def _schema_message(error: fastjsonschema.JsonSchemaValueException) -> str:
    where = _path(error)
    rule, limit, value = error.rule, error.rule_definition, error.value
    if rule == "additionalProperties":
        allowed = sorted((error.definition or {}).get("properties", {}))
        extra = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        name = extra[0] if extra else "?"
        owner = "the case" if where == "(the case)" else where
        return f"{owner} has an unknown field {name!r}; {_closest(name, allowed)}"
    if rule == "enum":
        choices = ", ".join(repr(v) for v in limit)
        return f"{where} is {value!r}; allowed: {choices}"
    if rule == "type":
        return f"{where} must be of type {limit}, got {value!r}"
    if rule in ("minimum", "maximum"):
        return f"{where} is {value!r}; it must be {rule} {limit}"
    if rule == "uniqueItems":
        return f"{where} lists the same value twice; list each value once"
    if rule == "maxLength":
        return f"{where} is too long; at most {limit} characters are allowed"
    return f"{where}: {error.message}"


_VALIDATORS: dict[int, Callable[[Any], Any]] = {}
# The allowed ids per list field (and for "absent"), as sets, one per vocabulary object.
_ALLOWED: dict[int, tuple[Vocabulary, dict[str, frozenset[str]]]] = {}


def _allowed_ids(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    found = _ALLOWED.get(id(kb.vocab))
    if found is not None and found[0] is kb.vocab:
        return found[1]
    allowed = {fld: frozenset(_vocab_values(kb, fld)) for fld in _LIST_FIELDS}
    allowed["absent"] = frozenset(v for fld in _ABSENT_FIELDS for v in _vocab_values(kb, fld))
    _ALLOWED[id(kb.vocab)] = (kb.vocab, allowed)
    return allowed


def _validator(kb: KnowledgeBase) -> Callable[[Any], Any]:
    # Compiling the schema to Python code costs more than running it; keep one per schema object.
    key = id(kb.case_schema)
    found = _VALIDATORS.get(key)
    if found is None:
        found = _VALIDATORS[key] = fastjsonschema.compile(dict(kb.case_schema))
    return found


def validate_case(raw: Any, kb: KnowledgeBase, require_content: bool = True) -> dict[str, Any]:
    """Validate a case and return it (a shallow copy).

    Parameters
    ----------
    raw : Any
        The decoded JSON case.
    kb : KnowledgeBase
        Supplies the schema and the vocabulary.
    require_content : bool
        Whether the case must say something (a narrative, sites, features or symptoms).

    Returns
    -------
    dict
        The case.

    Raises
    ------
    InputError
        With one sentence naming the first bad field and the closest valid values.
    """
    if not isinstance(raw, Mapping):
        raise InputError('a case must be a JSON object such as {"sites": ["calf"]}', "(the case)")
    try:
        _validator(kb)(raw)
    except fastjsonschema.JsonSchemaValueException as error:
        raise InputError(_schema_message(error), _path(error)) from None
    case = dict(raw)
    allowed = _allowed_ids(kb)
    for fld in _LIST_FIELDS:
        for i, value in enumerate(case.get(fld, [])):
            if value not in allowed[fld]:
                closest = _closest(value, _vocab_values(kb, fld))
                raise InputError(f"{fld}[{i}] is {value!r}, which is not a known {fld} id; {closest}", f"{fld}[{i}]")
    for i, value in enumerate(case.get("absent", [])):
        if value not in allowed["absent"]:
            absent_ids = [v for fld in _ABSENT_FIELDS for v in _vocab_values(kb, fld)]
            raise InputError(
                f"absent[{i}] is {value!r}, which is not a known feature, circumstance, symptom or history id; "
                f"{_closest(value, absent_ids)}",
                f"absent[{i}]",
            )
        for fld in _ABSENT_FIELDS:
            if value in case.get(fld, []):
                raise InputError(
                    f"absent[{i}] is {value!r}, which {fld} also lists as present; "
                    "a finding is either present or absent",
                    f"absent[{i}]",
                )
    says_something = bool((case.get("narrative") or "").strip()) or any(
        case.get(f) for f in ("sites", "features", "symptoms")
    )
    if require_content and not says_something:
        raise InputError(
            "the case says nothing to assess; give a narrative or at least one of sites, features, symptoms",
            "(the case)",
        )
    return case
