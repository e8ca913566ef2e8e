"""Dependencies are declared exactly as imported: runtime ones by src, the [test] extra by tests."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
#: Loaded by name, never imported: SQLAlchemy's PostgreSQL driver, zoneinfo's data, FastAPI's form
#: parser, uvicorn's event loop and HTTP parser.
PLUGINS = {"psycopg", "tzdata", "python-multipart", "uvloop", "httptools"}
#: Imported by tests but installed by scripts/setup-psgscoring.sh (an optional reference tool).
OPTIONAL_TOOLS = {"psgscoring"}


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!; ]", requirement, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def _imported_distributions(folder: Path, local: set[str]) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    distributions = importlib.metadata.packages_distributions()
    out: set[str] = set()
    for module in found - set(sys.stdlib_module_names) - local:
        assert module in distributions, f"{module} is imported but no installed distribution provides it"
        out |= {_name(d) for d in distributions[module]}
    return out


def test_runtime_dependencies_are_what_src_imports() -> None:
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    imported = _imported_distributions(REPO / "src", {"twitchwise"})
    assert declared - PLUGINS == imported


def test_the_test_extra_covers_what_the_tests_import() -> None:
    runtime = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    test = {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]}
    local = {p.stem for p in (REPO / "tests").rglob("*.py")} | {"twitchwise", "conftest", *OPTIONAL_TOOLS}
    imported = _imported_distributions(REPO / "tests", local)
    assert imported - runtime - test == set()


def test_every_declared_dependency_is_pinned_in_the_lock() -> None:
    lock = {_name(line.split("==")[0]) for line in (REPO / "requirements" / "all.lock").read_text().splitlines()
            if "==" in line and not line.startswith(" ")}  # fmt: skip
    extras = PYPROJECT["project"]["optional-dependencies"]
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"] + extras["test"] + extras["bench"]}
    assert declared - lock == set()
