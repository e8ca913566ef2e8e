"""Load what the first uses of each area need, so that a first request does not wait for it."""

from __future__ import annotations


def warm_up() -> None:
    """Build the interview, the knowledge search, the text parser, and import the statistics (statsmodels)."""
    import twitchwise.insights.triggers  # noqa: F401  (statsmodels, for the first insights page)
    from twitchwise.services.intake import parser
    from twitchwise.services.interview import interview_engine
    from twitchwise.services.knowledge_search import knowledge_index

    interview_engine()
    knowledge_index()
    parser()
