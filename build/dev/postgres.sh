#!/usr/bin/env bash
# A PostgreSQL server on loopback for the tests and benchmarks.
#   postgres.sh url   — print an admin URL, installing and starting the server first when
#                       run as root on Debian; print nothing and exit 1 when that cannot be.
set -euo pipefail

# Only the URL goes to standard output: callers capture it with $(…). Everything the tools
# below print (pg_ctlcluster's "Removed stale pid file.", initdb's notes) goes to stderr.
exec 3>&1 1>&2  # ensure_server runs with fd 3 closed, so a started server cannot hold it open

user=firststop
password=firststop
port=5432

say() { printf '%s\n' "$*" >&2; }

ensure_server() {
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
            say "PostgreSQL is not installed. Install it with: sudo apt-get install postgresql"
            return 1
        fi
        say "Installing PostgreSQL (apt-get install postgresql)…"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
    fi
    local version cluster
    read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1)
    if [ -z "${version:-}" ]; then
        say "No PostgreSQL cluster exists; create one with pg_createcluster."
        return 1
    fi
    if ! pg_lsclusters --no-header | head -n 1 | grep -q online; then
        [ "$(id -u)" -eq 0 ] || { say "PostgreSQL is not running: start it with pg_ctlcluster $version $cluster start"; return 1; }
        pg_ctlcluster "$version" "$cluster" start
    fi
    port=$(pg_lsclusters --no-header | head -n 1 | awk '{print $3}')
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- psql -qAt -p "$port" -c \
            "SELECT 1 FROM pg_roles WHERE rolname='$user'" | grep -q 1 \
            || runuser -u postgres -- psql -q -p "$port" -c \
                "CREATE ROLE $user LOGIN SUPERUSER PASSWORD '$password'" >/dev/null
    fi
}

case "${1:-url}" in
    url)
        ensure_server 3>&- || exit 1
        echo "postgresql+psycopg://$user:$password@127.0.0.1:$port/postgres" >&3
        ;;
    *)
        say "usage: postgres.sh url"
        exit 2
        ;;
esac
