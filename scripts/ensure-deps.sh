#!/usr/bin/env bash
# Installs the project's npm dependencies when they are missing or package-lock.json changed since
# the last install. Shared by ./start.sh and ./test.sh so a fresh clone needs nothing by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.cdf-install-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "安装依赖… / installing dependencies…"
  # Not `npm ci`: the registry these machines reach lacks some of @swc/core's optional platform
  # packages, so the lock cannot list them and `npm ci` refuses it. `npm install` with the lock
  # installs exactly the locked versions and leaves the lock unchanged.
  npm install --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
