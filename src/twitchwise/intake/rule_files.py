"""Loading the intake's rule files (``intake/rules/*.yaml`` and ``*.json``), validated like the knowledge base.

Each rule file has a JSON Schema in ``intake/rules/schemas/<name>.schema.json``; a file that
does not match raises one :class:`~twitchwise.domain.errors.KnowledgeError` naming the file
and the key. The files:

* ``context_rules.json``: ConText modifiers (negation, uncertainty, fears, family, other
  people, reported speech, similes, pseudo-modifiers, terminations), medspaCy ConTextRule JSON;
* ``clause_rules.yaml``: findings told across a clause (regular expressions);
* ``warning_sign_paraphrases.yaml``: lay paraphrases of the warning signs.

A file that passed its schema once is remembered by a content stamp (a hash of the file and
its schema) in the user's cache folder, as the knowledge base is, so a cold start reads the
parsed JSON and imports neither PyYAML nor jsonschema; any edit changes the stamp and is
validated again. ``TWITCHWISE_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from twitchwise.domain.errors import KnowledgeError

#: Where the rule files live.
RULES_DIR = Path(__file__).with_name("rules")
SCHEMAS_DIR = RULES_DIR / "schemas"
_SUFFIXES = (".yaml", ".json")


def rule_path(name: str) -> Path:
    """The file of rule file ``name`` (``rules/<name>.yaml`` or ``rules/<name>.json``)."""
    for suffix in _SUFFIXES:
        path = RULES_DIR / f"{name}{suffix}"
        if path.is_file():
            return path
    return RULES_DIR / f"{name}.yaml"


def display_name(name: str) -> str:
    """How errors and ``--explain`` name a rule file: ``intake/rules/<file>``."""
    return f"intake/rules/{rule_path(name).name}"


def rule_error(name: str, where: str, message: str) -> KnowledgeError:
    """One error naming the rule file, the key (dotted path) and what is wrong."""
    return KnowledgeError(f"{display_name(name)}: at {where}: {message}")


def _where(error: Any) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "(the whole file)"


def _schema_text(name: str) -> str:
    return (SCHEMAS_DIR / f"{name}.schema.json").read_text(encoding="utf-8")


def validate_rule_file(value: Any, name: str) -> None:
    """Check a parsed rule file against ``schemas/<name>.schema.json``.

    Raises
    ------
    KnowledgeError
        Naming the file, the key (as a dotted path) and what is wrong.
    """
    import jsonschema

    schema = json.loads(_schema_text(name))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(value))
    if error is not None:
        raise rule_error(name, _where(error), error.message)


def parse_rule_text(text: str, name: str, suffix: str) -> Any:
    """Parse a rule file's text (YAML or JSON by ``suffix``); raises :class:`KnowledgeError` if it is neither."""
    if suffix == ".json":
        try:
            return json.loads(text)
        except ValueError as exc:
            raise KnowledgeError(f"{display_name(name)}: is not valid JSON ({exc}).") from exc
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{display_name(name)}: is not valid YAML ({exc}).") from exc


def _cache_file(name: str, stamp: str) -> Path | None:
    if os.environ.get("TWITCHWISE_NO_CACHE"):
        return None
    import platformdirs

    return Path(platformdirs.user_cache_dir("twitchwise")) / "intake-rules" / f"{name}-{stamp[:24]}.json"


@cache
def load_rule_file(name: str) -> Any:
    """Parse and validate ``intake/rules/<name>.yaml`` or ``.json`` (cached per process and by content stamp).

    Raises
    ------
    KnowledgeError
        When the file is missing, is not YAML/JSON, or does not match its schema.
    """
    path = rule_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"{display_name(name)}: cannot be read ({exc.strerror}).") from exc
    stamp = hashlib.sha256(f"{path.name}\0{text}\0{_schema_text(name)}".encode()).hexdigest()
    cached = _cache_file(name, stamp)
    if cached is not None and cached.is_file():
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # a broken cache entry is parsed and validated again
    value = parse_rule_text(text, name, path.suffix)
    validate_rule_file(value, name)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
            tmp.replace(cached)
        except OSError:
            pass  # a read-only home only costs speed
    return value
