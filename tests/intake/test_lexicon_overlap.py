"""Honest measurement: no rule phrase copied from a vignette, no comment quoting one.

``scripts/lexicon_overlap.py`` lists every lexicon or phrase-list fragment of 4+ words that
occurs word for word in a narrative of ``../shared/vignettes/*.jsonl``; each must be one of
the kinds of ordinary wording on its short allow-list (with a reason each).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "lexicon_overlap.py"
_spec = importlib.util.spec_from_file_location("lexicon_overlap", _SCRIPT)
assert _spec is not None and _spec.loader is not None
overlap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(overlap)

pytestmark = pytest.mark.skipif(not overlap.DEFAULT_SETS, reason="../shared/vignettes is absent")


def test_no_rule_phrase_of_4_words_occurs_in_a_narrative_unless_allowed():
    hits = [(phrase, where[:2]) for phrase, where, _ in overlap.overlaps(4) if overlap.allowed_reason(phrase) is None]
    assert hits == []


def test_the_allow_list_is_short_and_every_entry_has_a_reason():
    assert len(overlap.ALLOWED) <= 10
    assert all(len(reason.split()) >= 4 for _, reason in overlap.ALLOWED)


def test_no_comment_in_src_quotes_a_narrative():
    assert overlap.quoted_in_comments(6) == []


def test_the_check_finds_a_copied_phrase(tmp_path):
    vignettes = tmp_path / "v.jsonl"
    vignettes.write_text('{"id": "x", "case": {"narrative": "Since Tuesday it feels numb between my legs."}}\n')
    phrases = [p for p, _, _ in overlap.overlaps(4, [vignettes])]
    assert "numb between my legs" in phrases
