"""The body sites of the "Where?" question grouped by region, head to toe (a presentation of the vocabulary)."""

from __future__ import annotations

#: Region heading -> the vocabulary's site ids in it (every site in exactly one region; tested).
SITE_REGIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Head and face", ("eyelid", "both_eyes", "face", "lips_mouth", "jaw", "tongue", "head")),
    ("Neck and shoulders", ("neck", "shoulder")),
    ("Arms and hands", ("upper_arm", "forearm", "hand", "fingers", "thumb")),
    ("Chest, belly and back", ("chest", "abdomen", "back", "buttock")),
    ("Legs and feet", ("thigh", "calf", "shin", "foot", "toes")),
    ("All over", ("whole_body",)),
)


def grouped_options(options: tuple[tuple[str, str], ...]) -> list[tuple[str, list[tuple[str, str]]]]:
    """``(heading, [(id, label)])`` per region for a question's site options (unknown ids last, under "Other")."""
    by_id = dict(options)
    groups = [(heading, [(s, by_id[s]) for s in sites if s in by_id]) for heading, sites in SITE_REGIONS]
    placed = {s for _, sites in SITE_REGIONS for s in sites}
    other = [(s, label) for s, label in options if s not in placed]
    if other:
        groups.append(("Other", other))
    return [(heading, items) for heading, items in groups if items]
