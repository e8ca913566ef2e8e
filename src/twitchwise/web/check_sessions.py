"""The answers of checks in progress, kept in this process's memory so that a check survives Back and reload.

A check's address is ``/check/<id>/<step>``: the id is random and the answers stay here, never
in the address (so they are not in the browser's history or any log). A check belongs to the
browser session that started it (the ``tw_session`` cookie): another browser given the address
finds nothing. Checks are forgotten after :data:`KEEP_SECONDS` without use, and the oldest go
first beyond :data:`KEEP_MAX`; nothing is written to disk. With ``--workers`` above 1 a check is
known only to the process that started it.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

KEEP_SECONDS = 2 * 60 * 60
KEEP_MAX = 500


@dataclass
class CheckSession:
    """One check: its browser session and the answers given so far (oldest first)."""

    owner: str
    answers: list[tuple[str, Any]] = field(default_factory=list)
    touched: float = field(default_factory=time.time)


_store: OrderedDict[str, CheckSession] = OrderedDict()
_lock = threading.Lock()


def _expire(now: float) -> None:
    for key in [k for k, v in _store.items() if now - v.touched > KEEP_SECONDS]:
        del _store[key]
    while len(_store) > KEEP_MAX:
        _store.popitem(last=False)


def start(owner: str, answers: list[tuple[str, Any]] | None = None) -> str:
    """Keep a new check for the browser session ``owner``; returns its random id."""
    key = secrets.token_urlsafe(12)
    with _lock:
        now = time.time()
        _expire(now)
        _store[key] = CheckSession(owner, list(answers or []), now)
    return key


def find(key: str, owner: str) -> CheckSession | None:
    """The check ``key`` if it belongs to ``owner`` and has not expired (its clock restarts)."""
    with _lock:
        now = time.time()
        _expire(now)
        found = _store.get(key)
        if found is None or not hmac.compare_digest(found.owner.encode(), owner.encode()):
            return None
        found.touched = now
        _store.move_to_end(key)
        return found


def save(key: str, session: CheckSession, answers: list[tuple[str, Any]]) -> None:
    """Replace the answers of a check."""
    with _lock:
        session.answers = list(answers)
        session.touched = time.time()
        _store[key] = session
