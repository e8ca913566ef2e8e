"""Rule ids of the intake (see :mod:`~twitchwise.intake.extracted`); where each rule lives is
:func:`twitchwise.intake.explain.rule_location`.

>>> lexicon_rule_id("symptoms", "fever")
'lexicon:findings.yaml#symptoms:fever'
"""

from __future__ import annotations

#: Fields of lexicon meanings that are not findings of ``findings.yaml``.
_MEDICATIONS, _CONDITION = "medications", "condition"


def lexicon_rule_id(category: str, value: str) -> str:
    """The rule id of a lexicon meaning: the knowledge-base entry whose phrase it is."""
    if category == _MEDICATIONS:
        return f"lexicon:medications.yaml#{value}"
    if category == _CONDITION:
        return f"lexicon:conditions/{value}.yaml#names"
    return f"lexicon:findings.yaml#{category}:{value}"


def paraphrase_rule_id(finding_id: str) -> str:
    """The rule id of a warning-sign paraphrase set (``"symptoms:facial_droop"``)."""
    return f"paraphrase:{finding_id}"


def clause_rule_id(rule: str) -> str:
    """The rule id of a clause rule of ``rules/clause_rules.yaml``."""
    return f"clause:{rule}"


def code_rule_id(module: str, function: str) -> str:
    """The rule id of a pattern in the intake's own code (``code:timing.frequency``)."""
    return f"code:{module}.{function}"


def context_rule_id(rule: str) -> str:
    """The id of a ConText rule (its ``metadata.id`` in ``rules/context_rules.json``) as a modifier id."""
    return f"context:{rule}"
