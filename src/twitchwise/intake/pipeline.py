"""The medspaCy pipeline of the intake: tokenizer, sentences, target matcher, ConText.

Built from a :class:`~twitchwise.intake.lexicon.Lexicon`; nothing is downloaded or read
from disk (a blank English tokenizer ships with spaCy). Log noise of the components
(PyRuSH and medspaCy use loguru; spaCy warns about overlapping matches) is silenced.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

from twitchwise.intake.context_rules import context_rules
from twitchwise.intake.deferred_imports import defer_nltk
from twitchwise.intake.lexicon import Lexicon

#: Span group the target matcher writes and ConText reads (overlapping targets allowed).
SPAN_GROUP = "twitchwise_targets"


def silence_component_logs() -> None:
    """Silence PyRuSH/medspaCy (loguru) debug lines and spaCy's chatty warnings."""
    try:
        from loguru import logger

        for name in ("PyRuSH", "medspacy", "quickumls"):
            logger.disable(name)
    except ImportError:  # loguru only comes with PyRuSH
        pass
    for name in ("spacy", "medspacy", "PyRuSH", "quickumls"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"medspacy(\..*)?")
    warnings.filterwarnings("ignore", module=r"spacy(\..*)?")


class IntakePipeline:
    """spaCy ``Language`` with a sentencizer, and medspaCy's TargetMatcher and ConText.

    Parameters
    ----------
    lexicon : Lexicon
        Target phrases (from the knowledge base).

    Notes
    -----
    The matcher and ConText are called directly after the sentencizer rather than
    as pipes: medspaCy compiles every phrase by running ``nlp(phrase)``, which is
    cheapest while the pipeline is still only a tokenizer.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        silence_component_logs()
        defer_nltk()  # medspaCy imports NLTK (and SciPy) eagerly; the intake never uses them
        import spacy
        from medspacy.context import ConText
        from medspacy.target_matcher import TargetMatcher, TargetRule

        self.nlp = spacy.blank("en")
        self.matcher = TargetMatcher(self.nlp, result_type="group", span_group_name=SPAN_GROUP, prune=False)
        self.matcher.add([TargetRule(e.phrase, e.category, metadata={"meanings": e.meanings}) for e in lexicon.entries])
        self.context = ConText(
            self.nlp,
            rules=None,
            input_span_type="group",
            span_group_name=SPAN_GROUP,
            prune_on_modifier_overlap=True,
        )
        self.context.add(context_rules())
        self.nlp.add_pipe("sentencizer")

    def __call__(self, text: str) -> Any:
        """Process text; returns the spaCy ``Doc`` with targets in ``doc.spans[SPAN_GROUP]``."""
        doc = self.nlp(text)
        self.matcher(doc)
        if SPAN_GROUP not in doc.spans:
            doc.spans[SPAN_GROUP] = []
        self.context(doc)
        return doc
