"""The adaptive interview as a use case (shared by the terminal and the web app)."""

from __future__ import annotations

from functools import lru_cache

from twitchwise.assessment.interview import InterviewEngine
from twitchwise.services.assessment import assessor


@lru_cache(maxsize=1)
def interview_engine() -> InterviewEngine:
    """The interview engine over the packaged knowledge base."""
    return InterviewEngine(assessor())
