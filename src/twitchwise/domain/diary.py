"""Pure types of the twitch diary: episodes, daily check-ins and medication periods.

The allowed ids (movement kinds, body sites, sides, symptoms) are the shared
vocabulary's, passed in as a :class:`~twitchwise.domain.vocabulary.Vocabulary`
(:func:`check_episode`); the constructors check everything else (ranges, time
zones, lengths, the shape of an id). Every check raises
:class:`~twitchwise.domain.errors.InputError` with one plain sentence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import bounded_text, in_diary_range
from twitchwise.domain.vocabulary import Vocabulary

#: Everyday words accepted for a movement kind (the word people use -> vocabulary id).
KIND_ALIASES: dict[str, str] = {
    "twitch": "fasciculation",
    "flicker": "fasciculation",
    "jerk": "myoclonus",
    "spasm": "tonic_spasm",
    "shake": "tremor",
    "rls": "restless_legs",
    "plm": "periodic_limb_movements",
}

_NOTE_MAX = 2000
_DOSE_MAX = 200


def normalise_kind(value: str, vocab: Vocabulary) -> str:
    """Return the vocabulary id of a movement kind given an id or an everyday word.

    Raises
    ------
    InputError
        If ``value`` is neither a movement kind id nor a known alias.
    """
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    key = KIND_ALIASES.get(key, key)
    if key not in vocab.movement_kinds:
        allowed = ", ".join([*KIND_ALIASES, *vocab.movement_kinds])
        raise InputError(f"kind '{value}' is not known; use one of: {allowed}.", "kind")
    return key


def check_episode(episode: Episode, vocab: Vocabulary) -> Episode:
    """Return ``episode`` if its site, side, kind and symptoms are vocabulary ids.

    Raises
    ------
    InputError
        Naming the first field whose id is not known and the ids allowed.
    """
    vocab.check(episode.site, "sites", "site")
    vocab.check(episode.side, "sides", "side")
    vocab.check(episode.kind, "movement_kinds", "kind")
    for s in episode.symptoms:
        if s not in vocab.symptoms:
            raise InputError(f"symptom '{s}' is not known; use vocabulary symptom ids such as weakness.", "symptoms")
    return episode


def warning_symptoms(episode: Episode, vocab: Vocabulary) -> tuple[str, ...]:
    """The symptoms of ``episode`` that are warning signs (the red-flag symptoms of the knowledge base)."""
    return tuple(s for s in episode.symptoms if s in vocab.warning_symptoms)


_ID = re.compile(r"[a-z][a-z0-9_]*")


def _check_id(value: object, name: str) -> None:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InputError(f"{name} '{value}' must be a vocabulary {name} id (lower-case letters, digits, _).", name)


def _check_range(value: float | None, low: float, high: float, name: str, unit: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise InputError(f"{name} must be a number from {low:g} to {high:g} {unit}.", name)
    if not low <= value <= high:
        raise InputError(f"{name} must be from {low:g} to {high:g} {unit}, not {value:g}.", name)


def _check_note(value: str, name: str) -> None:
    if len(value) > _NOTE_MAX:
        raise InputError(f"{name} must be at most {_NOTE_MAX} characters long.", name)
    bounded_text(value, name, _NOTE_MAX)  # lone surrogates (invalid UTF-8 on a command line) cannot be stored


@dataclass(frozen=True)
class Episode:
    """One episode of involuntary movement.

    Attributes
    ----------
    start : datetime
        When it started; must carry a time zone (the person's local zone is kept,
        so the diary day is the local calendar day even across daylight-saving changes).
    duration_s : float
        How long it lasted, in seconds (0 to 86,400).
    site : str
        Body site, a vocabulary ``sites`` id.
    side : str
        A vocabulary ``side`` id.
    kind : str
        Movement kind, a vocabulary ``movement_types`` id.
    intensity : int
        How strong it felt, 0 (barely) to 10 (worst imaginable).
    notes : str
        Free text, at most 2,000 characters.
    symptoms : tuple of str
        Vocabulary ``symptoms`` ids reported with this episode (e.g. ``"weakness"``).
    id : int or None
        Storage id; ``None`` until saved.
    """

    start: datetime
    duration_s: float
    site: str
    side: str
    kind: str
    intensity: int
    notes: str = ""
    symptoms: tuple[str, ...] = ()
    id: int | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise InputError("start must include a time zone (e.g. 2024-05-01T08:30+02:00).", "start")
        # A wall time that does not exist (skipped by a daylight-saving change) is
        # read as the instant it names; store the clock time that instant shows.
        canonical = self.start.astimezone(UTC).astimezone(self.start.tzinfo)
        if canonical.replace(tzinfo=None) != self.start.replace(tzinfo=None):
            object.__setattr__(self, "start", canonical)
        _check_range(self.duration_s, 0, 86_400, "duration", "seconds")
        _check_id(self.site, "site")
        _check_id(self.side, "side")
        _check_id(self.kind, "kind")
        if isinstance(self.intensity, bool) or not isinstance(self.intensity, int):
            raise InputError("intensity must be a whole number from 0 to 10.", "intensity")
        _check_range(self.intensity, 0, 10, "intensity", "(0 = barely, 10 = worst)")
        _check_note(self.notes, "notes")
        for s in self.symptoms:
            if not _ID.fullmatch(s):
                raise InputError(f"symptom '{s}' must be a vocabulary symptom id.", "symptoms")

    @property
    def local_day(self) -> date:
        """The calendar day of ``start`` in the episode's own time zone."""
        return self.start.date()


@dataclass(frozen=True)
class DailyCheckIn:
    """What a day was like: the exposures the diary looks at as possible triggers.

    Every measurement is optional (``None`` = not recorded). ``logged`` says the
    person kept the diary that day, so a day with no episodes counts as a day with
    zero episodes rather than a missing day.

    Attributes
    ----------
    day : date
        The local calendar day.
    caffeine_mg : float or None
        Caffeine that day in milligrams (a cup of coffee is about 95 mg), 0 to 3,000.
    sleep_h : float or None
        Hours slept the night before, 0 to 24.
    stress : float or None
        Stress that day, 0 (none) to 10 (extreme).
    strenuous_exercise : bool or None
        Hard or unusual exercise that day.
    alcohol_units : float or None
        UK units of alcohol (8 g ethanol each), 0 to 100.
    fluids_l : float or None
        Fluids drunk that day in litres, 0 to 20.
    notes : str
        Free text, at most 2,000 characters.
    logged : bool
        The diary was kept that day.
    """

    day: date
    caffeine_mg: float | None = None
    sleep_h: float | None = None
    stress: float | None = None
    strenuous_exercise: bool | None = None
    alcohol_units: float | None = None
    fluids_l: float | None = None
    notes: str = ""
    logged: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.day, datetime) or not isinstance(self.day, date):
            raise InputError("day must be a calendar date (YYYY-MM-DD).", "day")
        _check_range(self.caffeine_mg, 0, 3000, "caffeine", "mg")
        _check_range(self.sleep_h, 0, 24, "sleep", "hours")
        _check_range(self.stress, 0, 10, "stress", "(0 = none, 10 = extreme)")
        _check_range(self.alcohol_units, 0, 100, "alcohol", "units")
        _check_range(self.fluids_l, 0, 20, "fluids", "litres")
        if self.strenuous_exercise is not None and not isinstance(self.strenuous_exercise, bool):
            raise InputError("exercise must be yes or no.", "exercise")
        _check_note(self.notes, "notes")


@dataclass(frozen=True)
class MedicationPeriod:
    """A medicine taken from ``start`` to ``stop`` (inclusive; ``stop=None`` = still taking).

    Attributes
    ----------
    name : str
        The medicine's name as the person knows it, 1 to 200 characters.
    start : date
        First day taken.
    stop : date or None
        Last day taken, or ``None`` while still taking it.
    dose : str
        Free text such as ``"20 mg daily"``, at most 200 characters.
    id : int or None
        Storage id; ``None`` until saved.
    """

    name: str
    start: date
    stop: date | None = None
    dose: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip() or len(self.name) > 200:
            raise InputError("medication name must be 1 to 200 characters long.", "name")
        if len(self.dose) > _DOSE_MAX:
            raise InputError(f"dose must be at most {_DOSE_MAX} characters long.", "dose")
        bounded_text(self.name, "name", 200)
        bounded_text(self.dose, "dose", _DOSE_MAX)
        if self.stop is not None and self.stop < self.start:
            raise InputError("medication stop date must not be before its start date.", "stop")

    def active_on(self, day: date) -> bool:
        """Whether the medicine was being taken on ``day``."""
        return self.start <= day and (self.stop is None or day <= self.stop)


@dataclass(frozen=True)
class EpisodeFilter:
    """Which episodes to list (every condition given must hold).

    Attributes
    ----------
    since, until : date or None
        First and last local day (inclusive).
    kind, site : str or None
        Vocabulary ids.
    min_intensity : int or None
        Lowest intensity, 0 to 10.
    limit : int or None
        At most this many episodes, newest first.
    """

    since: date | None = None
    until: date | None = None
    kind: str | None = None
    site: str | None = None
    min_intensity: int | None = None
    limit: int | None = None


@dataclass(frozen=True)
class Diary:
    """A whole diary as values, for export, import and reports."""

    episodes: tuple[Episode, ...] = ()
    checkins: tuple[DailyCheckIn, ...] = ()
    medications: tuple[MedicationPeriod, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)

    def within_bounds(self, today: date) -> tuple[Diary, int]:
        """The diary without entries dated before 1900-01-01 or after tomorrow, and how many those were.

        Such entries cannot be written any more, but a database from an older version (or edited by
        hand) may hold them; reports and statistics leave them out instead of failing on them.
        """
        eps = tuple(e for e in self.episodes if in_diary_range(e.local_day, today))
        cis = tuple(c for c in self.checkins if in_diary_range(c.day, today))
        meds = tuple(m for m in self.medications
                     if in_diary_range(m.start, today) and in_diary_range(m.stop or m.start, today))  # fmt: skip
        left_out = len(self.episodes) + len(self.checkins) + len(self.medications) - len(eps) - len(cis) - len(meds)
        return Diary(eps, cis, meds, dict(self.meta)), left_out


_DURATION_UNITS = {
    "ms": 0.001,
    "s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0,
    "m": 60.0, "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0,
    "h": 3600.0, "hr": 3600.0, "hrs": 3600.0, "hour": 3600.0, "hours": 3600.0,
}  # fmt: skip
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)")


def parse_duration(text: str) -> float:
    """Parse a duration such as ``"5s"``, ``"2 min"``, ``"1h30m"`` or ``"90"`` into seconds.

    A bare number is seconds.

    Raises
    ------
    InputError
        If the text is not a duration.
    """
    s = text.strip().lower()
    pos, total, parts = 0, 0.0, 0
    for m in _DURATION_PART.finditer(s):
        if s[pos : m.start()].strip():
            break
        unit = m.group(2) or "s"
        if unit not in _DURATION_UNITS:
            break
        total += float(m.group(1)) * _DURATION_UNITS[unit]
        pos, parts = m.end(), parts + 1
    if parts == 0 or s[pos:].strip():
        raise InputError(f"duration '{text}' is not understood; write e.g. 5s, 2 min or 1h30m.", "lasted")
    return total


def format_duration(seconds: float) -> str:
    """Format seconds for people: ``"5 s"``, ``"2 min 30 s"``, ``"1 h 5 min"``."""
    if seconds < 60:
        return f"{seconds:g} s"
    td = timedelta(seconds=round(seconds))
    h, rest = divmod(int(td.total_seconds()), 3600)
    m, s = divmod(rest, 60)
    if h:
        return f"{h} h {m} min" if m else f"{h} h"
    return f"{m} min {s} s" if s else f"{m} min"
