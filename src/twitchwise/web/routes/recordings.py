"""Sleep recordings: upload a night, see its plot and summary, download the events; the API scores one."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Depends, File, Form, Request, UploadFile
from starlette.responses import RedirectResponse, Response

from twitchwise.domain.errors import InputError
from twitchwise.web.api_models import jsonable
from twitchwise.web.charts import events_per_interval
from twitchwise.web.csrf import verify_csrf
from twitchwise.web.deps import api_router, pages_router
from twitchwise.web.errors import ProblemError
from twitchwise.web.json_response import FastJSONResponse
from twitchwise.web.recording_upload import keep, kept, score_upload
from twitchwise.web.rendering import render

api = api_router("recordings")
pages = pages_router()

#: Summary keys shown, with their plain labels (others are in the events download).
SUMMARY_LABELS = {
    "recording_hours": "Recording (hours)", "sleep_hours": "Sleep scored (hours)",
    "lm_count": "Leg movements", "lm_index": "Leg movements per hour of sleep",
    "plm_count": "Periodic leg movements", "plms_index": "PLMS index (per hour of sleep)",
    "plmw_index": "PLMW index (per hour of wake)", "respiratory_lm_count": "Breathing-related leg movements",
    "series_count": "Periodic series", "periodicity_index": "Periodicity index (0-1)",
    "median_imi_s": "Median interval between movements (s)", "time_suspended_s": "Scoring suspended, noisy (s)",
    "jerk_count": "Jerks", "jerk_index": "Jerks per hour", "periodic_jerk_count": "Jerks in periodic series",
    "jerk_series_count": "Periodic jerk series", "hypnic_jerk_count": "Likely sleep-onset (hypnic) jerks",
    "movement_count": "Other movements (turning over)", "still_hours": "Still (hours)",
}  # fmt: skip


# ------------------------------------------------------------------ API
@api.post("/recordings", summary="Score a sleep recording")
def score(
    file: Annotated[UploadFile, File(description="EDF/BDF polysomnogram or accelerometer CSV (time, x, y, z in g)")],
    rules: Annotated[str, Form(pattern="^(wasm2016|aasm)$")] = "wasm2016",
) -> Any:
    """Score an uploaded night: the summary and every event (onset and duration in seconds)."""
    scored = score_upload(file.file, file.filename or "", rules)
    return FastJSONResponse(jsonable({"summary": scored.summary, "events": scored.events}))


# ------------------------------------------------------------------ pages
@pages.get("/recordings")
def recordings_form(request: Request) -> Response:
    """The upload form."""
    return render(request, "recordings.html", {"error": None})


@pages.post("/recordings", dependencies=[Depends(verify_csrf)])
def recordings_upload(
    request: Request,
    file: Annotated[UploadFile, File()],
    rules: Annotated[str, Form(max_length=10)] = "wasm2016",
) -> Response:
    """Score the upload and show the result page."""
    try:
        scored = score_upload(file.file, file.filename or "", rules, with_plot=True)
    except InputError as exc:
        return render(request, "recordings.html", {"error": exc.message}, status=422)
    key = keep(scored)
    return RedirectResponse(f"/recordings/{key}", status_code=303)


@pages.get("/recordings/{key}")
def recording_result(request: Request, key: str) -> Response:
    """The scored night: summary, plot, events download."""
    scored = kept(key)
    if scored is None:
        raise ProblemError(404, "this result has expired (results are kept for 30 minutes); upload the file again.",
                           "key")  # fmt: skip
    rows = [(label, scored.summary[k]) for k, label in SUMMARY_LABELS.items() if scored.summary.get(k) is not None]
    chart = None
    if scored.plot_png_b64 is None:
        jerks = [float(e["onset"]) for e in scored.events if e.get("kind") == "jerk" and e.get("onset") is not None]
        chart = events_per_interval(jerks, float(scored.summary.get("recording_hours") or 0) * 3600)
    return render(request, "recording_result.html", {"s": scored, "rows": rows, "key": key, "chart": chart})


@pages.get("/recordings/{key}/events.tsv")
def recording_events(key: str) -> Response:
    """The scored events as a BIDS-style TSV file."""
    scored = kept(key)
    if scored is None:
        raise ProblemError(404, "this result has expired; upload the file again.", "key")
    # Only safe characters in the header: the name came from the user's computer.
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", scored.filename.rsplit(".", 1)[0]).strip("._") or "recording"
    return Response(scored.events_tsv, media_type="text/tab-separated-values",
                    headers={"content-disposition": f'attachment; filename="{stem}_events.tsv"'})  # fmt: skip
