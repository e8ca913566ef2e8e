"""Helper process for the reliability tests (not a test module).

Usage: python diary_writer.py URL MODE N
  MODE "each": log N episodes, one transaction each; prints "ok <i>" after every 500th.
  MODE "bulk": prints "start", then saves N episodes in one transaction, then "done".
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from twitchwise.domain.diary import Episode
from twitchwise.services.diary import DiaryService


def main() -> None:
    url, mode, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    svc = DiaryService(url)
    base = datetime(2024, 1, 1, tzinfo=UTC)
    if mode == "each":
        for i in range(n):
            svc.log_episode("twitch", "calf", lasted=1.0, intensity=i % 11,
                            when=base + timedelta(seconds=i), notes=f"p{sys.argv[4]}")  # fmt: skip
            if (i + 1) % 500 == 0:
                print(f"ok {i + 1}", flush=True)
    else:
        eps = (Episode(base + timedelta(seconds=i), 1.0, "calf", "left", "cramp", 5)
               for i in range(n))  # fmt: skip
        print("start", flush=True)
        svc.add_episodes(eps)
        print("done", flush=True)


if __name__ == "__main__":
    main()
