#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of the server store (ctest runs `start` before them and `stop`
# after, as a fixture). It listens on the loopback address only, on PORT, with its socket and data in a folder of
# its own under /tmp, and runs as a user that is not root (PostgreSQL refuses root): the calling user, or the
# `postgres` user of Debian's package when called as root.
#
#   tests/postgres/cluster.sh start STATE_DIR PORT   init (once) and start; writes STATE_DIR/url-writer,
#                                                      url-reader and url-admin for the tests
#   tests/postgres/cluster.sh crash STATE_DIR         stop it as a power cut would (immediate mode: no checkpoint,
#                                                      every connection dropped); `start` brings it back
#   tests/postgres/cluster.sh stop STATE_DIR          stop it and delete its data
#
# Roles: entente_writer (can create the schema and ingest), entente_reader (can read and add edits; the schema's
# migrations grant it that), entente_locked (a reader that must give the password 'locked-pw'), and the cluster's
# own superuser for the tests' set-up (a fresh database each). Authentication is `trust` on 127.0.0.1 for all but
# entente_locked: the cluster lives for one test run and holds nothing.
set -euo pipefail
# The caller's folder may be gone, or closed to the postgres user: pg_ctl and initdb run from the root.
state_in=${2:-}
[ -n "$state_in" ] && state_in=$(cd "$(dirname "$state_in")" 2>/dev/null && pwd)/$(basename "$state_in")
cd /

cmd=${1:?start or stop}
state=${state_in:?state folder}
mkdir -p "$state"

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && bindir=$d
    done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "cluster.sh: PostgreSQL's initdb was not found (install the postgresql package, or set PG_BINDIR)" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$cmd" in
start)
    port=${3:?port}
    if [ -f "$state/dir" ] && [ -d "$(cat "$state/dir")/data" ]; then
        dir=$(cat "$state/dir")
        as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 && exit 0
    else
        dir=$(mktemp -d /tmp/entente-pg.XXXXXX)
        chmod 755 "$dir"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
        echo "$dir" >"$state/dir"
        superuser=$( [ "$(id -u)" -eq 0 ] && echo postgres || id -un )
        as_owner "$bindir/initdb" -D "$dir/data" -U "$superuser" -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
        # One role that must give a password (the first matching line of pg_hba.conf wins): what a team's server
        # asks, for the tests of where the program finds one (~/.pgpass, never its settings).
        as_owner sed -i '1i host all entente_locked 127.0.0.1/32 scram-sha-256' "$dir/data/pg_hba.conf"
        echo "$superuser" >"$state/superuser"
    fi
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off" start >/dev/null
    echo "$port" >"$state/port"
    superuser=$(cat "$state/superuser")
    psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$superuser" -d postgres)
    "${psql[@]}" <<'SQL'
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'entente_writer') THEN
        CREATE ROLE entente_writer LOGIN CREATEDB;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'entente_reader') THEN
        CREATE ROLE entente_reader LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'entente_locked') THEN
        CREATE ROLE entente_locked LOGIN PASSWORD 'locked-pw' IN ROLE entente_reader;
    END IF;
END $$;
SQL
    "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'entente'" -t | grep -q 1 \
        || "${psql[@]}" -c "CREATE DATABASE entente OWNER entente_writer"
    echo "postgresql://entente_writer@127.0.0.1:$port/entente" >"$state/url-writer"
    echo "postgresql://entente_reader@127.0.0.1:$port/entente" >"$state/url-reader"
    echo "postgresql://$superuser@127.0.0.1:$port/postgres" >"$state/url-admin"
    ;;
crash)
    dir=$(cat "$state/dir")
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
stop)
    [ -f "$state/dir" ] || exit 0
    dir=$(cat "$state/dir")
    if [ -d "$dir/data" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    rm -f "$state/dir" "$state/superuser" "$state/port" "$state/url-writer" "$state/url-reader" "$state/url-admin"
    ;;
*)
    echo "cluster.sh: start or stop" >&2
    exit 2
    ;;
esac
