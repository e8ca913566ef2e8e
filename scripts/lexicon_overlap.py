"""List lexicon phrases of N+ words that occur word for word in a vignette narrative.

An honesty check of the intake's lexicon: a lay phrase copied from a vignette's sentence
(rather than a general way people write) makes the vignette scores look better than the
intake is. Sources checked: ``lay_phrases`` of ``findings.yaml``, ``lay_names`` of the
conditions, and literal word runs inside the string constants (regular expressions included)
of ``src/twitchwise/intake/*.py``. Each hit still needs a person's judgement: most are
ordinary wording ("many times a day"); case fragments ("in the third set") should go.

Usage::

    python scripts/lexicon_overlap.py [MIN_WORDS] [VIGNETTES.jsonl ...]

Defaults: 4 words; ``../shared/vignettes/dev.jsonl`` and the held-out vignettes.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = [
    ROOT.parent / "shared" / "vignettes" / "dev.jsonl",
    ROOT / "tests" / "core" / "data" / "holdout_vignettes.jsonl",
]
_REGEX_META = re.compile(r"\\[bBsSwWdD]|\(\?P<\w+>|\(\?[:!=<]*|\{[^}]*\}|[|()\[\]?*+^$]|\\.")


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    return " ".join(re.findall(r"[a-z0-9']+|[^\sa-z0-9']", text))


def lexicon_phrases(root: Path) -> dict[str, set[str]]:
    """Every phrase of the lexicon and the intake's phrase lists -> where it comes from."""
    phrases: dict[str, set[str]] = defaultdict(set)
    data = root / "src" / "twitchwise" / "knowledge" / "data"
    findings = yaml.safe_load((data / "findings.yaml").read_text(encoding="utf-8"))
    for fid, finding in findings.items():
        for phrase in finding.get("lay_phrases") or []:
            phrases[_norm(phrase)].add(f"findings.yaml {fid}")
    for path in sorted((data / "conditions").glob("*.yaml")):
        cond = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name in cond.get("lay_names") or []:
            phrases[_norm(name)].add(f"conditions/{path.name}")
    for path in sorted((root / "src" / "twitchwise" / "intake").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            for part in _REGEX_META.split(node.value):
                part = part.strip()
                if part and re.fullmatch(r"[A-Za-z' ,-]+", part) and len(part.split()) >= 2:
                    phrases[_norm(part)].add(f"intake/{path.name}")
    return phrases


def main(argv: list[str]) -> int:
    min_words = int(argv[0]) if argv else 4
    sets = [Path(a) for a in argv[1:]] or DEFAULT_SETS
    narratives: dict[str, str] = {}
    for path in sets:
        if not path.is_file():
            print(f"skipped: {path} is absent", file=sys.stderr)
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                narratives[f"{path.stem}:{row['id']}"] = _norm(row["case"].get("narrative", ""))
    hits = 0
    candidates = {p: s for p, s in lexicon_phrases(ROOT).items() if len(p.split()) >= min_words}
    for phrase, sources in sorted(candidates.items(), key=lambda kv: sorted(kv[1])):
        pattern = re.compile(r"(?<![a-z0-9'])" + re.escape(phrase) + r"(?![a-z0-9'])")
        where = [key for key, text in narratives.items() if pattern.search(text)]
        if where:
            hits += 1
            print(f"{phrase!r:50} {len(where)}x {', '.join(where[:4])}  <- {'; '.join(sorted(sources))}")
    print(f"{hits} of {len(candidates)} phrases of {min_words}+ words occur verbatim in a narrative")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
