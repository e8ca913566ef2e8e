"""The template language of the warning-sign paraphrases (``rules/warning_sign_paraphrases.yaml``).

Words separated by spaces, where ``{name}`` is a word class of :data:`WORDS` (already
inflected: "droop", "droops", "drooped", "drooping", "droopy"), ``{name?}`` the same class,
optional; ``…`` a gap of up to three words; any other word (or parenthesised group) a
regular expression, in which an apostrophe may be left out or curly. Words may be
separated by spaces, a comma or a hyphen.
"""

from __future__ import annotations

import re

from twitchwise.intake.rule_files import load_rule_file

#: Word classes, inflections included (spaCy's blank English model has no lemmatizer),
#: from ``rules/warning_sign_paraphrases.yaml``.
WORDS: dict[str, str] = dict(load_rule_file("warning_sign_paraphrases")["word_classes"])

_SEP = r"(?:\s*[,-]\s*|\s+)"
WORDS["be"] = rf"(?:{WORDS['be']}(?:\s+{WORDS['be']}){{0,2}})"
_GAP = r"(?:" + _SEP + r"[\w'’-]+){0,3}"
_APOSTROPHE = re.compile(r"(?<!\[)'(?!’\])")
_MACRO = re.compile(r"\{(\w+)(\?)?\}")


def _tokens(template: str) -> list[str]:
    """Split at spaces outside parentheses ("(?:a )?tea" stays one token)."""
    tokens, depth, current = [], 0, ""
    for ch in template:
        depth += ch == "("
        depth -= ch == ")"
        if ch == " " and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += ch
    if depth != 0:
        raise ValueError(f"paraphrase {template!r} has unbalanced parentheses")
    tokens = [*tokens, current] if current else tokens
    # "(?:a|the)? ?word": the " ?" of an optional group is the separator's business
    return [tok[1:] if tok.startswith("?") and len(tok) > 1 else tok for tok in tokens if tok != "?"]


def _one_group(token: str) -> bool:
    """Whether the token is a single parenthesised group ("(?:a|b)")."""
    depth = 0
    for i, ch in enumerate(token):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i == len(token) - 1
    return False


def compile_template(template: str) -> str:
    """One paraphrase template as a regular expression (see the module docstring)."""
    out = ""
    need_sep = False
    for token in _tokens(template):
        if token == "…":
            out += _GAP
            continue
        m = _MACRO.fullmatch(token)
        if m:
            if m.group(1) not in WORDS:
                raise ValueError(f"paraphrase {template!r} names an unknown word class {m.group(1)!r}")
            rx, optional = WORDS[m.group(1)], bool(m.group(2))
        else:
            optional = token.endswith(")?") and _one_group(token[:-1])
            raw = token[:-1] if optional else token
            rx = _APOSTROPHE.sub("['’]?", raw).replace(" ", r"\s+")
            rx = _MACRO.sub(lambda w: f"(?:{WORDS[w.group(1)]})", rx)  # a word class inside a group
        if not need_sep:
            # the first word(s): an optional one carries its own separator
            out += f"(?:(?:{rx}){_SEP})?" if optional else f"(?:{rx})"
            need_sep = not optional
        else:
            out += f"(?:{_SEP}(?:{rx}))?" if optional else f"{_SEP}(?:{rx})"
    return out
