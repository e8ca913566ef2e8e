"""Rule ids of the intake (see :mod:`~twitchwise.intake.extracted`) and where each rule lives.

>>> lexicon_rule_id("symptoms", "fever")
'lexicon:findings.yaml#symptoms:fever'
>>> rule_location("clause:palpitations")                                 # doctest: +SKIP
'src/twitchwise/intake/rules/clause_rules.yaml, rules[1] (id: palpitations)'
"""

from __future__ import annotations

from twitchwise.intake.rule_files import load_rule_file

#: Fields of lexicon meanings that are not findings of ``findings.yaml``.
_MEDICATIONS, _CONDITION = "medications", "condition"
_KNOWLEDGE = "src/twitchwise/knowledge/data"
_RULES = "src/twitchwise/intake/rules"


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


def rule_location(rule_id: str) -> str:
    """Where the rule of ``rule_id`` lives: the file and the entry, in a few words.

    Unknown kinds are returned as they are (``"(no rule id)"`` when empty).
    """
    kind, _, rest = rule_id.partition(":")
    if kind == "lexicon":
        file, _, entry = rest.partition("#")
        if file == "medications.yaml":
            return f"{_KNOWLEDGE}/{file}, names: {entry}"
        if entry == "names":
            return f"{_KNOWLEDGE}/{file}, name and lay_names"
        return f"{_KNOWLEDGE}/{file}, {entry}, lay_phrases (or a generated form of one)"
    if kind == "paraphrase":
        return f"{_RULES}/warning_sign_paraphrases.yaml, paraphrases: {rest}"
    if kind == "clause":
        rules = load_rule_file("clause_rules")["rules"]
        index = next((i for i, r in enumerate(rules) if r["id"] == rest), -1)
        return f"{_RULES}/clause_rules.yaml, rules[{index}] (id: {rest})"
    if kind == "context":
        rules = load_rule_file("context_rules")["context_rules"]
        index = next((i for i, r in enumerate(rules) if r["metadata"]["id"] == rest), -1)
        return f"{_RULES}/context_rules.json, context_rules[{index}] (id: {rest})"
    if kind == "code":
        module, _, function = rest.partition(".")
        return f"src/twitchwise/intake/{module}.py, {function}()"
    return rule_id or "(no rule id)"
