"""Loading the intake's rule files (``intake/rules/*.yaml``), validated like the knowledge base.

Each rule file has a JSON Schema in ``intake/rules/schemas/``; a file that does not match
raises one :class:`~twitchwise.domain.errors.KnowledgeError` naming the file and the key.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from twitchwise.domain.errors import KnowledgeError

#: Where the rule files live.
RULES_DIR = Path(__file__).with_name("rules")


def _where(error: Any) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "(the whole file)"


def validate_rule_file(value: Any, name: str) -> None:
    """Check a parsed rule file against ``schemas/<name>.schema.json``.

    Raises
    ------
    KnowledgeError
        Naming the file, the key (as a dotted path) and what is wrong.
    """
    import jsonschema

    schema = json.loads((RULES_DIR / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(value))
    if error is not None:
        raise KnowledgeError(f"intake/rules/{name}.yaml: at {_where(error)}: {error.message}")


@cache
def load_rule_file(name: str) -> Any:
    """Parse and validate ``intake/rules/<name>.yaml`` (cached per process).

    Raises
    ------
    KnowledgeError
        When the file is missing, is not YAML, or does not match its schema.
    """
    path = RULES_DIR / f"{name}.yaml"
    try:
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeError(f"intake/rules/{name}.yaml: cannot be read ({exc.strerror}).") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"intake/rules/{name}.yaml: is not valid YAML ({exc}).") from exc
    validate_rule_file(value, name)
    return value
