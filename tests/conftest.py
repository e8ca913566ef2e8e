"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# The web app's per-install secret goes to a temporary folder, not the user's data directory
# (inherited by the servers the tests start).
os.environ["TWITCHWISE_WEB_SECRET_FILE"] = str(Path(tempfile.mkdtemp(prefix="tw-secret-")) / "web-secret")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared contracts folder; tests that need it skip visibly where it is absent."""
    if not (SHARED / "spec" / "vocabulary.yaml").is_file():
        pytest.skip(f"shared contracts not found at {SHARED} (they sit beside the clone in CI)")
    return SHARED
