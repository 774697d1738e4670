#!/usr/bin/env bash
# Makes the upgrade fixtures: a database as the release before Flyway left it (EclipseLink's
# create-or-extend-tables schema), filled through that release's HTTP API, then dumped.
#
#   src/test/resources/upgrade/make-fixture.sh OLD_WAR PAYARA_MICRO_JAR [h2|postgresql]
#
# OLD_WAR is foyer.war built from the release to upgrade from (git worktree + mvn package), the
# jar target/runtime/payara-micro.jar. Writes h2/ and postgresql/ next to this script: dump.sql and
# fixture.properties (the plaintext secrets, keys and cookies the upgrade IT needs; test data only).
# Needs curl, jq, openssl, node (src/test/node with node_modules: npm ci) and Debian's postgresql.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
war="$(realpath "$1")"
micro="$(realpath "$2")"
only="${3:-all}"
work="$(mktemp -d /tmp/foyer-fixture-XXXX)"
chmod 755 "$work" # the postgres user runs the cluster in it
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
secrets_key="$(head -c 32 /dev/urandom | base64)"
java "$repo/bin/AdminToken.java" keygen "$work/keys" >/dev/null
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_payara() { # db post-boot-file [extra java/payara args...]
  local db="$1" postboot="$2"
  FOYER_HTTP_ADDRESS=127.0.0.1 java -Xmx1g -Dh2.bindAddress=127.0.0.1 -Dhazelcast.socket.bind.any=false \
    -Dmp.jwt.verify.publickey.location="file:$work/keys/public.pem" -Dmp.jwt.verify.issuer=foyer-dev \
    -Dfoyer.secrets.key="$secrets_key" -Dfoyer.session.cookie-secure=false \
    -Dfoyer.session.ttl=P3650D \
    -jar "$micro" --nocluster --port "$port" --contextroot / --rootdir "$work/$db/payara" \
    --prebootcommandfile "$repo/server-config/payara/pre-boot.asadmin" \
    --postbootcommandfile "$postboot" "${@:3}" --deploy "$war" >"$work/$db/payara.log" 2>&1 &
  payara_pid=$!
  for _ in $(seq 1 240); do
    if curl -fsS "$base/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "Payara did not get ready; see $work/$db/payara.log" >&2
  exit 1
}

stop_payara() {
  kill "$payara_pid"
  wait "$payara_pid" || true
}

token() { java "$repo/bin/AdminToken.java" token "$work/keys"; }

sign_link() { # secret, then name=value pairs; prints the query string with ts and sig
  local secret="$1"; shift
  local pairs=("$@" "ts=$(date +%s)")
  local canonical query sig
  canonical="$(printf '%s\n' "${pairs[@]}" | LC_ALL=C sort)"
  sig="$(printf '%s' "$canonical" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)"
  query="$(printf '%s\n' "${pairs[@]}" "sig=$sig" | jq -Rr 'split("=") | "\(.[0])=\(.[1:] | join("=") | @uri)"' | paste -sd '&')"
  printf '%s' "$query"
}

jwt() { # key, claims JSON
  printf '{"payload":%s,"key":"%s","options":{"algorithm":"HS256","noTimestamp":false}}' "$2" "$1" \
    | (cd "$repo/src/test/node" && node sign.js)
}

cookie_of() { # curl cookie jar, cookie name
  awk -v name="$2" '$6 == name { print $7 }' "$1"
}

populate() { # db: fills the running server through its API and writes fixture.properties
  local db="$1" out="$here/$1" admin
  mkdir -p "$out"
  admin=(-fsS -H "Authorization: Bearer $(token)" -H 'Content-Type: application/json' -H 'Accept: application/json')
  local space
  space="$(curl "${admin[@]}" -X POST "$base/api/admin/spaces" -d '{"slug":"upgrade","name":"Upgrade Space",
    "signedLinksRequired":true,"allowedOrigins":["https://intranet.example.test"],"customProperties":["company","team"]}')"
  local space_id signing_secret
  space_id="$(jq -r .id <<<"$space")"
  signing_secret="$(jq -r .signingSecret <<<"$space")"
  curl "${admin[@]}" -X POST "$base/api/admin/spaces/upgrade/events" \
    -d '{"id":"welcome","title":"Welcome chat","admittedLevels":["NICKNAME","NICKNAME_EMAIL"]}' >/dev/null
  curl "${admin[@]}" -X POST "$base/api/admin/spaces/upgrade/events" \
    -d '{"id":"board","title":"Board briefing","admittedLevels":["SSO"]}' >/dev/null
  local group_id sso jwt_key
  group_id="$(curl "${admin[@]}" -X POST "$base/api/admin/spaces/upgrade/groups" -d '{"name":"Moderators"}' | jq -r .id)"
  sso="$(curl "${admin[@]}" -X PUT "$base/api/admin/spaces/upgrade/sso" \
    -d '{"enabled":true,"authorizationUrl":"https://app.example.test/sso/authorize","maxLifetime":"PT10M"}')"
  jwt_key="$(jq -r .key <<<"$sso")"
  local password_member
  password_member="$(curl "${admin[@]}" -X POST "$base/api/admin/spaces/upgrade/members" \
    -d '{"givenName":"Paula","familyName":"Word","email":"paula@example.test","password":"correct horse battery"}' | jq -r .id)"

  # URI Auth member: a signed link with a uid, straight into the welcome event.
  local link
  link="$(sign_link "$signing_secret" account=upgrade givenName=Una familyName=Uri uid=crm-upgrade-1 eventid=welcome)"
  curl -sS -o /dev/null -c "$work/$db/uri.jar" -H 'Accept: text/html' "$base/auth/uri?$link"
  local uri_cookie uri_member
  uri_cookie="$(cookie_of "$work/$db/uri.jar" foyer_upgrade)"
  uri_member="$(curl "${admin[@]}" "$base/api/admin/spaces/upgrade/members?uid=crm-upgrade-1" | jq -r '.[0].id')"
  # A refused attempt for the login records: an unsigned link on a space that requires signatures.
  curl -sS -o /dev/null -H 'Accept: application/json' "$base/auth/uri?account=upgrade&givenName=Eve&uid=crm-eve"

  # JWT SSO member: joins the group, carries a custom property and a domain.
  local now claims sso_cookie sso_member
  now="$(date +%s)"
  claims="$(jq -nc --arg g "$group_id" --argjson now "$now" '{sub:"sso-upgrade-1",firstName:"Jo",lastName:"Token",
    email:"jo@example.test",iat:$now,exp:($now+60),"groups:join":[$g],customProperties:{company:"Acme"},
    "domains:set":{app:"https://app.example.test"}}')"
  curl -sS -o /dev/null -c "$work/$db/sso.jar" -H 'Accept: text/html' \
    "$base/spot/$space_id/sso/jwt?ms_token=$(jwt "$jwt_key" "$claims")"
  sso_cookie="$(cookie_of "$work/$db/sso.jar" foyer_upgrade)"
  sso_member="$(curl "${admin[@]}" "$base/api/admin/spaces/upgrade/members?provider=jwt-sso&uid=sso-upgrade-1" | jq -r '.[0].id')"

  # The password member signs in once too.
  curl -sS -o /dev/null -H 'Accept: text/html' --data-urlencode account=upgrade \
    --data-urlencode email=paula@example.test --data-urlencode 'password=correct horse battery' "$base/auth/password"

  [ -n "$uri_cookie" ] && [ -n "$sso_cookie" ] && [ "$uri_member" != null ] && [ "$sso_member" != null ] \
    || { echo "populating $db failed" >&2; exit 1; }
  cat >"$out/fixture.properties" <<PROPS
# Made by make-fixture.sh from $(basename "$war") on $(date -u +%F); test data only.
secrets.key=$secrets_key
space.slug=upgrade
space.id=$space_id
space.signingSecret=$signing_secret
sso.key=$jwt_key
group.id=$group_id
member.password.id=$password_member
member.password.email=paula@example.test
member.password.password=correct horse battery
member.uri.id=$uri_member
member.uri.uid=crm-upgrade-1
member.uri.cookie=$uri_cookie
member.sso.id=$sso_member
member.sso.sub=sso-upgrade-1
member.sso.cookie=$sso_cookie
PROPS
}

# H2: Payara Micro's own H2Pool, a file under the root directory, dumped with H2's Script tool.
if [ "$only" != postgresql ]; then
mkdir -p "$work/h2"
start_payara h2 "$repo/server-config/payara/post-boot-h2.asadmin"
populate h2
stop_payara
unzip -q -o -j "$micro" MICRO-INF/runtime/h2.jar -d "$work"
java -cp "$work/h2.jar" org.h2.tools.Script -url "jdbc:h2:$work/h2/payara/lib/databases/embedded_default" \
  -user "" -script "$here/h2/dump.sql"
fi
[ "$only" = h2 ] && exit 0

# PostgreSQL: a throwaway cluster, dumped with pg_dump (no owner or grants: restored under any role).
mkdir -p "$work/postgresql" "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
pg_port=$((port + 1))
pg_password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
as_pg "$pg_bin/initdb" --pgdata="$work/pg/data" --username=postgres --encoding=UTF8 --locale=C \
  --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
as_pg "$pg_bin/pg_ctl" --pgdata="$work/pg/data" --log="$work/pg/log" --wait \
  --options="-c listen_addresses=127.0.0.1 -p $pg_port -k $work/pg" start >/dev/null
psql_pg() { as_pg "$pg_bin/psql" --no-psqlrc -q -v ON_ERROR_STOP=1 --host="$work/pg" --port="$pg_port" --username=postgres "$@"; }
psql_pg -d postgres -c "CREATE ROLE foyer LOGIN PASSWORD '$pg_password'"
psql_pg -d postgres -c "CREATE DATABASE foyer OWNER foyer ENCODING 'UTF8'"
FOYER_DB_HOST=127.0.0.1 FOYER_DB_PORT=$pg_port FOYER_DB_NAME=foyer FOYER_DB_USER=foyer FOYER_DB_PASSWORD=$pg_password \
  start_payara postgresql "$repo/server-config/payara/post-boot-postgresql.asadmin" \
  --addlibs "$(dirname "$micro")/postgresql.jar"
populate postgresql
stop_payara
as_pg "$pg_bin/pg_dump" --host="$work/pg" --port="$pg_port" --username=postgres --no-owner --no-privileges foyer \
  >"$here/postgresql/dump.sql"
as_pg "$pg_bin/pg_ctl" --pgdata="$work/pg/data" --mode=fast --wait stop >/dev/null
echo "fixtures written under $here (work files in $work)"
