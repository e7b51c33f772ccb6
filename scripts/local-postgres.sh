#!/usr/bin/env bash
# A throwaway PostgreSQL 15 with pgvector on localhost for `./mvnw liquibase:update`.
#   scripts/local-postgres.sh start | stop | status | install-pgvector | install-pgbouncer
# install-pgvector also installs PgBouncer, which the test suite puts in front of its cluster (the pooler tests).
# Data lives in .local-postgres/ (git-ignored). Works as root: the server runs as the `postgres` OS user.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PORT=${LOCAL_PG_PORT:-54329}
DATABASE=${LOCAL_PG_DATABASE:-platform}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA_DIR=${LOCAL_PG_DATA:-$ROOT/.local-postgres/data}
LOG_FILE=$(dirname "$DATA_DIR")/server.log

die() { echo "local-postgres: $*" >&2; exit 1; }

# Runs a command as the server's OS user: postgres refuses to run as root.
as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pgvector_installed() {
  [ -f "$("$PG_BIN/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)/extension/vector.control" ] \
    || [ -f /usr/share/postgresql/15/extension/vector.control ]
}

# pgvector is not packaged for PostgreSQL 15 on Debian 12: build Debian's own source package (trixie)
# against postgresql-server-dev-15. The source URI is taken from this machine's configured Debian source.
install_pgvector() {
  pgvector_installed && return 0
  [ "$(id -u)" = 0 ] || die "pgvector is missing and installing it needs root: run 'sudo $0 install-pgvector'"
  echo "local-postgres: installing pgvector (one time, about a minute)"
  export DEBIAN_FRONTEND=noninteractive
  # One index update serves both ways (the packaged module where a repository has it, else Debian's source).
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  local src_list=/etc/apt/sources.list.d/pgvector-trixie-src.list
  [ -z "$uri" ] || echo "deb-src $uri trixie main" > "$src_list"
  apt-get update -qq
  if apt-cache show postgresql-15-pgvector >/dev/null 2>&1 \
     && apt-get install -y -qq postgresql-15-pgvector >/dev/null; then
    rm -f "$src_list"
    pgvector_installed && return 0
  fi
  [ -n "$uri" ] || die "no Debian source configured: cannot fetch the pgvector source package"
  apt-get install -y -qq dpkg-dev postgresql-server-dev-15 >/dev/null
  local build
  build=$(mktemp -d)
  (cd "$build" && apt-get source -qq pgvector >/dev/null 2>&1) || { rm -f "$src_list"; die "apt-get source pgvector failed"; }
  rm -f "$src_list"
  # No LLVM bitcode (with_llvm=no): it only lets the JIT inline pgvector's functions, which a test or development
  # cluster does not need, and it took two thirds of the build (9.4 s against 3.0 s with both cores, measured).
  local make_vars=(-s -j"$(nproc)" PG_CONFIG="$PG_BIN/pg_config" with_llvm=no)
  (cd "$build"/pgvector-*/ && make "${make_vars[@]}" >/dev/null && make "${make_vars[@]}" install >/dev/null)
  rm -rf "$build"
  pgvector_installed || die "pgvector build finished but vector.control is not installed"
  echo "local-postgres: pgvector installed"
}

pgbouncer_installed() { [ -x /usr/sbin/pgbouncer ] || command -v pgbouncer >/dev/null 2>&1; }

# PgBouncer (Debian's package, 1.18), for the tests that deploy through a pooler in session and transaction mode, as
# CI deploys to Supabase through Supavisor. Only the binary is used: the tests start their own on a free loopback port.
install_pgbouncer() {
  pgbouncer_installed && return 0
  [ "$(id -u)" = 0 ] || die "pgbouncer is missing and installing it needs root: run 'sudo $0 install-pgbouncer'"
  echo "local-postgres: installing pgbouncer (one time)"
  export DEBIAN_FRONTEND=noninteractive
  apt-cache show pgbouncer >/dev/null 2>&1 || apt-get update -qq
  # Its package would start a system-wide pgbouncer: not wanted on a test machine (policy-rc.d refuses service starts).
  local policy=/usr/sbin/policy-rc.d created=
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created=1; fi
  apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null || { [ -z "$created" ] || rm -f "$policy"; die "apt-get install pgbouncer failed"; }
  [ -z "$created" ] || rm -f "$policy"
  pgbouncer_installed || die "pgbouncer was installed but is not found"
  echo "local-postgres: pgbouncer installed"
}

is_running() { [ -f "$DATA_DIR/postmaster.pid" ] && as_server_user "$PG_BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; }

# The platform database and the schema of Liquibase's tracking tables, which Liquibase does not create.
ensure_database() {
  local psql=("$PG_BIN/psql" -h localhost -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q)
  if ! "${psql[@]}" -d postgres -tAc "select 1 from pg_database where datname = '$DATABASE'" | grep -q 1; then
    "${psql[@]}" -d postgres -c "create database $DATABASE"
  fi
  "${psql[@]}" -d "$DATABASE" -c "set client_min_messages = warning" -c "create schema if not exists liquibase"
}

start() {
  install_pgvector
  if ! is_running; then
    mkdir -p "$(dirname "$DATA_DIR")"
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$(dirname "$DATA_DIR")"
      runuser -u postgres -- test -w "$(dirname "$DATA_DIR")" \
        || die "the postgres OS user cannot write $(dirname "$DATA_DIR"): clone the repository into a folder it can reach, or set LOCAL_PG_DATA"
    fi
    if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
      as_server_user "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    # Trust authentication on loopback only: this cluster is a disposable development database.
    as_server_user "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w \
      -o "-p $PORT -c listen_addresses=localhost -k $DATA_DIR" start >/dev/null \
      || die "the server did not start: see $LOG_FILE"
  fi
  ensure_database
  echo "local-postgres: running on localhost:$PORT, database $DATABASE (jdbc:postgresql://localhost:$PORT/$DATABASE)"
}

stop() {
  if is_running; then
    as_server_user "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
    echo "local-postgres: stopped"
  else
    echo "local-postgres: not running"
  fi
}

status() {
  if is_running; then echo "local-postgres: running on localhost:$PORT (data in $DATA_DIR)"
  else echo "local-postgres: not running"; return 3; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  install-pgvector) install_pgvector && install_pgbouncer ;;
  install-pgbouncer) install_pgbouncer ;;
  *) echo "usage: $0 start|stop|status|install-pgvector|install-pgbouncer" >&2; exit 2 ;;
esac
