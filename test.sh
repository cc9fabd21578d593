#!/usr/bin/env bash
# 运行全部测试（lint、类型检查、单元测试，以及针对真实 PostgreSQL 和 Temporal 的集成测试）。
# Runs the whole test suite: lint, typecheck, unit tests and integration tests against a real
# PostgreSQL and a real Temporal dev server (built once into ~/.cache if needed), and browser tests
# in Debian's Chromium (installed when missing) against the built web application.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh
scripts/ensure-chromium.sh
exec npm test --silent
