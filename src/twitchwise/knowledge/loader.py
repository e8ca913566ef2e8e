"""Load the knowledge base's data files and check that they are complete and consistent.

The result is an immutable :class:`~twitchwise.domain.knowledge_model.KnowledgeBase`.
Each file is first checked against its JSON Schema (:mod:`.schema_validation`, via the parsed-file
cache of :mod:`.cache`); the checks here are those a schema cannot state (ids that must exist
elsewhere, sums, sources).
Any inconsistency (an undefined id, a probability out of range, a distribution
that does not sum to one, an unknown source) raises :class:`KnowledgeError`
naming the file and key, so a broken knowledge base never loads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from twitchwise import __version__
from twitchwise.domain.errors import KnowledgeError
from twitchwise.domain.knowledge_model import (
    BINARY_FIELDS,
    CATEGORICAL_FIELDS,
    AgeRange,
    Condition,
    Escalation,
    FactorRule,
    Finding,
    KnowledgeBase,
    KnowledgeSection,
    MedicationClassInfo,
    MovementType,
    Prerequisite,
    Prior,
    RedFlagRule,
    Source,
    UrgencyPolicy,
)
from twitchwise.domain.urgency import Urgency
from twitchwise.domain.vocabulary import Vocabulary
from twitchwise.knowledge.cache import ParsedFiles, parsed_files
from twitchwise.knowledge.rule_parser import parse_rule
from twitchwise.knowledge.vocabulary import build_vocabulary
from twitchwise.knowledge.wording import Wording

FIRST_NOTICED_BUCKETS: tuple[str, ...] = ("today", "days", "weeks", "months", "years")
_DISTRIBUTION_TOLERANCE = 0.02


def _probability(value: Any, where: str) -> float:
    if not isinstance(value, int | float) or not 0.0 < float(value) < 1.0:
        raise KnowledgeError(f"{where}: probability must be a number strictly between 0 and 1")
    return float(value)


def _str_tuple(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: expected a list of strings")
    return tuple(value)


def _vocabulary_values(vocab: Mapping[str, Any], key: str) -> list[str]:
    value = vocab[key]
    if isinstance(value, dict):
        return [str(k) for k in value]
    return [str(v) for v in value]


def expected_finding_ids(vocab: Mapping[str, Any], terms: Vocabulary) -> list[str]:
    """Every finding id the vocabulary implies, in a stable order."""
    ids: list[str] = []
    for fld in ("features", "when", "symptoms", "history"):
        ids += [f"{fld}:{v}" for v in _vocabulary_values(vocab, fld)]
    ids += [f"sites:{v}" for v in _vocabulary_values(vocab, "sites")]
    for fld in ("episode_length", "frequency", "course", "side"):
        ids += [f"{fld}:{v}" for v in _vocabulary_values(vocab, fld)]
    ids += [f"first_noticed:{v}" for v in FIRST_NOTICED_BUCKETS]
    ids += [f"exposure:{v}" for v in terms.exposure_findings]
    ids += [f"med:{v}" for v in _vocabulary_values(vocab, "medication_classes")]
    return ids


def _load_sources(files: ParsedFiles) -> dict[str, Source]:
    data = files.data
    sources: dict[str, Source] = {}
    paths = sorted((data / "sources").glob("*.yaml"))
    if not paths:
        raise KnowledgeError("sources/: no source files")
    for path in paths:
        raw = files.yaml(path) or {}
        for sid, entry in raw.items():
            where = f"sources/{path.name}:{sid}"
            try:
                src = Source(
                    id=str(sid),
                    publisher=str(entry["publisher"]),
                    title=str(entry["title"]),
                    year=int(entry["year"]),
                    url=str(entry["url"]),
                    topics=_str_tuple(entry.get("topics"), where + ".topics"),
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise KnowledgeError(f"{where}: needs publisher, title, year, url") from exc
            if not src.url.startswith("https://"):
                raise KnowledgeError(f"{where}: url must be an https address")
            if sid in sources and sources[sid] != src:
                raise KnowledgeError(f"{where}: source id defined twice with different content")
            sources[str(sid)] = src
    return sources


def _check_sources(ids: Iterable[str], sources: Mapping[str, Source], where: str) -> tuple[str, ...]:
    out = tuple(ids)
    for sid in out:
        if sid not in sources:
            raise KnowledgeError(f"{where}: unknown source id {sid!r}")
    return out


def _load_findings(files: ParsedFiles, vocab: Mapping[str, Any], terms: Vocabulary) -> dict[str, Finding]:
    raw = files.yaml(files.data / "findings.yaml") or {}
    expected = expected_finding_ids(vocab, terms)
    missing = [fid for fid in expected if fid not in raw]
    if missing:
        raise KnowledgeError(f"findings.yaml: missing findings {missing[:10]}")
    findings: dict[str, Finding] = {}
    # Vocabulary order first, then any extra findings the knowledge base adds.
    for fid in expected + [k for k in raw if k not in set(expected)]:
        entry = raw[fid]
        where = f"findings.yaml:{fid}"
        fld, _, value = str(fid).partition(":")
        if not value:
            raise KnowledgeError(f"{where}: a finding id is '<field>:<value>'")
        raises = entry.get("raises")
        findings[fid] = Finding(
            id=fid,
            field=fld,
            value=value,
            label=str(entry["label"]),
            question=str(entry["question"]),
            lay_phrases=_str_tuple(entry.get("lay_phrases"), where),
            hpo=entry.get("hpo") or None,
            base_rate=_probability(entry.get("base_rate", 0.05), where + ".base_rate"),
            red_flag=bool(entry.get("red_flag", False)),
            raises=Urgency.from_id(raises) if raises else None,
        )
    return findings


def _categorical_defaults(findings: Mapping[str, Finding]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for fld in CATEGORICAL_FIELDS:
        values = {f.value: f.base_rate for f in findings.values() if f.field == fld}
        total = sum(values.values())
        out[fld] = {k: v / total for k, v in values.items()}
    return out


def _distribution(raw: Any, allowed: Iterable[str], where: str, floor: float) -> dict[str, float]:
    allowed_l = list(allowed)
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: expected a mapping of value -> probability")
    unknown = [k for k in raw if k not in allowed_l]
    if unknown:
        raise KnowledgeError(f"{where}: unknown values {unknown}; allowed: {allowed_l}")
    dist = {str(k): float(v) for k, v in raw.items()}
    if any(v < 0 for v in dist.values()):
        raise KnowledgeError(f"{where}: negative probability")
    total = sum(dist.values())
    if abs(total - 1.0) > _DISTRIBUTION_TOLERANCE:
        raise KnowledgeError(f"{where}: probabilities sum to {total:.3f}, not 1")
    # Values left out get a small share (model.yaml: unlisted_value_share).
    full = {k: max(dist.get(k, 0.0), floor) for k in allowed_l}
    norm = sum(full.values())
    return {k: v / norm for k, v in full.items()}


def _load_condition(
    files: ParsedFiles,
    path: Path,
    vocab: Mapping[str, Any],
    findings: Mapping[str, Finding],
    sources: Mapping[str, Source],
    movement_types: Iterable[str],
    terms: Vocabulary,
    floor: float,
    wording: Wording,
) -> Condition:
    raw = files.yaml(path)
    where = f"conditions/{path.name}"
    cid = raw.get("id")
    vocab_conditions = vocab["conditions"]
    if cid not in vocab_conditions or path.stem != cid:
        raise KnowledgeError(f"{where}: id {cid!r} must be a vocabulary condition and the file name")
    icd10, name = vocab_conditions[cid]
    if str(raw.get("icd10")) != str(icd10) or raw.get("name") != name:
        raise KnowledgeError(f"{where}: icd10 and name must equal the vocabulary's ({icd10}, {name})")
    mts_raw = raw.get("movement_types") or {}
    _distribution(mts_raw, movement_types, where + ".movement_types", floor)  # checks ids and the sum
    mts = {str(k): float(v) / sum(mts_raw.values()) for k, v in mts_raw.items() if float(v) > 0}
    prior_raw = raw.get("prior") or {}
    bands, sexes = list(terms.age_band_ids), list(terms.prior_sexes)
    age = {str(k): float(v) for k, v in (prior_raw.get("age") or {}).items()}
    sex = {str(k): float(v) for k, v in (prior_raw.get("sex") or {}).items()}
    if any(k not in bands for k in age) or any(k not in sexes for k in sex):
        raise KnowledgeError(f"{where}.prior: age bands are {bands}; sex keys are {', '.join(sexes)} (model.yaml)")
    weight = float(prior_raw.get("weight", 0))
    if not weight > 0 or not prior_raw.get("source"):
        raise KnowledgeError(f"{where}.prior: needs a positive weight and a source")
    prior = Prior(weight=weight, age=age, sex=sex, source=str(prior_raw["source"]))
    cond_findings: dict[str, float] = {}
    for fid, p in (raw.get("findings") or {}).items():
        f = findings.get(fid)
        if f is None or f.field not in BINARY_FIELDS:
            raise KnowledgeError(f"{where}.findings: {fid!r} is not a yes/no finding id")
        cond_findings[fid] = _probability(p, f"{where}.findings.{fid}")
    categorical: dict[str, dict[str, float]] = {}
    for fld, dist in (raw.get("categorical") or {}).items():
        if fld not in CATEGORICAL_FIELDS:
            raise KnowledgeError(f"{where}.categorical: unknown field {fld!r}")
        allowed = [f.value for f in findings.values() if f.field == fld]
        categorical[fld] = _distribution(dist, allowed, f"{where}.categorical.{fld}", floor)
    site_values = _vocabulary_values(vocab, "sites")
    sites: dict[str, float] = {}
    for site, p in (raw.get("sites") or {}).items():
        if site not in site_values:
            raise KnowledgeError(f"{where}.sites: unknown site {site!r}")
        sites[str(site)] = _probability(p, f"{where}.sites.{site}")
    escalations = []
    for i, esc in enumerate(raw.get("escalations") or []):
        ew = f"{where}.escalations[{i}]"
        escalations.append(
            Escalation(
                id=str(esc["id"]),
                when=parse_rule(esc["when"], ew, findings.__contains__),
                urgency=Urgency.from_id(esc["urgency"]),
                text=str(esc["text"]),
            )
        )
    hpo = tuple(f.hpo for fid, f in findings.items() if fid in cond_findings and f.hpo)
    requires = tuple(
        Prerequisite(
            when=parse_rule(
                _key(req, "when", f"{where}.requires[{i}]"), f"{where}.requires[{i}]", findings.__contains__
            ),
            cap=_probability(_key(req, "cap", f"{where}.requires[{i}]"), f"{where}.requires[{i}].cap"),
            text=str(_key(req, "text", f"{where}.requires[{i}]")),
        )
        for i, req in enumerate(_list(raw.get("requires"), f"{where}.requires"))
    )
    return Condition(
        id=cid,
        icd10=str(icd10),
        name=str(name),
        lay_names=_str_tuple(raw.get("lay_names"), where),
        summary=str(raw.get("summary", "")).strip(),
        movement_types=mts,
        prior=prior,
        findings=cond_findings,
        categorical=categorical,
        sites=sites,
        urgency_floor=Urgency.from_id(str(raw.get("urgency_floor", "self_care"))),
        escalations=tuple(escalations),
        advice=_str_tuple(raw.get("advice"), where),
        see_doctor_if=_str_tuple(raw.get("see_doctor_if"), where),
        doctor_asks=_str_tuple(raw.get("doctor_asks"), where),
        doctor_tests=_str_tuple(raw.get("doctor_tests"), where),
        causes=_str_tuple(raw.get("causes"), where),
        sources=_check_sources(_str_tuple(raw.get("sources"), where), sources, where),
        hpo=hpo,
        requires=requires,
        ages=_age_range(raw.get("ages"), str(name), f"{where}.ages", wording),
        family_history_finding=str(raw["family_history_finding"]) if raw.get("family_history_finding") else None,
    )


def _key(entry: Any, key: str, where: str) -> Any:
    if not isinstance(entry, dict) or key not in entry:
        raise KnowledgeError(f"{where}: needs the key {key!r}")
    return entry[key]


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise KnowledgeError(f"{where}: expected a list")
    return value


def _age_range(raw: Any, name: str, where: str, wording: Wording) -> AgeRange | None:
    """``{from: years, to: years, cap: p}``: the ages a condition occurs at, half-open."""
    if raw is None:
        return None
    low, high = _key(raw, "from", where), _key(raw, "to", where)
    if not all(isinstance(v, int | float) for v in (low, high)) or not 0 <= low < high:
        raise KnowledgeError(f"{where}: from and to are ages in years with 0 <= from < to")
    cap = _probability(_key(raw, "cap", where), where + ".cap")
    text = raw.get("text") or wording.not_expected_at_this_age(name, float(low), float(high))
    return AgeRange(float(low), float(high), cap, str(text))


def _load_rules(
    files: ParsedFiles, findings: Mapping[str, Finding], sources: Mapping[str, Source], wording: Wording
) -> list[RedFlagRule]:
    rules: list[RedFlagRule] = []
    for i, entry in enumerate(files.yaml(files.data / "red_flags.yaml") or []):
        where = f"red_flags.yaml[{i}]"
        rules.append(
            RedFlagRule(
                id=str(entry["id"]),
                urgency=Urgency.from_id(entry["urgency"]),
                text=str(entry["text"]),
                when=parse_rule(entry["when"], where, findings.__contains__),
                sources=_check_sources(_str_tuple(entry.get("sources"), where), sources, where),
            )
        )
    # A red-flag finding is a rule of its own (with its optional `unless`).
    raw_findings = files.yaml(files.data / "findings.yaml") or {}
    for fid, f in findings.items():
        if not (f.red_flag and f.raises is not None):
            continue
        unless = raw_findings.get(fid, {}).get("unless")
        when: Any = fid if unless is None else {"all": [fid, {"not": unless}]}
        rules.append(
            RedFlagRule(
                id=f"finding_{f.field}_{f.value}",
                urgency=f.raises,
                text=wording.red_flag_finding(f.label),
                when=parse_rule(when, f"findings.yaml:{fid}.unless", findings.__contains__),
            )
        )
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise KnowledgeError("red_flags.yaml: rule ids must be unique")
    return rules


def _load_factors(files: ParsedFiles, findings: Mapping[str, Finding], vocab: Mapping[str, Any]) -> list[FactorRule]:
    out = []
    allowed = set(vocab["factors"])
    for i, entry in enumerate(files.yaml(files.data / "factors.yaml") or []):
        where = f"factors.yaml[{i}]"
        if entry["id"] not in allowed:
            raise KnowledgeError(f"{where}: factor id {entry['id']!r} is not a vocabulary factor")
        out.append(
            FactorRule(
                id=str(entry["id"]),
                label=str(vocab["factors"][entry["id"]]),
                when=parse_rule(entry["when"], where, findings.__contains__),
                text=str(entry["text"]),
                advice=str(entry.get("advice", "")),
            )
        )
    return out


def _load_medications(
    files: ParsedFiles, vocab: Mapping[str, Any], sources: Mapping[str, Source]
) -> tuple[dict[str, tuple[str, ...]], dict[str, MedicationClassInfo]]:
    raw = files.yaml(files.data / "medications.yaml") or {}
    vocab_classes = _vocabulary_values(vocab, "medication_classes")
    classes: dict[str, MedicationClassInfo] = {}
    for cid in vocab_classes:
        entry = (raw.get("classes") or {}).get(cid)
        if entry is None:
            raise KnowledgeError(f"medications.yaml: class {cid!r} is not described")
        _check_sources(_str_tuple(entry.get("sources"), cid), sources, f"medications.yaml:{cid}")
        classes[cid] = MedicationClassInfo(cid, str(entry["label"]), str(entry["effect"]))
    names: dict[str, tuple[str, ...]] = {}
    for name, cls in (raw.get("names") or {}).items():
        cls_t = (cls,) if isinstance(cls, str) else tuple(cls)
        bad = [c for c in cls_t if c not in classes]
        if bad:
            raise KnowledgeError(f"medications.yaml:{name}: unknown classes {bad}")
        names[str(name).strip().lower()] = cls_t
    return names, classes


def _load_movement_types(
    files: ParsedFiles, vocab: Mapping[str, Any], sources: Mapping[str, Source]
) -> dict[str, MovementType]:
    raw = files.yaml(files.data / "movement_types.yaml") or {}
    out: dict[str, MovementType] = {}
    for mid in _vocabulary_values(vocab, "movement_types"):
        entry = raw.get(mid)
        if entry is None:
            raise KnowledgeError(f"movement_types.yaml: {mid!r} is not described")
        where = f"movement_types.yaml:{mid}"
        out[mid] = MovementType(
            id=mid,
            name=str(entry.get("name", mid)),
            description=str(entry["description"]).strip(),
            sources=_check_sources(_str_tuple(entry.get("sources"), where), sources, where),
        )
    return out


def _load_sections(data: Path, sources: Mapping[str, Source]) -> list[KnowledgeSection]:
    sections = []
    for path in sorted((data / "sections").glob("*.md")):
        text = path.read_text(encoding="utf-8").strip()
        lines = text.splitlines()
        title = lines[0].lstrip("# ").strip() if lines else path.stem
        src_ids: tuple[str, ...] = ()
        body_lines = lines[1:]
        if body_lines and body_lines[-1].lower().startswith("sources:"):
            src_ids = tuple(s.strip() for s in body_lines[-1].split(":", 1)[1].split(",") if s.strip())
            body_lines = body_lines[:-1]
        where = f"sections/{path.name}"
        sections.append(
            KnowledgeSection(
                id=path.stem,
                title=title,
                body="\n".join(body_lines).strip(),
                sources=_check_sources(src_ids, sources, where),
            )
        )
    return sections


def _load_urgency_policy(files: ParsedFiles) -> UrgencyPolicy:
    where = "urgency_policy.yaml"
    raw = files.yaml(files.data / where)
    mass = _key(raw, "danger_mass", where)
    levels = [Urgency.EMERGENCY, Urgency.URGENT, Urgency.ROUTINE]
    if not isinstance(mass, dict) or sorted(mass) != sorted(u.id for u in levels):
        raise KnowledgeError(f"{where}:danger_mass: needs exactly emergency, urgent and routine")
    return UrgencyPolicy(
        danger_mass={u: _probability(mass[u.id], f"{where}:danger_mass.{u.id}") for u in levels},
        escalation_threshold=_probability(_key(raw, "escalation_threshold", where), f"{where}:escalation_threshold"),
    )


def _version(parsed: ParsedFiles) -> str:
    return f"{__version__}+kb.{parsed.digest[:10]}"


def load_knowledge(data_dir: Path | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base.

    Parameters
    ----------
    data_dir : Path, optional
        Folder with the data files; the packaged data by default.

    Returns
    -------
    KnowledgeBase
        Immutable, validated knowledge.

    Raises
    ------
    KnowledgeError
        If any file is missing, malformed or inconsistent.
    """
    files = parsed_files(data_dir)
    kb = _load(files)
    files.save()
    return kb


def _load(files: ParsedFiles) -> KnowledgeBase:
    data = files.data
    vocab = files.yaml(files.data / "vocabulary.yaml")
    model = files.yaml(files.data / "model.yaml")
    terms = build_vocabulary(vocab, files.yaml(files.data / "findings.yaml") or {}, model)
    floor = float(model["unlisted_value_share"])
    wording = Wording(files.yaml(files.data / "wording.yaml"))
    sources = _load_sources(files)
    findings = _load_findings(files, vocab, terms)
    movement_types = _load_movement_types(files, vocab, sources)
    conditions: dict[str, Condition] = {}

    def load_condition(path: Path) -> Condition:
        return _load_condition(files, path, vocab, findings, sources, movement_types, terms, floor, wording)

    for cid in vocab["conditions"]:
        path = data / "conditions" / f"{cid}.yaml"
        if not path.exists():
            raise KnowledgeError(f"conditions/{cid}.yaml: missing (every vocabulary condition needs one)")
        conditions[cid] = load_condition(path)
    for path in (data / "conditions").glob("*.yaml"):
        if path.stem not in conditions:
            conditions[path.stem] = load_condition(path)
    names, classes = _load_medications(files, vocab, sources)
    with (data / "schemas" / "case.schema.json").open() as fh:
        case_schema = json.load(fh)
    with (data / "schemas" / "result.schema.json").open() as fh:
        result_schema = json.load(fh)
    questions_raw = files.yaml(files.data / "questions.yaml") or {}
    kb = KnowledgeBase(
        version=_version(files),
        vocabulary=vocab,
        vocab=terms,
        findings=findings,
        conditions=conditions,
        red_flags=tuple(_load_rules(files, findings, sources, wording)),
        factors=tuple(_load_factors(files, findings, vocab)),
        medications=names,
        medication_classes=classes,
        movement_types=movement_types,
        sources=sources,
        sections=tuple(_load_sections(data, sources)),
        case_schema=case_schema,
        result_schema=result_schema,
        categorical_defaults=_categorical_defaults(findings),
        field_questions={str(k): str(v) for k, v in questions_raw.items()},
        urgency_policy=_load_urgency_policy(files),
    )
    return kb
