"""JSON Schemas of the recording readers' data files (``io/schemas/*.schema.json``).

A data file (the channel-label map, the annotation vocabulary) is checked against its
schema when it is loaded; the first problem is one
:class:`~twitchwise.domain.errors.KnowledgeError` naming the file and the key.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from twitchwise.domain.errors import KnowledgeError

SCHEMA_DIR = Path(__file__).with_name("schemas")


@cache
def _validator(name: str) -> Any:
    import jsonschema

    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _message(error: Any) -> str:
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"{error.message} (allowed: {allowed})"
    if error.validator == "required":
        return f"{error.message} (needed: {', '.join(error.validator_value)})"
    if error.validator in ("minItems", "minLength", "pattern"):
        return f"{error.instance!r} is empty; a non-empty list of pattern texts is needed"
    return str(error.message)


def validate_data_file(value: Any, source: str, schema: str) -> None:
    """Check a parsed data file against ``schemas/<schema>.schema.json``.

    Raises
    ------
    KnowledgeError
        ``"<source>: at key '<dotted.key>': <what is wrong>."``
    """
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator(schema).iter_errors(value))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(the whole file)"
        raise KnowledgeError(f"{source}: at key '{where}': {_message(error)}.")
