#!/usr/bin/env bash
# Creates .venv-psgscoring: a separate environment holding psgscoring, the one other
# Python package with a leg-movement detector, used only as a comparator by
# bench/recordings.py and tests/recordings/test_psgscoring_agreement.py.
#
# Why a separate environment: psgscoring is not a dependency of twitchwise (we never
# import it), and keeping it out of requirements/all.lock keeps the product's lock
# free of a 35 MB comparator. Its declared dependencies (numpy, scipy, mne) are
# pinned here to the same versions as requirements/all.lock.
#
# Run by the bench/test that needs it (never by hand only); safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-psgscoring
PINS=(psgscoring==0.37.0 numpy==1.26.4 scipy==1.17.1 mne==1.12.1)
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import psgscoring.plm' 2>/dev/null; then
  exit 0
fi
PY=${PYTHON:-python3}
if command -v uv >/dev/null 2>&1; then UV=uv
elif [ -x .tools/bin/uv ]; then UV=.tools/bin/uv
elif [ -x .venv/bin/uv ]; then UV=.venv/bin/uv
else UV=""; fi
if [ -n "$UV" ]; then
  "$UV" venv --quiet --allow-existing -p "$PY" "$VENV"
  "$UV" pip install --quiet -p "$VENV/bin/python" "${PINS[@]}"
else
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PINS[@]}"
fi
"$VENV/bin/python" -c 'import psgscoring.plm' >/dev/null
echo "psgscoring is installed in $VENV"
