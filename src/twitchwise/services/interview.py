"""The adaptive interview as a use case (shared by the terminal and the web app).

The interview's types and constants are re-exported here so that the web app and the CLI
reach them through the services layer, never the engine directly.
"""

from __future__ import annotations

from functools import lru_cache

from twitchwise.assessment.interview import (
    CONTINUE_AFTER_EMERGENCY,
    DONT_KNOW,
    MAX_QUESTIONS,
    MG_PER_CUP,
    InterviewEngine,
    InterviewQuestion,
    InterviewState,
    build_case,
)
from twitchwise.services.runtime import assessor

#: What the interfaces need of the interview's types (they reach the core only through services).
__all__ = [
    "CONTINUE_AFTER_EMERGENCY", "DONT_KNOW", "MAX_QUESTIONS", "MG_PER_CUP", "InterviewEngine", "InterviewQuestion",
    "InterviewState", "build_case", "interview_engine",
]  # fmt: skip

__all__ = [
    "CONTINUE_AFTER_EMERGENCY",
    "DONT_KNOW",
    "MAX_QUESTIONS",
    "MG_PER_CUP",
    "InterviewEngine",
    "InterviewQuestion",
    "InterviewState",
    "build_case",
    "interview_engine",
]


@lru_cache(maxsize=1)
def interview_engine() -> InterviewEngine:
    """The interview engine over the packaged knowledge base."""
    return InterviewEngine(assessor())
