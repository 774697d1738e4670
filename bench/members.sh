#!/usr/bin/env bash
# The operator console's reads on many members, run on demand (never in CI): starts Foyer as
# bench/run.sh does (H2, or FOYER_BENCH_DB=postgresql for a throwaway PostgreSQL cluster of the
# machine's Debian packages on 127.0.0.1), fills a space with FOYER_BENCH_MEMBERS members (default
# 10,000; of them FOYER_BENCH_LINKED=2,000 signed in through URI Auth with a uid, leaving login
# records) and a second space with FOYER_BENCH_OTHERS=2,000, then times member searches, paging
# through every member, login-record filters and the hourly chart over HTTP, one request at a
# time, FOYER_BENCH_REPEAT=30 times each after 3 warm-up requests. The driver is
# bench/members/MembersBench.java (JDK only).
#   bash bench/members.sh                          (FOYER_BENCH_PORT=8290)
#   FOYER_BENCH_DB=postgresql bash bench/members.sh
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load before: $(uptime)"

pg_stop() { :; }
if [ "${FOYER_BENCH_DB:-h2}" = postgresql ]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  pg_dir="$(mktemp -d)"
  pg_port="${FOYER_BENCH_PG_PORT:-8391}"
  # initdb and postgres refuse root: then the cluster is the Debian package's postgres user's.
  as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  as_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U postgres -E UTF8 --auth-local=trust --auth-host=scram-sha-256" >/dev/null
  as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/log' -w -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off\" start" >/dev/null
  pg_stop() { as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast stop" >/dev/null || true; rm -rf "$pg_dir"; }
  trap pg_stop EXIT
  password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  as_pg "'$pg_bin/psql' -q -h '$pg_dir' -p $pg_port -U postgres -c \"CREATE ROLE foyer LOGIN PASSWORD '$password'\" -c 'CREATE DATABASE foyer OWNER foyer'"
  export FOYER_DB_HOST=127.0.0.1 FOYER_DB_PORT=$pg_port FOYER_DB_NAME=foyer FOYER_DB_USER=foyer
  export FOYER_DB_PASSWORD="$password"
  export FOYER_BENCH_POSTBOOT=server-config/payara/post-boot-postgresql.asadmin
  export FOYER_BENCH_ADDLIBS=target/runtime/postgresql.jar
fi

source bench/foyer.sh
# foyer.sh's trap stops the server; the database goes after it.
trap 'stop_all; pg_stop' EXIT
echo "database: ${FOYER_BENCH_DB:-h2}"
FOYER_BENCH_ADMIN="${admin#Authorization: }" java bench/members/MembersBench.java "$base"
echo "Foyer server errors logged: $(grep -c SEVERE "$work/payara.log" || true) (log: target/bench-payara.log)"
echo "load after: $(uptime)"
