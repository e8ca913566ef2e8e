"""Copy each area's CLI reference (docs/cli-<area>.md) into README.md between its markers.

    <!-- BEGIN docs/cli-diary.md -->  ...generated...  <!-- END docs/cli-diary.md -->

Headings move down two levels so they nest under the README's sections. Run after editing a
docs/cli-*.md file: .venv/bin/python scripts/build_readme.py (a test checks it was run).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"<!-- BEGIN (docs/cli-[\w-]+\.md) -->.*?<!-- END \1 -->", re.S)


def render(readme: str) -> str:
    """Return the README with every marked block refreshed from its docs file."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if not (REPO / name).is_file():
            return match.group(0)
        text = (REPO / name).read_text(encoding="utf-8").strip()
        text = re.sub(r"^(#+) ", lambda h: "##" + h.group(1) + " ", text, flags=re.M)
        text = text.replace("](recordings.md)", "](docs/recordings.md)").replace("](diary.md)", "](docs/diary.md)")
        text = text.replace("](intake.md)", "](docs/intake.md)")
        return f"<!-- BEGIN {name} -->\n{text}\n<!-- END {name} -->"

    return MARKER.sub(fill, readme)


def main() -> int:
    path = REPO / "README.md"
    new = render(path.read_text(encoding="utf-8"))
    if "--check" in sys.argv:
        return 0 if new == path.read_text(encoding="utf-8") else 1
    path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
