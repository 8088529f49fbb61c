#!/usr/bin/env bash
# Ingest every bundled rendering (Monmouthshire's reports and the other councils' families in
# fixtures/councils) into a throw-away store, export it, and score the export
# against the hand-checked gold with the shared scorer (a copy lives in fixtures/score.py).
#   npm run score:gold            (per-rendering lines, then the summary)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node dist/src/cli/main.js --db "$tmp/gold.sqlite" ingest fixtures/reports fixtures/councils/*.* >&2 || true
node dist/src/cli/main.js --db "$tmp/gold.sqlite" export --format json > "$tmp/export.json"
python3 fixtures/score.py "$tmp/export.json" fixtures/gold "$@"
