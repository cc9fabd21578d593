#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core never downloads a browser), with a
# Chinese font so the screenshots show Chinese, not boxes. Installs what is missing when this user
# may; without Chromium it says how, and fails (without the font only the screenshots suffer).
set -euo pipefail
want=${CDF_CHROMIUM:-/usr/bin/chromium}
font=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
[ -x "$want" ] && [ -f "$font" ] && exit 0
install() {
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "安装 Chromium 与中文字体（浏览器测试用）… / installing Chromium and a Chinese font for the browser tests…"
  [ -x "$want" ] || install chromium
  [ -f "$font" ] || install fonts-wqy-microhei || echo "未能安装中文字体 / could not install the Chinese font" >&2
  [ -x "$want" ] && exit 0
fi
echo "未找到 Chromium：请安装 Debian 的 chromium 软件包，或用 CDF_CHROMIUM 指明浏览器路径。" >&2
echo "Chromium not found at $want: install Debian's chromium package, or set CDF_CHROMIUM to a Chromium binary." >&2
exit 1
