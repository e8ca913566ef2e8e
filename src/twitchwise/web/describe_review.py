"""The Describe review: what was understood, in words, grouped the way a person tells it.

Each finding the parser took from the text becomes one item in one of the groups "what
happens", "where", "when", "with what" and "medicines" (age and sex under "about you"), worded
from the knowledge's labels ("started about 3 days ago", "about 475 mg of caffeine a day"),
never as a field and a number. Findings read from the same words of the same group are one
item ("5 coffees a day" is one thing to keep or remove), and each item lists the indexes of
its findings for the form's "keep" boxes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from twitchwise.services.assessment import knowledge

#: (group id, heading), in the order shown.
GROUPS = (
    ("about", "About you"),
    ("what", "What happens"),
    ("where", "Where"),
    ("when", "When"),
    ("with", "With what"),
    ("medicines", "Medicines"),
)
_GROUP_OF_FIELD = {
    "age": "about", "sex": "about",
    "features": "what", "symptoms": "what", "absent": "what",
    "sites": "where", "side": "where",
    "first_noticed_days": "when", "first_noticed": "when", "when": "when", "frequency": "when",
    "episode_length": "when", "course": "when",
    "exposure": "with", "history": "with", "condition": "with",
    "medications": "medicines", "med": "medicines",
}  # fmt: skip
STATUS_TEXT = {
    "absent": "you said you do not have this",
    "uncertain": "you were not sure; counted to be safe",
    "hypothetical": "a worry, not counted",
    "family": "about a relative, not counted",
    "ignored": "noted, not used",
}


def group_of(field: str) -> str:
    """The review group of a finding's field (``exposures.*`` is "with what")."""
    if field.startswith("exposures."):
        return "with"
    return _GROUP_OF_FIELD.get(field, "what")


def _number(value: Any) -> str:
    return f"{float(value):g}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def started_words(days: float) -> str:
    """When something started, from days ago, in words ("started yesterday", "started about 3 weeks ago")."""
    if days < 1:
        return "started today"
    if days < 2:
        return "started yesterday"
    if days < 14:
        return f"started about {round(days)} days ago"
    if days < 60:
        return f"started about {round(days / 7)} weeks ago"
    if days < 730:
        return f"started about {round(days / 30.4)} months ago"
    return f"started about {round(days / 365.25)} years ago"


_EXPOSURE_WORDS = {
    "caffeine_mg_day": "about {v} mg of caffeine a day",
    "sleep_hours": "about {v} hours of sleep a night",
    "stress_0_10": "stress of about {v} out of 10",
    "alcohol_units_week": "about {v} units of alcohol a week",
}


def finding_words(field: str, value: Any, labels: Mapping[str, str]) -> str:
    """One finding in words, from the knowledge's labels where there is one."""
    kb = knowledge()
    if field == "absent":
        field = "symptoms"
    fid = f"{field}:{value}"
    if fid in labels:
        return labels[fid]
    if field == "age":
        return f"{_number(value)} years old"
    if field == "sex":
        return {"female": "female", "male": "male"}.get(str(value), str(value).replace("_", " "))
    if field == "first_noticed_days" and isinstance(value, int | float):
        return started_words(float(value))
    if field.startswith("exposures."):
        name = field.split(".", 1)[1]
        if name in _EXPOSURE_WORDS:
            return _EXPOSURE_WORDS[name].format(v=_number(value))
        return labels.get(f"exposure:{name}", name.replace("_", " "))
    if field == "condition":
        cond = kb.conditions.get(str(value))
        return f"you mentioned {cond.name if cond else str(value).replace('_', ' ')}"
    if field == "medications":
        return str(value)
    return str(value).replace("_", " ")


def _concept(field: str) -> str:
    """What a finding's field is about (an amount and its category are one thing)."""
    if field.startswith("exposures.") or field == "exposure":
        return "exposure"
    return "first_noticed" if field == "first_noticed_days" else field


def review_context(text: str, findings: Sequence[Any], labels: Mapping[str, str]) -> dict[str, Any]:
    """What the review page shows: highlighted ``segments``, ``groups`` of items, ``assumed``.

    Parameters
    ----------
    text : str
        The person's text.
    findings : sequence of ExtractedFinding
        The parser's findings (``field``, ``value``, ``status``, ``start``, ``end``, ``text``,
        ``source``, ``note``), in the parser's order (their indexes are what "keep" sends back).
    labels : Mapping
        Finding id -> label.
    """
    items: list[dict[str, Any]] = []
    spans: list[tuple[int, int, dict[str, Any]]] = []
    assumed: list[str] = []
    for index, f in enumerate(findings):
        words = finding_words(f.field, f.value, labels)
        if f.source == "default" or f.end <= f.start:
            if words not in assumed:
                assumed.append(words)
            continue
        group = group_of(f.field)
        same = next(
            (it for it in items if it["group"] == group and it["status"] == f.status
             and any(f.start < e and s < f.end for s, e in it["spans"])),
            None,
        )  # fmt: skip
        if same is None:
            same = {"group": group, "status": f.status, "status_text": STATUS_TEXT.get(f.status, ""),
                    "indexes": [], "texts": [], "concepts": {}, "spans": [], "n": 0}  # fmt: skip
            items.append(same)
        same["indexes"].append(index)
        same["spans"].append((f.start, f.end))
        if f.text not in same["texts"] and not any(f.text in t for t in same["texts"]):
            same["texts"] = [t for t in same["texts"] if t not in f.text] + [f.text]
        # One meaning per thing said: "5 coffees a day" is an amount of caffeine, not also "a lot
        # of caffeine"; a number ("about 475 mg", "started today") wins over its category.
        concept = _concept(f.field)
        numeric = f.field.startswith("exposures.") or f.field == "first_noticed_days"
        if concept not in same["concepts"] or (numeric and not same["concepts"][concept][0]):
            same["concepts"][concept] = (numeric, words)
        spans.append((f.start, f.end, same))
    order = {g: k for k, (g, _) in enumerate(GROUPS)}
    items.sort(key=lambda it: order[it["group"]])
    for n, it in enumerate(items, start=1):
        it["n"] = n
        it["meaning"] = "; ".join(dict.fromkeys(words for _, words in it.pop("concepts").values()))
        it["value"] = ",".join(map(str, it["indexes"]))
        it["text"] = "” / “".join(it["texts"])
    segments: list[dict[str, Any]] = []
    cursor = 0
    for start, end, it in sorted(spans, key=lambda t: (t[0], -t[1])):
        if start < cursor:
            continue  # overlaps a longer span already highlighted; still listed below
        segments.append({"text": text[cursor:start]})
        segments.append({"text": text[start:end], "n": it["n"], "meaning": it["meaning"], "status": it["status"]})
        cursor = end
    segments.append({"text": text[cursor:]})
    groups = [
        {"id": g, "title": title, "entries": [it for it in items if it["group"] == g]}
        for g, title in GROUPS
        if any(it["group"] == g for it in items)
    ]
    return {"text": text, "segments": segments, "groups": groups, "items": items, "assumed": assumed}
