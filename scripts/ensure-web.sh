#!/usr/bin/env bash
# Builds the browser application (web/ → web/dist) when its sources changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=web/dist/.cdf-build-stamp
want=$(find web/src web/index.html web/vite.config.ts package-lock.json -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "构建网页界面… / building the web application…"
  npm run --silent build:web
  echo "$want" > "$stamp"
fi
