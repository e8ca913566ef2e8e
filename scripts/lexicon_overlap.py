"""List lexicon phrases of N+ words that occur word for word in a vignette narrative.

An honesty check of the intake's lexicon: a lay phrase copied from a vignette's sentence
(rather than a general way people write) makes the vignette scores look better than the
intake is. Sources checked: ``lay_phrases`` of ``findings.yaml``, ``lay_names`` of the
conditions, and literal word runs inside the string constants (regular expressions included)
of ``src/twitchwise/intake/*.py``. Each hit still needs a person's judgement: most are
ordinary wording ("many times a day"); case fragments ("in the third set") should go.

Usage::

    python scripts/lexicon_overlap.py [MIN_WORDS] [VIGNETTES.jsonl ...]

Defaults: 4 words; every ``../shared/vignettes/*.jsonl``.
``tests/intake/test_lexicon_overlap.py`` fails when a phrase of 4+ words occurs in a
narrative and is not on :data:`ALLOWED` (a short list of kinds of ordinary wording, each
with its reason), and when a comment or docstring of ``src/`` quotes 6+ words of one.
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
DEFAULT_SETS = sorted((ROOT.parent / "shared" / "vignettes").glob("*.jsonl"))
#: Also listed (not checked by the test): the held-out vignettes.
HOLDOUT = ROOT / "tests" / "core" / "data" / "holdout_vignettes.jsonl"
#: Kinds of ordinary wording a phrase of 4+ words may be, with the reason it is not a copied case fragment.
ALLOWED: tuple[tuple[str, str], ...] = (
    (
        r"^(?:a |several |a few |few )?(?:times|nights|days) an? (?:day|hour|week)$"
        r"|^a couple of (?:months|years)$|^over the last few years$|^seconds at a time$",
        "how often and for how long: the standard ways to say a rate or a span",
    ),
    (
        r"^(?:middle of the night|first thing in the morning|in bed at night|after i wake up|when i sit down"
        r"|every time i move|all of a sudden)$",
        "when it happens: everyday time and circumstance idioms",
    ),
    (
        r"^(?:one )?(?:side|corner|back|arch|top) of my (?:face|mouth|leg|foot)$|^a?round the back of$",
        "where on a body part: a preposition phrase, not a symptom",
    ),
    (
        r"^(?:near|at|towards) the end of$|^(?:said it might be|put it down to|want to know if)$"
        r"|^(?:nobody|no one) in (?:my|the) family$|^no family history of$",
        "grammar of the ConText and clause rules (who, reported speech, a part of a game): no symptom content",
    ),
    (
        r"^(?:fell out of bed|stiff as a board|hard as a rock|all over the place|tired all the time"
        r"|exhausted all the time|hot all the time|go down the wrong way|lost my sense of smell)$",
        "English idioms for the finding, as patient leaflets use them",
    ),
    (
        r"^(?:what day it is|people who aren't there|urge to move my legs|(?:cannot|barely|hardly) open my mouth"
        r"|can't bend my neck|crick in my neck|numb(?:ness)? between my legs|can't climb the stairs"
        r"|struggle with the stairs|have to get up|get up and walk|hold my arms out|haven't had a tetanus jab)$",
        "the wording of NHS / NICE guidance for the sign (confusion, hallucinations, RLS, lockjaw, meningitis, "
        "cauda equina, weakness, postural tremor, tetanus)",
    ),
    (
        r"^(?:leg cramps at night|(?:twisting|turned) to (?:one|the) side|hurt my lower back)$",
        "a condition's lay name (knowledge team's file), the plain description of a posture or a strain",
    ),
)
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
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                _add_literal_runs(phrases, node.value, f"intake/{path.name}")
    # The intake's rule files: ConText literals, clause-rule patterns, paraphrase templates.
    for path in sorted(_rule_files(root)):
        for value in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            _add_literal_runs(phrases, value, f"intake/rules/{path.name}")
    return phrases


def _rule_files(root: Path) -> list[Path]:
    rules = root / "src" / "twitchwise" / "intake" / "rules"
    return [*rules.glob("*.yaml"), *rules.glob("*.json")]


def _strings(value: object) -> list[str]:
    """Every string inside a parsed YAML/JSON value (keys too)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _add_literal_runs(phrases: dict[str, set[str]], value: str, where: str) -> None:
    """The literal word runs of a string (regular expressions are split at their syntax)."""
    for part in _REGEX_META.split(value):
        part = part.strip()
        if part and re.fullmatch(r"[A-Za-z' ,-]+", part) and len(part.split()) >= 2:
            phrases[_norm(part)].add(where)


def narratives_of(sets: list[Path]) -> dict[str, str]:
    """``"<set>:<id>"`` -> normalised narrative, for every vignette file that exists."""
    narratives: dict[str, str] = {}
    for path in sets:
        if not path.is_file():
            print(f"skipped: {path} is absent", file=sys.stderr)
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                narratives[f"{path.stem}:{row['id']}"] = _norm(row["case"].get("narrative", ""))
    return narratives


def allowed_reason(phrase: str) -> str | None:
    """The reason a phrase may occur in a narrative (see :data:`ALLOWED`), or None."""
    for pattern, reason in ALLOWED:
        if re.search(pattern, phrase):
            return reason
    return None


def overlaps(min_words: int = 4, sets: list[Path] | None = None) -> list[tuple[str, list[str], set[str]]]:
    """Rule phrases of ``min_words``+ words found verbatim in a narrative: (phrase, where, sources)."""
    narratives = narratives_of(sets or DEFAULT_SETS)
    out = []
    candidates = {p: s for p, s in lexicon_phrases(ROOT).items() if len(p.split()) >= min_words}
    for phrase, sources in sorted(candidates.items(), key=lambda kv: sorted(kv[1])):
        pattern = re.compile(r"(?<![a-z0-9'])" + re.escape(phrase) + r"(?![a-z0-9'])")
        where = [key for key, text in narratives.items() if pattern.search(text)]
        if where:
            out.append((phrase, where, sources))
    return out


def quoted_in_comments(min_words: int = 6, sets: list[Path] | None = None) -> list[tuple[str, str]]:
    """Runs of ``min_words``+ words of a narrative quoted in a comment or docstring of ``src/``: (file, words)."""
    narratives = list(narratives_of(sets or DEFAULT_SETS).values())
    grams: set[str] = set()
    for text in narratives:
        words = [w for w in text.split() if re.fullmatch(r"[a-z0-9']+", w)]
        grams.update(" ".join(words[i : i + min_words]) for i in range(len(words) - min_words + 1))
    out = []
    for path in sorted([*(ROOT / "src").rglob("*.py"), *_rule_files(ROOT)]):
        source = path.read_text(encoding="utf-8")
        prose = re.findall(r"#[^\n]*", source)
        if path.suffix == ".py":
            prose += re.findall(r'"""(.*?)"""', source, re.S)
        elif path.suffix == ".json":
            prose += [str(v) for v in (json.loads(source).get("about"), json.loads(source).get("description")) if v]
        for chunk in prose:
            words = [w for w in _norm(chunk).split() if re.fullmatch(r"[a-z0-9']+", w)]
            for i in range(len(words) - min_words + 1):
                gram = " ".join(words[i : i + min_words])
                if gram in grams:
                    out.append((str(path.relative_to(ROOT)), gram))
    return out


def main(argv: list[str]) -> int:
    min_words = int(argv[0]) if argv else 4
    sets = [Path(a) for a in argv[1:]] or DEFAULT_SETS
    hits = overlaps(min_words, sets)
    for phrase, where, sources in hits:
        reason = allowed_reason(phrase)
        mark = f"allowed ({reason})" if reason else "NOT ALLOWED"
        print(f"{phrase!r:45} {len(where)}x {', '.join(where[:3])}  <- {'; '.join(sorted(sources))}  [{mark}]")
    for where, gram in quoted_in_comments(sets=sets):
        print(f"{where}: a comment quotes a narrative: {gram!r}")
    print(f"{len(hits)} phrases of {min_words}+ words occur verbatim in a narrative")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
