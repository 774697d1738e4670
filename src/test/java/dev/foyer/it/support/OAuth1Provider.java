package dev.foyer.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real OAuth 1.0a provider (RFC 5849, HMAC-SHA1) for federation tests: {@code
 * src/test/python/oauth1_provider.py} on the server endpoints of Debian's {@code python3-oauthlib},
 * so signatures, timestamps, nonces and tokens are checked by code written apart from pac4j and
 * scribejava.
 *
 * <p>Register with {@code @ExtendWith(OAuth1Provider.class)} and declare an {@code OAuth1Provider}
 * parameter. The first test that asks starts it; it lives in the root extension store, so every
 * later test class of the failsafe execution shares it, and JUnit stops it when the run ends. It
 * needs no Foyer server. Its log is {@code target/oauth1-provider-<db>.log} (one per failsafe
 * execution). It runs on {@code /usr/bin/python3}, or the interpreter {@code -Dfoyer.it.python3}
 * names.
 *
 * <p>One consumer (random key and secret per run) and three users, chosen at the authorize step by
 * screen name ({@link #approve}); {@code GET /api/user} answers the chosen one's JSON:
 *
 * <ul>
 *   <li>{@code rob} (the default): {@code {"id": 12345, "screen_name": "rob", "profile": {"name":
 *       "Robert Example", "email": "rob@example.test", "nicknames": ["Rob", "Robbie"]}, "verified":
 *       true, "followers": 42}}
 *   <li>{@code zoe}: id 67890, name "Zoë Ångström", email {@code zoe@example.test}, no nicknames
 *   <li>{@code anon}: id 424242, name "Anonymous Without Email", no email
 * </ul>
 *
 * <p>Faults ({@link #setFaults}) hold for every caller until replaced: a test that sets them clears
 * them in {@code @AfterEach} with {@link #clearFaults()}.
 */
public final class OAuth1Provider implements ParameterResolver {
  private static final System.Logger LOGGER = System.getLogger(OAuth1Provider.class.getName());
  private static final String STORE_KEY = OAuth1Provider.class.getName();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  // Debian's interpreter: python3-oauthlib installs into its dist-packages, which another
  // python3 earlier on the PATH (pyenv on developer machines) does not see.
  private static final Path PYTHON =
      Path.of(System.getProperty("foyer.it.python3", "/usr/bin/python3"));

  /** A step of the flow that can be told to fail. */
  public enum Step {
    REQUEST_TOKEN,
    AUTHORIZE,
    ACCESS_TOKEN,
    USER_INFO;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a step fails; the provider refuses a fault its step cannot show. */
  public enum Fault {
    /** Status 500 with a short text body. */
    STATUS_500("500"),
    /** Token steps: 200 with an HTML body and no token; user info: 200 JSON cut off midway. */
    GARBAGE("garbage"),
    /** 200 with an empty body (token steps, user info). */
    EMPTY("empty"),
    /** User info: valid JSON, but an array holding the user instead of the user. */
    ARRAY("array"),
    /** User info: the user without {@code id}. */
    NO_ID("no_id"),
    /** Authorize: the redirect to the callback without {@code oauth_verifier}. */
    NO_VERIFIER("no_verifier"),
    /** Authorize: the redirect to the callback with only {@code denied=<token>} (Twitter). */
    DENIED("denied");

    private final String wire;

    Fault(String wire) {
      this.wire = wire;
    }
  }

  // Null in the instance JUnit creates to act as the extension; set in the ones tests receive.
  private final Running running;

  /** For JUnit's {@code @ExtendWith}; tests receive a started provider as a parameter. */
  public OAuth1Provider() {
    this(null);
  }

  private OAuth1Provider(Running running) {
    this.running = running;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OAuth1Provider.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    var started =
        context
            .getRoot()
            .getStore(Namespace.GLOBAL)
            .getOrComputeIfAbsent(STORE_KEY, key -> Running.start(), Running.class);
    return new OAuth1Provider(started);
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public URI baseUri() {
    return running().baseUri;
  }

  /** {@code POST}, signed with the consumer secret, with {@code oauth_callback}. */
  public URI requestTokenUrl() {
    return uri("/oauth/request_token");
  }

  /** {@code GET ?oauth_token=...}; the browser step, see {@link #approve}. */
  public URI authorizeUrl() {
    return uri("/oauth/authorize");
  }

  /** {@code POST}, signed with the request token's secret, with {@code oauth_verifier}. */
  public URI accessTokenUrl() {
    return uri("/oauth/access_token");
  }

  /** {@code GET}, signed with the access token: the user's JSON. */
  public URI userInfoUrl() {
    return uri("/api/user");
  }

  public String consumerKey() {
    return running().consumerKey;
  }

  public String consumerSecret() {
    return running().consumerSecret;
  }

  /** The provider's log: one line per request with the reasons for each refusal. */
  public Path log() {
    return running().log;
  }

  /**
   * The user's consent, as the browser would give it: GETs the authorize URL a consumer redirected
   * to, with {@code user=<screenName>} added, and returns the redirect's target, the consumer's
   * callback with {@code oauth_token} and {@code oauth_verifier}. Anything but a redirect fails
   * with the provider's answer.
   */
  public URI approve(URI authorizeUrlFromConsumer, String screenName) {
    var url = authorizeUrlFromConsumer.toString();
    var separator = authorizeUrlFromConsumer.getRawQuery() == null ? "?" : "&";
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    url
                        + separator
                        + "user="
                        + URLEncoder.encode(screenName, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(10))
            .build();
    var response = running().send(request);
    var location = response.headers().firstValue("Location");
    if (response.statusCode() != 302 || location.isEmpty()) {
      throw new AssertionError(
          "The provider did not redirect to the callback: %d %s%s"
              .formatted(
                  response.statusCode(), response.body(), Processes.tail(running().log, 10)));
    }
    return URI.create(location.get());
  }

  /**
   * Replaces all faults: from now on each step in {@code faults} fails as told, every other step
   * works. Holds for every caller until replaced.
   */
  public void setFaults(Map<Step, Fault> faults) {
    var body = new LinkedHashMap<String, String>();
    faults.forEach((step, fault) -> body.put(step.key(), fault.wire));
    var request =
        HttpRequest.newBuilder(uri("/test/faults"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build();
    var response = running().send(request);
    if (response.statusCode() != 200) {
      throw new IllegalArgumentException(
          "The provider refused the faults %s: %d %s"
              .formatted(body, response.statusCode(), response.body()));
    }
  }

  /** Every step works again. */
  public void clearFaults() {
    setFaults(Map.of());
  }

  private URI uri(String path) {
    return URI.create(running().baseUri + path);
  }

  private Running running() {
    if (running == null) {
      throw new IllegalStateException(
          "Declare an OAuth1Provider parameter to get the started provider; this one is JUnit's"
              + " extension");
    }
    return running;
  }

  /** The Python process, stopped when the JUnit run ends. */
  private static final class Running implements CloseableResource {
    // HTTP/1.1: http.server does not speak h2c, and an upgrade attempt only adds a round trip.
    private final HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Thread shutdownHook = new Thread(this::stop, "oauth1-provider-shutdown");
    private final String consumerKey;
    private final String consumerSecret;
    private final Path log;
    private Process process;
    private URI baseUri;
    private boolean stopped;

    private Running(Path log) {
      var random = new SecureRandom();
      this.consumerKey = "foyer-it-" + HexFormat.of().formatHex(random.generateSeed(8));
      this.consumerSecret = HexFormat.of().formatHex(random.generateSeed(20));
      this.log = log;
    }

    static Running start() {
      var db = System.getProperty("foyer.it.db", "h2");
      var target =
          Path.of(System.getProperty("foyer.it.war", "target/foyer.war"))
              .toAbsolutePath()
              .getParent();
      var running = new Running(target.resolve("oauth1-provider-" + db + ".log"));
      Runtime.getRuntime().addShutdownHook(running.shutdownHook);
      try {
        running.boot();
        return running;
      } catch (RuntimeException | Error e) {
        running.close();
        throw e;
      }
    }

    private void boot() {
      var started = System.nanoTime();
      var script =
          Path.of(System.getProperty("foyer.it.python", "src/test/python"))
              .toAbsolutePath()
              .resolve("oauth1_provider.py");
      if (!Files.isExecutable(PYTHON) || !Files.isRegularFile(script)) {
        throw new IllegalStateException(
            "Needs Debian's python3 with python3-oauthlib (%s) and %s: apt-get install"
                    .formatted(PYTHON, script)
                + " python3-oauthlib");
      }
      try {
        Files.createDirectories(log.getParent());
        process =
            new ProcessBuilder(PYTHON.toString(), script.toString(), "--port", "0", "--config", "-")
                .redirectError(log.toFile())
                .start();
        // On stdin, not the command line: the secret stays out of ps and of the log.
        try (var stdin = process.getOutputStream()) {
          stdin.write(
              Json.write(Map.of("consumer_key", consumerKey, "consumer_secret", consumerSecret))
                  .getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      var port = firstLine();
      baseUri = URI.create("http://127.0.0.1:" + port);
      LOGGER.log(
          System.Logger.Level.INFO,
          "OAuth 1.0a provider (python3-oauthlib) ready at {0} in {1,number,#} ms; log: {2}",
          baseUri,
          (System.nanoTime() - started) / 1_000_000,
          log);
    }

    /** The port, which the script prints as its first line once it listens. */
    private int firstLine() {
      var reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
      var line = CompletableFuture.supplyAsync(() -> readLine(reader));
      try {
        var port = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (port == null || !port.strip().matches("\\d+")) {
          throw new IllegalStateException(
              "The OAuth 1.0a provider did not start (first line: %s)%s"
                  .formatted(port, Processes.tail(log, 30)));
        }
        return Integer.parseInt(port.strip());
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "The OAuth 1.0a provider printed no port within %s%s"
                .formatted(START_TIMEOUT, Processes.tail(log, 30)),
            e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("Could not read the provider's port", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting the OAuth 1.0a provider", e);
      }
    }

    private static String readLine(BufferedReader reader) {
      try {
        return reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    HttpResponse<String> send(HttpRequest request) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "%s %s failed%s".formatted(request.method(), request.uri(), Processes.tail(log, 10)),
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted: " + request.uri(), e);
      }
    }

    @Override
    public void close() {
      stop();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; the hook runs stop(), which is idempotent
      }
    }

    private synchronized void stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      if (process != null) {
        Processes.destroyTree(process.toHandle(), Duration.ofSeconds(10));
      }
    }
  }
}
