#!/usr/bin/env bash
# Starts the PostgreSQL server the shared-state tests use (Terraform's built-in `pg` backend) and prints the
# connection string on stdout, everything else on stderr:
#
#   export ENS_TEST_PG_CONN_STR="$(sudo .ci/postgres.sh)"
#
# Idempotent: installs Debian's `postgresql` only when it is missing, starts the default cluster only when it is
# down, creates the role and database only when they do not exist. Needs root (apt-get, and running psql as the
# `postgres` user; PostgreSQL itself refuses to run as root, so pg_ctlcluster starts it as `postgres`).
# The server listens on localhost only (Debian's default), and the tests connect over 127.0.0.1.
set -euo pipefail
# Only the final line may reach stdout: callers capture it as the connection string, and tools run below print to
# stdout when they like (pg_ctlcluster says "Removed stale pid file." after an unclean shutdown). fd 3 is the real
# stdout; everything else goes to stderr. Commands that may leave the server running (apt-get's postinst starts it,
# pg_ctlcluster does) get fd 3 closed, or the server would hold the caller's pipe open forever.
exec 3>&1 1>&2

ROLE=ens_test
DATABASE=ens_test
PASSWORD=ens_test # a throwaway password for a loopback-only test server
PORT=5432
started_at=$(date +%s%N)
log() { printf 'postgres.sh: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "needs root (apt-get, and psql as the postgres user): run it with sudo, or as root in CI."
  exit 1
fi

# The server binary, not only the cluster tools (postgresql-common) or a leftover /etc/postgresql.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  log "installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt_log=$(mktemp)
  # apt-get and dpkg talk a lot; their output is shown only when they fail.
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql; } >"$apt_log" 2>&1 3>&-; then
    cat "$apt_log" >&2
    log "apt-get failed (output above)"
    exit 1
  fi
  rm -f "$apt_log"
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
if [ ! -x "/usr/lib/postgresql/$version/bin/postgres" ]; then
  log "/etc/postgresql/$version exists but PostgreSQL $version is not installed: apt-get install postgresql-$version"
  exit 1
fi
if [ ! -d "/etc/postgresql/$version/main" ]; then
  log "no cluster 'main' in /etc/postgresql/$version: create one with: pg_createcluster $version main"
  exit 1
fi

# pg_ctlcluster status: 0 running, 3 down. Run as root, it starts the server as the cluster's owner (postgres).
if pg_ctlcluster "$version" main status >/dev/null 2>&1; then
  log "PostgreSQL $version cluster main is already running"
else
  log "starting PostgreSQL $version cluster main"
  pg_ctlcluster "$version" main start 3>&-
fi

as_postgres() { runuser -u postgres -- psql --port="$PORT" --no-psqlrc --quiet -v ON_ERROR_STOP=1 "$@"; }
as_postgres --dbname=postgres <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
  END IF;
  -- The tests create a database per test: the pg backend's advisory locks are per database, not per schema.
  ALTER ROLE $ROLE CREATEDB;
END
\$\$;
SELECT 'CREATE DATABASE $DATABASE OWNER $ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DATABASE')
\gexec
SQL

conn_str="postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE?sslmode=disable"
# The check the tests make, over TCP with the password, as the tests connect.
psql "$conn_str" --no-psqlrc -Atc "SELECT 1" >/dev/null
log "ready in $((($(date +%s%N) - started_at) / 1000000)) ms: $conn_str"
printf '%s\n' "$conn_str" >&3
