#!/usr/bin/env bash
# Load benchmark, run on demand (never in CI): full sign-ins per second through URI Auth and JWT SSO,
# and a bare endpoint's rate, on one Payara Micro with its H2 database, 64 connections, loopback only.
#   bash bench/run.sh            (FOYER_BENCH_SECONDS=30 per measurement, FOYER_BENCH_PORT=8290)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FOYER_BENCH_SECONDS:-30}"
connections=64
threads=2

if ! command -v wrk >/dev/null; then
  apt-get update -q && apt-get install -y -q wrk
fi
(cd src/test/node && npm ci --no-audit --no-fund --silent)
source bench/foyer.sh
space_id="$(curl -fsS -H "$admin" -H "$json" -d '{"slug":"bench","name":"Bench"}' "$base/api/admin/spaces" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')"
curl -fsS -o /dev/null -H "$admin" -H "$json" -d '{"id":"bench-chat","title":"Bench","admittedLevels":["NICKNAME","SSO"]}' \
  "$base/api/admin/spaces/bench/events"
key="$(curl -fsS -X PUT -H "$admin" -H "$json" -d '{"enabled":true,"maxLifetime":"PT15M"}' "$base/api/admin/spaces/bench/sso" \
  | sed -E 's/.*"key":"([^"]+)".*/\1/')"

measure() { # name, lua script, path
  FOYER_BENCH_OFFSET=0 wrk -t"$threads" -c"$connections" -d10s -s "bench/$2" "$base$3" >/dev/null  # warm-up (JIT, pools)
  local line
  line="$(FOYER_BENCH_OFFSET=$((10 * 5000)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "bench/$2" "$base$3" | grep RESULT)"
  printf '%-22s %s\n' "$1" "${line#RESULT }"
}

echo "Foyer load benchmark: $(nproc) cores, $connections connections, ${seconds}s per run, H2"
measure "bare endpoint" bare.lua /foyer-plugin.js
measure "URI Auth sign-ins" uri-auth.lua /auth/uri

# Single-use tokens: enough for warm-up and measurement at up to 5,000 sign-ins per second.
count=$(( (seconds + 10) * 5000 ))
FOYER_BENCH_KEY="$key" node -e '
  const jwt = require("./src/test/node/node_modules/jsonwebtoken");
  const now = Math.floor(Date.now() / 1000);
  const out = [];
  for (let i = 0; i < Number(process.argv[1]); i++) {
    const sub = "member-" + (i % 20000);
    out.push(jwt.sign({ sub, firstName: "Ada", lastName: "Lovelace", email: sub + "@bench.example", jti: "b" + i,
      iat: now, exp: now + 900 }, process.env.FOYER_BENCH_KEY, { algorithm: "HS256" }));
  }
  require("fs").writeFileSync(process.argv[2], out.join("\n") + "\n");
' "$count" "$work/tokens.txt"
FOYER_BENCH_TOKENS="$work/tokens.txt" FOYER_BENCH_SPACE="$space_id" FOYER_BENCH_THREADS="$threads" \
  measure "JWT SSO sign-ins" jwt-sso.lua "/spot/$space_id/sso/jwt"
echo "server errors logged: $(grep -c SEVERE "$work/payara.log" || true) (log: target/bench-payara.log)"
