"""The intake's rule files are validated on load: one error naming the file and the key."""

from __future__ import annotations

import pytest

from twitchwise.domain.errors import KnowledgeError
from twitchwise.intake.rule_files import load_rule_file, validate_rule_file


def test_shipped_paraphrase_file_is_valid() -> None:
    data = load_rule_file("warning_sign_paraphrases")
    assert data["version"] >= 1
    assert all(len(templates) >= 15 for templates in data["paraphrases"].values())


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ({"version": 1, "word_classes": {}, "paraphrases": {"symptoms:x": ["a"]}}, "paraphrases.symptoms:x"),
        ({"version": 1, "word_classes": {"Bad Name": "x"}, "paraphrases": {}}, "word_classes"),
        ({"version": 1, "word_classes": {}}, "(the whole file)"),
    ],
)
def test_bad_paraphrase_file_names_file_and_key(value: object, where: str) -> None:
    with pytest.raises(KnowledgeError) as info:
        validate_rule_file(value, "warning_sign_paraphrases")
    message = str(info.value)
    assert message.startswith("intake/rules/warning_sign_paraphrases.yaml: at ")
    assert where in message
