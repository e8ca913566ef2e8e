"""Paraphrase sets for the findings that can make a result urgent or an emergency.

The sets are data: ``rules/warning_sign_paraphrases.yaml``; this module compiles them.

Written from patient-facing guidance (NHS "when to call 999", stroke FAST, sepsis,
meningitis, cauda equina, seizure first aid, DVT, rhabdomyolysis, infantile spasms), in
British and American wording, never from the vignettes. Each paraphrase is a small
template: words separated by spaces, where

* ``{name}`` is a word class of :data:`WORDS` (already inflected: "droop", "droops",
  "drooped", "drooping", "droopy"), ``{name?}`` the same class, optional;
* ``…`` is a gap of up to three words ("face *on the right* looked droopy");
* any other word is a regular expression (an apostrophe may be left out or curly).

Words may be separated by spaces, a comma or a hyphen. All templates of a finding are
compiled into one regular expression (:func:`compiled_paraphrases`); the intake pipeline
adds each match as a target span, so ConText negation, hedging, fears and family apply
as to any lay phrase.
"""

from __future__ import annotations

import re
from functools import lru_cache

from twitchwise.intake.paraphrase_templates import WORDS, compile_template
from twitchwise.intake.rule_files import load_rule_file

__all__ = ["PARAPHRASES", "WORDS", "compile_template", "compiled_paraphrases", "finding_key"]

#: Paraphrases per finding id, from ``rules/warning_sign_paraphrases.yaml``.
#: At least 15 each (the file's schema and ``tests/intake/test_warning_sign_paraphrases.py``).
PARAPHRASES: dict[str, tuple[str, ...]] = {
    fid: tuple(templates) for fid, templates in load_rule_file("warning_sign_paraphrases")["paraphrases"].items()
}


def finding_key(finding_id: str) -> tuple[str, str]:
    """``"symptoms:facial_droop"`` -> ``("symptoms", "facial_droop")``."""
    fld, _, value = finding_id.partition(":")
    return fld, value


@lru_cache(maxsize=1)
def compiled_paraphrases() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(finding id, pattern)`` per warning-sign finding: all its paraphrases in one expression."""
    out = []
    for fid, templates in PARAPHRASES.items():
        body = "|".join(f"(?:{compile_template(t)})" for t in templates)
        out.append((fid, re.compile(rf"(?<![\w'’])(?:{body})(?![\w'’])", re.I)))
    return tuple(out)
