"""The same results before and after a refactor: every dev vignette and example against its golden.

Regenerate after an intended change: ``PYTHONPATH=src python tests/core/golden_results.py``
(see that module's docstring).
"""

from __future__ import annotations

import json
from typing import Any

import golden_results as g
import pytest

REGENERATE = "PYTHONPATH=src python tests/core/golden_results.py"


def _first_difference(expected: Any, actual: Any, path: str = "") -> str:
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if key not in actual:
                return f"{path}.{key}: missing"
            if key not in expected:
                return f"{path}.{key}: unexpected"
            diff = _first_difference(expected[key], actual[key], f"{path}.{key}")
            if diff:
                return diff
        return ""
    if isinstance(expected, list) and isinstance(actual, list):
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            diff = _first_difference(e, a, f"{path}[{i}]")
            if diff:
                return diff
        return f"{path}: {len(expected)} items expected, {len(actual)} given" if len(expected) != len(actual) else ""
    return "" if expected == actual else f"{path}: expected {expected!r}, got {actual!r}"


def _compare(name: str, rows: list[dict[str, Any]]) -> None:
    path = g.golden_path(name)
    assert path.is_file(), f"{path} is missing; write it with `{REGENERATE}`"
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    # A JSON round trip, so tuples and lists compare alike, as they would on the wire.
    actual = [json.loads(json.dumps(r)) for r in rows]
    assert [r["id"] for r in actual] == [r["id"] for r in expected], f"{name}: the cases changed; `{REGENERATE}`"
    diffs = [f"{e['id']}{_first_difference(e['result'], a['result'])}" for e, a in zip(expected, actual, strict=True)
             if e != a]  # fmt: skip
    head = f"{name}: {len(diffs)} results differ from the golden (`{REGENERATE}` if intended):\n"
    assert not diffs, head + "\n".join(diffs[:20])


def _vignette_params() -> list[Any]:
    sets = g.vignette_sets()
    if not sets:
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=f"no vignettes at {g.SHARED_VIGNETTES}"))]
    return [pytest.param(p, mode, id=g.golden_name(p, mode)) for p in sets for mode in g.MODES]


@pytest.mark.shared
@pytest.mark.parametrize(("vignettes", "mode"), _vignette_params())
def test_dev_vignette_results_match_the_golden(vignettes: Any, mode: str) -> None:
    _compare(g.golden_name(vignettes, mode), list(g.vignette_results(vignettes, mode)))


def test_example_results_match_the_golden() -> None:
    _compare("examples", list(g.example_results()))


def test_a_changed_result_is_reported_with_its_path() -> None:
    """The comparison is not vacuous: one changed probability is named by id and path."""
    expected = {"conditions": [{"id": "a", "probability": 0.5}]}
    actual = {"conditions": [{"id": "a", "probability": 0.51}]}
    assert _first_difference(expected, actual) == ".conditions[0].probability: expected 0.5, got 0.51"
    assert _first_difference(expected, expected) == ""
