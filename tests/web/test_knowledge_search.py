"""Knowledge search (bm25s over the knowledge base): the right passages for plain questions, with sources."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchwise.domain.errors import InputError
from twitchwise.knowledge.search import MAX_QUERY_CHARS, stem, tokenize
from twitchwise.services.knowledge_search import ask, knowledge_index


@pytest.mark.parametrize(
    ("question", "expected_ref", "within"),
    [
        ("why does my eyelid twitch", "eyelid_myokymia", 1),
        ("leg cramps at night", "nocturnal_leg_cramps", 1),
        ("caffeine twitching", "caffeine-nicotine-stimulants", 1),
        # No synonyms: "coffee" only matches where the text says coffee, so the article comes 5th.
        ("does coffee make muscles twitch", "caffeine-nicotine-stimulants", 5),
        ("restless legs urge to move in the evening", "restless_legs_syndrome", 3),
        ("jerk when falling asleep", "hypnic_jerks", 3),
        ("when should I see a doctor about twitching", "when-to-see-a-doctor", 3),
    ],
)
def test_plain_questions_find_the_right_passage(question: str, expected_ref: str, within: int) -> None:
    refs = [r["ref"] for r in ask(question, within)["results"]]
    assert expected_ref in refs, refs


def test_every_result_carries_its_sources() -> None:
    for result in ask("muscle twitching causes", 10)["results"]:
        assert result["sources"], result["title"]
        assert all(s["url"].startswith("https://") for s in result["sources"])


def test_every_section_condition_and_movement_type_is_indexed() -> None:
    index = knowledge_index()
    kinds = {(p.kind, p.ref) for p in index.passages}
    assert {("condition", c) for c in index.kb.conditions} <= kinds
    assert {("movement_type", m) for m in index.kb.movement_types} <= kinds
    assert {("section", s.id) for s in index.kb.sections} <= kinds


def test_stemming_joins_word_forms() -> None:
    assert stem("twitching") == stem("twitches") == "twitch"
    assert tokenize("Why does my eyelid twitch?") == ["eyelid", "twitch"]


def test_unknown_words_give_no_results() -> None:
    assert ask("xyzzy plugh", 5)["results"] == []


@pytest.mark.parametrize(("question", "limit"), [("", 3), ("   ", 3), ("x" * (MAX_QUERY_CHARS + 1), 3), ("cramp", 0),
                                                 ("cramp", 21)])  # fmt: skip
def test_bad_questions_are_input_errors(question: str, limit: int) -> None:
    with pytest.raises(InputError):
        ask(question, limit)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(lambda s: s.strip()), st.integers(1, 20))
def test_any_text_gives_sorted_bounded_results(question: str, limit: int) -> None:
    results = ask(question, limit)["results"]
    assert len(results) <= limit
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)
