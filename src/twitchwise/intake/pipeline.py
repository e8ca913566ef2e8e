"""The medspaCy pipeline of the intake: tokenizer, sentences, target matcher, ConText.

Built from a :class:`~twitchwise.intake.lexicon.Lexicon`; nothing is downloaded or read
from disk (a blank English tokenizer ships with spaCy). Log noise of the components
(PyRuSH and medspaCy use loguru; spaCy warns about overlapping matches) is silenced.
"""

from __future__ import annotations

import logging
import re
import warnings
from typing import Any

from twitchwise.intake.context_rules import context_rules
from twitchwise.intake.deferred_imports import defer_nltk
from twitchwise.intake.lexicon import Lexicon
from twitchwise.intake.rule_ids import lexicon_rule_id, paraphrase_rule_id
from twitchwise.intake.warning_signs import compiled_paraphrases, finding_key

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


_QUOTE_MARKS = re.compile(r"(?<![A-Za-z])['‘’\"“”]|['‘’\"“”](?![A-Za-z])")


class ParaphraseRule:
    """What a warning-sign paraphrase span carries as ``span._.target_rule`` (as a TargetRule does).

    ``metadata`` holds the span's ``meanings`` and, one per meaning, their ``rule_ids``.
    """

    def __init__(
        self, literal: str, category: str, meanings: tuple[tuple[str, str], ...], rule_ids: tuple[str, ...]
    ) -> None:
        self.literal = literal
        self.category = category
        self.metadata: dict[str, Any] = {"meanings": meanings, "rule_ids": rule_ids}


def add_paraphrase_targets(doc: Any) -> None:
    """Add a target span per warning-sign paraphrase match (:mod:`~twitchwise.intake.warning_signs`).

    A span over exactly the words of a lexicon target gets that target's meanings and the
    warning sign's together (spaCy keys span extensions by position, so two spans over the
    same words would share one ``target_rule``).
    """
    from spacy.tokens import Span

    group = doc.spans[SPAN_GROUP]
    by_offsets = {(sp.start, sp.end): sp for sp in group}
    added = []
    # Quotation marks around a word ("her jaw is 'locked'") become spaces: same offsets, same words.
    text = _QUOTE_MARKS.sub(" ", doc.text)
    for fid, pattern in compiled_paraphrases():
        meaning = finding_key(fid)
        for m in pattern.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or not len(span):
                continue
            old = by_offsets.get((span.start, span.end))
            if old is not None:
                meta = old._.target_rule.metadata
                meanings = tuple(meta["meanings"])
                if meaning not in meanings:
                    rule_ids = (*meta["rule_ids"], paraphrase_rule_id(fid))
                    old._.target_rule = ParaphraseRule(
                        old._.target_rule.literal, old.label_, (*meanings, meaning), rule_ids
                    )
                continue
            new = Span(doc, span.start, span.end, label=meaning[0])
            new._.target_rule = ParaphraseRule(
                paraphrase_rule_id(fid), meaning[0], (meaning,), (paraphrase_rule_id(fid),)
            )
            by_offsets[(new.start, new.end)] = new
            added.append(new)
    if added:
        doc.spans[SPAN_GROUP] = sorted([*group, *added], key=lambda s: (s.start, s.end))


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
        self.matcher.add(
            [
                TargetRule(
                    e.phrase,
                    e.category,
                    metadata={"meanings": e.meanings, "rule_ids": tuple(lexicon_rule_id(c, v) for c, v in e.meanings)},
                )
                for e in lexicon.entries
            ]
        )
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
        add_paraphrase_targets(doc)
        self.context(doc)
        return doc
