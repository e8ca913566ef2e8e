"""Golden regression test of the intake: the findings of every shared dev narrative, unchanged.

The golden file (``data/golden_findings.json``) was written by ``scripts/dump_intake_findings.py``
before the intake was restructured into rule files and typed stages; a change that is meant to
preserve behaviour must leave every narrative's findings and case as they were. A change that
is meant to change them (better recall) regenerates the file with the script and says so in
its commit. Span texts are not stored; offsets are checked against the narrative in ``../shared``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("data") / "golden_findings.json"
_spec = importlib.util.spec_from_file_location("dump_intake_findings", ROOT / "scripts" / "dump_intake_findings.py")
assert _spec is not None and _spec.loader is not None
dump_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dump_script)


def _narratives() -> list[tuple[str, str]]:
    out = []
    for name in dump_script.FILES:
        path = dump_script.VIGNETTES / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["case"].get("narrative"):
                    out.append((f"{name}#{row['id']}", row["case"]["narrative"]))
    return out


NARRATIVES = _narratives()
GOLDEN_DATA = json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.shared
def test_golden_file_covers_the_shared_narratives() -> None:
    if not NARRATIVES:
        pytest.skip(f"{dump_script.VIGNETTES} is absent (../shared not checked out)")
    assert sorted(key for key, _ in NARRATIVES) == sorted(GOLDEN_DATA)


@pytest.mark.shared
@pytest.mark.parametrize(("key", "text"), NARRATIVES, ids=[key for key, _ in NARRATIVES])
def test_findings_match_the_golden_file(parser, key: str, text: str) -> None:
    expected = GOLDEN_DATA.get(key)
    if expected is None or expected["sha"] != dump_script.digest(text):
        pytest.fail(f"{key}: the narrative in ../shared changed; regenerate {GOLDEN.name} with the script")
    parsed = parser.parse(text, dump_script.REFERENCE_DAY).to_dict()
    for finding in parsed["findings"]:
        assert finding["text"] == text[finding["start"] : finding["end"]]
    assert [dump_script.finding_row(f) for f in parsed["findings"]] == expected["findings"]
    assert {k: v for k, v in parsed["case"].items() if k != "narrative"} == expected["case"]
    assert parsed["recognised"] == expected["recognised"]


if not NARRATIVES:

    def test_golden_findings_skipped() -> None:
        pytest.skip(f"{dump_script.VIGNETTES} is absent (../shared not checked out): golden findings not checked")
