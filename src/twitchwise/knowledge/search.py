"""Answer plain questions ("why does my eyelid twitch") from the knowledge base with BM25 (pure).

The searchable passages are the topic articles split at their ``##`` headings,
each condition (names, lay names, summary, causes, advice) and each movement
type. :class:`KnowledgeIndex` is built once from a :class:`KnowledgeBase` and
answers queries without touching files or the network (bm25s, in memory).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import bm25s

from twitchwise.domain.errors import InputError
from twitchwise.domain.knowledge_model import KnowledgeBase

# bm25s sets its own logger to DEBUG on import ("Building index from tokens" at every start).
logging.getLogger("bm25s").setLevel(logging.WARNING)

#: Longest question accepted, in characters.
MAX_QUERY_CHARS = 500
#: Most results a search may return.
MAX_RESULTS = 20

_WORD = re.compile(r"[a-z0-9]+")
_HEADING = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)
# Common English words that carry no meaning for the search (plus question words).
_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "get",
        "got",
        "keep",
        "keeps",
    ]
)
# Suffixes stripped (longest first) so that "twitching", "twitches" and "twitch" meet.
_SUFFIXES = (
    "ations",
    "ation",
    "ingly",
    "ings",
    "ness",
    "ment",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
)


def stem(word: str) -> str:
    """A light English stemmer: strips one common suffix, keeping at least four letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return base + "y"
            return base
    return word


def tokenize(text: str) -> list[str]:
    """Lower-case words of ``text`` without stop words, stemmed."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]


@dataclass(frozen=True)
class Passage:
    """One searchable piece of the knowledge base.

    Attributes
    ----------
    kind : str
        ``section`` (a topic article's part), ``condition`` or ``movement_type``.
    ref : str
        The section, condition or movement-type id (links to its page).
    title : str
        Title shown to the user (article title, with the part's heading if any).
    text : str
        The passage's plain text.
    sources : tuple of str
        Source ids of the knowledge base.
    """

    kind: str
    ref: str
    title: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SearchHit:
    """A passage with its BM25 score (higher is better; unitless)."""

    passage: Passage
    score: float

    def to_dict(self, kb: KnowledgeBase, snippet_chars: int = 400) -> dict[str, Any]:
        """JSON form with the passage's sources expanded (publisher, title, year, url)."""
        text = self.passage.text
        snippet = text if len(text) <= snippet_chars else text[:snippet_chars].rsplit(" ", 1)[0] + " ..."
        return {
            "kind": self.passage.kind,
            "ref": self.passage.ref,
            "title": self.passage.title,
            "score": round(self.score, 3),
            "snippet": snippet,
            "text": text,
            "sources": [
                {"id": s, "publisher": kb.sources[s].publisher, "title": kb.sources[s].title,
                 "year": kb.sources[s].year, "url": kb.sources[s].url}
                for s in self.passage.sources
                if s in kb.sources
            ],
        }  # fmt: skip


def knowledge_passages(kb: KnowledgeBase) -> list[Passage]:
    """Every searchable passage of ``kb``: article parts, conditions and movement types."""
    out: list[Passage] = []
    for section in kb.sections:
        parts = _HEADING.split(section.body)
        intro = parts[0].strip()
        if intro:
            out.append(Passage("section", section.id, section.title, intro, section.sources))
        for heading, body in zip(parts[1::2], parts[2::2], strict=True):
            out.append(Passage("section", section.id, f"{section.title}: {heading}", body.strip(), section.sources))
    for cond in kb.conditions.values():
        text = " ".join(
            [
                cond.name + ".",
                ("Also called " + ", ".join(cond.lay_names) + ".") if cond.lay_names else "",
                cond.summary,
                ("Causes: " + "; ".join(c.rstrip(".") for c in cond.causes) + ".") if cond.causes else "",
                " ".join(cond.advice),
            ]
        ).strip()
        out.append(Passage("condition", cond.id, cond.name, text, cond.sources))
    for mt in kb.movement_types.values():
        out.append(Passage("movement_type", mt.id, mt.name, mt.description, mt.sources))
    return out


class KnowledgeIndex:
    """A BM25 index over :func:`knowledge_passages`. Build once (well under a second), reuse.

    Parameters
    ----------
    kb : KnowledgeBase
        The knowledge base to index.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.passages = knowledge_passages(kb)
        # The title counts twice: a passage titled "Eyelid twitching" is about that.
        corpus = [tokenize(f"{p.title} {p.title} {p.text}") for p in self.passages]
        self._retriever: Any = bm25s.BM25()
        self._retriever.index(corpus, show_progress=False)
        self._vocabulary = {t for doc in corpus for t in doc}

    def search(self, question: str, limit: int = 5) -> list[SearchHit]:
        """The best passages for ``question``, best first (only those matching some word).

        Raises
        ------
        InputError
            If the question is empty, longer than :data:`MAX_QUERY_CHARS` characters, or
            ``limit`` is not 1 to :data:`MAX_RESULTS`.
        """
        if not question.strip():
            raise InputError("question is empty; ask e.g. 'why does my eyelid twitch'.", "q")
        if len(question) > MAX_QUERY_CHARS:
            raise InputError(f"question is {len(question)} characters; at most {MAX_QUERY_CHARS} are allowed.", "q")
        if not 1 <= limit <= MAX_RESULTS:
            raise InputError(f"limit must be from 1 to {MAX_RESULTS}.", "limit")
        tokens = [t for t in tokenize(question) if t in self._vocabulary]
        if not tokens:
            return []
        k = min(limit, len(self.passages))
        docs, scores = self._retriever.retrieve([tokens], k=k, show_progress=False, n_threads=1)
        hits = [
            SearchHit(self.passages[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if float(s) > 0
        ]
        return hits
