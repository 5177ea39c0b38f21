#!/usr/bin/env bash
# The suite must not depend on the day it runs: run it with the legal day pinned to each day of one
# week — a Saturday, a Sunday, 31 December and a public holiday (1 January) among them.
# Usage: scripts/test_week.sh [pytest args...]   (SQLite; set QCDC_TEST_DATABASE_URL for PostgreSQL too)
set -uo pipefail
cd "$(dirname "$0")/.."
days=(2026-12-26 2026-12-27 2026-12-28 2026-12-29 2026-12-30 2026-12-31 2027-01-01)
failed=()
for day in "${days[@]}"; do
  echo "→ the suite on $day ($(date -d "$day" +%A))"
  if ! QCDC_TEST_TODAY=$day .venv/bin/pytest -q -p no:cacheprovider "$@"; then
    failed+=("$day")
  fi
done
if ((${#failed[@]})); then
  echo "✗ failed on: ${failed[*]}"
  exit 1
fi
echo "✓ the suite passed on each day of the week"
