#!/usr/bin/env bash
# Federation benchmark, run on demand (never in CI): whole federated sign-ins per second through
# Foyer's federation door against mock-oauth2-server, Foyer's bare endpoint in the same run, then
# Keycloak brokering the same provider (its identity brokering) under the same load, as the
# reference. Everything on 127.0.0.1; the driver is bench/federation/Bench.java.
#   bash bench/federation.sh     (FOYER_BENCH_SECONDS=30 per measurement after FOYER_BENCH_WARMUP=10,
#                                 FOYER_BENCH_CONNECTIONS=64 browsers, FOYER_BENCH_PEOPLE=1000,
#                                 ports FOYER_BENCH_PORT=8290, +1 the provider, +2 Keycloak)
set -euo pipefail
cd "$(dirname "$0")/.."
export FOYER_BENCH_SECONDS="${FOYER_BENCH_SECONDS:-30}" FOYER_BENCH_WARMUP="${FOYER_BENCH_WARMUP:-10}"
export FOYER_BENCH_CONNECTIONS="${FOYER_BENCH_CONNECTIONS:-64}" FOYER_BENCH_PEOPLE="${FOYER_BENCH_PEOPLE:-1000}"
provider_port=$(( ${FOYER_BENCH_PORT:-8290} + 1 ))
keycloak_port=$(( ${FOYER_BENCH_PORT:-8290} + 2 ))
issuer="http://127.0.0.1:$provider_port/bench"
keycloak_home="target/keycloak-$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml)"

# mock-oauth2-server's class path, and the Keycloak the ITs use (the pom's own unpack execution).
mvn -q -B -f bench/federation/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench-provider.classpath"
[ -x "$keycloak_home/bin/kc.sh" ] || mvn -q -B dependency:unpack@keycloak
source bench/foyer.sh

await() { # url, pid, log: until the URL answers 200 (a server may say "ready" before its routes are)
  for _ in $(seq 1 300); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { tail -50 "$3"; exit 1; }
    sleep 1
  done
  tail -50 "$3"; exit 1
}
driver() { java bench/federation/Bench.java "$@"; }

# The provider: it signs people in at once when the driver submits its login form (POST /authorize
# with username and claims); PKCE checked, ID tokens signed, user info from the access token.
SERVER_HOSTNAME=127.0.0.1 SERVER_PORT="$provider_port" \
  JSON_CONFIG='{"interactiveLogin":false,"httpServer":"NettyWrapper"}' \
  java -Xmx512m -cp "$(cat target/bench-provider.classpath)" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt \
  > target/bench-provider.log 2>&1 &
stop_on_exit $!
provider=$!
await "$issuer/.well-known/openid-configuration" $provider target/bench-provider.log

curl -fsS -o /dev/null -H "$admin" -H "$json" -d '{"slug":"bench","name":"Bench"}' "$base/api/admin/spaces"
curl -fsS -o /dev/null -H "$admin" -H "$json" \
  -d '{"alias":"mock","kind":"OIDC","issuer":"'"$issuer"'","clientId":"foyer","clientSecret":"foyer-secret"}' \
  "$base/api/admin/spaces/bench/identity-providers"

echo "Federation benchmark: $(nproc) cores, $FOYER_BENCH_CONNECTIONS browsers, ${FOYER_BENCH_SECONDS}s per run" \
  "after ${FOYER_BENCH_WARMUP}s warm-up, $FOYER_BENCH_PEOPLE people, H2 (Foyer) / dev-mem (Keycloak)"
export FOYER_BENCH_AUTHORIZE="$issuer/authorize"
driver bare "Foyer bare endpoint" "$base/foyer-plugin.js"
driver flow "Foyer federated sign-ins" "$base/auth/federation/bench/mock" "$base/spaces/bench"
echo "Foyer server errors logged: $(grep -c SEVERE "$work/payara.log" || true) (log: target/bench-payara.log)"

# Keycloak alone with the provider for its run, as Foyer was: stop Foyer first.
kill $payara; wait $payara 2>/dev/null || true
rm -rf "$keycloak_home/data/import" && mkdir -p "$keycloak_home/data/import"
cp bench/federation/bench-realm.json "$keycloak_home/data/import/"
# The realm file names the provider as ${FOYER_BENCH_ISSUER}; Keycloak substitutes it on import.
FOYER_BENCH_ISSUER="$issuer" "$keycloak_home/bin/kc.sh" start-dev --http-host=127.0.0.1 \
  --http-port="$keycloak_port" --http-management-port=$(( keycloak_port + 1 )) --db=dev-mem --import-realm \
  > target/bench-keycloak.log 2>&1 < /dev/null &
stop_on_exit $!
keycloak="http://127.0.0.1:$keycloak_port"
await "$keycloak/realms/bench/.well-known/openid-configuration" $! target/bench-keycloak.log
driver flow "Keycloak brokered sign-ins" \
  "$keycloak/realms/bench/protocol/openid-connect/auth?client_id=bench&response_type=code&scope=openid&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fsigned-in&kc_idp_hint=mock&state=s{n}&nonce=n{n}" \
  "http://127.0.0.1:9/signed-in"
echo "Keycloak errors logged: $(grep -c ' ERROR ' target/bench-keycloak.log || true) (log: target/bench-keycloak.log)"
