"""Build the typed :class:`~twitchwise.domain.vocabulary.Vocabulary` from the knowledge data.

The ids come from ``vocabulary.yaml`` (the shared vocabulary), the warning symptoms from the
findings ``findings.yaml`` marks ``red_flag: true``, and the priors' age bands, sexes and
exposure findings from ``model.yaml``. :func:`load_vocabulary` loads the packaged one once per
process, for the parts of the program that need the ids but not the whole knowledge base
(the diary); :func:`~twitchwise.knowledge.loader.load_knowledge` builds the same value.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from twitchwise.domain.errors import KnowledgeError
from twitchwise.domain.vocabulary import AgeBand, ExposureThresholds, Vocabulary, check_age_bands
from twitchwise.knowledge.cache import parsed_files


def _ids(vocab: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = vocab.get(key)
    if isinstance(value, dict):
        return tuple(str(k) for k in value)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    raise KnowledgeError(f"vocabulary.yaml: {key} must be a list or a mapping of ids")


def build_vocabulary(vocab: Mapping[str, Any], findings: Mapping[str, Any], model: Mapping[str, Any]) -> Vocabulary:
    """The typed vocabulary from the parsed (and schema-validated) ``vocabulary.yaml``,
    ``findings.yaml`` and ``model.yaml``.

    Raises
    ------
    KnowledgeError
        Naming the file and key of an inconsistency (age bands with a gap, an unknown id).
    """
    symptoms = _ids(vocab, "symptoms")
    flagged = {str(fid).partition(":")[2] for fid, entry in findings.items()
               if str(fid).startswith("symptoms:") and isinstance(entry, dict) and entry.get("red_flag")}  # fmt: skip
    unknown = sorted(flagged - set(symptoms))
    if unknown:
        raise KnowledgeError(f"findings.yaml: red-flag symptoms {unknown} are not vocabulary symptoms")
    bands = tuple(
        AgeBand(
            id=str(b["id"]),
            lowest=float(b["from"]),
            upper=float(b.get("to", math.inf)),
            fallback=str(b["fallback"]) if b.get("fallback") else None,
        )
        for b in model["age_bands"]
    )
    problem = check_age_bands(bands)
    if problem:
        raise KnowledgeError(f"model.yaml: at age_bands: {problem}")
    return Vocabulary(
        version=int(vocab["version"]),
        urgency=_ids(vocab, "urgency"),
        movement_kinds=_ids(vocab, "movement_types"),
        sites=_ids(vocab, "sites"),
        sides=_ids(vocab, "side"),
        symptoms=symptoms,
        features=_ids(vocab, "features"),
        when=_ids(vocab, "when"),
        history=_ids(vocab, "history"),
        medication_classes=_ids(vocab, "medication_classes"),
        urgency_text={str(k): str(v) for k, v in vocab["urgency"].items()},
        warning_symptoms=tuple(s for s in symptoms if s in flagged),
        exposure_findings=tuple(str(v) for v in model["exposure_findings"]),
        exposure_thresholds=ExposureThresholds(**{k: float(v) for k, v in model["exposure_thresholds"].items()}),
        age_bands=bands,
        prior_sexes=tuple(str(v) for v in model["prior_sexes"]),
    )


@functools.lru_cache(maxsize=4)
def load_vocabulary(data_dir: Path | None = None) -> Vocabulary:
    """The typed vocabulary of the packaged knowledge data (or of ``data_dir``), loaded once.

    Raises
    ------
    KnowledgeError
        If a file is malformed (naming the file and key).
    """
    files = parsed_files(data_dir)
    data = files.data
    vocab = build_vocabulary(
        files.yaml(data / "vocabulary.yaml"), files.yaml(data / "findings.yaml") or {}, files.yaml(data / "model.yaml")
    )
    files.save()
    return vocab
