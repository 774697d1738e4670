# Sourced by run.sh and federation.sh, not run: builds the WAR, starts it on Payara Micro with H2 on
# 127.0.0.1:$port (or with FOYER_BENCH_POSTBOOT and FOYER_BENCH_ADDLIBS another datasource, as
# members.sh does for PostgreSQL), waits for it, and sets $base, $work, $admin (the header) and $json. Whatever the
# caller starts afterwards it stops with `stop_on_exit <pid>`; the EXIT trap stops them all, the
# server last, and keeps its log as target/bench-payara.log.
port="${FOYER_BENCH_PORT:-8290}"
base="http://127.0.0.1:$port"

mvn -q -B package -DskipTests

work="$(mktemp -d)"
stopped_on_exit=()
stop_on_exit() { stopped_on_exit=("$1" "${stopped_on_exit[@]}"); }
stop_all() {
  local pid
  for pid in "${stopped_on_exit[@]}"; do
    # pkill -P: kc.sh and other wrappers pass TERM on, but their children are ours to stop too.
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    # A killed server's wait answers 143; under set -e that status would become the script's own.
    wait "$pid" 2>/dev/null || true
  done
  cp "$work/payara.log" target/bench-payara.log 2>/dev/null || true
  rm -rf "$work"
}
trap stop_all EXIT

java bin/AdminToken.java keygen "$work/keys"
FOYER_HTTP_ADDRESS=127.0.0.1 java -Xmx2g \
  -Dh2.bindAddress=127.0.0.1 -Dhazelcast.socket.bind.any=false \
  -Dmp.jwt.verify.publickey.location="file:$work/keys/public.pem" -Dmp.jwt.verify.issuer=foyer-dev \
  -Dmp.jwt.verify.audiences=foyer \
  -Dfoyer.secrets.key="$(head -c 32 /dev/urandom | base64)" -Dfoyer.session.cookie-secure=false \
  -Dfoyer.federation.allow-loopback=true \
  -jar target/runtime/payara-micro.jar --nocluster --port "$port" --contextroot / --rootdir "$work/payara" \
  --prebootcommandfile server-config/payara/pre-boot.asadmin \
  --postbootcommandfile "${FOYER_BENCH_POSTBOOT:-server-config/payara/post-boot-h2.asadmin}" \
  ${FOYER_BENCH_ADDLIBS:+--addlibs "$FOYER_BENCH_ADDLIBS"} \
  --deploy target/foyer.war > "$work/payara.log" 2>&1 &
stop_on_exit $!
payara=$!

for _ in $(seq 1 240); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 $payara 2>/dev/null || { tail -50 "$work/payara.log"; exit 1; }
  sleep 1
done
curl -fsS "$base/health/ready" >/dev/null

admin="Authorization: Bearer $(java bin/AdminToken.java token "$work/keys")"
json="Content-Type: application/json"
