#!/usr/bin/env bash
# Installs the Debian packages twitchwise needs (only those missing), so nobody
# installs anything by hand. Needs root or sudo on a machine where something is missing.
set -euo pipefail
PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core   # WeasyPrint (PDF reports)
  chromium chromium-driver   # browser tests of the web app (Playwright drives /usr/bin/chromium)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
