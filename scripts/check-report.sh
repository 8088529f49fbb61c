#!/usr/bin/env bash
# Render the HTML report of a store in headless Chromium (Debian's chromium package) and check
# it: one trend chart per canonical area, no scripts, and a screenshot to look at.
#   scripts/check-report.sh [--db PATH] [--out DIR]       (default: a fresh store of fixtures/reports)
# Needs: npm run build (or tsx), chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=""
OUT="${TMPDIR:-/tmp}/scorebook-report-check"
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "usage: $0 [--db PATH] [--out DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"

CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$CHROMIUM" ]; then
  echo "check-report: chromium not installed (apt-get install -y chromium); skipped" >&2
  exit 0
fi

if [ -f dist/src/cli/main.js ]; then CLI=(node dist/src/cli/main.js); else CLI=(npx tsx src/cli/main.ts); fi

if [ -z "$DB" ]; then
  DB="$OUT/store.sqlite"
  rm -f "$DB" "$DB"-*
  "${CLI[@]}" --db "$DB" ingest fixtures/reports >&2 || echo "check-report: some fixtures failed to ingest; checking what was stored" >&2
fi

HTML="$OUT/report.html"
"${CLI[@]}" --db "$DB" report --out "$HTML" >&2

PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT
FLAGS=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync "--user-data-dir=$PROFILE")
"$CHROMIUM" "${FLAGS[@]}" --dump-dom "file://$HTML" > "$OUT/dom.html" 2>/dev/null
"$CHROMIUM" "${FLAGS[@]}" --screenshot="$OUT/report.png" --window-size=1280,2400 "file://$HTML" >/dev/null 2>&1

EXPECTED="$(node -e 'const f=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(f.areas.length)' "${SCOREBOOK_CANONICAL_AREAS:-db/canonical-areas.json}")"
CHARTS="$(grep -o '<svg class="trend"' "$OUT/dom.html" | wc -l | tr -d ' ')"
SCRIPTS="$(grep -ci '<script' "$OUT/dom.html" || true)"
echo "check-report: $CHARTS chart(s) rendered (canonical areas: $EXPECTED), $SCRIPTS script tag(s); screenshot $OUT/report.png" >&2
[ "$SCRIPTS" = "0" ] || { echo "check-report: FAIL: the report contains scripts" >&2; exit 1; }
[ "$CHARTS" = "$EXPECTED" ] || { echo "check-report: FAIL: expected one chart per canonical area" >&2; exit 1; }
echo "check-report: ok" >&2
