#!/usr/bin/env bash
# 启动信用数据工厂（内嵌 PostgreSQL、Temporal 开发服务器、worker、API/界面）并载入演示数据。
# Starts the credit data factory with embedded defaults and the demo data. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh
scripts/ensure-web.sh
exec node bin/cdf.mjs start "$@"
