"""Warning signs in everyday wording: each is read as the person's finding; traps are not.

The sentences (``warning_sign_sentences.py``) were written from patient-facing guidance,
not from the vignettes. A trap names the sign negated, of another person, in a comparison
or as a fear or hypothetical; none may give the finding as present.
"""

from __future__ import annotations

import pytest
from warning_sign_sentences import POSITIVE, TRAPS

from twitchwise.intake.warning_signs import PARAPHRASES

_POSITIVE = [(fid, text) for fid, texts in POSITIVE.items() for text in texts]
_TRAPS = [(fid, text) for fid, texts in TRAPS.items() for text in texts]


def _present(parse, fid: str, text: str) -> bool:
    fld, _, value = fid.partition(":")
    return value in parse(text).get(fld, [])


@pytest.mark.parametrize(("fid", "text"), _POSITIVE)
def test_warning_sign_is_read(parse, fid, text):
    assert _present(parse, fid, text), f"{fid} not read from {text!r}"


@pytest.mark.parametrize(("fid", "text"), _TRAPS)
def test_trap_gives_no_finding(parse, fid, text):
    assert not _present(parse, fid, text), f"{fid} read from the trap {text!r}"


def test_recall_over_the_tables_is_at_least_95_percent(parse):
    hits = sum(_present(parse, fid, text) for fid, text in _POSITIVE)
    assert hits / len(_POSITIVE) >= 0.95


def test_every_warning_sign_has_15_paraphrases_and_a_table():
    assert {fid: len(p) for fid, p in PARAPHRASES.items() if len(p) < 15} == {}
    assert set(POSITIVE) == set(PARAPHRASES) == set(TRAPS)
    assert all(len(TRAPS[fid]) >= 4 for fid in TRAPS)


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("My hands have been shaking for a week when I hold a cup.", "features:whole_body_convulsion"),
        ("My arms and legs keep twitching at rest.", "features:whole_body_convulsion"),
        ("He knows where he is and who we are.", "symptoms:confusion"),
        ("The twitches are all over the place, calves and arms.", "symptoms:confusion"),
        ("It was a really hot day and I ran 10k.", "symptoms:fever"),
    ],
)
def test_ordinary_sentences_near_a_warning_sign_give_no_finding(parse, text, fid):
    assert not _present(parse, fid, text)
