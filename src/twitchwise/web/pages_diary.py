"""Pages: the diary (log in two taps, daily check-in, chart, edit, delete), insights and the report."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi import Path as PathParam
from starlette.responses import RedirectResponse, Response

from twitchwise.assessment.interview import MG_PER_CUP
from twitchwise.domain.diary import EpisodeFilter
from twitchwise.domain.errors import InputError
from twitchwise.services.diary import DiaryService, vocabulary
from twitchwise.web.charts import daily_timeline
from twitchwise.web.csrf import verify_csrf
from twitchwise.web.presenters import insights_json
from twitchwise.web.problems import ProblemError
from twitchwise.web.rendering import render

router = APIRouter(include_in_schema=False)

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
EpisodeId = Annotated[int, PathParam(ge=1, le=2**62)]
#: Days shown in the diary's chart.
CHART_DAYS = 28


def _diary(request: Request) -> DiaryService:
    service: DiaryService = request.app.state.diary
    return service


def _diary_page(request: Request, message: str | None = None, error: str | None = None, status: int = 200) -> Response:
    service = _diary(request)
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


@router.get("/diary")
def diary_page(request: Request, saved: str | None = None) -> Response:
    """The diary."""
    return _diary_page(request, "Saved." if saved else None)


@router.post("/diary/episodes", dependencies=[Depends(verify_csrf)])
def log_episode(
    request: Request,
    site: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=40)] = "",
    when: Annotated[str, Form(max_length=60)] = "now",
) -> Response:
    """Log an episode now (two taps: site, kind)."""
    try:
        _diary(request).log_episode(kind=kind, site=site, when=when or "now")
    except InputError as exc:
        return _diary_page(request, error=exc.message, status=422)
    return RedirectResponse("/diary?saved=1", status_code=303)


@router.post("/diary/checkin", dependencies=[Depends(verify_csrf)])
def checkin(
    request: Request,
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
        _diary(request).record_day(
            None, caffeine_mg=None if cups is None else cups * MG_PER_CUP, sleep_h=number(sleep_h, "sleep"),
            stress=number(stress, "stress"), alcohol_units=number(alcohol_units, "alcohol"),
            strenuous_exercise={"yes": True, "no": False}.get(exercise),
        )  # fmt: skip
    except InputError as exc:
        return _diary_page(request, error=exc.message, status=422)
    return RedirectResponse("/diary?saved=1", status_code=303)


@router.get("/diary/episodes/{episode_id}/edit")
def edit_form(request: Request, episode_id: EpisodeId) -> Response:
    """The form to edit one episode."""
    try:
        episode = _diary(request).get_episode(episode_id)
    except InputError as exc:
        raise ProblemError(404, exc.message, "episode_id") from None
    return render(request, "episode_edit.html", {"e": episode, "sites": SITES, "kinds": MOVEMENT_KINDS,
                                                 "sides": SIDES, "error": None})  # fmt: skip


@router.post("/diary/episodes/{episode_id}/edit", dependencies=[Depends(verify_csrf)])
def edit_episode(
    request: Request,
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
    service = _diary(request)
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


@router.post("/diary/episodes/{episode_id}/delete", dependencies=[Depends(verify_csrf)])
def delete_episode(request: Request, episode_id: EpisodeId) -> Response:
    """Delete one episode."""
    try:
        _diary(request).delete_episode(episode_id)
    except InputError as exc:
        raise ProblemError(404, exc.message, "episode_id") from None
    return RedirectResponse("/diary?saved=1", status_code=303)


@router.get("/insights")
def insights_page(request: Request) -> Response:
    """Likely triggers with their intervals, and the report downloads."""
    service = _diary(request)
    return render(request, "insights.html", {"insights": insights_json(service.insights())})


@router.get("/diary/episodes")
@router.get("/diary/checkin")
def diary_reload() -> Response:
    """A reload after a diary form: show the diary."""
    return RedirectResponse("/diary", status_code=303)
