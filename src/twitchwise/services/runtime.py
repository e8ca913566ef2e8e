"""The process's shared, immutable runtime objects, each built once on first use.

The knowledge base, the assessment engine and the narrative parser are costly to build
(~0.5 s, ~0.1 s and ~1 s) and never change while the process runs; every use case reaches
them here, so no service module has to import another for them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from twitchwise.assessment import Assessor
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.knowledge import load_knowledge

if TYPE_CHECKING:
    from twitchwise.intake import NarrativeParser


@lru_cache(maxsize=1)
def knowledge() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return load_knowledge()


@lru_cache(maxsize=1)
def assessor() -> Assessor:
    """An :class:`Assessor` over the packaged knowledge base, built once per process."""
    return Assessor(knowledge())


@lru_cache(maxsize=1)
def parser() -> NarrativeParser:
    """The narrative parser over the packaged knowledge base, built once per process."""
    from twitchwise.intake import NarrativeParser  # spaCy and medspaCy load only when a text is parsed

    return NarrativeParser(knowledge())
