"""Body sites told around the lexicon: "back" listed with a part, and left/right/both next to a site."""

from __future__ import annotations

from typing import Any

from twitchwise.intake.extracted import ExtractedFinding

_SIDE_WORDS = {"left": "left", "right": "right", "both": "both", "either": "both"}
_NOT_SIDE_AFTER = {
    "now",
    "away",
    "after",
    "before",
    "at",
    "when",
    "there",
    "here",
    "then",
    "up",
    "down",
    "through",
    "into",
    "on",
    "in",
    "as",
    "thing",
    "way",
    "to",
}
_PLURAL_SITES = {
    "legs",
    "hands",
    "calves",
    "feet",
    "arms",
    "thighs",
    "shoulders",
    "eyes",
    "eyelids",
    "forearms",
    "shins",
    "knees",
    "hips",
    "buttocks",
    "fingers",
    "toes",
    "lids",
    "sides",
}


def coordinated_back(doc: Any, found: list[ExtractedFinding]) -> list[ExtractedFinding]:
    """ "My neck and back", "my back and tummy": "back" listed with another body part is the back.

    Alone, "back" is too often not the body ("came back", "back and forth"), so the lexicon
    only has it with a possessive ("my back"); listed with a body part it is one.
    """
    sites = {tok.i: f for f in found if f.field == "sites" and f.source == "lexicon" for tok in doc
             if f.start <= tok.idx < f.end}  # fmt: skip
    if not sites or any(f.field == "sites" and f.value == "back" for f in found):
        return []
    for tok in doc:
        if tok.lower_ != "back" or tok.i in sites:
            continue
        i = tok.i
        before = i >= 2 and doc[i - 1].lower_ in ("and", "&", ",") and (i - 2) in sites
        after = (
            i + 2 < len(doc) and doc[i + 1].lower_ in ("and", "&") and (i + 2) in sites
            and i >= 1 and doc[i - 1].lower_ in ("my", "his", "her", "their", "the")
        )  # fmt: skip
        if before or after:
            other = sites[i - 2] if before else sites[i + 2]
            end = tok.idx + len(tok.text)
            return [
                ExtractedFinding(
                    "sites", "back", other.status, tok.idx, end, tok.text, "rule", "listed with a body part"
                )
            ]
    return []


def laterality(doc: Any, found: list[ExtractedFinding]) -> list[ExtractedFinding]:
    """Left/right/both from words next to a body site ("left calf", "both legs", "my calves")."""
    site_spans = [(f.start, f.end) for f in found if f.field == "sites" and f.status in ("present", "uncertain")]
    site_tokens = {tok.i for tok in doc if any(s <= tok.idx < e for s, e in site_spans)}
    out: list[ExtractedFinding] = []
    for tok in doc:
        side = _SIDE_WORDS.get(tok.lower_)
        if side is None:
            continue
        following = [t for t in doc[tok.i + 1 : tok.i + 5]]
        if not following or (following[0].lower_ in _NOT_SIDE_AFTER and tok.lower_ == "right"):
            continue
        near_site = any(t.i in site_tokens for t in following) or (
            following[0].lower_ in ("side", "sides", "sided", "-")
        )
        # "eye lid (right, bottom)", "calf (left)": a side in brackets just after the part.
        if tok.i >= 2 and doc[tok.i - 1].text == "(" and doc[tok.i - 2].i in site_tokens:
            near_site = True
        if near_site:
            out.append(ExtractedFinding("side", side, "present", tok.idx, tok.idx + len(tok.text), tok.text, "rule"))
    if not out:
        for tok in doc:
            if tok.i in site_tokens and tok.lower_ in _PLURAL_SITES:
                out.append(
                    ExtractedFinding(
                        "side",
                        "both",
                        "present",
                        tok.idx,
                        tok.idx + len(tok.text),
                        tok.text,
                        "rule",
                        "plural body part",
                    )
                )
                break
    return out
