"""Diary use cases: log, list, edit, import, export, insights and the doctor's report.

This is the only place a diary transaction starts: each public method runs in
one transaction, so a failure (or a killed process) leaves nothing half-done.
No symptom or other health data is ever written to a log.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from twitchwise.domain.diary import (
    DailyCheckIn,
    Diary,
    Episode,
    EpisodeFilter,
    MedicationPeriod,
    check_episode,
    normalise_kind,
    parse_duration,
    warning_symptoms,
)
from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import (
    FUTURE_SLACK,
    check_day,
    check_moment,
    decode_utf8,
    in_diary_range,
    left_out_sentence,
)
from twitchwise.domain.vocabulary import Vocabulary
from twitchwise.io import diary_csv
from twitchwise.knowledge.vocabulary import load_vocabulary
from twitchwise.settings import load_settings
from twitchwise.storage.engine import open_engine
from twitchwise.storage.repositories import (
    CheckInRepository,
    EpisodeRepository,
    MedicationRepository,
)

if TYPE_CHECKING:
    from twitchwise.insights.triggers import InsightsResult

# Statistics, FHIR and report modules load statsmodels, pydantic models and
# WeasyPrint, which take seconds: they are imported where needed so that
# quick logging stays quick.

#: Formats of import and export.
FORMATS: tuple[str, ...] = ("csv", "json", "fhir")


def vocabulary() -> Vocabulary:
    """The typed vocabulary of the packaged knowledge base (loaded once per process)."""
    return load_vocabulary()


def local_zone() -> tzinfo:
    """The user's time zone (``TWITCHWISE_TZ``, then ``TZ``, then the system's)."""
    name = load_settings().tz  # validated there: an unknown zone is a SettingsError naming TWITCHWISE_TZ
    if name:
        return ZoneInfo(name)
    import tzlocal  # a declared dependency

    try:
        zone: tzinfo = tzlocal.get_localzone()
        return zone
    except (LookupError, OSError, ValueError):  # no zone configured or an unknown one: the current offset
        fallback = datetime.now().astimezone().tzinfo
        return fallback or UTC


_AGO = re.compile(r"^\s*(.+?)\s+ago\s*$", re.IGNORECASE)
#: What a free-form time may contain: letters, digits, spaces and the punctuation of dates and times.
_FREE_FORM = re.compile(r"[A-Za-z0-9 :./,+-]+")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


_NUMBERISH = re.compile(r"\d{1,4}|\d{1,2}:\d{2}(:\d{2})?|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}([./]\d{2,4})?|"
                        r"\d{1,2}(am|pm|st|nd|rd|th)")  # fmt: skip
_WORDS = (
    "today yesterday tonight last this morning evening night afternoon noon midnight at on in the of am pm "
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec week weeks day days"
)
_TIME_WORDS = frozenset(_WORDS.split())
_FILLER = frozenset({"at", "on", "in", "the", "of", "this", "last"})


def _clock_times_exist(text: str) -> bool:
    """The text is made of date and time words and numbers only, and every clock time in it exists.

    Free-form text goes to dateparser, which guesses from almost anything ("NaN" and "ago" became
    August, "1e309" an hour ago); this keeps it to what people write for a time.
    """
    tokens = [t for t in re.split(r"[\s,]+", text.lower()) if t]
    if not tokens or all(t in _FILLER for t in tokens):
        return False
    if not all(t in _TIME_WORDS or _NUMBERISH.fullmatch(t) for t in tokens):
        return False
    return all(int(h) < 24 and int(m) < 60 and int(sec or 0) < 60 for h, m, sec in _CLOCK.findall(text))


def _check_time(value: datetime, now: datetime, text: str) -> None:
    """The diary's date bounds, in a sentence about the time as it was typed."""
    try:
        check_moment(value, now)
    except InputError as exc:
        raise InputError(f"time '{text[:60]}' {exc.message.split(' ', 2)[2]}", "when") from None


def parse_when(text: str | None, now: datetime) -> datetime:
    """Parse when something happened: ``None``/"now", ISO 8601, "10 min ago", "yesterday 22:00".

    ``now`` must be aware; times without a zone are read in ``now``'s zone.

    Raises
    ------
    InputError
        If the text is not a time, or is in the future.
    """
    zone = now.tzinfo
    if text is None or not text.strip() or text.strip().lower() == "now":
        return now
    s = text.strip()
    not_understood = InputError(
        f"time '{text[:60]}' is not understood; write e.g. now, '10 min ago', "
        "'yesterday 22:00' or 2024-05-01T08:30.",
        "when",
    )
    result: datetime | None = None
    try:
        parsed = datetime.fromisoformat(s)
        _check_time(parsed, now, text)  # before any zone arithmetic, which overflows for years 1 and 9999
        result = parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
    except ValueError as exc:
        if isinstance(exc, InputError):
            raise
        m = _AGO.match(s)
        if m:
            try:
                seconds = parse_duration(m.group(1))
                if seconds > (now.replace(tzinfo=None) - datetime(1900, 1, 1)).total_seconds():
                    raise InputError(f"time '{text[:60]}' is before 1900-01-01.", "when")
                result = now - timedelta(seconds=seconds)
            except InputError as inner:
                if "before 1900" in inner.message:
                    raise
                result = None
        if result is None:
            # Free-form times go to dateparser, which guesses generously ("' OR 1=1 --" became
            # 2026-01-01, "yesterday 25:00" became yesterday now): only words, digits and the
            # punctuation of dates and times reach it, and every clock time in the text must exist.
            if len(s) > 60 or not _FREE_FORM.fullmatch(s) or not _clock_times_exist(s):
                raise not_understood from None
            import dateparser  # slow to import; only needed for free-form times

            settings: dict[str, Any] = {
                "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": True,
                "RELATIVE_BASE": now.replace(tzinfo=None),
            }
            if isinstance(zone, ZoneInfo):
                settings["TIMEZONE"] = zone.key
            found = dateparser.parse(s, settings=settings)
            if found is not None:
                _check_time(found, now, text)
                result = found.astimezone(zone)
    if result is None:
        raise not_understood
    if result > now + FUTURE_SLACK:
        raise InputError(f"time '{text[:60]}' is in the future; give when it happened.", "when")
    if isinstance(zone, ZoneInfo):
        result = result.astimezone(zone)
    return result


def parse_day(text: str | None, today: date) -> date:
    """Parse a day: ``None``/"today", "yesterday", or YYYY-MM-DD."""
    if text is None or text.strip().lower() in {"", "today"}:
        return today
    if text.strip().lower() == "yesterday":
        return today - timedelta(days=1)
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"day '{text[:40]}' must be today, yesterday or YYYY-MM-DD.", "day") from None
    return check_day(day, today)


def check_symptoms(symptoms: Iterable[str], vocab: Vocabulary | None = None) -> tuple[str, ...]:
    """Normalise symptom ids and check them against the vocabulary."""
    known = (vocab or vocabulary()).symptoms
    out = []
    for s in symptoms:
        key = s.strip().lower().replace("-", "_").replace(" ", "_")
        if key not in known:
            raise InputError(
                f"symptom '{s}' is not known; use vocabulary symptom ids such as weakness, "
                "numbness_tingling, muscle_wasting (see docs/cli/diary.md).",
                "with",
            )
        out.append(key)
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class ImportSummary:
    """What an import added."""

    episodes_added: int
    episodes_skipped: int
    days_written: int
    medications_added: int


def _in_bounds(where: str, check: Callable[..., object], *args: Any) -> None:
    """Run one bound check of an imported row; its error names the row and that nothing was imported."""
    try:
        check(*args)
    except InputError as exc:
        raise InputError(f"{where}: {exc.message[:-1]}; nothing imported.", exc.field) from None


def _episode_key(e: Episode) -> tuple[Any, ...]:
    return (e.start.astimezone(UTC), e.duration_s, e.site, e.side, e.kind, e.intensity, e.notes,
            e.symptoms)  # fmt: skip


class DiaryService:
    """The diary's use cases over one database.

    Parameters
    ----------
    url : str, optional
        Database URL; default ``TWITCHWISE_DATABASE_URL`` or the SQLite file in
        the user's data directory. Migrations run on first use.
    engine : Engine, optional
        An existing engine (tests, benchmarks).
    clock : callable, optional
        Returns the current aware time (default: now in :func:`local_zone`).
    vocab : Vocabulary, optional
        The allowed ids (default: the packaged knowledge base's).
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        engine: Engine | None = None,
        clock: Callable[[], datetime] | None = None,
        vocab: Vocabulary | None = None,
    ) -> None:
        self.engine = engine if engine is not None else open_engine(url)
        self._clock = clock
        self.vocab = vocab or vocabulary()

    def now(self) -> datetime:
        """The current time, aware, in the user's zone."""
        if self._clock is not None:
            return self._clock()
        return datetime.now(UTC).astimezone(local_zone())

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # ---- episodes -------------------------------------------------------------------------
    def log_episode(
        self,
        kind: str,
        site: str,
        *,
        side: str = "both",
        lasted: str | float = 1.0,
        intensity: int = 3,
        when: str | datetime | None = None,
        notes: str = "",
        symptoms: Sequence[str] = (),
    ) -> Episode:
        """Validate and save one episode; returns it with its id."""
        now = self.now()
        start = check_moment(when, now) if isinstance(when, datetime) else parse_when(when, now)
        duration = lasted if isinstance(lasted, int | float) else parse_duration(lasted)
        ep = check_episode(Episode(
            start=start, duration_s=float(duration), site=site.strip().lower(),
            side=side.strip().lower(), kind=normalise_kind(kind, self.vocab), intensity=intensity,
            notes=notes, symptoms=check_symptoms(symptoms, self.vocab),
        ), self.vocab)  # fmt: skip
        with self._session() as s, s.begin():
            new_id = EpisodeRepository(s).add(ep)
        return dataclasses.replace(ep, id=new_id)

    def warning_symptoms(self, episode: Episode) -> tuple[str, ...]:
        """The symptoms of ``episode`` that are warning signs (red-flag symptoms of the knowledge base)."""
        return warning_symptoms(episode, self.vocab)

    def add_episodes(self, episodes: Iterable[Episode]) -> int:
        """Save many already-validated episodes in one transaction; returns how many."""
        now = self.now()
        episodes = [e for e in episodes if check_moment(e.start, now, "start")]
        with self._session() as s, s.begin():
            return EpisodeRepository(s).add_many(episodes)

    def get_episode(self, episode_id: int) -> Episode:
        """One episode by id (raises :class:`InputError` if there is none)."""
        with self._session() as s:
            ep = EpisodeRepository(s).get(episode_id)
        if ep is None:
            raise InputError(f"there is no episode with id {episode_id}.", "id")
        return ep

    def list_episodes(self, flt: EpisodeFilter | None = None) -> list[Episode]:
        """Episodes matching ``flt``, newest first."""
        if flt is not None and flt.kind is not None:
            flt = dataclasses.replace(flt, kind=normalise_kind(flt.kind, self.vocab))
        with self._session() as s:
            return EpisodeRepository(s).query(flt)

    def edit_episode(self, episode_id: int, **changes: Any) -> Episode:
        """Change fields of an episode (``kind``, ``site``, ``side``, ``lasted``,
        ``intensity``, ``when``, ``notes``, ``symptoms``); returns the new version."""
        with self._session() as s, s.begin():
            repo = EpisodeRepository(s)
            ep = repo.get(episode_id)
            if ep is None:
                raise InputError(f"there is no episode with id {episode_id}.", "id")
            values: dict[str, Any] = {}
            for key, value in changes.items():
                if value is None:
                    continue
                if key == "kind":
                    values["kind"] = normalise_kind(value, self.vocab)
                elif key == "lasted":
                    values["duration_s"] = (
                        float(value) if isinstance(value, int | float) else parse_duration(value)
                    )
                elif key == "when":
                    values["start"] = (
                        check_moment(value, self.now()) if isinstance(value, datetime)
                        else parse_when(value, self.now())
                    )  # fmt: skip
                elif key == "symptoms":
                    values["symptoms"] = check_symptoms(value, self.vocab)
                elif key in {"site", "side"}:
                    values[key] = str(value).strip().lower()
                elif key in {"intensity", "notes"}:
                    values[key] = value
                else:
                    raise InputError(f"'{key}' cannot be edited.", key)
            new = check_episode(dataclasses.replace(ep, **values), self.vocab)
            repo.replace(new)
        return new

    def delete_episode(self, episode_id: int) -> None:
        """Delete one episode (raises :class:`InputError` if there is none)."""
        with self._session() as s, s.begin():
            if not EpisodeRepository(s).delete(episode_id):
                raise InputError(f"there is no episode with id {episode_id}.", "id")

    # ---- days ------------------------------------------------------------------------------
    def record_day(self, day: str | date | None = None, **fields: Any) -> DailyCheckIn:
        """Record or update a day's check-in; fields left ``None`` keep their stored value.

        Fields: ``caffeine_mg``, ``sleep_h``, ``stress``, ``strenuous_exercise``,
        ``alcohol_units``, ``fluids_l``, ``notes``, ``logged`` (default ``True``).
        """
        the_day = check_day(day, self.now().date()) if isinstance(day, date) else parse_day(day, self.now().date())
        if the_day > self.now().date():
            raise InputError(f"day {the_day} is in the future.", "day")
        with self._session() as s, s.begin():
            repo = CheckInRepository(s)
            old = repo.get(the_day) or DailyCheckIn(day=the_day)
            updates = {k: v for k, v in fields.items() if v is not None}
            unknown = set(updates) - {f.name for f in dataclasses.fields(DailyCheckIn)}
            if unknown:
                raise InputError(f"unknown day field(s): {', '.join(sorted(unknown))}.", "day")
            updates.setdefault("logged", True)
            new = dataclasses.replace(old, **updates)
            repo.put(new)
        return new

    def list_days(self, since: date | None = None, until: date | None = None) -> list[DailyCheckIn]:
        """Check-ins in a day range, oldest first."""
        with self._session() as s:
            return CheckInRepository(s).in_range(since, until)

    def delete_day(self, day: date) -> None:
        """Delete a day's check-in."""
        with self._session() as s, s.begin():
            if not CheckInRepository(s).delete(day):
                raise InputError(f"there is no check-in for {day}.", "day")

    # ---- medications -------------------------------------------------------------------------
    def add_medication(self, name: str, start: str | date | None = None,
                       stop: str | date | None = None, dose: str = "") -> MedicationPeriod:
        """Record a medicine taken from ``start`` (default today) to ``stop`` (default ongoing)."""
        today = self.now().date()
        m = MedicationPeriod(
            name=name.strip(),
            start=check_day(start, today, "start") if isinstance(start, date) else parse_day(start, today),
            stop=stop if stop is None or isinstance(stop, date) else parse_day(stop, today),
            dose=dose,
        )  # fmt: skip
        with self._session() as s, s.begin():
            new_id = MedicationRepository(s).add(m)
        return dataclasses.replace(m, id=new_id)

    def stop_medication(self, med_id: int, stop: str | date | None = None) -> MedicationPeriod:
        """Record the last day a medicine was taken (default today)."""
        the_stop = stop if isinstance(stop, date) else parse_day(stop, self.now().date())
        with self._session() as s, s.begin():
            repo = MedicationRepository(s)
            m = repo.get(med_id)
            if m is None:
                raise InputError(f"there is no medication with id {med_id}.", "id")
            new = dataclasses.replace(m, stop=the_stop)
            repo.replace(new)
        return new

    def delete_medication(self, med_id: int) -> None:
        """Delete a medication period."""
        with self._session() as s, s.begin():
            if not MedicationRepository(s).delete(med_id):
                raise InputError(f"there is no medication with id {med_id}.", "id")

    def list_medications(self) -> list[MedicationPeriod]:
        """Every medication period, by start date."""
        with self._session() as s:
            return MedicationRepository(s).all()

    # ---- whole diary -------------------------------------------------------------------------
    def load_diary(self) -> Diary:
        """The whole diary as values (one consistent read)."""
        with self._session() as s, s.begin():
            return Diary(
                tuple(EpisodeRepository(s).all_in_order()),
                tuple(CheckInRepository(s).in_range()),
                tuple(MedicationRepository(s).all()),
            )

    def export_text(self, fmt: str) -> str:
        """The whole diary as ``csv``, ``json`` or ``fhir`` (FHIR R4 Bundle JSON) text."""
        diary = self.load_diary()
        if fmt == "csv":
            return diary_csv.write_csv(diary)
        if fmt == "json":
            return diary_csv.write_json(diary)
        if fmt == "fhir":
            from twitchwise.io import diary_fhir

            return diary_fhir.write_fhir(diary)
        raise InputError(f"format '{fmt}' is not known; use {', '.join(FORMATS)}.", "format")

    def export_file(self, path: Path, fmt: str) -> Path:
        """Write the whole diary to ``path`` (mode 0600) as ``csv``, ``json`` or ``fhir``."""
        from twitchwise.io.private_files import write_private

        return write_private(path, self.export_text(fmt))

    def import_text(self, text: str, fmt: str) -> ImportSummary:
        """Import a diary file's text: all rows or, if any row is bad, none.

        Episodes already in the diary (same time, site, kind and values) are
        skipped, so importing the same file twice adds nothing; a day's check-in
        replaces the stored one; identical medication periods are skipped.
        """
        if fmt == "csv":
            diary = diary_csv.read_csv(text, self.vocab)
        elif fmt == "json":
            diary = diary_csv.read_json(text, self.vocab)
        elif fmt == "fhir":
            from twitchwise.io import diary_fhir

            diary = diary_fhir.read_fhir(text)
        else:
            raise InputError(f"format '{fmt}' is not known; use {', '.join(FORMATS)}.", "format")
        if fmt == "fhir" and not (diary.episodes or diary.checkins or diary.medications):
            raise InputError("the FHIR Bundle holds no episode, daily check-in or medication; nothing imported.",
                             "file")  # fmt: skip
        known = self.vocab.symptoms
        now = self.now()
        for i, ep in enumerate(diary.episodes):
            bad = [x for x in ep.symptoms if x not in known]
            if bad:
                raise InputError(f"episode {i + 1} ({ep.start.isoformat()}): unknown symptom "
                                 f"'{bad[0]}'; nothing imported.", "symptoms")  # fmt: skip
            _in_bounds(f"episode {i + 1}", check_episode, ep, self.vocab)
            _in_bounds(f"episode {i + 1}", check_moment, ep.start, now, "start")
        for i, c in enumerate(diary.checkins):
            _in_bounds(f"check-in {i + 1}", check_day, c.day, now.date())
        for i, m in enumerate(diary.medications):
            _in_bounds(f"medication {i + 1}", check_day, m.start, now.date(), "start")
            if m.stop is not None:
                _in_bounds(f"medication {i + 1}", check_day, m.stop, now.date(), "stop")
        with self._session() as s, s.begin():
            eps = EpisodeRepository(s)
            existing = {_episode_key(e) for e in eps.all_in_order()} if diary.episodes else set()
            fresh = []
            for e in diary.episodes:
                key = _episode_key(e)
                if key not in existing:
                    existing.add(key)
                    fresh.append(e)
            added = eps.add_many(fresh)
            CheckInRepository(s).put_many(list(diary.checkins))
            meds = MedicationRepository(s)
            have = {(m.name, m.start, m.stop, m.dose) for m in meds.all()}
            n_meds = 0
            for m in diary.medications:
                if (m.name, m.start, m.stop, m.dose) not in have:
                    meds.add(m)
                    n_meds += 1
        return ImportSummary(added, len(diary.episodes) - added, len(diary.checkins), n_meds)

    def import_file(self, path: Path, fmt: str | None = None) -> ImportSummary:
        """Import a file; the format comes from ``fmt`` or the extension (.csv, .json)."""
        if fmt is None:
            suffix = path.suffix.lower().lstrip(".")
            if suffix not in {"csv", "json"}:
                raise InputError(f"cannot tell the format of '{path.name}'; use a .csv or .json "
                                 "file, or --fhir for a FHIR Bundle.", "file")  # fmt: skip
            fmt = suffix
        try:
            text = decode_utf8(path.read_bytes(), f"file '{path.name}'")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise InputError(f"file '{path}' does not exist.", "file") from None
        if fmt == "json" and '"resourceType"' in text[:2000]:
            fmt = "fhir"
        return self.import_text(text, fmt)

    # ---- insights and report -------------------------------------------------------------------
    def insights(self) -> InsightsResult:
        """Likely triggers with honest statistics (see :mod:`twitchwise.insights.triggers`)."""
        from twitchwise.insights.daily import build_daily_table
        from twitchwise.insights.triggers import find_triggers

        today = self.now().date()
        with self._session() as s, s.begin():
            counts = EpisodeRepository(s).daily_counts()
            checkins = CheckInRepository(s).in_range()
            meds = MedicationRepository(s).all()
        # Entries dated out of range (stored before dates were bounded) are left out, and said so.
        kept = {d: n for d, n in counts.items() if in_diary_range(d, today)}
        bounded, left_out = Diary((), tuple(checkins), tuple(meds)).within_bounds(today)
        left_out += sum(counts.values()) - sum(kept.values())
        result = find_triggers(build_daily_table(kept, bounded.checkins, bounded.medications, today=today))
        if left_out:
            result = dataclasses.replace(result, missing=(left_out_sentence(left_out), *result.missing))
        return result

    def report(self, out: Path, fmt: str = "pdf", page_size: str = "A4") -> Path:
        """Write the one-page report for the doctor (``pdf`` or ``html``) to ``out``."""
        from twitchwise.insights.daily import build_daily_table
        from twitchwise.insights.triggers import find_triggers
        from twitchwise.reports.diary_report import build_report_data, render_html, render_pdf

        if fmt not in {"pdf", "html"}:
            raise InputError("report format must be pdf or html.", "format")
        if page_size not in {"A4", "Letter"}:
            raise InputError("page size must be A4 or Letter.", "page_size")
        today = self.now().date()
        # Entries dated out of range (stored before dates were bounded) are left out, and said so.
        diary, left_out = self.load_diary().within_bounds(today)
        counts: dict[date, int] = {}
        for e in diary.episodes:
            counts[e.local_day] = counts.get(e.local_day, 0) + 1
        table = build_daily_table(counts, diary.checkins, diary.medications, today=today)
        data = build_report_data(
            diary.episodes, diary.checkins, diary.medications, find_triggers(table),
            counts=counts, generated=today, vocab=self.vocab,
            left_out=left_out_sentence(left_out) if left_out else "",
        )  # fmt: skip
        from twitchwise.io.private_files import write_private

        out.parent.mkdir(parents=True, exist_ok=True)
        return write_private(out, render_pdf(data, page_size) if fmt == "pdf" else render_html(data, page_size))
