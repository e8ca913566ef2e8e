"""The diary: log in two taps, the daily check-in, the chart, edit and delete; episodes and check-ins in the API."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import Depends, Form, Query, Request
from fastapi import Path as PathParam
from starlette.responses import RedirectResponse, Response

from twitchwise.domain.diary import EpisodeFilter
from twitchwise.domain.errors import InputError
from twitchwise.services.diary import parse_day, vocabulary
from twitchwise.services.interview import MG_PER_CUP
from twitchwise.web.api_models import DAY_SCHEMA, KIND_SCHEMA, SITE_SCHEMA, CheckInIn, EpisodeIn, EpisodePatch
from twitchwise.web.charts import daily_timeline
from twitchwise.web.csrf import verify_csrf
from twitchwise.web.deps import Diary, EpisodeId, api_router, pages_router
from twitchwise.web.errors import ProblemError
from twitchwise.web.presenters import checkin_json, episode_json
from twitchwise.web.rendering import render

api = api_router("diary")
pages = pages_router()

#: The sites and kinds offered first (the most common); the rest are in a list.
MOVEMENT_KINDS, SITES, SIDES = vocabulary().movement_kinds, vocabulary().sites, vocabulary().sides
QUICK_SITES = ("eyelid", "face", "calf", "thigh", "foot", "hand", "forearm", "upper_arm", "back", "whole_body")
QUICK_KINDS = ("fasciculation", "myokymia", "cramp", "myoclonus", "tonic_spasm", "tremor", "restless_legs", "tic")
KIND_WORDS = {
    "fasciculation": "twitch",
    "myokymia": "rippling twitch",
    "myoclonus": "jerk",
    "tonic_spasm": "spasm",
    "restless_legs": "restless legs",
    "periodic_limb_movements": "leg movements in sleep",
}
#: Days shown in the diary's chart.
CHART_DAYS = 28
Day = Annotated[str, PathParam(max_length=20, description="YYYY-MM-DD, today or yesterday",
                               json_schema_extra=DAY_SCHEMA)]  # fmt: skip


# ------------------------------------------------------------------ API
def _day(text: str | None, today: date, name: str) -> date | None:
    """A query's day, with errors naming the query parameter."""
    if not text:
        return None
    try:
        return parse_day(text, today)
    except InputError as exc:
        raise InputError(exc.message.replace("day '", f"{name} '", 1), name) from None


def _episode_call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a diary method on one episode; an unknown id is a 404 naming ``episode_id``."""
    try:
        return fn(*args, **kwargs)
    except InputError as exc:
        if exc.field == "id":
            raise ProblemError(404, exc.message, "episode_id") from None
        raise


@api.get("/diary/episodes", summary="List episodes")
def list_episodes(
    service: Diary,
    since: Annotated[str | None, Query(max_length=20, description="YYYY-MM-DD", json_schema_extra=DAY_SCHEMA)] = None,
    until: Annotated[str | None, Query(max_length=20, description="YYYY-MM-DD", json_schema_extra=DAY_SCHEMA)] = None,
    kind: Annotated[str | None, Query(max_length=40, json_schema_extra=KIND_SCHEMA)] = None,
    site: Annotated[str | None, Query(max_length=40, json_schema_extra=SITE_SCHEMA)] = None,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> Any:
    """Episodes, newest first."""
    today = service.now().date()
    flt = EpisodeFilter(
        since=_day(since, today, "since"), until=_day(until, today, "until"),
        kind=kind, site=site, limit=limit,
    )  # fmt: skip
    return [episode_json(e) for e in service.list_episodes(flt)]


@api.post("/diary/episodes", status_code=201, summary="Log an episode")
def create_episode(body: EpisodeIn, service: Diary) -> Any:
    """Log one episode; returns it with its id."""
    return episode_json(service.log_episode(**body.model_dump()))


@api.get("/diary/episodes/{episode_id}", summary="One episode")
def get_episode(episode_id: EpisodeId, service: Diary) -> Any:
    """One episode by id (404 if there is none)."""
    return episode_json(_episode_call(service.get_episode, episode_id))


@api.patch("/diary/episodes/{episode_id}", summary="Edit an episode")
def api_edit_episode(episode_id: EpisodeId, body: EpisodePatch, service: Diary) -> Any:
    """Change some fields of an episode; returns the new version."""
    return episode_json(_episode_call(service.edit_episode, episode_id, **body.model_dump(exclude_none=True)))


@api.delete("/diary/episodes/{episode_id}", status_code=204, summary="Delete an episode")
def api_delete_episode(episode_id: EpisodeId, service: Diary) -> Response:
    """Delete an episode (404 if there is none)."""
    _episode_call(service.delete_episode, episode_id)
    return Response(status_code=204)


@api.get("/diary/checkins", summary="List daily check-ins")
def list_checkins(
    service: Diary,
    since: Annotated[str | None, Query(max_length=20, json_schema_extra=DAY_SCHEMA)] = None,
    until: Annotated[str | None, Query(max_length=20, json_schema_extra=DAY_SCHEMA)] = None,
) -> Any:
    """Daily check-ins (caffeine mg, sleep h, stress 0-10, exercise, alcohol units, fluids l), oldest first."""
    today = service.now().date()
    return [checkin_json(c) for c in service.list_days(
        _day(since, today, "since"), _day(until, today, "until"))]  # fmt: skip


@api.put("/diary/checkins/{day}", summary="Record a day's check-in")
def put_checkin(day: Day, body: CheckInIn, service: Diary) -> Any:
    """Record or update one day's check-in (fields left out keep their value)."""
    return checkin_json(service.record_day(day, **body.model_dump(exclude_none=True)))


@api.delete("/diary/checkins/{day}", status_code=204, summary="Delete a day's check-in")
def delete_checkin(day: Day, service: Diary) -> Response:
    """Delete one day's check-in (404 if there is none)."""
    the_day = parse_day(day, service.now().date())
    try:
        service.delete_day(the_day)
    except InputError as exc:
        raise ProblemError(404, exc.message, "day") from None
    return Response(status_code=204)


# ------------------------------------------------------------------ pages
def _diary_page(request: Request, service: Diary, message: str | None = None, error: str | None = None,
                status: int = 200) -> Response:  # fmt: skip
    today = service.now().date()
    episodes = service.list_episodes(EpisodeFilter(limit=50))
    recent = service.list_episodes(EpisodeFilter(since=today - timedelta(days=CHART_DAYS - 1)))
    days = service.list_days(since=today)
    return render(request, "diary.html", {
        "episodes": episodes, "chart": daily_timeline(recent, today, CHART_DAYS), "today": today.isoformat(),
        "checkin": next((d for d in days if d.day == today), None), "message": message, "error": error,
        "quick_sites": QUICK_SITES, "quick_kinds": QUICK_KINDS, "sites": SITES, "kinds": MOVEMENT_KINDS,
        "sides": SIDES, "kind_words": KIND_WORDS, "mg_per_cup": MG_PER_CUP,
    }, status=status)  # fmt: skip


@pages.get("/diary")
def diary_page(request: Request, service: Diary, saved: str | None = None) -> Response:
    """The diary."""
    return _diary_page(request, service, "Saved." if saved else None)


@pages.post("/diary/episodes", dependencies=[Depends(verify_csrf)])
def log_episode(
    request: Request,
    service: Diary,
    site: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=40)] = "",
    when: Annotated[str, Form(max_length=60)] = "now",
) -> Response:
    """Log an episode now (two taps: site, kind)."""
    try:
        service.log_episode(kind=kind, site=site, when=when or "now")
    except InputError as exc:
        return _diary_page(request, service, error=exc.message, status=422)
    return RedirectResponse("/diary?saved=1", status_code=303)


@pages.post("/diary/checkin", dependencies=[Depends(verify_csrf)])
def checkin(
    request: Request,
    service: Diary,
    caffeine_cups: Annotated[str, Form(max_length=10)] = "",
    sleep_h: Annotated[str, Form(max_length=10)] = "",
    stress: Annotated[str, Form(max_length=10)] = "",
    alcohol_units: Annotated[str, Form(max_length=10)] = "",
    exercise: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Today's check-in: cups of coffee (``MG_PER_CUP`` mg each), hours slept, stress 0-10, alcohol units, exercise."""

    def number(text: str, name: str) -> float | None:
        if not text.strip():
            return None
        try:
            return float(text)
        except ValueError:
            raise InputError(f"{name} must be a number.", name) from None

    try:
        cups = number(caffeine_cups, "caffeine")
        service.record_day(
            None, caffeine_mg=None if cups is None else cups * MG_PER_CUP, sleep_h=number(sleep_h, "sleep"),
            stress=number(stress, "stress"), alcohol_units=number(alcohol_units, "alcohol"),
            strenuous_exercise={"yes": True, "no": False}.get(exercise),
        )  # fmt: skip
    except InputError as exc:
        return _diary_page(request, service, error=exc.message, status=422)
    return RedirectResponse("/diary?saved=1", status_code=303)


@pages.get("/diary/episodes/{episode_id}/edit")
def edit_form(request: Request, service: Diary, episode_id: EpisodeId) -> Response:
    """The form to edit one episode."""
    try:
        episode = service.get_episode(episode_id)
    except InputError as exc:
        raise ProblemError(404, exc.message, "episode_id") from None
    return render(request, "episode_edit.html", {"e": episode, "sites": SITES, "kinds": MOVEMENT_KINDS,
                                                 "sides": SIDES, "error": None})  # fmt: skip


@pages.post("/diary/episodes/{episode_id}/edit", dependencies=[Depends(verify_csrf)])
def edit_episode(
    request: Request,
    service: Diary,
    episode_id: EpisodeId,
    site: Annotated[str, Form(max_length=40)],
    kind: Annotated[str, Form(max_length=40)],
    side: Annotated[str, Form(max_length=20)] = "both",
    intensity: Annotated[int, Form(ge=0, le=10)] = 3,
    lasted: Annotated[str, Form(max_length=40)] = "",
    when: Annotated[str, Form(max_length=60)] = "",
    notes: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Save an edited episode."""
    try:
        service.edit_episode(episode_id, site=site, kind=kind, side=side, intensity=intensity,
                             lasted=lasted or None, when=when or None, notes=notes)  # fmt: skip
    except InputError as exc:
        if exc.field == "id":
            raise ProblemError(404, exc.message, "episode_id") from None
        episode = service.get_episode(episode_id)
        return render(request, "episode_edit.html", {"e": episode, "sites": SITES, "kinds": MOVEMENT_KINDS,
                                                     "sides": SIDES, "error": exc.message}, status=422)  # fmt: skip
    return RedirectResponse("/diary?saved=1", status_code=303)


@pages.post("/diary/episodes/{episode_id}/delete", dependencies=[Depends(verify_csrf)])
def delete_episode(service: Diary, episode_id: EpisodeId) -> Response:
    """Delete one episode."""
    try:
        service.delete_episode(episode_id)
    except InputError as exc:
        raise ProblemError(404, exc.message, "episode_id") from None
    return RedirectResponse("/diary?saved=1", status_code=303)


@pages.get("/diary/episodes")
@pages.get("/diary/checkin")
def diary_reload() -> Response:
    """A reload after a diary form: show the diary."""
    return RedirectResponse("/diary", status_code=303)
