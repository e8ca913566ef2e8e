"""The report for the doctor (PDF) and the diary as FHIR: downloads in the API.

``pages`` has no route: the downloads are offered on the insights page, which links here.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import Query
from starlette.responses import Response

from twitchwise.services.diary import DiaryService
from twitchwise.web.deps import Diary, api_router, pages_router

api = api_router("diary")
pages = pages_router()


@api.get(
    "/report.pdf",
    summary="The one-page report (PDF)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def report_pdf(service: Diary, page_size: Annotated[str, Query(pattern="^(A4|Letter)$")] = "A4") -> Response:
    """The one-page report for the doctor as a PDF download."""
    return Response(
        _report_bytes(service, "pdf", page_size),
        media_type="application/pdf",
        headers={"content-disposition": 'attachment; filename="twitchwise-report.pdf"'},
    )


def _report_bytes(service: DiaryService, fmt: str, page_size: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="twitchwise-report-") as tmp:
        return service.report(Path(tmp) / f"report.{fmt}", fmt=fmt, page_size=page_size).read_bytes()


@api.get(
    "/export/fhir",
    summary="The diary as a FHIR R4 Bundle",
    response_class=Response,
    responses={200: {"content": {"application/fhir+json": {}}}},
)
def export_fhir(service: Diary) -> Response:
    """The whole diary as a FHIR R4 Bundle (JSON download)."""
    return Response(
        service.export_text("fhir"),
        media_type="application/fhir+json",
        headers={"content-disposition": 'attachment; filename="twitchwise-diary.fhir.json"'},
    )
