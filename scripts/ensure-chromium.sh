#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core never downloads a browser). Installs
# the chromium package when it is missing and this user may; otherwise says how, and fails.
set -euo pipefail
want=${CDF_CHROMIUM:-/usr/bin/chromium}
[ -x "$want" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "安装 Chromium（浏览器测试用）… / installing Chromium for the browser tests…"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  [ -x "$want" ] && exit 0
fi
echo "未找到 Chromium：请安装 Debian 的 chromium 软件包，或用 CDF_CHROMIUM 指明浏览器路径。" >&2
echo "Chromium not found at $want: install Debian's chromium package, or set CDF_CHROMIUM to a Chromium binary." >&2
exit 1
