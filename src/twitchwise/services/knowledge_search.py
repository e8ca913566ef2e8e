"""Use case: answer a plain question from the knowledge base (best passages with their sources)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from twitchwise.assessment import DISCLAIMER
from twitchwise.knowledge.search import KnowledgeIndex
from twitchwise.services.assessment import knowledge


@lru_cache(maxsize=1)
def knowledge_index() -> KnowledgeIndex:
    """The BM25 index over the packaged knowledge base, built once per process."""
    return KnowledgeIndex(knowledge())


def ask(question: str, limit: int = 5) -> dict[str, Any]:
    """Answer ``question`` with the best knowledge passages.

    Returns
    -------
    dict
        ``question``, ``results`` (each: ``kind``, ``ref``, ``title``, ``score``, ``snippet``,
        ``text``, ``sources`` [{id, publisher, title, year, url}]) and ``disclaimer``.

    Raises
    ------
    InputError
        Empty or too long question, or a limit out of range.
    """
    index = knowledge_index()
    hits = index.search(question, limit)
    return {
        "question": question,
        "results": [h.to_dict(index.kb) for h in hits],
        "disclaimer": DISCLAIMER,
    }
