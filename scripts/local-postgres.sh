#!/usr/bin/env bash
# A throwaway PostgreSQL with pgvector on localhost for `./mvnw liquibase:update`, and the PostgreSQL binaries the
# tests use.
#   [PG_MAJOR=15|17] scripts/local-postgres.sh start | stop | status | install-pgvector | install-pgbouncer
# PG_MAJOR (default 15) is the PostgreSQL major; the test harness reads the same setting. install-pgvector installs
# that major's server first when it is missing: Debian 12 packages only 15, so 17 is built once per machine from
# Debian's own source package (suite trixie) into /opt/postgresql/17 (PG_BUILD_PREFIX), without LLVM.
# install-pgvector also installs PgBouncer, which the test suite puts in front of its cluster (the pooler tests).
# Data lives in .local-postgres/ (git-ignored). Works as root: the server runs as the `postgres` OS user.
# Its roles are a Supabase project's (src/main/resources/platformdb/postgres/supabase-roles.sql): the bootstrap
# superuser is supabase_admin, and `postgres`, which deploys, is not a superuser and has search_path
# "$user", public, extensions. install-pgvector marks pgvector trusted, so that `postgres` can create it as on Supabase.
set -euo pipefail

PG_MAJOR=${PG_MAJOR:-15}
[[ $PG_MAJOR =~ ^[0-9]+$ ]] || { echo "local-postgres: PG_MAJOR must be a major version number such as 15 or 17, not '$PG_MAJOR'" >&2; exit 2; }
# Where a server built from source goes. Not /usr/lib/postgresql/<major>: postgresql-common's psql and pg_dump
# wrappers on PATH pick the newest version found there, which would silently change every other user's client.
PG_BUILD_PREFIX=${PG_BUILD_PREFIX:-/opt/postgresql/$PG_MAJOR}
# The Debian source version built for a major Debian 12 lacks: pinned, so every machine builds the same minor
# (17.11 is the minor the changelog was proven on); empty takes whatever trixie's index names.
case "$PG_MAJOR" in
  17) PG_SOURCE_VERSION=${PG_SOURCE_VERSION-17.11-0+deb13u1} ;;
  *) PG_SOURCE_VERSION=${PG_SOURCE_VERSION:-} ;;
esac
# The binaries of the major: PG_BIN when set, else Debian's (or PGDG's) packaged folder, else the built one.
bin_dir() {
  if [ -n "${PG_BIN_OVERRIDE:-}" ]; then echo "$PG_BIN_OVERRIDE"
  elif [ -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ]; then echo "/usr/lib/postgresql/$PG_MAJOR/bin"
  elif [ -x "$PG_BUILD_PREFIX/bin/postgres" ]; then echo "$PG_BUILD_PREFIX/bin"
  else echo "/usr/lib/postgresql/$PG_MAJOR/bin"; fi
}
PG_BIN_OVERRIDE=${PG_BIN:-}
PG_BIN=$(bin_dir)
PORT=${LOCAL_PG_PORT:-54329}
DATABASE=${LOCAL_PG_DATABASE:-platform}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# 15 keeps the folder it always had; another major gets its own (a data folder belongs to one major).
if [ "$PG_MAJOR" = 15 ]; then DEFAULT_DATA_DIR=$ROOT/.local-postgres/data; else DEFAULT_DATA_DIR=$ROOT/.local-postgres/data-$PG_MAJOR; fi
DATA_DIR=${LOCAL_PG_DATA:-$DEFAULT_DATA_DIR}
LOG_FILE=$(dirname "$DATA_DIR")/server$([ "$PG_MAJOR" = 15 ] || echo "-$PG_MAJOR").log
die() { echo "local-postgres: $*" >&2; exit 1; }

# Runs a command as the server's OS user: postgres refuses to run as root.
as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pgvector_installed() {
  [ -f "$("$PG_BIN/pg_config" --sharedir 2>/dev/null || echo "/usr/share/postgresql/$PG_MAJOR")/extension/vector.control" ] \
    || [ -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ]
}

# pgvector ships untrusted and leaves trusting it to the administrator (pgvector/pgvector#288); on Supabase `postgres`
# creates it through supautils' privileged extensions. Trusted is plain PostgreSQL's nearest: a role with CREATE on the
# database creates it, its scripts running as the bootstrap superuser.
vector_control() {
  local share
  share=$("$PG_BIN/pg_config" --sharedir 2>/dev/null || echo "/usr/share/postgresql/$PG_MAJOR")
  if [ -f "$share/extension/vector.control" ]; then echo "$share/extension/vector.control"; else echo "/usr/share/postgresql/$PG_MAJOR/extension/vector.control"; fi
}
pgvector_trusted() { grep -Eq '^[[:space:]]*trusted[[:space:]]*=[[:space:]]*true' "$(vector_control)" 2>/dev/null; }
trust_pgvector() {
  pgvector_trusted && return 0
  need_root "trusted pgvector"
  echo "trusted = true" >> "$(vector_control)"
  echo "local-postgres: pgvector marked trusted for PostgreSQL $PG_MAJOR ($(vector_control))"
}

server_installed() { [ -x "$PG_BIN/postgres" ] && [ -x "$PG_BIN/pg_config" ] && [ -x "$PG_BIN/pg_dump" ]; }

need_root() { [ "$(id -u)" = 0 ] || die "$1 is missing and installing it needs root: run 'sudo PG_MAJOR=$PG_MAJOR $0 install-pgvector'"; }

# Debian's source packages of the next release (suite trixie), from the same archive as this machine's own Debian
# source: pgvector for every major, and postgresql-<major> where Debian 12 has no binaries of it.
SRC_LIST=/etc/apt/sources.list.d/platformdb-trixie-src.list
add_trixie_sources() {
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  TRIXIE_SOURCES=no
  TRIXIE_URI=$uri
  if [ -n "$uri" ]; then echo "deb-src $uri trixie main" > "$SRC_LIST"; TRIXIE_SOURCES=yes; fi
  apt-get update -qq
}
remove_trixie_sources() { rm -f "$SRC_LIST"; }

# Fetches source package $1 (version $3 when given) and unpacks it with Debian's patches applied into $2, refusing
# anything unverified. First through apt-get source, which checks the .dsc and its files against the archive's signed
# index. An archive whose index has moved past the wanted version (trixie's index names a newer minor than its pool
# serves) still serves that version's files: then the .dsc must carry a valid OpenPGP signature by a Debian developer
# (debian-keyring) and every file must match the SHA-256 sum the .dsc lists. dpkg-source checks the sums once more.
fetch_verified_source() {
  local package=$1 into=$2 version=${3:-} dir dsc
  dir=$(dirname "$into")
  if ! (cd "$dir" && apt-get source --download-only -qq "$package${version:+=$version}" >/dev/null 2>&1); then
    [ -n "$version" ] || die "apt-get source $package failed"
    echo "local-postgres: $package $version is not in the archive's index: fetching it from the pool, with its signature checked"
    apt-get install -y -qq --no-upgrade debian-keyring >/dev/null
    local pool
    pool="$TRIXIE_URI/pool/main/${package:0:1}/$package"
    rm -f "$dir/$package"_*
    dsc="$dir/${package}_${version#*:}.dsc"
    /usr/lib/apt/apt-helper download-file "$pool/$(basename "$dsc")" "$dsc" >/dev/null 2>&1 \
      || die "cannot fetch $(basename "$dsc") from $pool"
    gpgv --keyring /usr/share/keyrings/debian-keyring.gpg --keyring /usr/share/keyrings/debian-nonupload.gpg \
      "$dsc" >/dev/null 2>&1 || die "$(basename "$dsc") has no valid signature by a Debian developer"
    local sum size file
    while read -r sum size file; do
      /usr/lib/apt/apt-helper download-file "$pool/$file" "$dir/$file" "SHA256:$sum" >/dev/null 2>&1 \
        || die "cannot fetch $file from $pool with the SHA-256 sum its .dsc lists"
    done < <(awk '/^Checksums-Sha256:/ {on = 1; next} /^[^ ]/ {on = 0} on && NF == 3' "$dsc")
  fi
  dsc=$(ls "$dir/$package"_*.dsc)
  (cd "$dir" && awk '/^Checksums-Sha256:/ {on = 1; next} /^[^ ]/ {on = 0} on && NF == 3 {print $1 "  " $3}' "$dsc" > sha256sums \
     && [ -s sha256sums ] && sha256sum --quiet -c sha256sums) || die "the files of $package do not match the checksums of $(basename "$dsc")"
  dpkg-source --require-strong-checksums -x "$dsc" "$into" >/dev/null || die "dpkg-source could not unpack $(basename "$dsc")"
}

# Builds the server, contrib and client tools of PostgreSQL $PG_MAJOR from Debian's source package into
# $PG_BUILD_PREFIX: no LLVM (the JIT is not needed by a test or development cluster, and bookworm's LLVM is not
# the one trixie builds with), no docs, no PL languages. Staged, then moved into place, so an interrupted build
# leaves nothing a later run would take for an installed server.
build_server_from_source() {
  [ "$TRIXIE_SOURCES" = yes ] || die "no Debian source configured: cannot fetch the postgresql-$PG_MAJOR source package"
  echo "local-postgres: building PostgreSQL $PG_MAJOR from Debian's source package into $PG_BUILD_PREFIX (one time per machine, several minutes)"
  local started=$SECONDS
  apt-get install -y -qq --no-upgrade dpkg-dev build-essential bison flex pkg-config libreadline-dev zlib1g-dev \
    libssl-dev libicu-dev liblz4-dev libzstd-dev libxml2-dev libxslt1-dev uuid-dev >/dev/null
  local build src version
  build=$(mktemp -d)
  src=$build/src
  fetch_verified_source "postgresql-$PG_MAJOR" "$src" "$PG_SOURCE_VERSION"
  version=$(awk '/^Version:/ {print $2; exit}' "$build"/postgresql-"$PG_MAJOR"_*.dsc)
  # Debian's 50-per-version-dirs patch hard-codes pkglibdir to /usr/lib/postgresql/<major>/lib unless the libdir's
  # path names "postgres" or "pgsql": the prefix does (/opt/postgresql/<major>), so everything stays inside it
  # (checked below, before anything is installed).
  case "$PG_BUILD_PREFIX" in *postgres*|*pgsql*) ;; *) die "PG_BUILD_PREFIX must contain 'postgres' or 'pgsql' (Debian's per-version-dirs patch)";; esac
  (cd "$src" && ./configure -q --prefix="$PG_BUILD_PREFIX" --without-llvm --with-openssl --with-icu --with-lz4 \
      --with-zstd --with-libxml --with-libxslt --with-uuid=e2fs --with-system-tzdata=/usr/share/zoneinfo \
      --with-extra-version=" (Debian $version, built by scripts/local-postgres.sh)" >/dev/null) \
    || die "configure of postgresql-$PG_MAJOR failed (see $src/config.log)"
  # world-bin: the server, contrib (pgcrypto, uuid-ossp, pg_trgm...) and the client tools, without the docs.
  (cd "$src" && make -s -j"$(nproc)" world-bin >/dev/null && make -s install-world-bin DESTDIR="$build/stage" >/dev/null) \
    || die "the build of postgresql-$PG_MAJOR failed (in $src)"
  local staged=$build/stage$PG_BUILD_PREFIX
  # pg_config answers relative to where it is: staged, the modules must be under the staged prefix too.
  [ "$("$staged/bin/pg_config" --pkglibdir)" = "$staged/lib" ] && [ -f "$staged/lib/pgcrypto.so" ] \
    || die "the build would load its modules from $("$staged/bin/pg_config" --pkglibdir), not $PG_BUILD_PREFIX/lib"
  echo "postgresql-$PG_MAJOR $version from Debian's source package, built by scripts/local-postgres.sh in $((SECONDS - started)) s on $(date -u +%FT%TZ)" \
    > "$staged/BUILT-FROM"
  mkdir -p "$(dirname "$PG_BUILD_PREFIX")"
  rm -rf "$PG_BUILD_PREFIX.partial"
  cp -a "$staged" "$PG_BUILD_PREFIX.partial"
  mv "$PG_BUILD_PREFIX.partial" "$PG_BUILD_PREFIX"
  rm -rf "$build"
  echo "local-postgres: PostgreSQL $PG_MAJOR ($version) built and installed in $((SECONDS - started)) s: $PG_BUILD_PREFIX"
}

# The server binaries of $PG_MAJOR: the package where a configured repository has it (Debian 12: 15; PGDG: any),
# else Debian's source package built once.
install_server() {
  server_installed && return 0
  [ -z "$PG_BIN_OVERRIDE" ] || die "PG_BIN=$PG_BIN_OVERRIDE holds no PostgreSQL server binaries"
  need_root "PostgreSQL $PG_MAJOR"
  if apt-cache show "postgresql-$PG_MAJOR" >/dev/null 2>&1; then
    apt-get install -y -qq --no-upgrade "postgresql-$PG_MAJOR" >/dev/null
  else
    build_server_from_source
  fi
  PG_BIN=$(bin_dir)
  server_installed || die "PostgreSQL $PG_MAJOR is not in $PG_BIN after installing it"
}

# pgvector is not packaged for PostgreSQL 15 on Debian 12: build Debian's own source package (trixie) against
# the server's headers (postgresql-server-dev-<major>, or those of the server built from source).
install_pgvector() {
  server_installed && pgvector_installed && { trust_pgvector; return 0; }
  need_root "PostgreSQL $PG_MAJOR or pgvector"
  export DEBIAN_FRONTEND=noninteractive
  # One build at a time per major on this machine (other checkouts may run this script too).
  exec 9> "/var/lock/platformdb-postgres-$PG_MAJOR.lock"
  flock 9
  server_installed && pgvector_installed && { trust_pgvector; return 0; }
  trap remove_trixie_sources EXIT
  # One index update serves every way (the packaged server and module where a repository has them, else sources).
  add_trixie_sources
  install_server
  pgvector_installed && { remove_trixie_sources; trust_pgvector; return 0; }
  echo "local-postgres: installing pgvector for PostgreSQL $PG_MAJOR (one time, about a minute)"
  if apt-cache show "postgresql-$PG_MAJOR-pgvector" >/dev/null 2>&1 \
     && apt-get install -y -qq "postgresql-$PG_MAJOR-pgvector" >/dev/null; then
    pgvector_installed && { remove_trixie_sources; trust_pgvector; return 0; }
  fi
  [ "$TRIXIE_SOURCES" = yes ] || die "no Debian source configured: cannot fetch the pgvector source package"
  if [ ! -f "$("$PG_BIN/pg_config" --includedir-server)/postgres.h" ]; then
    apt-get install -y -qq dpkg-dev "postgresql-server-dev-$PG_MAJOR" >/dev/null
  fi
  local build
  build=$(mktemp -d)
  fetch_verified_source pgvector "$build/pgvector"
  remove_trixie_sources
  # No LLVM bitcode (with_llvm=no): it only lets the JIT inline pgvector's functions, which a test or development
  # cluster does not need, and it took two thirds of the build (9.4 s against 3.0 s with both cores, measured).
  local make_vars=(-s -j"$(nproc)" PG_CONFIG="$PG_BIN/pg_config" with_llvm=no)
  (cd "$build/pgvector" && make "${make_vars[@]}" >/dev/null && make "${make_vars[@]}" install >/dev/null)
  rm -rf "$build"
  pgvector_installed || die "pgvector build finished but vector.control is not installed"
  trust_pgvector
  echo "local-postgres: pgvector installed for PostgreSQL $PG_MAJOR"
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

ADMIN_ROLE=supabase_admin
psql_as() { "$PG_BIN/psql" -h localhost -p "$PORT" -U "$1" -v ON_ERROR_STOP=1 -q "${@:2}"; }

# The platform database, owned by postgres (as Supabase's database is), and the schema of Liquibase's tracking tables,
# which Liquibase does not create.
ensure_database() {
  psql_as "$ADMIN_ROLE" -d postgres -tAc "select 1" >/dev/null 2>&1 \
    || die "this local database was made before it had Supabase's roles (its superuser is postgres): stop it, delete $DATA_DIR and start again"
  if ! psql_as "$ADMIN_ROLE" -d postgres -tAc "select 1 from pg_database where datname = '$DATABASE'" | grep -q 1; then
    psql_as "$ADMIN_ROLE" -d postgres -c "create database $DATABASE owner postgres"
  fi
  psql_as postgres -d "$DATABASE" -c "set client_min_messages = warning" -c "create schema if not exists liquibase"
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
    local new_cluster=
    if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
      as_server_user "$PG_BIN/initdb" -D "$DATA_DIR" -U "$ADMIN_ROLE" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      new_cluster=1
    fi
    # Trust authentication on loopback only: this cluster is a disposable development database.
    as_server_user "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w \
      -o "-p $PORT -c listen_addresses=localhost -k $DATA_DIR" start >/dev/null \
      || die "the server did not start: see $LOG_FILE"
    [ -z "$new_cluster" ] || psql_as "$ADMIN_ROLE" -d postgres -f "$ROOT/src/main/resources/platformdb/postgres/supabase-roles.sql" >/dev/null
  fi
  ensure_database
  echo "local-postgres: running on localhost:$PORT, database $DATABASE (jdbc:postgresql://localhost:$PORT/$DATABASE), as Supabase's postgres (not a superuser)"
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
