"""Findings told across a clause rather than in one fixed phrase.

The lexicon matches phrases word for word, so it cannot see a finding whose words are
spread over a clause with other words between them: tingling told of the lips among
other parts (tingling around the mouth), a heart "as if it's fluttering" (palpitations),
heavy drinking and then a stop (a recent stop of alcohol). Each rule is one such
construction, written in ``rules/clause_rules.yaml`` (validated on load against
``rules/schemas/clause_rules.schema.json``); a negation just before it makes the finding
absent.

The words a rule reads as its finding are that finding's: a lexicon finding of a
*movement* inside a palpitations clause ("fluttering" of the heart) is not a movement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from twitchwise.intake.extracted import ExtractedFinding, Origin, RuleKind, Status
from twitchwise.intake.rule_files import load_rule_file, rule_error
from twitchwise.intake.rule_ids import clause_rule_id

#: The rule file (``rules/clause_rules.yaml``).
RULE_FILE = "clause_rules"
_PART = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class ClauseRule:
    """One construction of ``rules/clause_rules.yaml``.

    Attributes
    ----------
    id : str
        The rule's id; its findings carry ``rule_id`` ``"clause:<id>"``.
    field, value : str
        The finding it states.
    pattern : re.Pattern
        The construction (case-insensitive), parts expanded.
    takes_over : frozenset of str
        Fields of lexicon findings inside a match that are this finding's words.
    negation : str
        ``before_or_inside``, ``before`` or ``always`` (see the rule file's header).
    index : int
        Position in the file's ``rules`` (for ``--explain``).
    """

    id: str
    field: str
    value: str
    pattern: re.Pattern[str]
    takes_over: frozenset[str]
    negation: str
    index: int


def _compile(text: str, parts: dict[str, str], where: str) -> re.Pattern[str]:
    def part(m: re.Match[str]) -> str:
        if m.group(1) not in parts:
            raise rule_error(RULE_FILE, where, f"names an unknown part {{{m.group(1)}}} (known: {', '.join(parts)})")
        return parts[m.group(1)]

    try:
        return re.compile(_PART.sub(part, text), re.I)
    except re.error as exc:
        raise rule_error(RULE_FILE, where, f"is not a valid regular expression ({exc})") from exc


@cache
def clause_rules() -> tuple[ClauseRule, ...]:
    """The rules of ``rules/clause_rules.yaml``, compiled, in file order.

    Raises
    ------
    KnowledgeError
        When the file does not match its schema, a pattern does not compile or names an
        unknown part, or two rules share an id.
    """
    return rules_of(load_rule_file(RULE_FILE))


def rules_of(data: dict[str, Any]) -> tuple[ClauseRule, ...]:
    """A parsed, schema-valid rule file's rules, compiled (see :func:`clause_rules`); raises KnowledgeError."""
    parts: dict[str, str] = dict(data["parts"])
    for key in ("before", "inside"):
        _compile(data["negation"][key], {}, f"negation.{key}")
    out: list[ClauseRule] = []
    for i, rule in enumerate(data["rules"]):
        if any(r.id == rule["id"] for r in out):
            raise rule_error(RULE_FILE, f"rules.{i}.id", f"{rule['id']!r} is used by an earlier rule")
        out.append(
            ClauseRule(
                rule["id"],
                rule["field"],
                rule["value"],
                _compile(rule["pattern"], parts, f"rules.{i}.pattern"),
                frozenset(rule.get("takes_over") or ()),
                rule.get("negation", "before_or_inside"),
                i,
            )
        )
    return tuple(out)


@cache
def _negation() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a negation in the few words before a clause, a negation inside it)."""
    neg = load_rule_file(RULE_FILE)["negation"]
    return _compile(neg["before"], {}, "negation.before"), _compile(neg["inside"], {}, "negation.inside")


def clause_findings(text: str) -> list[ExtractedFinding]:
    """Every finding a clause rule's construction states, with its span and status."""
    before_re, inside_re = _negation()
    out: list[ExtractedFinding] = []
    for rule in clause_rules():
        for m in rule.pattern.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            negated = (
                rule.negation == "always"
                or before_re.search(before)
                or (rule.negation == "before_or_inside" and inside_re.search(m.group(0)))
            )
            out.append(
                ExtractedFinding(
                    rule.field,
                    rule.value,
                    Status.ABSENT if negated else Status.PRESENT,
                    m.start(),
                    m.end(),
                    m.group(0),
                    Origin.RULE,
                    "told across a clause",
                    clause_rule_id(rule.id),
                )
            )
    return out


def apply_clause_findings(found: list[ExtractedFinding]) -> list[ExtractedFinding]:
    """Drop a lexicon finding that a clause rule reads as its own (the heart's "fluttering" is not a flicker).

    Also drops a clause finding the lexicon already found with the same value and status
    in the same place, so one statement gives one finding.
    """
    takes = {clause_rule_id(r.id): r.takes_over for r in clause_rules()}
    clauses = [f for f in found if f.rule_kind is RuleKind.CLAUSE]
    if not clauses:
        return found
    out: list[ExtractedFinding] = []
    for f in found:
        if (
            f.origin is Origin.LEXICON
            and (f.used or f.status is Status.ABSENT)
            and any(c.start <= f.start and f.end <= c.end and f.field in takes[c.rule_id] for c in clauses)
        ):
            out.append(replace(f, status=Status.IGNORED, note="part of a longer statement"))
            continue
        out.append(f)
    return out
