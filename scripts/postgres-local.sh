#!/usr/bin/env bash
# Starts the Debian PostgreSQL 15 cluster (apt postgresql-15-postgis-3) for tests and local scale
# mode, and makes the `disan` role. Idempotent: safe when the cluster already runs or the role
# exists. Needs root (or the postgres user) and pg_ctlcluster; the test global setup calls it only
# when no server answers at 127.0.0.1:5432.
set -euo pipefail

VERSION="${PG_VERSION:-15}"
CLUSTER="${PG_CLUSTER:-main}"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
	echo "postgres-local: pg_ctlcluster not found; apt-get install postgresql-15-postgis-3" >&2
	exit 2
fi

as_postgres() {
	if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi
}

status="$(pg_lsclusters --no-header | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $4 }')"
if [ -z "$status" ]; then
	# A fresh machine whose package install did not create the default cluster.
	echo "postgres-local: creating cluster $VERSION/$CLUSTER"
	pg_createcluster "$VERSION" "$CLUSTER" >/dev/null
	status=down
fi
if [ "$status" != online ]; then
	pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" start
fi

# Wait until it accepts connections (the start above returns once the postmaster is up).
for _ in $(seq 1 50); do
	if as_postgres psql -qAtX -c 'select 1' >/dev/null 2>&1; then break; fi
	sleep 0.2
done

# Superuser because the test databases run CREATE EXTENSION (postgis, unaccent, pg_trgm).
as_postgres psql -qAtX -v ON_ERROR_STOP=1 <<'SQL'
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'disan') THEN
		CREATE ROLE disan LOGIN SUPERUSER PASSWORD 'disan';
	ELSE
		ALTER ROLE disan LOGIN SUPERUSER PASSWORD 'disan';
	END IF;
END
$$;
SQL

# Throw-away test data: trade durability for speed (fsync off). On with PG_FAST_TESTS=1 (the test
# setup passes it) or under CI=true; PG_FAST_TESTS=0 restores the durable defaults; otherwise the
# cluster's settings are left alone, so running this for local scale mode never weakens them.
fast="${PG_FAST_TESTS:-}"
if [ -z "$fast" ] && [ "${CI:-}" = true ]; then fast=1; fi
if [ "$fast" = 1 ]; then
	as_postgres psql -qAtX -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
ALTER SYSTEM SET fsync = off;
ALTER SYSTEM SET synchronous_commit = off;
ALTER SYSTEM SET full_page_writes = off;
SELECT pg_reload_conf();
SQL
elif [ "$fast" = 0 ]; then
	as_postgres psql -qAtX -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
ALTER SYSTEM RESET fsync;
ALTER SYSTEM RESET synchronous_commit;
ALTER SYSTEM RESET full_page_writes;
SELECT pg_reload_conf();
SQL
fi

echo "postgres-local: cluster $VERSION/$CLUSTER online; role disan ready at postgres://disan:disan@127.0.0.1:5432/postgres"
