"""Fixtures for the knowledge base and the assessment engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from twitchwise.assessment import Assessor
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.knowledge import load_knowledge


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def assessor(kb: KnowledgeBase) -> Assessor:
    return Assessor(kb)


@pytest.fixture(scope="session")
def dev_vignettes(shared_dir: Path) -> list[dict[str, Any]]:
    path = shared_dir / "vignettes" / "dev.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
