import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The federation benchmark's load driver (bench/federation.sh runs it with the JDK's source
 * launcher): C browsers, each a thread with its own HTTP client and cookie jar, loop for the
 * warm-up and then the measured seconds, and the figures count only what completes in the measured
 * ones.
 *
 * <pre>
 *   java Bench.java flow NAME ENTRY_URL DONE_PREFIX   one sign-in per loop, redirects followed
 *   java Bench.java bare NAME URL                     one GET per loop, 200 expected
 * </pre>
 *
 * A sign-in starts with an empty cookie jar (a new person: no session at Foyer or Keycloak carries
 * over), opens ENTRY_URL and follows every redirect by hand. When one leads to the provider's
 * authorization endpoint ({@code FOYER_BENCH_AUTHORIZE}), it submits the provider's login form
 * there (mock-oauth2-server's {@code POST /authorize} with {@code username} and {@code claims}), as
 * a person would; the sign-in is complete at the first redirect to DONE_PREFIX (Foyer's space, or
 * the Keycloak client's redirect URI, which must carry a {@code code}). Anything else (a page, an
 * error, too many hops) is a failure, counted and described. {@code {n}} in ENTRY_URL becomes the
 * sign-in's number (Keycloak's {@code state} and {@code nonce}).
 *
 * <p>People: sign-in n signs in person {@code n mod FOYER_BENCH_PEOPLE}, so the first round creates
 * members (or Keycloak users) and later rounds are returning ones, as with URI Auth's uids.
 *
 * <p>Environment: FOYER_BENCH_CONNECTIONS (64), FOYER_BENCH_SECONDS (30), FOYER_BENCH_WARMUP (10),
 * FOYER_BENCH_PEOPLE (1000), FOYER_BENCH_AUTHORIZE (the provider's authorization URL, no query).
 */
public class Bench {
  private static final int MAX_HOPS = 12;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  public static void main(String[] args) throws Exception {
    var kind = args[0];
    var name = args[1];
    var url = args[2];
    var donePrefix = kind.equals("flow") ? args[3] : null;
    int connections = intEnv("FOYER_BENCH_CONNECTIONS", 64);
    int seconds = intEnv("FOYER_BENCH_SECONDS", 30);
    int warmup = intEnv("FOYER_BENCH_WARMUP", 10);
    int people = intEnv("FOYER_BENCH_PEOPLE", 1000);
    var authorize = System.getenv("FOYER_BENCH_AUTHORIZE");

    var counter = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
    long measureTo = measureFrom + Duration.ofSeconds(seconds).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    var futures = new ArrayList<Future<Stats[]>>();
    for (int i = 0; i < connections; i++) {
      futures.add(
          pool.submit(
              () -> {
                var browser = new Browser(authorize);
                var stats = new Stats();
                var warm = new Stats();
                while (true) {
                  long began = System.nanoTime();
                  if (began >= measureTo) {
                    return new Stats[] {warm, stats};
                  }
                  long n = counter.getAndIncrement();
                  Outcome outcome;
                  try {
                    outcome =
                        kind.equals("flow")
                            ? browser.signIn(
                                url.replace("{n}", Long.toString(n)),
                                donePrefix,
                                "person-" + (n % people))
                            : browser.bare(url);
                  } catch (IOException e) {
                    outcome =
                        new Outcome(false, 1, e.getClass().getSimpleName() + " " + e.getMessage());
                  }
                  long ended = System.nanoTime();
                  if (ended >= measureFrom && ended < measureTo) {
                    stats.add(outcome, ended - began);
                  } else if (ended < measureFrom) {
                    warm.add(outcome, ended - began);
                  }
                }
              }));
    }
    var warm = new Stats();
    var total = new Stats();
    for (var future : futures) {
      warm.merge(future.get()[0]);
      total.merge(future.get()[1]);
    }
    pool.shutdown();
    total.print(name, seconds);
    // Failures while warming up are not in the figures, but say what a cold server did.
    if (!warm.failures.isEmpty()) {
      warm.print("  (warm-up, not counted)", warmup);
    }
  }

  private static int intEnv(String name, int fallback) {
    var value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
  }

  record Outcome(boolean ok, int requests, String failure) {}

  /** One browser: its own connections and cookies; cookies are cleared for every sign-in. */
  static final class Browser {
    private final HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    // Keyed by host like a browser's (cookies ignore ports): Foyer, the provider and Keycloak all
    // live on 127.0.0.1 and their cookie names do not collide. Kept by hand because
    // java.net.CookieManager keeps Keycloak's Secure cookies off plain http, which browsers send to
    // loopback (a secure context).
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String authorize;

    Browser(String authorize) {
      this.authorize = authorize;
    }

    Outcome bare(String url) throws IOException {
      var response = send(HttpRequest.newBuilder(URI.create(url)).GET());
      return response.statusCode() == 200
          ? new Outcome(true, 1, null)
          : new Outcome(false, 1, "bare " + response.statusCode());
    }

    Outcome signIn(String entry, String donePrefix, String person) throws IOException {
      cookies.clear();
      var response = send(HttpRequest.newBuilder(URI.create(entry)).GET());
      int requests = 1;
      for (int hop = 0; hop < MAX_HOPS; hop++) {
        int status = response.statusCode();
        if (status < 300 || status >= 400) {
          return new Outcome(false, requests, describe(response));
        }
        var location =
            response.uri().resolve(response.headers().firstValue("Location").orElse("")).toString();
        if (location.startsWith(donePrefix)) {
          // Keycloak reports a refused sign-in to the client as ?error=...: that is no sign-in.
          boolean ok =
              !location.contains("error=")
                  && (!location.contains("?") || location.contains("code="));
          return new Outcome(ok, requests, ok ? null : "redirected " + strip(location));
        }
        if (authorize != null && location.startsWith(authorize + "?")) {
          response =
              send(
                  HttpRequest.newBuilder(URI.create(location))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString(login(person))));
        } else {
          response = send(HttpRequest.newBuilder(URI.create(location)).GET());
        }
        requests++;
      }
      return new Outcome(false, requests, "more than " + MAX_HOPS + " redirects");
    }

    /**
     * The provider's login form: the person's subject and the claims of its tokens and user info.
     */
    private static String login(String person) {
      var claims =
          ("{\"email\":\"%s@bench.example\",\"email_verified\":true,\"given_name\":\"Sue\","
                  + "\"family_name\":\"Doe\",\"name\":\"Sue Doe\",\"preferred_username\":\"%s\"}")
              .formatted(person, person);
      return "username="
          + URLEncoder.encode(person, StandardCharsets.UTF_8)
          + "&claims="
          + URLEncoder.encode(claims, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
      request.timeout(TIMEOUT).header("Accept", "text/html,*/*");
      if (!cookies.isEmpty()) {
        var header = new StringBuilder();
        cookies.forEach(
            (k, v) ->
                header.append(header.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        request.header("Cookie", header.toString());
      }
      HttpResponse<String> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      for (var setCookie : response.headers().allValues("Set-Cookie")) {
        var pair = setCookie.split(";", 2)[0];
        int at = pair.indexOf('=');
        if (at <= 0) {
          continue;
        }
        var attributes = setCookie.toLowerCase(Locale.ROOT);
        if (attributes.contains("max-age=0")
            || attributes.contains("expires=thu, 01 jan 1970")
            || attributes.contains("expires=thu, 01-jan-1970")) {
          cookies.remove(pair.substring(0, at).trim());
        } else {
          cookies.put(pair.substring(0, at).trim(), pair.substring(at + 1).trim());
        }
      }
      return response;
    }

    private static String describe(HttpResponse<String> response) {
      var body = response.body() == null ? "" : response.body().replaceAll("\\s+", " ");
      var code = body.replaceAll(".*\"code\"\\s*:\\s*\"([A-Z0-9]+)\".*", "$1");
      return response.statusCode()
          + " "
          + strip(response.uri().toString())
          + (code.length() < 12
              ? " " + code
              : " " + body.substring(0, Math.min(120, body.length())));
    }

    /** Failures are grouped by description: drop the query, which differs every time. */
    private static String strip(String url) {
      int at = url.indexOf('?');
      return at < 0
          ? url
          : url.substring(0, at) + "?" + url.substring(at + 1).replaceAll("=[^&]*", "=…");
    }
  }

  static final class Stats {
    private final List<Long> nanos = new ArrayList<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private long requests;

    void add(Outcome outcome, long elapsed) {
      requests += outcome.requests();
      if (outcome.ok()) {
        nanos.add(elapsed);
      } else {
        failures.merge(outcome.failure(), 1, Integer::sum);
      }
    }

    void merge(Stats other) {
      nanos.addAll(other.nanos);
      other.failures.forEach((k, v) -> failures.merge(k, v, Integer::sum));
      requests += other.requests;
    }

    void print(String name, int seconds) {
      nanos.sort(null);
      int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
      int done = nanos.size();
      System.out.printf(
          Locale.ROOT,
          "%-32s %6.0f /s  p50 %6.1f ms  p99 %6.1f ms  failures %d  requests per loop %.2f%n",
          name,
          done / (double) seconds,
          percentile(50),
          percentile(99),
          failed,
          requests / (double) Math.max(1, done + failed));
      failures.forEach((what, count) -> System.out.printf("    %d x %s%n", count, what));
    }

    private double percentile(int p) {
      if (nanos.isEmpty()) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100.0 * nanos.size()) - 1;
      return nanos.get(Math.max(0, index)) / 1e6;
    }
  }
}
