#!/usr/bin/env python3
"""A real OAuth 1.0a provider (RFC 5849) for Foyer's integration tests.

Signatures, timestamps, nonces and token checks are done by Debian's python3-oauthlib server
endpoints, code written independently of the Java consumers under test (pac4j and scribejava).
Only storage is ours: an in-memory RequestValidator.

    /usr/bin/python3 oauth1_provider.py --port 0 --config -        (JSON config on stdin)
    /usr/bin/python3 oauth1_provider.py --consumer-key K --consumer-secret S

Config JSON: {"consumer_key": "...", "consumer_secret": "...", "users": [{...}, ...]}; "users"
is optional (DEFAULT_USERS). Each user is the JSON document /api/user answers, verbatim; it
needs a "screen_name" to be chosen by.

The first line on stdout is the port the server listens on (127.0.0.1 only). Each request is
logged to stderr as one line, without secrets, signatures or tokens.

Endpoints:
  POST /oauth/request_token   signed with the consumer secret; oauth_callback required, and
                              http://127.0.0.1:<port>/... or https://... only
  GET  /oauth/authorize       ?oauth_token=...[&user=<screen_name>] (no login page): redirects
                              302 to the callback with oauth_token and oauth_verifier; an
                              unknown, used or already authorized token is 400
  POST /oauth/access_token    signed with the request token's secret, with oauth_verifier;
                              each request token is exchanged at most once
  GET  /api/user              signed with the access token: the user's JSON
  GET  /test/faults           the faults in force
  POST /test/faults           {"request_token": "500", "user_info": "garbage", ...}: replaces
                              all faults (absent or null = none), so one server serves all tests
"""

import argparse
import copy
import hmac
import json
import logging
import secrets
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from oauthlib.oauth1 import (
    AccessTokenEndpoint,
    AuthorizationEndpoint,
    RequestTokenEndpoint,
    RequestValidator,
    ResourceEndpoint,
)
from oauthlib.oauth1.rfc5849 import SIGNATURE_HMAC_SHA1, errors

DEFAULT_USERS = [
    {
        "id": 12345,
        "screen_name": "rob",
        "profile": {
            "name": "Robert Example",
            "email": "rob@example.test",
            "nicknames": ["Rob", "Robbie"],
        },
        "verified": True,
        "followers": 42,
    },
    {
        "id": 67890,
        "screen_name": "zoe",
        "profile": {
            "name": "Zo\u00eb \u00c5ngstr\u00f6m",
            "email": "zoe@example.test",
            "nicknames": [],
        },
        "verified": False,
        "followers": 0,
    },
    {
        "id": 424242,
        "screen_name": "anon",
        "profile": {"name": "Anonymous Without Email"},
    },
]

# Which faults each step can be told to show, and what the consumer then sees.
FAULTS = {
    # 500: status 500; garbage: 200 with a body that holds no token; empty: 200, no body.
    "request_token": {"500", "garbage", "empty"},
    "access_token": {"500", "garbage", "empty"},
    # no_verifier: the callback without oauth_verifier; denied: the callback with only
    # denied=<token>, as Twitter answers a refusal.
    "authorize": {"500", "no_verifier", "denied"},
    # garbage: 200 application/json that is not JSON; array: JSON that is not an object;
    # no_id: the user without "id".
    "user_info": {"500", "garbage", "empty", "array", "no_id"},
}

# Request tokens and nonces older than this are forgotten: oauthlib refuses any timestamp
# further than RequestValidator.timestamp_lifetime (600 s) from now anyway.
LIFETIME_SECONDS = 600

LOG = logging.getLogger("oauth1-provider")


class Notes(logging.Handler):
    """Collects what the validator and oauthlib's endpoints say about one request.

    oauthlib logs why it refused a request ("Valid signature: False") at INFO, one line per
    check and never a secret; ThreadingHTTPServer serves each request on its own thread, so a
    thread-local list ties those lines to the request's own log line.
    """

    local = threading.local()

    def emit(self, record):
        notes = getattr(self.local, "notes", None)
        if notes is not None:
            notes.append(record.getMessage())

    @classmethod
    def start(cls):
        cls.local.notes = []

    @classmethod
    def take(cls):
        notes, cls.local.notes = getattr(cls.local, "notes", []), None
        return notes


def note(message):
    LOG.info(message)


class Store:
    """The provider's state: one client, users, tokens, nonces and faults, behind one lock."""

    def __init__(self, consumer_key, consumer_secret, users):
        self.consumer_key = consumer_key
        self.consumer_secret = consumer_secret
        self.users = users
        self.lock = threading.Lock()
        self.request_tokens = {}  # token -> {secret, callback, created, user, verifier}
        self.access_tokens = {}  # token -> {secret, user}
        self.nonces = {}  # (client, timestamp, nonce, token) -> seen at
        self.faults = {}

    def user(self, screen_name):
        for user in self.users:
            if user.get("screen_name") == screen_name:
                return user
        return None

    def forget_old(self):
        cutoff = time.time() - LIFETIME_SECONDS
        for key in [k for k, seen in self.nonces.items() if seen < cutoff]:
            del self.nonces[key]
        for key in [k for k, t in self.request_tokens.items() if t["created"] < cutoff]:
            del self.request_tokens[key]


class Validator(RequestValidator):
    """oauthlib's storage hooks; every decision on signatures and parameters stays oauthlib's."""

    def __init__(self, store):
        super().__init__()
        self.store = store
        # Stand-ins the endpoints sign with when the real client or token is unknown, so a
        # refusal costs the same time as an acceptance (oauthlib's timing-attack design).
        self._dummy_secret = secrets.token_urlsafe(24)

    # --- formats -------------------------------------------------------------------------

    @property
    def allowed_signature_methods(self):
        return (SIGNATURE_HMAC_SHA1,)

    @property
    def enforce_ssl(self):
        # Loopback HTTP in tests; callbacks are still held to https or 127.0.0.1 below.
        return False

    @property
    def client_key_length(self):
        return 1, 100

    @property
    def nonce_length(self):
        # oauthlib's default is 20-30 alphanumerics. scribejava (and with it pac4j) sends
        # String.valueOf(timestampSeconds + Random.nextInt()): 9-11 characters, and negative
        # (a leading '-') for about one nonce in twelve. RFC 5849 3.3 asks only for a random
        # string unique per timestamp, so accept any unreserved characters.
        return 1, 64

    def check_client_key(self, client_key):
        lower, upper = self.client_key_length
        return lower <= len(client_key) <= upper and set(client_key) <= UNRESERVED

    def check_nonce(self, nonce):
        lower, upper = self.nonce_length
        return lower <= len(nonce) <= upper and set(nonce) <= UNRESERVED

    def check_realms(self, realms):
        # Realms carry no meaning here; any the consumer names are kept and ignored.
        return True

    # --- clients -------------------------------------------------------------------------

    @property
    def dummy_client(self):
        return "dummy-client"

    @property
    def dummy_request_token(self):
        return "dummyrequesttoken0000000000000"

    @property
    def dummy_access_token(self):
        return "dummyaccesstoken00000000000000"

    def validate_client_key(self, client_key, request):
        valid = hmac.compare_digest(client_key.encode(), self.store.consumer_key.encode())
        if not valid:
            note("unknown consumer key")
        return valid

    def get_client_secret(self, client_key, request):
        if client_key == self.store.consumer_key:
            return self.store.consumer_secret
        return self._dummy_secret

    def validate_timestamp_and_nonce(
        self, client_key, timestamp, nonce, request, request_token=None, access_token=None
    ):
        # RFC 5849 3.3: a nonce is unique per timestamp, client and token combination.
        key = (client_key, timestamp, nonce, request_token or access_token)
        with self.store.lock:
            self.store.forget_old()
            if key in self.store.nonces:
                note("nonce and timestamp already used: replay refused")
                return False
            self.store.nonces[key] = time.time()
        return True

    # --- realms --------------------------------------------------------------------------

    def get_default_realms(self, client_key, request):
        return []

    def validate_requested_realms(self, client_key, realms, request):
        return True

    def get_realms(self, token, request):
        return []

    def verify_realms(self, token, realms, request):
        return True

    def validate_realms(self, client_key, token, request, uri=None, realms=None):
        return True

    # --- request tokens ------------------------------------------------------------------

    def validate_redirect_uri(self, client_key, redirect_uri, request):
        parts = urlsplit(redirect_uri)
        allowed = (parts.scheme == "https" and bool(parts.hostname)) or (
            parts.scheme == "http" and parts.hostname == "127.0.0.1"
        )
        if not allowed:
            note("callback refused: only https or http://127.0.0.1:<port>/ (was %s://%s)"
                 % (parts.scheme, parts.hostname or ""))
        return allowed

    def save_request_token(self, token, request):
        with self.store.lock:
            self.store.request_tokens[token["oauth_token"]] = {
                "secret": token["oauth_token_secret"],
                "client": request.client_key,
                "callback": request.redirect_uri,
                "created": time.time(),
                "user": None,
                "verifier": None,
            }

    def _request_token(self, token):
        with self.store.lock:
            return self.store.request_tokens.get(token)

    def get_request_token_secret(self, client_key, token, request):
        entry = self._request_token(token)
        if entry is not None and entry["client"] == client_key:
            return entry["secret"]
        return self._dummy_secret

    def validate_request_token(self, client_key, token, request):
        entry = self._request_token(token)
        valid = entry is not None and entry["client"] == client_key
        if not valid:
            note("unknown or already exchanged request token")
        return valid

    def verify_request_token(self, token, request):
        # The authorize step: the token exists and has not been authorized yet.
        entry = self._request_token(token)
        return entry is not None and entry["verifier"] is None

    def get_redirect_uri(self, token, request):
        return self._request_token(token)["callback"]

    def save_verifier(self, token, verifier, request):
        with self.store.lock:
            entry = self.store.request_tokens[token]
            entry["verifier"] = verifier["oauth_verifier"]
            entry["user"] = request.headers[CHOSEN_USER]

    def validate_verifier(self, client_key, token, verifier, request):
        entry = self._request_token(token)
        valid = (
            entry is not None
            and entry["verifier"] is not None
            and hmac.compare_digest(entry["verifier"].encode(), verifier.encode())
        )
        if not valid:
            note("verifier does not match the request token")
        else:
            request.user = entry["user"]
        return valid

    def invalidate_request_token(self, client_key, request_token, request):
        # RFC 5849 2.3: the temporary credentials are exchanged once.
        with self.store.lock:
            self.store.request_tokens.pop(request_token, None)

    # --- access tokens -------------------------------------------------------------------

    def save_access_token(self, token, request):
        with self.store.lock:
            self.store.access_tokens[token["oauth_token"]] = {
                "secret": token["oauth_token_secret"],
                "client": request.client_key,
                "user": request.user,
            }

    def _access_token(self, token):
        with self.store.lock:
            return self.store.access_tokens.get(token)

    def get_access_token_secret(self, client_key, token, request):
        entry = self._access_token(token)
        if entry is not None and entry["client"] == client_key:
            return entry["secret"]
        return self._dummy_secret

    def validate_access_token(self, client_key, token, request):
        entry = self._access_token(token)
        valid = entry is not None and entry["client"] == client_key
        if not valid:
            note("unknown access token")
        return valid

    def get_rsa_key(self, client_key, request):
        raise NotImplementedError("HMAC-SHA1 only")


def faulty_callback(fault, location):
    """The callback a broken provider would send: without the verifier, or a refusal."""
    parts = urlsplit(location)
    params = parse_qsl(parts.query, keep_blank_values=True)
    if fault == "no_verifier":
        params = [(k, v) for k, v in params if k != "oauth_verifier"]
    elif fault == "denied":
        params = [("denied", v) for k, v in params if k == "oauth_token"]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(params), ""))


CHOSEN_USER = "X-Oauth1-Provider-Chosen-User"
UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "foyer-oauth1-provider"

    def version_string(self):
        return self.server_version

    store = None
    request_tokens = None
    authorization = None
    access_tokens = None
    resources = None

    # --- plumbing ------------------------------------------------------------------------

    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def dispatch(self):
        Notes.start()
        self.status = None
        started = time.monotonic()
        try:
            route = {
                ("POST", "/oauth/request_token"): self.request_token,
                ("GET", "/oauth/authorize"): self.authorize,
                ("POST", "/oauth/access_token"): self.access_token,
                ("GET", "/api/user"): self.user_info,
                ("GET", "/test/faults"): self.get_faults,
                ("POST", "/test/faults"): self.set_faults,
            }.get((self.command, self.path_only()))
            if route is None:
                self.body()  # read, so the kept-alive connection stays in step
                self.answer(404, "text/plain", "no such endpoint\n")
            else:
                route()
        except Exception:  # noqa: BLE001 - a test server answers 500 and logs the trace
            traceback.print_exc(file=sys.stderr)
            if self.status is None:
                self.answer(500, "text/plain", "internal error\n")
        finally:
            notes = Notes.take()
            sys.stderr.write(
                "%s %s %s -> %s in %d ms%s\n"
                % (
                    time.strftime("%H:%M:%S"),
                    self.command,
                    self.path_only(),
                    self.status,
                    (time.monotonic() - started) * 1000,
                    (" | " + " ".join(notes)) if notes else "",
                )
            )
            sys.stderr.flush()

    def log_message(self, format, *args):
        # The default logs the request line with its query (tokens); dispatch logs instead.
        pass

    def path_only(self):
        return urlsplit(self.path).path

    def query(self):
        return dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))

    def uri(self):
        # The URI the consumer signed: RFC 5849 3.4.1.2 builds it from the Host header.
        return "http://%s%s" % (self.headers.get("Host", "127.0.0.1"), self.path)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode("utf-8") if length else ""

    def header_dict(self):
        return {name: value for name, value in self.headers.items()}

    def answer(self, status, content_type, body, headers=None):
        self.status = status
        data = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            if name.lower() != "content-type":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def fault(self, step):
        with self.store.lock:
            fault = self.store.faults.get(step)
        if fault is not None:
            note("fault injected: %s=%s" % (step, fault))
        return fault

    def answer_oauthlib(self, headers, body, status):
        if status >= 400 and body:
            # oauthlib's own words on a malformed request (error=...&error_description=...).
            note("oauthlib: %s" % body)
        content_type = headers.get("Content-Type") if headers else None
        self.answer(status, content_type or "text/plain", body or "", headers)

    def token_fault(self, fault):
        if fault == "500":
            self.answer(500, "text/plain", "provider failure (injected)\n")
        elif fault == "garbage":
            self.answer(200, "application/x-www-form-urlencoded",
                        "<html><body>Service temporarily unavailable</body></html>")
        elif fault == "empty":
            self.answer(200, "application/x-www-form-urlencoded", "")

    # --- OAuth 1.0a ----------------------------------------------------------------------

    def request_token(self):
        body = self.body()
        fault = self.fault("request_token")
        if fault:
            self.token_fault(fault)
            return
        self.answer_oauthlib(*self.request_tokens.create_request_token_response(
            self.uri(), http_method="POST", body=body, headers=self.header_dict()))

    def authorize(self):
        query = self.query()
        screen_name = query.get("user")
        user = self.store.users[0] if screen_name is None else self.store.user(screen_name)
        if user is None:
            note("no user %r" % screen_name)
            self.answer(400, "text/plain", "unknown user\n")
            return
        fault = self.fault("authorize")
        if fault == "500":
            self.answer(500, "text/plain", "provider failure (injected)\n")
            return
        try:
            # oauthlib hands the request built from these headers to save_verifier, which
            # records whom the verifier is for; the header never comes from the client.
            headers, body, status = self.authorization.create_authorization_response(
                self.uri(), http_method="GET", headers={CHOSEN_USER: user["screen_name"]})
        except errors.OAuth1Error as e:
            note("authorize refused: %s %s" % (e.error, e.description or ""))
            # oauthlib says 400 for a missing token and 401 for an unknown one: both are a
            # bad link here, not a failed login.
            self.answer(400, "application/x-www-form-urlencoded", e.urlencoded)
            return
        note("authorized for %s" % user["screen_name"])
        if fault and "Location" in headers:
            headers["Location"] = faulty_callback(fault, headers["Location"])
        self.answer_oauthlib(headers, body, status)

    def access_token(self):
        body = self.body()
        fault = self.fault("access_token")
        if fault:
            self.token_fault(fault)
            return
        self.answer_oauthlib(*self.access_tokens.create_access_token_response(
            self.uri(), http_method="POST", body=body, headers=self.header_dict()))

    def user_info(self):
        body = self.body()
        valid, request = self.resources.validate_protected_resource_request(
            self.uri(), http_method=self.command, body=body, headers=self.header_dict())
        if not valid:
            self.answer(401, "application/json", '{"error": "invalid_token"}',
                        {"WWW-Authenticate": 'OAuth realm="foyer-it"'})
            return
        with self.store.lock:
            screen_name = self.store.access_tokens[request.resource_owner_key]["user"]
        user = copy.deepcopy(self.store.user(screen_name))
        fault = self.fault("user_info")
        if fault == "500":
            self.answer(500, "text/plain", "provider failure (injected)\n")
        elif fault == "garbage":
            self.answer(200, "application/json", '{"id": 12345, "screen_name": "rob", "prof')
        elif fault == "empty":
            self.answer(200, "application/json", "")
        elif fault == "array":
            self.answer(200, "application/json", json.dumps([user], ensure_ascii=False))
        else:
            if fault == "no_id":
                user.pop("id", None)
            self.answer(200, "application/json", json.dumps(user, ensure_ascii=False))

    # --- test control --------------------------------------------------------------------

    def get_faults(self):
        with self.store.lock:
            faults = dict(self.store.faults)
        self.answer(200, "application/json", json.dumps(faults))

    def set_faults(self):
        try:
            wanted = json.loads(self.body() or "{}")
        except ValueError:
            self.answer(400, "text/plain", "body must be a JSON object\n")
            return
        if not isinstance(wanted, dict):
            self.answer(400, "text/plain", "body must be a JSON object\n")
            return
        faults = {}
        for step, fault in wanted.items():
            if fault is None:
                continue
            if step not in FAULTS or fault not in FAULTS[step]:
                self.answer(400, "text/plain", "unknown fault %s=%s; known: %s\n"
                            % (step, fault, json.dumps({k: sorted(v) for k, v in FAULTS.items()})))
                return
            faults[step] = fault
        with self.store.lock:
            self.store.faults = faults
        note("faults now %s" % json.dumps(faults, sort_keys=True))
        self.answer(200, "application/json", json.dumps(faults))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--config", help="JSON config file, or - for stdin")
    parser.add_argument("--consumer-key")
    parser.add_argument("--consumer-secret")
    args = parser.parse_args()

    config = {}
    if args.config == "-":
        config = json.load(sys.stdin)
    elif args.config:
        with open(args.config, encoding="utf-8") as file:
            config = json.load(file)
    consumer_key = args.consumer_key or config.get("consumer_key")
    consumer_secret = args.consumer_secret or config.get("consumer_secret")
    if not consumer_key or not consumer_secret:
        parser.error("a consumer key and secret are required (--config or --consumer-key/-secret)")
    users = config.get("users") or DEFAULT_USERS

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    notes = Notes()
    for name in ("oauthlib.oauth1", "oauth1-provider"):
        logger = logging.getLogger(name)
        # INFO only: oauthlib's DEBUG records carry signature base strings with tokens.
        logger.setLevel(logging.INFO)
        logger.addHandler(notes)
        logger.propagate = False

    store = Store(consumer_key, consumer_secret, users)
    validator = Validator(store)
    Handler.store = store
    Handler.request_tokens = RequestTokenEndpoint(validator)
    Handler.authorization = AuthorizationEndpoint(validator)
    Handler.access_tokens = AccessTokenEndpoint(validator)
    Handler.resources = ResourceEndpoint(validator)

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    sys.stderr.write("OAuth 1.0a provider (oauthlib) on http://127.0.0.1:%d, %d users\n"
                     % (server.server_address[1], len(users)))
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
