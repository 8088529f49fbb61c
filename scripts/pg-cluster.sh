#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite. `source scripts/pg-cluster.sh`:
# installs Debian's postgresql when missing, initdb's a cluster into a temp dir (as the
# postgres user: initdb refuses root), starts it on a free local port with its socket in that
# dir, exports SCOREBOOK_TEST_PG (a superuser URL the test helper creates one database per
# test from), and stops and removes the cluster at exit (trap). C collation, so text sorts
# as SQLite sorts it; password (scram) authentication over TCP, so tests can see a wrong
# password refused.
set -euo pipefail
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin_dir)" ]; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi
PG_BIN="$(pg_bin_dir)"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PG_PORT="${PG_PORT:-54329}"
while ! port_free "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done
PG_DIR="$(mktemp -d /tmp/scorebook-pg.XXXXXX)"
PG_PASSWORD="scorebook-test-$RANDOM$RANDOM"
echo "$PG_PASSWORD" >"$PG_DIR/pwfile"
chown -R postgres "$PG_DIR"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg_cluster() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg_cluster EXIT
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 --locale=C --encoding=UTF8 >"$PG_DIR/initdb.log"
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
export SCOREBOOK_TEST_PG="postgres://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres"
echo "scorebook: throwaway PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DIR)" >&2
