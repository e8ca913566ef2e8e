"""The app's routes, one module per area, each with its HTML ``pages`` and its JSON ``api`` router.

======================  ==========================================================
module                  what
======================  ==========================================================
``assessment``          the check (``/``, ``/check/<id>/<step>``); ``/api/v1/assess``, ``/interview``
``describe``            describe in your own words (``/describe``); ``/api/v1/parse``
``knowledge``           ``/knowledge/...``; ``/api/v1/knowledge/...``
``diary``               ``/diary/...``; ``/api/v1/diary/...``
``insights``            ``/insights``; ``/api/v1/insights``
``report``              ``/api/v1/report.pdf``, ``/api/v1/export/fhir``
``recordings``          ``/recordings/...``; ``/api/v1/recordings``
``settings``            ``/settings`` (the emergency number's country); ``/api/v1/emergency-number``
======================  ==========================================================
"""

from __future__ import annotations

from fastapi import FastAPI

from twitchwise.web.routes import assessment, describe, diary, insights, knowledge, recordings, report, settings

AREAS = (assessment, describe, knowledge, diary, insights, report, recordings, settings)


def include_routes(app: FastAPI) -> None:
    """Add every area's API and pages to ``app`` (the API first, as its schema lists them)."""
    for area in AREAS:
        app.include_router(area.api)
    for area in AREAS:
        app.include_router(area.pages)
