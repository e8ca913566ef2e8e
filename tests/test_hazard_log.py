"""Every test the hazard log (docs/safety/hazard-log.md) names as evidence of a control still exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LOG = REPO / "docs" / "safety" / "hazard-log.md"
CITED = sorted(set(re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", LOG.read_text(encoding="utf-8"))))


def test_the_log_cites_tests_for_every_hazard() -> None:
    text = LOG.read_text(encoding="utf-8")
    for hazard in re.findall(r"^## (H\d+)", text, flags=re.MULTILINE):
        section = text.split(f"## {hazard}", 1)[1].split("\n## ", 1)[0]
        assert "tests/" in section, f"{hazard} cites no test"
    assert len(CITED) >= 30


@pytest.mark.parametrize(("path", "name"), CITED, ids=[f"{p}::{n}" for p, n in CITED])
def test_a_cited_test_exists(path: str, name: str) -> None:
    file = REPO / path
    assert file.is_file(), f"{path} is gone"
    defined = {node.name for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
               if isinstance(node, ast.FunctionDef)}  # fmt: skip
    assert name in defined, f"{path} no longer has {name}"
