# Sourced by .ci/run. Debian's PostgreSQL cluster, running on the loopback address, with a
# role and a database of their own for the PostgreSQL-source tests, which read
# OKRTUI_TEST_PG (the DSN, no password) and OKRTUI_TEST_PG_PASSWORD.
# Safe to run again: it starts the cluster only when it is down, creates the role and the
# database only when they are missing, and gives the role a new password each time.
pg_start_for_tests() {
    local sudo="" version="" cluster="" port="" status="" rest password
    if ! command -v pg_lsclusters >/dev/null; then
        echo "PostgreSQL is not installed (apt install postgresql): its tests cannot run" >&2
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    # The server refuses to run as root: its tools run as the postgres user.
    local as_postgres=(runuser -u postgres --)
    [ "$(id -u)" -eq 0 ] || as_postgres=(sudo -u postgres)
    read -r version cluster port status rest < <(pg_lsclusters --no-header | head -n 1) || true
    if [ -z "$version" ]; then  # the package is installed but no cluster was made
        version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
        $sudo pg_createcluster "$version" main >/dev/null
        read -r version cluster port status rest < <(pg_lsclusters --no-header | head -n 1)
    fi
    # In a container the package's own start (through invoke-rc.d) may not have happened.
    case "$status" in
        online*) ;;
        *) $sudo pg_ctlcluster "$version" "$cluster" start ;;
    esac
    password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
    "${as_postgres[@]}" psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null <<SQL
SELECT 'CREATE ROLE okrtui_test LOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'okrtui_test')\gexec
ALTER ROLE okrtui_test PASSWORD '$password';
SELECT 'CREATE DATABASE okrtui_test OWNER okrtui_test'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'okrtui_test')\gexec
SQL
    # Debian's pg_hba.conf asks for a password (scram-sha-256) on 127.0.0.1.
    export OKRTUI_TEST_PG="postgresql://okrtui_test@127.0.0.1:$port/okrtui_test"
    export OKRTUI_TEST_PG_PASSWORD="$password"
}
pg_start_for_tests
