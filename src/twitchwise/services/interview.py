"""The adaptive interview as a use case (shared by the terminal and the web app)."""

from __future__ import annotations

from functools import lru_cache

from twitchwise.assessment.interview import DONT_KNOW, InterviewEngine, InterviewQuestion, InterviewState
from twitchwise.services.runtime import assessor

#: What the interfaces need of the interview's types (they reach the core only through services).
__all__ = ["DONT_KNOW", "InterviewEngine", "InterviewQuestion", "InterviewState", "interview_engine"]


@lru_cache(maxsize=1)
def interview_engine() -> InterviewEngine:
    """The interview engine over the packaged knowledge base."""
    return InterviewEngine(assessor())
