"""What the result page needs besides the result itself (shared by the check and the description)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from twitchwise.services import assessment as assess_svc
from twitchwise.services.diary import vocabulary
from twitchwise.services.lay_result import lay_result

MOVEMENT_KINDS, SITES = vocabulary().movement_kinds, vocabulary().sites


def finding_labels() -> dict[str, str]:
    """Finding id -> plain label, for the "why" lists."""
    return {fid: f.label for fid, f in assess_svc.knowledge().findings.items()}


def result_context(result: Mapping[str, Any], case: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What the result template needs besides the result: labels and the diary form's defaults."""
    sites = (case or {}).get("sites") or []
    kinds = [m["id"] for m in result.get("movement_types", []) if m["id"] in MOVEMENT_KINDS]
    return {
        "result": result,
        "lay": lay_result(result, case),
        "labels": finding_labels(),
        "sites": SITES,
        "kinds": MOVEMENT_KINDS,
        "save_site": sites[0] if sites and sites[0] in SITES else "eyelid",
        "save_kind": kinds[0] if kinds else "fasciculation",
    }
