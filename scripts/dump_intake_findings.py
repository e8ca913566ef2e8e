"""Dump what the intake extracts from every narrative of the shared dev vignettes (JSON).

The dump is the golden file of ``tests/intake/test_golden_findings.py``: a behaviour-preserving
change of the intake must leave it unchanged. Span texts are not stored (they are pieces of
the narratives, which stay in ``../shared``); each finding keeps its character offsets, and
the test reads the narrative to check them.

Run: ``PYTHONPATH=src .venv/bin/python scripts/dump_intake_findings.py [--full] [OUT.json]``
(default: ``tests/intake/data/golden_findings.json``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VIGNETTES = ROOT.parent / "shared" / "vignettes"
FILES = ("dev.jsonl", "dev-2a.jsonl", "dev-2b.jsonl", "dev-2c.jsonl", "dev-2d.jsonl")
#: Reference day for relative dates ("since Monday"), as in the intake tests.
REFERENCE_DAY = dt.date(2025, 3, 12)
#: Fields of a finding compared by the golden test (``text`` is ``narrative[start:end]``; new
#: fields such as ``rule_id`` may be added without changing the golden file).
COMPARED = ("field", "value", "status", "start", "end", "source", "note")
DEFAULT_OUT = ROOT / "tests" / "intake" / "data" / "golden_findings.json"


def digest(text: str) -> str:
    """A short fingerprint of a narrative (to notice that ../shared changed)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def finding_row(finding: dict[str, Any]) -> list[Any]:
    """The compared fields of one finding's JSON form, as a list in :data:`COMPARED` order."""
    return [finding.get(k, "") for k in COMPARED]


def dump(parser: Any, full: bool = False) -> dict[str, Any]:
    """``{"<file>#<id>": {"sha": ..., "case": ..., "findings": [...]}}`` for every narrative.

    ``full`` keeps every field of each finding (span text included), for a local comparison.
    """
    out: dict[str, Any] = {}
    for name in FILES:
        for line in (VIGNETTES / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            text = row["case"].get("narrative")
            if not text:
                continue
            parsed = parser.parse(text, REFERENCE_DAY).to_dict()
            case = {k: v for k, v in parsed["case"].items() if k != "narrative"}
            out[f"{name}#{row['id']}"] = {
                "sha": digest(text),
                "case": case,
                "findings": [f if full else finding_row(f) for f in parsed["findings"]],
                "recognised": parsed["recognised"],
            }
    return out


def main() -> None:
    from twitchwise.intake import NarrativeParser
    from twitchwise.knowledge import load_knowledge

    args = [a for a in sys.argv[1:] if a != "--full"]
    target = Path(args[0]) if args else DEFAULT_OUT
    target.parent.mkdir(parents=True, exist_ok=True)
    data = dump(NarrativeParser(load_knowledge()), full="--full" in sys.argv)
    # One narrative a line: small, and a change shows as the lines of the narratives it touched.
    lines = [f"{json.dumps(k)}: {json.dumps(data[k], ensure_ascii=False, sort_keys=True)}" for k in sorted(data)]
    target.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"{len(data)} narratives -> {target}")


if __name__ == "__main__":
    main()
