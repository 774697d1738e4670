#!/usr/bin/env bash
# SAML benchmark, run on demand (never in CI): IdP-initiated SAML responses posted to Foyer's
# assertion consumer service, each a full sign-in, signed and then signed+encrypted, with Foyer's
# bare endpoint in the same run; then, with the server stopped, SamlResponses.parse + validate in
# one JVM thread. No identity provider server: the driver, bench/saml/SamlBench.java, signs (and
# encrypts) the responses itself with a key whose certificate it pastes into the providers' metadata.
#   bash bench/saml.sh     (FOYER_BENCH_SECONDS=20 per measurement after FOYER_BENCH_WARMUP=10,
#                           FOYER_BENCH_CONNECTIONS=64, FOYER_BENCH_PEOPLE=1000, FOYER_BENCH_RATE=500
#                           responses built per second of run, FOYER_BENCH_PORT=8290)
set -euo pipefail
cd "$(dirname "$0")/.."
export FOYER_BENCH_SECONDS="${FOYER_BENCH_SECONDS:-20}" FOYER_BENCH_WARMUP="${FOYER_BENCH_WARMUP:-10}"
export FOYER_BENCH_CONNECTIONS="${FOYER_BENCH_CONNECTIONS:-64}" FOYER_BENCH_PEOPLE="${FOYER_BENCH_PEOPLE:-1000}"
export FOYER_BENCH_RATE="${FOYER_BENCH_RATE:-500}"
echo "load before: $(uptime)"
source bench/foyer.sh

# The driver runs on the WAR's own classes and libraries (Foyer's SAML code, keycloak-saml-core for
# the encryption), as built by foyer.sh; no logging back end among them, so nothing logs.
driver() { java -Xmx1g -cp "target/foyer/WEB-INF/classes:target/foyer/WEB-INF/lib/*" bench/saml/SamlBench.java "$@"; }

curl -fsS -o /dev/null -H "$admin" -H "$json" -d '{"slug":"bench","name":"Bench"}' "$base/api/admin/spaces"
FOYER_BENCH_ADMIN="${admin#Authorization: }" FOYER_BENCH_SERVER_PID=$payara driver http "$base" 2> >(grep -v '^SLF4J' >&2)
echo "Foyer server errors logged: $(grep -c SEVERE "$work/payara.log" || true) (log: target/bench-payara.log)"

# In-process validation alone on the machine: stop Foyer first.
kill $payara; wait $payara 2>/dev/null || true
driver validate 2> >(grep -v '^SLF4J' >&2)
echo "load after: $(uptime)"
