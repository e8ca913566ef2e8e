"""Golden assessment results: every dev vignette (structured and narrative mode) and every example.

The goldens in ``tests/core/golden/`` guard refactors: ``test_golden_results.py`` fails on any
difference. They were produced by the program itself, so they pin behaviour, not correctness
(the vignette bars in ``test_dev_vignettes.py`` and ``tests/intake`` judge correctness).

Regenerate them (after a change meant to alter results, e.g. an intake rule), from the clone::

    PYTHONPATH=src python tests/core/golden_results.py

and review the diff (``git diff --stat tests/core/golden``) before committing it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SHARED_VIGNETTES = REPO.parent / "shared" / "vignettes"
EXAMPLES = REPO / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
#: Fields of a result that change without a change in behaviour.
VOLATILE = frozenset({"knowledge_version"})
#: The reference day of narrative mode ("since Monday" is relative to it; a Wednesday).
REFERENCE_DAY = dt.date(2025, 3, 12)


def stable(result: dict[str, Any]) -> dict[str, Any]:
    """A result without its volatile fields."""
    return {k: v for k, v in result.items() if k not in VOLATILE}


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _error(exc: Exception) -> dict[str, Any]:
    from twitchwise.domain.errors import InputError

    if isinstance(exc, InputError):
        return {"error": exc.message, "field": exc.field}
    raise exc


def structured(case: dict[str, Any]) -> dict[str, Any]:
    """The engine on a vignette's structured fields (its narrative ignored)."""
    from twitchwise.services.assessment import assessor

    return stable(assessor().assess(case))


def narrative(case: dict[str, Any]) -> dict[str, Any]:
    """A vignette's narrative plus age and sex, as `twitchwise describe` assesses it."""
    from twitchwise.services.intake import assess_text

    extra = {k: case[k] for k in ("age", "sex") if k in case}
    try:
        result, _ = assess_text(case.get("narrative") or "", extra, REFERENCE_DAY)
    except Exception as exc:  # an InputError is a result too; anything else propagates
        return _error(exc)
    return stable(result)


def vignette_sets() -> list[Path]:
    """The shared dev vignette files present beside the clone (none where ../shared is absent)."""
    return sorted(SHARED_VIGNETTES.glob("dev*.jsonl")) if SHARED_VIGNETTES.is_dir() else []


MODES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {"structured": structured, "narrative": narrative}


def vignette_results(path: Path, mode: str) -> Iterator[dict[str, Any]]:
    """One ``{"id", "result"}`` per vignette of ``path`` in ``mode``."""
    for row in _rows(path):
        yield {"id": row["id"], "result": MODES[mode](row["case"])}


def example_results() -> Iterator[dict[str, Any]]:
    """Each example case through the service the CLI uses (narratives filled in, errors as results)."""
    from twitchwise.services.assessment import assess_case, parse_case_json

    for path in sorted(EXAMPLES.glob("*.json")):
        yield {"id": path.name, "result": stable(assess_case(parse_case_json(path.read_text(encoding="utf-8"))))}
    for path in sorted(EXAMPLES.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                result = stable(assess_case(parse_case_json(line, f"line {number}")))
            except Exception as exc:
                result = _error(exc)
            yield {"id": f"{path.name}:{number}", "result": result}


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.jsonl"


def golden_name(vignettes: Path, mode: str) -> str:
    return f"{vignettes.stem}.{mode}"


def dump(rows: Iterator[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in rows)


def regenerate() -> list[Path]:
    """Rewrite every golden file; returns the files written."""
    GOLDEN.mkdir(exist_ok=True)
    written = []
    sets = vignette_sets()
    if not sets:
        print(f"warning: no vignettes at {SHARED_VIGNETTES}; only the examples' golden is rewritten", file=sys.stderr)
    for path in sets:
        for mode in MODES:
            out = golden_path(golden_name(path, mode))
            out.write_text(dump(vignette_results(path, mode)), encoding="utf-8")
            written.append(out)
    out = golden_path("examples")
    out.write_text(dump(example_results()), encoding="utf-8")
    written.append(out)
    return written


if __name__ == "__main__":
    for p in regenerate():
        print(p.relative_to(REPO))
