"""Check each knowledge data file against its JSON Schema (``data/schemas/knowledge/``).

A file that does not match gives one :class:`~twitchwise.domain.errors.KnowledgeError`
naming the file, the key (as a dotted path) and what is allowed.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from twitchwise.domain.errors import KnowledgeError


def schema_name_for(key: str) -> str | None:
    """The knowledge schema (``schemas/knowledge/<name>.schema.json``) of a data file, if any."""
    folder, _, name = key.rpartition("/")
    if folder == "conditions":
        return "condition"
    if folder == "sources":
        return "sources"
    return name.removesuffix(".yaml") if not folder else None


def validate_against_schema(value: Any, key: str, data: Path) -> None:
    """Check a parsed data file against its JSON Schema.

    Raises
    ------
    KnowledgeError
        Naming the file, the key (as a dotted path) and what is allowed.
    """
    name = schema_name_for(key)
    path = data / "schemas" / "knowledge" / f"{name}.schema.json"
    if name is None or not path.is_file():
        return
    error = _validator(str(path)).best_error(value)
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(the whole file)"
        raise KnowledgeError(f"{key}: at {where}: {_plain_schema_message(error)}")


class _SchemaValidator:
    """One schema's validator, built once per load of a schema file (64 condition files share one)."""

    def __init__(self, path: str) -> None:
        # Imported here: with the parsed-data cache warm, a load needs no validator at all.
        import jsonschema

        self._best_match = jsonschema.exceptions.best_match
        self._validator = jsonschema.Draft202012Validator(json.loads(Path(path).read_text(encoding="utf-8")))

    def best_error(self, value: Any) -> Any:
        return self._best_match(self._validator.iter_errors(value))


@functools.lru_cache(maxsize=32)
def _validator(path: str) -> _SchemaValidator:
    return _SchemaValidator(path)


def _plain_schema_message(error: Any) -> str:
    if error.validator == "additionalProperties":
        return f"{error.message} (allowed: {', '.join(sorted(error.schema.get('properties', {})))})"
    if error.validator == "required":
        return f"{error.message} (needed: {', '.join(error.validator_value)})"
    if error.validator in ("exclusiveMinimum", "exclusiveMaximum", "minimum", "maximum"):
        bounds = {
            k: error.schema[k]
            for k in ("exclusiveMinimum", "minimum", "exclusiveMaximum", "maximum")
            if k in error.schema
        }
        if set(bounds) == {"exclusiveMinimum", "exclusiveMaximum"}:
            low, high = bounds["exclusiveMinimum"], bounds["exclusiveMaximum"]
            return f"{error.instance!r} must be a number strictly between {low} and {high}"
        return f"{error.instance!r} is out of range ({', '.join(f'{k} {v}' for k, v in bounds.items())})"
    if error.validator == "enum":
        return f"{error.instance!r} is not allowed (allowed: {', '.join(map(str, error.validator_value))})"
    return str(error.message)
