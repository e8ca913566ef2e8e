#!/usr/bin/env bash
# Creates .venv with the exact pinned dependencies and installs twitchwise into it.
# Run by `make`; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "twitchwise needs Python 3.11 or newer; $PY is $("$PY" --version 2>&1)." >&2
  exit 1
fi
# uv (pinned) lives in its own small venv, so syncing .venv to the lock never removes it.
[ -x .tools/bin/uv ] || { "$PY" -m venv .tools && .tools/bin/python -m pip install --quiet --disable-pip-version-check uv==0.13.8; }
[ -x .venv/bin/python ] || .tools/bin/uv venv --quiet -p "$PY" .venv
.tools/bin/uv pip sync --quiet --compile-bytecode -p .venv/bin/python requirements/all.lock
.tools/bin/uv pip install --quiet -p .venv/bin/python --no-deps -e .
# Bytecode is written now, at install time: where PYTHONDONTWRITEBYTECODE is set (as on CI
# machines) Python would otherwise recompile every imported module on every start, which
# made `twitchwise assess` take ~1.2 s instead of ~0.4 s and a spaCy start ~4 s.
.venv/bin/python -m compileall -q -j 0 src >/dev/null
echo "twitchwise is installed in .venv"
