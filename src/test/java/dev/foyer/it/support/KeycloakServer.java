package dev.foyer.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Keycloak as the OpenID Connect provider of the federation ITs, one per failsafe JVM.
 *
 * <p>The build unpacks {@code org.keycloak:keycloak-quarkus-dist} from Maven Central under {@code
 * target/} and names it in the system property {@code foyer.it.keycloak}. Register with
 * {@code @ExtendWith(KeycloakServer.class)} and declare a {@code KeycloakServer} parameter, or call
 * {@link #shared(ExtensionContext)}. The first test that asks starts it ({@code kc.sh start-dev},
 * an in-memory database, 20-40 s); it lives in the root extension store, so the rest of the
 * failsafe run shares it and JUnit stops it, with its whole process tree, when the run ends. Its
 * log is {@code target/keycloak-<db>.log}.
 *
 * <p>It imports every {@code src/test/resources/keycloak/*-realm.json}; {@code foyer-realm.json} is
 * the realm {@code foyer} with the confidential clients {@code foyer} and {@code other} and the
 * users {@code alice}, {@code bob} and {@code carol}. Clients' secrets and users' passwords are
 * read from that file, so it stays the one place they are written. Keycloak 24+ keeps only the user
 * attributes its user profile declares: the realm's profile (the escaped JSON string under {@code
 * components}, the form Keycloak exports) is the default one plus {@code department}, visible to
 * admins only so that no login asks for it, and lets admins store any other attribute ({@code
 * ADMIN_EDIT}) for users created at runtime with {@link #createUser}.
 *
 * <p>Redirect URIs: Foyer listens on a random port, and Keycloak does not accept a wildcard port.
 * The clients register {@code http://127.0.0.1/auth/federation/callback/*} without a port instead:
 * Keycloak follows RFC 8252 §7.3 and accepts any port for a loopback {@code http} redirect URI, and
 * the path must still match: any provider's address under Foyer's callback endpoint.
 *
 * <p>Everything binds to 127.0.0.1: HTTP, the management interface (which inherits {@code
 * --http-host}; it is not opened at all while health and metrics are off, but gets a free port so
 * that it never collides on 9000), and the transaction manager's recovery socket.
 */
public final class KeycloakServer implements ParameterResolver {
  private static final System.Logger LOGGER = System.getLogger(KeycloakServer.class.getName());
  private static final String STORE_KEY = KeycloakServer.class.getName();

  /** The realm of {@code foyer-realm.json}; {@link #issuer()} is its issuer. */
  public static final String REALM = "foyer";

  // 26-29 s measured once augmented, with other builds on the machine; the first start after
  // unpacking re-augments for dev mode first (13-30 s more).
  private static final Duration START_TIMEOUT =
      Duration.ofSeconds(Long.getLong("foyer.it.keycloakTimeoutSeconds", 300));
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final String ADMIN_USER = "foyer-it-admin";

  // Null in the instance JUnit creates to act as the extension; set in the ones tests receive.
  private final Running running;

  /** For JUnit's {@code @ExtendWith}; tests receive a started server as a parameter. */
  public KeycloakServer() {
    this(null);
  }

  private KeycloakServer(Running running) {
    this.running = running;
  }

  /** The Keycloak of this failsafe run, started on first use. */
  public static KeycloakServer shared(ExtensionContext context) {
    var running =
        context
            .getRoot()
            .getStore(Namespace.GLOBAL)
            .getOrComputeIfAbsent(STORE_KEY, key -> Running.start(), Running.class);
    return new KeycloakServer(running);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KeycloakServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public URI baseUri() {
    return running().baseUri;
  }

  /** The issuer of the realm {@code foyer}: {@code http://127.0.0.1:<port>/realms/foyer}. */
  public String issuer() {
    return issuer(REALM);
  }

  /** The issuer of an imported realm. */
  public String issuer(String realm) {
    return baseUri() + "/realms/" + realm;
  }

  /** {@code issuer() + "/.well-known/openid-configuration"}. */
  public URI discoveryUri() {
    return URI.create(issuer() + "/.well-known/openid-configuration");
  }

  /** The confidential client {@code foyer}: the one Foyer is registered as. */
  public Client client() {
    return client("foyer");
  }

  /** A client of the realm {@code foyer} by its client id, e.g. {@code other}. */
  public Client client(String clientId) {
    return Optional.ofNullable(running().realm.clients.get(clientId))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No client '%s' in foyer-realm.json".formatted(clientId)));
  }

  /** The password of a user of {@code foyer-realm.json}, e.g. {@code password("alice")}. */
  public String password(String username) {
    return Optional.ofNullable(running().realm.passwords.get(username))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No user '%s' in foyer-realm.json".formatted(username)));
  }

  /**
   * Signs a user in through Keycloak's login form, without a browser, and returns where Keycloak
   * then sends the browser: for Foyer, its callback with {@code code}, {@code state} and {@code
   * iss}. {@code authorization} is the authorization request URL (the {@code Location} Foyer
   * redirects to). A fresh {@link #userAgent()} each time: no Keycloak session carries over.
   */
  public URI signIn(URI authorization, String username, String password) {
    return userAgent().signIn(authorization, username, password);
  }

  /**
   * A browser-less user agent for Keycloak's pages: its own cookie jar, no redirect followed
   * automatically. Keep one to sign in twice with the same Keycloak session (single sign-on).
   */
  public UserAgent userAgent() {
    return new UserAgent(baseUri());
  }

  /**
   * A call to the admin REST API of the realm {@code foyer}, as the bootstrap admin: {@code path}
   * is relative to {@code /admin/realms/foyer} (e.g. {@code /users?username=alice}), {@code json}
   * is the body or null. A new admin token each time: the master realm's live for 60 s only.
   */
  public HttpResponse<String> admin(String method, String path, String json) {
    var run = running();
    var request =
        HttpRequest.newBuilder(URI.create(run.baseUri + "/admin/realms/" + REALM + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + run.adminToken())
            .header("Accept", "application/json");
    if (json == null) {
      request.method(method, BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, BodyPublishers.ofString(json));
    }
    return run.send(request.build());
  }

  /**
   * Creates a user in the realm {@code foyer} from a Keycloak {@code UserRepresentation} (e.g. with
   * {@code credentials}, {@code attributes}, {@code groups}) and returns its id, which is the
   * {@code sub} of its tokens.
   */
  public String createUser(JsonNode user) {
    var response = admin("POST", "/users", Json.write(user));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "Keycloak refused the user: %d %s".formatted(response.statusCode(), response.body()));
    }
    var location = response.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /**
   * Adds an active RS256 key to the realm with the given priority, so Keycloak signs with it from
   * now on (a key rotation); returns the key component's id for {@link #removeKey}.
   */
  public String addSigningKey(String name, int priority) {
    var realmId = Json.parse(admin("GET", "", null).body()).path("id").asText();
    var key =
        Json.object()
            .put("name", name)
            .put("providerId", "rsa-generated")
            .put("providerType", "org.keycloak.keys.KeyProvider")
            .put("parentId", realmId);
    var config = key.putObject("config");
    config.putArray("priority").add(String.valueOf(priority));
    config.putArray("active").add("true");
    config.putArray("enabled").add("true");
    config.putArray("algorithm").add("RS256");
    var added = admin("POST", "/components", Json.write(key));
    if (added.statusCode() != 201) {
      throw new IllegalStateException(
          "Keycloak refused the key: %d %s".formatted(added.statusCode(), added.body()));
    }
    var location = added.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** Removes a key {@link #addSigningKey} added: Keycloak signs with the one before again. */
  public void removeKey(String component) {
    admin("DELETE", "/components/" + component, null);
  }

  /** Keycloak's combined stdout and stderr. */
  public Path log() {
    return running().log;
  }

  /** A client of the realm: its client id and secret. */
  public record Client(String id, String secret) {}

  private Running running() {
    if (running == null) {
      throw new IllegalStateException(
          "Declare a KeycloakServer parameter to get the started server; this one is JUnit's"
              + " extension");
    }
    return running;
  }

  /**
   * A user agent for Keycloak's login pages: keeps cookies, follows no redirect by itself, and
   * stops at the first redirect that leaves Keycloak.
   */
  public static final class UserAgent {
    private static final Pattern LOGIN_FORM =
        Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]*)\"");
    private static final Pattern TITLE =
        Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    // Keycloak's feedback: an error page's message, or the login form's "Invalid username or
    // password." under its input.
    private static final Pattern FEEDBACK =
        Pattern.compile(
            "<(?:p|span|div)\\b[^>]*"
                + "(?:class=\"[^\"]*(?:kc-feedback-text|instruction)[^\"]*\"|id=\"input-error[^\"]*\")"
                + "[^>]*>(.*?)</",
            Pattern.DOTALL);
    private static final int MAX_HOPS = 10;

    private final URI keycloak;
    private final LoopbackCookies cookies = new LoopbackCookies();
    private final HttpClient client;

    private UserAgent(URI keycloak) {
      this.keycloak = keycloak;
      this.client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(10))
              .cookieHandler(cookies)
              .build();
    }

    /**
     * Opens {@code authorization}, fills in Keycloak's login form with {@code username} and {@code
     * password}, and returns the first redirect that leaves Keycloak (the client's redirect URI
     * with {@code code} and {@code state}, or with {@code error}). When Keycloak redirects without
     * showing its form (a session of this agent already, or an error it reports to the client),
     * that redirect is returned as it is. A page where a redirect was expected (a wrong password, a
     * refused request, a required action) fails with Keycloak's message.
     */
    public URI signIn(URI authorization, String username, String password) {
      var page = untilPage(get(authorization), 0);
      if (page.left().isPresent()) {
        return page.left().get();
      }
      var action = loginFormAction(page.response());
      var form =
          Map.of("username", username, "password", password, "credentialId", "").entrySet().stream()
              .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
              .collect(Collectors.joining("&"));
      var posted =
          send(
              HttpRequest.newBuilder(action)
                  .timeout(REQUEST_TIMEOUT)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Accept", Browser.HTML)
                  .POST(BodyPublishers.ofString(form))
                  .build());
      var after = untilPage(posted, 0);
      return after
          .left()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "Keycloak did not redirect after signing in %s: %s"
                          .formatted(username, describe(after.response()))));
    }

    /** An HTML form's target and hidden fields, as a browser would post them. */
    public record FormPost(URI action, Map<String, String> fields) {}

    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT =
        Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]*)\"");

    /**
     * SAML: opens Keycloak's endpoint with the AuthnRequest (HTTP-Redirect: {@code request} is the
     * redirect Foyer answered; HTTP-POST: the form of Foyer's page, posted), fills in the login
     * form, and returns the form Keycloak's page then posts to Foyer's assertion consumer service
     * ({@code SAMLResponse}, {@code RelayState}).
     */
    public FormPost samlSignIn(Object request, String username, String password) {
      var first =
          request instanceof FormPost form
              ? post(form.action(), form.fields())
              : get((URI) request);
      var page = untilPage(first, 0);
      if (page.left().isPresent()) {
        throw new IllegalStateException("Keycloak redirected instead: " + page.left().get());
      }
      var response = page.response();
      if (!LOGIN_FORM.matcher(response.body()).find()) {
        return form(response);
      }
      var action = loginFormAction(response);
      var posted =
          post(action, Map.of("username", username, "password", password, "credentialId", ""));
      var after = untilPage(posted, 0);
      if (after.left().isPresent()) {
        throw new IllegalStateException("Keycloak redirected instead: " + after.left().get());
      }
      return form(after.response());
    }

    /** The page's first form, with its hidden fields. */
    public static FormPost form(HttpResponse<String> page) {
      var body = page.body();
      var form = FORM.matcher(body);
      if (!form.find()) {
        throw new IllegalStateException("No form on the page: " + describe(page));
      }
      var action = ACTION.matcher(form.group());
      if (!action.find()) {
        throw new IllegalStateException("The form has no action: " + form.group());
      }
      var fields = new java.util.LinkedHashMap<String, String>();
      var inputs = INPUT.matcher(body.substring(form.end()));
      while (inputs.find()) {
        var name = NAME.matcher(inputs.group());
        var value = VALUE.matcher(inputs.group());
        if (name.find()) {
          fields.put(unescapeHtml(name.group(1)), value.find() ? unescapeHtml(value.group(1)) : "");
        }
      }
      return new FormPost(page.uri().resolve(unescapeHtml(action.group(1))), fields);
    }

    /** A form POST with this agent's cookies; redirects are not followed. */
    public HttpResponse<String> post(URI uri, Map<String, String> fields) {
      var form =
          fields.entrySet().stream()
              .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
              .collect(Collectors.joining("&"));
      return send(
          HttpRequest.newBuilder(uri)
              .timeout(REQUEST_TIMEOUT)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", Browser.HTML)
              .POST(BodyPublishers.ofString(form))
              .build());
    }

    /**
     * A GET with this agent's cookies, following Keycloak's redirects within Keycloak: the page it
     * shows, or the redirect that leaves it.
     */
    public HttpResponse<String> page(URI uri) {
      return untilPage(get(uri), 0).response();
    }

    /** A GET with this agent's cookies; redirects are not followed. */
    public HttpResponse<String> get(URI uri) {
      return send(
          HttpRequest.newBuilder(uri)
              .timeout(REQUEST_TIMEOUT)
              .header("Accept", Browser.HTML)
              .GET()
              .build());
    }

    /** Follows redirects within Keycloak until a page, or a redirect that leaves Keycloak. */
    private Hop untilPage(HttpResponse<String> response, int hops) {
      var status = response.statusCode();
      if (status < 300 || status >= 400) {
        return new Hop(response, Optional.empty());
      }
      var location =
          response
              .uri()
              .resolve(
                  response
                      .headers()
                      .firstValue("Location")
                      .orElseThrow(
                          () ->
                              new IllegalStateException("Redirect without Location: " + response)));
      if (!sameOrigin(location, keycloak)) {
        return new Hop(response, Optional.of(location));
      }
      if (hops >= MAX_HOPS) {
        throw new IllegalStateException(
            "More than %d redirects within Keycloak, the last to %s".formatted(MAX_HOPS, location));
      }
      return untilPage(get(location), hops + 1);
    }

    private URI loginFormAction(HttpResponse<String> page) {
      var form = LOGIN_FORM.matcher(page.body());
      if (page.statusCode() != 200 || !form.find()) {
        throw new IllegalStateException("Keycloak showed no login form: " + describe(page));
      }
      var action = ACTION.matcher(form.group());
      if (!action.find()) {
        throw new IllegalStateException("Keycloak's login form has no action: " + form.group());
      }
      return page.uri().resolve(unescapeHtml(action.group(1)));
    }

    private HttpResponse<String> send(HttpRequest request) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(request.method() + " " + request.uri(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted: " + request.uri(), e);
      }
    }

    private static String describe(HttpResponse<String> page) {
      var body = page.body();
      var title = first(TITLE.matcher(body)).orElse("");
      var feedback =
          FEEDBACK
              .matcher(body)
              .results()
              .map(m -> plainText(m.group(1)))
              .filter(t -> !t.isBlank())
              .toList();
      return "%d %s %s%s"
          .formatted(
              page.statusCode(),
              page.uri(),
              plainText(title),
              feedback.isEmpty() ? "" : " " + feedback);
    }

    private static Optional<String> first(Matcher matcher) {
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String plainText(String html) {
      return unescapeHtml(html.replaceAll("<[^>]*>", " ")).replaceAll("\\s+", " ").strip();
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Hop(HttpResponse<String> response, Optional<URI> left) {}
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && a.getPort() == b.getPort();
  }

  /** Keycloak's templates escape attribute values: {@code &amp;} in every form action. */
  static String unescapeHtml(String text) {
    var numeric = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(text);
    var decoded =
        numeric.replaceAll(
            m ->
                Matcher.quoteReplacement(
                    Character.toString(
                        Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16))));
    return decoded
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** The Keycloak process, stopped when the JUnit run ends. */
  private static final class Running implements CloseableResource {
    private final Path home;
    private final Path log;
    private final RealmFile realm;
    private final String adminPassword =
        HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final Thread shutdownHook = new Thread(this::stop, "keycloak-it-shutdown");
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Process process;
    private URI baseUri;
    private boolean stopped;

    private Running(Path home, Path log, RealmFile realm) {
      this.home = home;
      this.log = log;
      this.realm = realm;
    }

    static Running start() {
      var home = keycloakHome();
      var db = System.getProperty("foyer.it.db", "h2");
      var log = home.getParent().resolve("keycloak-" + db + ".log");
      var running =
          new Running(home, log, RealmFile.read(realmDirectory().resolve("foyer-realm.json")));
      Runtime.getRuntime().addShutdownHook(running.shutdownHook);
      try {
        running.launch();
        return running;
      } catch (RuntimeException | Error e) {
        running.close();
        throw e;
      }
    }

    private void launch() {
      importRealms();
      var port = Processes.freeLoopbackPort();
      baseUri = URI.create("http://127.0.0.1:" + port);
      var command =
          List.of(
              home.resolve("bin/kc.sh").toString(),
              "start-dev",
              "--http-host=127.0.0.1",
              "--http-port=" + port,
              "--http-management-port=" + Processes.freeLoopbackPort(),
              "--db=dev-mem",
              "--import-realm");
      var builder =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      var environment = builder.environment();
      // The JDK the tests run on, not whatever java is first on the PATH.
      environment.put("JAVA_HOME", System.getProperty("java.home"));
      // C1 only: on 2 shared cores ready in 26-29 s instead of 36-44 s, and ~60 MB less RSS
      // (measured side by side, load 4); a test Keycloak never runs long enough for C2 to pay.
      environment.merge(
          "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1", (own, ours) -> own + " " + ours);
      environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
      environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      var started = System.nanoTime();
      try {
        Files.createDirectories(log.getParent());
        process = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      awaitDiscovery();
      LOGGER.log(
          System.Logger.Level.INFO,
          "Keycloak ready at {0} in {1,number,#} ms; log: {2}",
          baseUri,
          (System.nanoTime() - started) / 1_000_000,
          log);
    }

    /** The realm files beside {@code foyer-realm.json}, and only they, in {@code data/import}. */
    private void importRealms() {
      var target = home.resolve("data/import");
      try (Stream<Path> old = Files.exists(target) ? Files.list(target) : Stream.empty();
          Stream<Path> realms = Files.list(realmDirectory())) {
        Files.createDirectories(target);
        for (var file : old.toList()) {
          Files.delete(file);
        }
        for (var file :
            realms.filter(f -> f.getFileName().toString().endsWith("-realm.json")).toList()) {
          Files.copy(file, target.resolve(file.getFileName()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Ready when the realm's discovery document answers: the server is up and the import is done
     * (Keycloak imports before it opens the HTTP port, so a 404 here means the realm is missing).
     */
    private void awaitDiscovery() {
      var request =
          HttpRequest.newBuilder(
                  URI.create(baseUri + "/realms/" + REALM + "/.well-known/openid-configuration"))
              .timeout(Duration.ofSeconds(5))
              .build();
      var deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      var last = "no answer yet";
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "Keycloak exited with code %d before it was ready%s"
                  .formatted(process.exitValue(), Processes.tail(log, 60)));
        }
        try {
          var response = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return;
          }
          last = response.statusCode() + " " + response.body();
        } catch (IOException e) {
          last = e.toString();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
      }
      throw new IllegalStateException(
          "Keycloak not ready at %s within %s; last answer: %s%s"
              .formatted(request.uri(), START_TIMEOUT, last, Processes.tail(log, 60)));
    }

    String adminToken() {
      var form =
          "grant_type=password&client_id=admin-cli&username=%s&password=%s"
              .formatted(ADMIN_USER, adminPassword);
      var response =
          send(
              HttpRequest.newBuilder(
                      URI.create(baseUri + "/realms/master/protocol/openid-connect/token"))
                  .timeout(REQUEST_TIMEOUT)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(BodyPublishers.ofString(form))
                  .build());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "No admin token: %d %s".formatted(response.statusCode(), response.body()));
      }
      return Json.parse(response).path("access_token").asText();
    }

    HttpResponse<String> send(HttpRequest request) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(request.method() + " " + request.uri(), e);
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
        // kc.sh traps TERM and passes it on to its java child; destroyTree signals both.
        Processes.destroyTree(process.toHandle(), Duration.ofSeconds(30));
      }
    }

    private static Path keycloakHome() {
      var value =
          Objects.requireNonNull(
              System.getProperty("foyer.it.keycloak"),
              "System property foyer.it.keycloak is not set; run the ITs with mvn verify");
      var home = Path.of(value).toAbsolutePath();
      if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
        throw new IllegalStateException(
            "No Keycloak at "
                + home
                + " (bin/kc.sh); mvn verify unpacks it in pre-integration-test");
      }
      return home;
    }

    private static Path realmDirectory() {
      var resource =
          Objects.requireNonNull(
              KeycloakServer.class.getResource("/keycloak/foyer-realm.json"),
              "keycloak/foyer-realm.json is not on the test class path");
      try {
        return Path.of(resource.toURI()).getParent();
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** What tests need to know from {@code foyer-realm.json}: clients' secrets, users' passwords. */
  private record RealmFile(Map<String, Client> clients, Map<String, String> passwords) {
    static RealmFile read(Path file) {
      JsonNode realm;
      try {
        realm = Json.parse(Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      var clients = new LinkedHashMap<String, Client>();
      realm
          .path("clients")
          .forEach(
              c ->
                  clients.put(
                      c.path("clientId").asText(),
                      new Client(c.path("clientId").asText(), c.path("secret").asText(null))));
      var passwords = new LinkedHashMap<String, String>();
      realm
          .path("users")
          .forEach(
              u -> {
                var credentials = new ArrayList<JsonNode>();
                u.path("credentials").forEach(credentials::add);
                credentials.stream()
                    .filter(c -> "password".equals(c.path("type").asText()))
                    .findFirst()
                    .ifPresent(
                        c -> passwords.put(u.path("username").asText(), c.path("value").asText()));
              });
      return new RealmFile(Map.copyOf(clients), Map.copyOf(passwords));
    }
  }
}
