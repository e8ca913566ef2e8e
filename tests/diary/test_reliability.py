"""Nothing lost: concurrent writers, a killed writer, an interrupted import (SQLite WAL)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from twitchwise.domain.errors import InputError
from twitchwise.io import diary_csv
from twitchwise.services.diary import DiaryService
from twitchwise.storage import repositories

from .test_io import SAMPLE, canonical

WRITER = Path(__file__).with_name("diary_writer.py")


def _spawn(url: str, mode: str, n: int, tag: str = "") -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(WRITER), url, mode, str(n), tag],
                            stdout=subprocess.PIPE, text=True)  # fmt: skip


def _check_sqlite(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(con.execute("SELECT count(*) FROM episodes").fetchone()[0])
    finally:
        con.close()


@pytest.mark.slow
def test_two_processes_logging_5000_each_lose_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    DiaryService(url)  # migrate once, as the first CLI call would
    procs = [_spawn(url, "each", 5000, tag) for tag in ("a", "b")]
    for p in procs:
        p.communicate(timeout=300)
        assert p.returncode == 0
    svc = DiaryService(url)
    eps = svc.list_episodes()
    assert len(eps) == 10_000
    assert sorted(e.notes for e in eps).count("pa") == 5000
    assert len({e.id for e in eps}) == 10_000


def test_killing_a_bulk_write_leaves_all_or_nothing(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    url = f"sqlite:///{db}"
    DiaryService(url)
    p = _spawn(url, "bulk", 50_000)
    assert p.stdout is not None
    assert p.stdout.readline().strip() == "start"
    time.sleep(0.3)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    assert _check_sqlite(db) in (0, 50_000)
    assert DiaryService(url).load_diary().episodes is not None  # still opens and reads


def test_killing_single_writes_keeps_every_committed_one(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    url = f"sqlite:///{db}"
    DiaryService(url)
    p = _spawn(url, "each", 100_000, "k")
    assert p.stdout is not None
    line = p.stdout.readline()  # "ok 500": at least 500 committed
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    assert line.startswith("ok")
    n = _check_sqlite(db)
    assert 500 <= n < 100_000
    svc = DiaryService(url)
    ids = [e.id for e in svc.list_episodes()]
    assert len(ids) == n == len(set(ids))
    svc.log_episode("twitch", "calf")  # the diary still takes writes
    assert _check_sqlite(db) == n + 1


def test_an_import_with_a_bad_row_imports_nothing(service: DiaryService) -> None:
    text = diary_csv.write_csv(SAMPLE).replace(",calf,", ",elbow,")
    with pytest.raises(InputError, match="nothing imported"):
        service.import_text(text, "csv")
    assert service.load_diary() == service.load_diary().__class__()


@pytest.fixture()
def later(service: DiaryService) -> DiaryService:
    """The same diary with the clock after every date of SAMPLE (imports refuse future dates)."""
    return DiaryService(engine=service.engine, clock=lambda: datetime(2025, 1, 1, 12, tzinfo=UTC))


def test_an_interrupted_import_leaves_nothing(
    later: DiaryService, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = later
    # Fail after the episodes are written, while the check-ins are being written.
    def boom(self, checkins):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(repositories.CheckInRepository, "put_many", boom)
    with pytest.raises(RuntimeError):
        service.import_text(diary_csv.write_csv(SAMPLE), "csv")
    monkeypatch.undo()
    d = service.load_diary()
    assert (d.episodes, d.checkins, d.medications) == ((), (), ())


@pytest.mark.parametrize("fmt", ["csv", "json", "fhir"])
def test_export_import_round_trip_through_the_database(later: DiaryService, fmt: str) -> None:
    service = later
    first = service.import_text(diary_csv.write_csv(SAMPLE), "csv")
    assert (first.episodes_added, first.days_written, first.medications_added) == (3, 3, 2)
    exported = service.export_text(fmt)
    again = service.import_text(exported, fmt)  # idempotent: nothing new
    assert (again.episodes_added, again.episodes_skipped, again.medications_added) == (0, 3, 0)
    assert canonical(service.load_diary()) == canonical(SAMPLE)
