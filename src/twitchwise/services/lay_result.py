"""A result in lay words, top to bottom: what to do, when to get help, then what it may be and why.

The engine's result (the JSON API) carries probabilities, ICD-10 codes and evidence weights for
clinicians and programs. A worried person needs the same result read differently:

* the urgency as a heading, one plain sentence saying why and one action;
* what they can do now, only advice that fits what they reported (no "stop vaping" for someone
  who never said they vape), and when to get help, each sentence once;
* what it may be in words ("most likely", "possible", "less likely"), a serious condition as
  "something a doctor needs to rule out" rather than a likelihood, conditions under 5 % left
  out, one description of the movement, and "because ..." sentences built from the evidence;
* sources only for what is shown; the numbers behind a "details for clinicians" switch.

The wording lives in ``lay_wording.yaml`` (validated on load against its schema); nothing here
changes an assessment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from twitchwise.domain.errors import KnowledgeError
from twitchwise.domain.knowledge_model import KnowledgeBase
from twitchwise.domain.urgency import Urgency
from twitchwise.services.assessment import knowledge

WORDING_FILE = "lay_wording.yaml"
SCHEMA_FILE = "lay_wording.schema.json"
#: At most this many lines under "what you can do now".
MAX_DO_NOW = 4
#: Two sentences sharing at least this share of their words (of the shorter one) say the same.
NEAR_DUPLICATE_OVERLAP = 0.8
_WORD = re.compile(r"[a-z0-9']+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
#: A reason's sentence that only repeats the action ("Call an emergency number now.").
_ACTION_LIKE = re.compile(r"^(?:call|see a doctor|get medical advice|book)\b", re.IGNORECASE)


# ------------------------------------------------------------------ the wording data
def load_wording(kb: KnowledgeBase, data: Any = None) -> dict[str, Any]:
    """Validate the wording (``data``, or the packaged file when None).

    Raises
    ------
    KnowledgeError
        Naming the file, the key and what is wrong.
    """
    import jsonschema
    import yaml

    here = resources.files("twitchwise.services")
    if data is None:
        data = yaml.safe_load(here.joinpath(WORDING_FILE).read_text(encoding="utf-8"))
    schema = json.loads(here.joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        key = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        raise KnowledgeError(f"{WORDING_FILE}: {key}: {error.message}")
    for cid in data["serious_conditions"]["also"]:
        if cid not in kb.conditions:
            raise KnowledgeError(f"{WORDING_FILE}: serious_conditions.also: {cid!r} is not a known condition")
    for topic, rule in data["advice_topics"].items():
        for fid in rule["reported_by"]:
            if fid not in kb.findings and not fid.startswith("factor:"):
                raise KnowledgeError(f"{WORDING_FILE}: advice_topics.{topic}.reported_by: {fid!r} is not a finding")
    for fid in data["because_overrides"]:
        if fid not in kb.findings:
            raise KnowledgeError(f"{WORDING_FILE}: because_overrides: {fid!r} is not a finding")
    words = data["likelihood"]["words"]
    if [w["at_least"] for w in words] != sorted((w["at_least"] for w in words), reverse=True):
        raise KnowledgeError(f"{WORDING_FILE}: likelihood.words: list the bounds from the highest down")
    return data  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def lay_wording() -> dict[str, Any]:
    """The validated wording, loaded once per process."""
    return load_wording(knowledge())


# ------------------------------------------------------------------ repeated sentences
def sentences(text: str) -> list[str]:
    """The sentences of a line of text (split after ``.``, ``!`` or ``?`` before a capital)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def _words(text: str) -> set[str]:
    """The words of a sentence that carry meaning (three letters or more)."""
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 3}


def says_the_same(a: str, b: str) -> bool:
    """Whether two sentences say the same: the same words, or nearly all of the shorter one's."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= NEAR_DUPLICATE_OVERLAP


class _Ledger:
    """The sentences already shown, so that no sentence is shown twice."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def take(self, line: str) -> str:
        """The line without the sentences already shown ("" when nothing new is left)."""
        kept = [s for s in sentences(line) if not any(says_the_same(s, old) for old in self.seen)]
        self.seen += kept
        return " ".join(kept)

    def take_all(self, lines: Iterable[str]) -> list[str]:
        return [kept for line in lines if (kept := self.take(line))]


# ------------------------------------------------------------------ pieces
def reported_findings(result: Mapping[str, Any], case: Mapping[str, Any] | None) -> set[str]:
    """Finding ids the person reported (from the case and the evidence), and ``factor:<id>``."""
    out = {f"factor:{f['id']}" for f in result.get("factors", [])}
    for c in result.get("conditions", []):
        out |= {e["finding"] for e in c.get("evidence", []) if not str(e["finding"]).startswith(("not ", "cap:"))}
    case = case or {}
    for field in ("features", "when", "symptoms", "history", "sites"):
        out |= {f"{field}:{v}" for v in case.get(field) or [] if isinstance(v, str)}
    exposures = case.get("exposures") or {}
    out |= {f"exposure:{k}" for k, v in exposures.items() if v is True}
    return out


def _topics(line: str, wording: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    lower = line.lower()
    return [
        rule for rule in wording["advice_topics"].values()
        if any(re.search(r"\b" + re.escape(stem), lower) for stem in rule["stems"])
    ]  # fmt: skip


def about_what_was_reported(line: str, wording: Mapping[str, Any], reported: set[str]) -> bool:
    """Whether an advice line is about an exposure the person reported (such lines come first)."""
    return any(fid in reported for rule in _topics(line, wording) for fid in rule["reported_by"])


def advice_fits(line: str, wording: Mapping[str, Any], reported: set[str], case: Mapping[str, Any] | None) -> bool:
    """Whether an advice line fits what the person reported (see ``advice_topics``)."""
    topics = _topics(line, wording)
    if not topics:
        return True
    exposures = (case or {}).get("exposures") or {}
    for rule in topics:
        if any(fid in reported for fid in rule["reported_by"]):
            return True
        zero = rule.get("absent_when_zero")
        said_none = zero is not None and exposures.get(zero) == 0
        if rule["always"] and not said_none:
            return True
    return False


def _finding_words(kb: KnowledgeBase, finding: str) -> str:
    """The plain label of an evidence row's finding (``not <id>`` reads "no <label>")."""
    negated = finding.startswith("not ")
    fid = finding[4:] if negated else finding
    f = kb.findings.get(fid)
    label = f.label if f is not None else fid.split(":")[-1].replace("_", " ")
    return f"no {label}" if negated else label


def _because_clause(kb: KnowledgeBase, wording: Mapping[str, Any], finding: str) -> tuple[str, str] | None:
    """(kind, clause) of one piece of evidence for a "because" sentence, or None when not lay."""
    negated = finding.startswith("not ")
    fid = finding[4:] if negated else finding
    f = kb.findings.get(fid)
    if f is None:
        return None
    kind = ("not_" if negated else "") + fid.split(":")[0]
    if not negated and fid in wording["because_overrides"]:
        return kind, str(wording["because_overrides"][fid])
    template = wording["because"].get(kind)
    if template is None:
        return None
    label = _PARENTHESIS.sub("", f.label).strip()
    if not negated and label.lower().startswith(tuple(wording["because_clause_starts"])):
        return kind, label
    return kind, str(template).format(label=label)


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def because_sentence(evidence: Iterable[Mapping[str, Any]], kb: KnowledgeBase | None = None) -> str:
    """A plain "Because ..." sentence from a condition's evidence (never its weights), or "".

    The strongest evidence *for* the condition is used, one piece per kind (where, when, what
    you describe ...), at most ``because_max`` pieces of at least ``because_min_weight``, and a
    further piece only while the sentence stays within ``because_max_chars``.
    """
    kb = kb or knowledge()
    wording = lay_wording()
    clauses: list[str] = []
    kinds: set[str] = set()
    ordered = sorted(evidence, key=lambda e: -float(e.get("weight", 0)))
    for e in ordered:
        if e.get("effect") != "for" or float(e.get("weight", 0)) < wording["because_min_weight"]:
            continue
        made = _because_clause(kb, wording, str(e["finding"]))
        if made is None or made[0] in kinds or made[1] in clauses:
            continue
        if clauses and len(f"Because {_join([*clauses, made[1]])}.") > wording["because_max_chars"]:
            continue
        kinds.add(made[0])
        clauses.append(made[1])
        if len(clauses) >= wording["because_max"]:
            break
    if not clauses:
        return ""
    return f"Because {_join(clauses)}."


def _serious(kb: KnowledgeBase, wording: Mapping[str, Any], cid: str) -> bool:
    cond = kb.conditions.get(cid)
    floor_serious = cond is not None and cond.urgency_floor >= Urgency.URGENT
    return floor_serious or cid in wording["serious_conditions"]["also"]


def likelihood_word(probability: float) -> str:
    """The word for a probability (0-1): "most likely", "possible", "less likely", or "" when left out."""
    for rule in lay_wording()["likelihood"]["words"]:
        if probability >= rule["at_least"]:
            return str(rule["word"])
    return ""


def _first_sentence(text: str) -> str:
    parts = sentences(text)
    return parts[0] if parts else ""


def _headline(result: Mapping[str, Any], wording: Mapping[str, Any]) -> tuple[str, str, str, list[str], list[str]]:
    """(title, sentence, action, further reasons, questions to check) of the urgency.

    The sentence is the first reason at the result's level. Urgent and emergency results add the
    other warning-sign rules at that level (never the generic "you reported X: worth checking"
    rows, nor the "what you describe fits <condition>" rows that only restate the action). A
    warning sign a description touched but did not answer is a question to check.
    """
    level = result.get("urgency", "self_care")
    words = wording["urgency"].get(level, wording["urgency"]["self_care"])
    reasons = [r for r in result.get("urgency_reasons", []) if r.get("urgency", level) == level] or list(
        result.get("urgency_reasons", [])
    )
    to_check: list[str] = []
    texts = []
    for number, r in enumerate(reasons):
        if r.get("kind") == "unscreened":
            to_check = [str(s["question"]) for s in result.get("unscreened_red_flags", []) if s.get("touched")][:3]
            if to_check:
                texts.append(str(wording["unscreened"]))
                continue
        generic = str(r.get("id", "")).startswith("finding_") or r.get("kind") == "condition"
        if number and generic:
            continue
        kept = [s for s in sentences(str(r.get("text", ""))) if not _ACTION_LIKE.match(s)]
        if kept:
            texts.append(" ".join(kept))
    sentence = texts[0] if texts else ""
    more = texts[1:3] if level in ("urgent", "emergency") else []
    return str(words["title"]), sentence, str(words["action"]), more, to_check


def _help_lines(kb: KnowledgeBase, result: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(the likeliest condition's own "see a doctor if" lines, the general safety net) of ``when_to_get_help``."""
    lines = [str(x) for x in result.get("when_to_get_help", [])]
    about = kb.conditions.get(str((result.get("doctor") or {}).get("about", "")))
    own = set(about.see_doctor_if) if about is not None else set()
    specific = [x for x in lines if x in own]
    general = [x for x in lines if x not in own]
    if specific:
        # The general "book an appointment if twitching lasts ..." repeats the condition's own list.
        general = [x for x in general if not x.lower().startswith("book ")]
    # Most urgent last, after the condition's own list: same day, then emergency.
    general.sort(key=lambda x: 1 if x.lower().startswith("call ") else 0)
    return specific, general


def _sources(
    kb: KnowledgeBase, result: Mapping[str, Any], cids: Sequence[str], movement: str | None
) -> list[dict[str, Any]]:
    """The sources of what is shown: the red flags, the listed conditions and the movement type."""
    ids: list[str] = []
    rules = {r.id: r for r in kb.red_flags}
    for r in result.get("red_flags", []):
        ids += list(rules[r["id"]].sources) if r.get("id") in rules else []
    for cid in cids:
        ids += list(kb.conditions[cid].sources) if cid in kb.conditions else []
    if movement is not None and movement in kb.movement_types:
        ids += list(kb.movement_types[movement].sources)
    out: list[dict[str, Any]] = []
    for sid in dict.fromkeys(ids):
        s = kb.sources.get(sid)
        if s is not None:
            out.append({"id": sid, "title": s.title, "publisher": s.publisher, "year": s.year, "where": s.url})
    return out


def _clinician(kb: KnowledgeBase, result: Mapping[str, Any]) -> dict[str, Any]:
    """The numbers: movement types and conditions with percentages, ICD-10 and weighted evidence."""
    conditions = []
    for c in result.get("conditions", []):
        evidence = []
        for e in c.get("evidence", []):
            finding = str(e.get("finding", ""))
            label = str(e.get("text") or "") if finding.startswith("cap:") else _finding_words(kb, finding)
            evidence.append({"label": label, "effect": e.get("effect"), "weight": e.get("weight")})
        conditions.append({"id": c["id"], "name": c["name"], "icd10": c.get("icd10", ""),
                           "percent": round(100 * float(c["probability"]), 1), "evidence": evidence})  # fmt: skip
    movement_types = [
        {"name": m["name"], "percent": round(100 * float(m["probability"]), 1)}
        for m in result.get("movement_types", [])
    ]
    return {"conditions": conditions, "movement_types": movement_types,
            "urgency_reasons": [str(r.get("text", "")) for r in result.get("urgency_reasons", [])]}  # fmt: skip


# ------------------------------------------------------------------ the whole result
def lay_result(result: Mapping[str, Any], case: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A result (the engine's JSON) as a lay reader sees it, top to bottom.

    Parameters
    ----------
    result : Mapping
        The engine's result (``Assessor.assess``), unchanged.
    case : Mapping, optional
        The case it came from, to keep only advice that fits what the person reported.

    Returns
    -------
    dict
        ``urgency``, ``title``, ``sentence``, ``action``, ``more_reasons``, ``to_check`` (warning-sign
        questions a description left open), ``do_now``,
        ``see_doctor_if``, ``get_help``, ``movement`` ({name, description} or None),
        ``conditions`` ([{id, name, word, serious, because}]), ``left_out`` (how many conditions
        under the cut-off), ``contributing``, ``medicines``, ``sources``, ``disclaimer`` and
        ``clinician`` (the numbers). No sentence appears twice across the text fields.
    """
    kb = knowledge()
    wording = lay_wording()
    ledger = _Ledger()
    title, sentence, action, more, to_check = _headline(result, wording)
    action = ledger.take(action)
    sentence = ledger.take(sentence)
    to_check = ledger.take_all(to_check)
    more = ledger.take_all(more)

    reported = reported_findings(result, case)
    advice = [str(a) for a in result.get("advice", [])]
    if advice and advice[0] == result.get("urgency_text"):
        advice = advice[1:]
    fitting = [a for a in advice if advice_fits(a, wording, reported, case)]
    fitting.sort(key=lambda a: not about_what_was_reported(a, wording, reported))
    do_now = ledger.take_all(fitting)[:MAX_DO_NOW]
    specific, general = _help_lines(kb, result)
    see_doctor_if = ledger.take_all(specific)
    get_help = ledger.take_all(general)

    movement = None
    mts = result.get("movement_types", [])
    top_mt: str | None = str(mts[0]["id"]) if mts else None
    if top_mt is not None and top_mt in kb.movement_types:
        mt = kb.movement_types[top_mt]
        movement = {"id": mt.id, "name": mt.name, "description": ledger.take(_first_sentence(mt.description))}

    cut = wording["likelihood"]["leave_out_below"]
    shown = [c for c in result.get("conditions", []) if float(c["probability"]) >= cut]
    conditions = []
    for c in shown:
        serious = _serious(kb, wording, c["id"])
        word = wording["serious_conditions"]["phrase"] if serious else likelihood_word(float(c["probability"]))
        conditions.append({"id": c["id"], "name": c["name"], "word": word, "serious": serious,
                           "because": ledger.take(because_sentence(c.get("evidence", []), kb))})  # fmt: skip

    factor_labels = [_PARENTHESIS.sub("", str(f["label"])).strip() for f in result.get("factors", [])
                     if f.get("id") != "medication"]  # fmt: skip
    contributing = ""
    if factor_labels:
        contributing = ledger.take(f"From what you told us, these can make it worse: {_join(factor_labels)}.")
    medicines = ledger.take_all(
        [str(f["text"]) for f in result.get("factors", []) if f.get("id") == "medication"]
        + [f"We did not recognise “{m['typed']}”, so it was not taken into account."
           for m in result.get("medications", []) if not m.get("recognised")]
    )  # fmt: skip
    disclaimer = ledger.take(str(result.get("disclaimer", "")))
    return {
        "urgency": result.get("urgency", "self_care"),
        "title": title,
        "sentence": sentence,
        "action": action,
        "more_reasons": more,
        "to_check": to_check,
        "do_now": do_now,
        "see_doctor_if": see_doctor_if,
        "get_help": get_help,
        "movement": movement,
        "conditions": conditions,
        "left_out": len(result.get("conditions", [])) - len(shown),
        "contributing": contributing,
        "medicines": medicines,
        "sources": _sources(kb, result, [c["id"] for c in shown], top_mt),
        "disclaimer": disclaimer,
        "doctor": result.get("doctor") or {},
        "clinician": _clinician(kb, result),
    }
