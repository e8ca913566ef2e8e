"""The one typed vocabulary: age bands as half-open intervals, ids checked with one sentence."""

from __future__ import annotations

import math

import pytest

from twitchwise.domain.errors import InputError
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.domain.vocabulary import AgeBand, check_age_bands


@pytest.mark.parametrize(
    ("age", "band"),
    [(0.0, "infant"), (0.58, "infant"), (1.0, "preschool"), (4.9999, "preschool"), (12.9995, "child"),
     (13.0, "teen"), (19.9999, "teen"), (20.0, "adult"), (59.9999, "middle"), (60.0, "older"), (119.0, "older"),
     (-1.0, "infant")],
)  # fmt: skip
def test_an_age_falls_in_exactly_one_half_open_band(kb: KnowledgeBase, age: float, band: str) -> None:
    assert kb.vocab.age_band(age) == band
    assert sum(b.contains(age) for b in kb.vocab.age_bands) == (0 if age < 0 else 1)


def test_the_bands_are_contiguous_from_birth() -> None:
    good = (AgeBand("a", 0, 10), AgeBand("b", 10, math.inf))
    assert check_age_bands(good) is None
    assert check_age_bands((AgeBand("a", 0, 9.999), AgeBand("b", 10, math.inf))) == "a ends at 9.999 but b starts at 10"
    assert check_age_bands((AgeBand("a", 0, 10),)) == "the last band must have no upper bound"


def test_the_priors_use_the_vocabulary_s_bands_and_sexes(kb: KnowledgeBase) -> None:
    assert kb.vocab.prior_sexes == ("female", "male")
    for cond in kb.conditions.values():
        assert set(cond.prior.age) <= set(kb.vocab.age_band_ids)
        assert set(cond.prior.sex) <= set(kb.vocab.prior_sexes)


def test_exposure_findings_are_described(kb: KnowledgeBase) -> None:
    assert [f.value for f in kb.findings.values() if f.field == "exposure"][: len(kb.vocab.exposure_findings)] == list(
        kb.vocab.exposure_findings
    )


def test_an_unknown_id_is_one_sentence_naming_the_field(kb: KnowledgeBase) -> None:
    assert kb.vocab.check("calf", "sites", "site") == "calf"
    with pytest.raises(InputError) as err:
        kb.vocab.check("elbow", "sites", "site")
    assert err.value.field == "site"
    assert err.value.message.startswith("site 'elbow' is not known; use one of: eyelid, both_eyes")
