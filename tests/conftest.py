"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared contracts folder; tests that need it skip visibly where it is absent."""
    if not (SHARED / "spec" / "vocabulary.yaml").is_file():
        pytest.skip(f"shared contracts not found at {SHARED} (they sit beside the clone in CI)")
    return SHARED
