"""A per-user JSON cache of the parsed knowledge data files, keyed by their content hash.

Parsing ~200 YAML files costs ~0.3 s in PyYAML's constructor; the same data as one JSON
document loads in a few milliseconds. The cache lives in the user's cache folder, holds no
personal data, and is rebuilt whenever any data file changes (the key is their hash); set
``TWITCHWISE_NO_CACHE`` to bypass it.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from twitchwise import __version__
from twitchwise.domain.errors import KnowledgeError
from twitchwise.knowledge.schema_validation import validate_against_schema
from twitchwise.settings import load_settings


class ParsedFiles:
    """Parsed (and schema-validated) data files of one folder, from the cache where it is warm."""

    def __init__(self, data: Path) -> None:
        self.data = data
        digest = hashlib.sha256()
        for path in sorted(p for p in data.rglob("*") if p.is_file()):
            digest.update(path.relative_to(data).as_posix().encode())
            digest.update(path.read_bytes())
        self.digest = digest.hexdigest()
        self.parsed: dict[str, Any] = {}
        cache_dir = _cache_dir()
        self.cache_path = cache_dir / f"knowledge-{__version__}-{self.digest[:20]}.json" if cache_dir else None
        if self.cache_path is not None and self.cache_path.is_file():
            try:
                self.parsed = json.loads(self.cache_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.parsed = {}
        self.dirty = False

    def yaml(self, path: Path) -> Any:
        key = path.relative_to(self.data).as_posix()
        if key not in self.parsed:
            # Validated when parsed: the cache holds only files that passed their schema, and a
            # changed file changes the cache key, so every edit is validated again.
            value = _parse_yaml(path)
            validate_against_schema(value, key, self.data)
            self.parsed[key] = value
            self.dirty = True
        return self.parsed[key]

    def save(self) -> None:
        if not (self.dirty and self.cache_path is not None):
            return
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.parsed), encoding="utf-8")
            tmp.replace(self.cache_path)
        except OSError:
            pass  # a read-only home only costs speed


def _cache_dir() -> Path | None:
    if load_settings().no_cache:
        return None
    return Path(platformdirs.user_cache_dir("twitchwise"))


def _parse_yaml(path: Path) -> Any:
    # Imported here: with the parsed-data cache warm, a load needs no YAML parser at all.
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is several times faster
    try:
        with path.open("rb") as fh:
            return yaml.load(fh, Loader=loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML ({exc})") from exc


def default_data_dir() -> Path:
    """Return the folder of the packaged knowledge data."""
    return Path(str(resources.files("twitchwise.knowledge") / "data"))


def parsed_files(data_dir: Path | None = None) -> ParsedFiles:
    """The parsed data files of ``data_dir`` (the packaged data by default), from the cache where warm."""
    return ParsedFiles(data_dir or default_data_dir())
