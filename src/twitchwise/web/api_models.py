"""Request bodies of the JSON API (pydantic), so the OpenAPI schema says what is allowed."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from twitchwise.domain.diary import KIND_ALIASES
from twitchwise.domain.input_bounds import MAX_NARRATIVE_CHARS
from twitchwise.services.diary import vocabulary

#: What the OpenAPI schema says a day may be (documentation: the service parses and bounds it).
DAY_SCHEMA: dict[str, Any] = {"pattern": r"^(\d{4}-\d{2}-\d{2}|today|yesterday)$", "examples": ["2024-05-01", "today"]}
#: The movement kinds the schema lists: vocabulary ids and the everyday words for them.
MOVEMENT_KINDS, SITES, SIDES = vocabulary().movement_kinds, vocabulary().sites, vocabulary().sides
KIND_SCHEMA: dict[str, Any] = {"enum": [*MOVEMENT_KINDS, *KIND_ALIASES]}
#: The body site ids the schema lists.
SITE_SCHEMA: dict[str, Any] = {"enum": list(SITES)}
#: A movement kind: a vocabulary id or an everyday word for one (letter case does not matter).
Kind = Annotated[str, Field(max_length=40, description="Movement kind: a vocabulary id or an everyday word "
                            "for one (letter case does not matter).", json_schema_extra=KIND_SCHEMA)]  # fmt: skip
#: A body site id (letter case does not matter).
Site = Annotated[str, Field(max_length=40, description="Body site id (letter case does not matter).",
                            json_schema_extra=SITE_SCHEMA)]  # fmt: skip
#: A side id.
SideId = Annotated[str, Field(max_length=20, description="Side id.", json_schema_extra={"enum": list(SIDES)})]

Text100 = Annotated[str, Field(max_length=100)]
AnswerValue = (
    None
    | bool
    | float
    | Annotated[str, Field(max_length=2000)]
    | Annotated[list[Text100], Field(max_length=60)]
    | Annotated[dict[Text100, bool], Field(max_length=60)]
)


class ParseRequest(BaseModel):
    """A description in the person's own words."""

    model_config = ConfigDict(extra="forbid")
    text: Annotated[
        str, Field(min_length=1, max_length=MAX_NARRATIVE_CHARS, description="What you would tell a doctor.")
    ]


class InterviewAnswer(BaseModel):
    """One answer of the interview (``value`` null means "don't know")."""

    model_config = ConfigDict(extra="forbid")
    question: Annotated[str, Field(min_length=1, max_length=100)]
    value: AnswerValue = None


class InterviewRequest(BaseModel):
    """The answers so far, oldest first (the server keeps no interview state)."""

    model_config = ConfigDict(extra="forbid")
    answers: Annotated[list[InterviewAnswer], Field(max_length=60)] = []


#: JSON bodies are read strictly: ``true`` is not 1, ``"12"`` is not 12.0, and NaN/Infinity are refused.
STRICT = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class EpisodeIn(BaseModel):
    """A new diary episode."""

    model_config = STRICT
    kind: Kind
    site: Site
    side: SideId = "both"
    lasted: Annotated[str, Field(max_length=40)] | Annotated[float, Field(ge=0, le=86_400)] = Field(
        default=1.0, description="Seconds, or text such as '2 min'."
    )
    intensity: Annotated[int, Field(ge=0, le=10)] = 3
    when: Annotated[str, Field(max_length=60)] | None = Field(
        default=None, description="now, '10 min ago', 'yesterday 22:00' or ISO 8601."
    )
    notes: Annotated[str, Field(max_length=2000)] = ""
    symptoms: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=30)] = []


class EpisodePatch(BaseModel):
    """Fields of an episode to change (others stay)."""

    model_config = STRICT
    kind: Kind | None = None
    site: Site | None = None
    side: SideId | None = None
    lasted: Annotated[str, Field(max_length=40)] | Annotated[float, Field(ge=0, le=86_400)] | None = None
    intensity: Annotated[int, Field(ge=0, le=10)] | None = None
    when: Annotated[str, Field(max_length=60)] | None = None
    notes: Annotated[str, Field(max_length=2000)] | None = None
    symptoms: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=30)] | None = None


class CheckInIn(BaseModel):
    """A day's check-in; fields left out keep their stored value."""

    model_config = STRICT
    caffeine_mg: Annotated[float, Field(ge=0, le=5000)] | None = None
    sleep_h: Annotated[float, Field(ge=0, le=24)] | None = None
    stress: Annotated[float, Field(ge=0, le=10)] | None = None
    strenuous_exercise: bool | None = None
    alcohol_units: Annotated[float, Field(ge=0, le=100)] | None = None
    fluids_l: Annotated[float, Field(ge=0, le=20)] | None = None
    notes: Annotated[str, Field(max_length=2000)] | None = None


def jsonable(value: Any) -> Any:
    """Replace non-finite floats (NaN, inf) by None, recursively, so the JSON is valid."""
    import math

    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value
