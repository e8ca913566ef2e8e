"""Shared fixtures of the intake tests: one parser per test session (building it takes ~1 s)."""

from __future__ import annotations

import datetime as dt

import pytest

from twitchwise.intake import NarrativeParser
from twitchwise.knowledge import load_knowledge

#: Reference date of the tests (a Wednesday).
TODAY = dt.date(2025, 3, 12)


@pytest.fixture(scope="session")
def parser() -> NarrativeParser:
    return NarrativeParser(load_knowledge())


@pytest.fixture(scope="session")
def parse(parser):
    def run(text: str) -> dict:
        return parser.parse(text, TODAY).case

    return run
