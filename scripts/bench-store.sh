#!/usr/bin/env bash
# The store half of `npm run bench`: SQLite, and PostgreSQL beside it. Without BENCH_PG, a
# throwaway cluster is started (scripts/pg-cluster.sh; installs Debian's postgresql when
# missing) and an empty database made there; it is stopped at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_PG:-}" ]; then
  source scripts/pg-cluster.sh
  "$PG_BIN/psql" -q "$SCOREBOOK_TEST_PG" -c "create database scorebook_bench template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'"
  BENCH_PG="${SCOREBOOK_TEST_PG%/postgres}/scorebook_bench"
  export BENCH_PG
fi
node dist/bench/store.js
node dist/bench/queue.js
