package dev.foyer.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The WAR under test on a real Payara Micro or WildFly, one per failsafe JVM.
 *
 * <p>Register with {@code @ExtendWith(FoyerServer.class)} and declare a {@code FoyerServer}
 * parameter on a test method, a {@code @BeforeAll}/{@code @BeforeEach} method or the constructor.
 * The first IT class boots the server; it lives in the root extension store, so every later IT
 * class of the same failsafe execution shares it and JUnit stops it when the run ends. Which
 * database it runs on comes from the system property {@code foyer.it.db} ({@code h2} or {@code
 * postgresql}), set per failsafe execution in the pom, and which server from {@code
 * foyer.it.server} ({@code payara}, the default, or {@code wildfly}: see {@link WildFlyServer}).
 * Servers of a test class's own ({@link #startExtra}, {@link #startNode}) are Payara Micro only.
 *
 * <p>Tests share one server and one database: create what a test needs under unique names, and
 * never depend on what another test left behind.
 */
public final class FoyerServer implements BeforeAllCallback, ParameterResolver {
  private static final System.Logger LOGGER = System.getLogger(FoyerServer.class.getName());
  private static final String STORE_KEY = FoyerServer.class.getName();
  private static final String NOTHING_DEPLOYED = "No Application deployed";
  private static final String PAYARA_READY = ") ready in ";
  private static final Pattern RECORD_START = Pattern.compile("\\[\\d{4}-\\d\\d-\\d\\dT");
  private static final Pattern WILDFLY_RECORD_START =
      Pattern.compile("\\d\\d:\\d\\d:\\d\\d,\\d{3} ");
  private static final Duration DEPLOYMENT_GRACE = Duration.ofSeconds(10);
  // The WAR's own readiness check answers: it is deployed, whether its checks are UP or DOWN.
  private static final Pattern DEPLOYED_CHECKS = Pattern.compile("\"name\"\\s*:\\s*\"database\"");
  // 20-35 s alone on 2 cores, but 90-140 s measured while other builds shared the machine;
  // -Dfoyer.it.bootTimeoutSeconds=N on the mvn command line overrides it.
  private static final Duration BOOT_TIMEOUT =
      Duration.ofSeconds(Long.getLong("foyer.it.bootTimeoutSeconds", 240));

  /**
   * The {@code mp.jwt.verify.audiences} the servers run with; {@link #token} puts it in {@code aud}
   * unless told otherwise. Not the shipped default ({@code foyer}), so a test sees the setting
   * obeyed.
   */
  public static final String ADMIN_AUDIENCE = "foyer-it";

  /**
   * The metrics scrape token the servers accept ({@code foyer.metrics.token-sha256} is its
   * SHA-256), as a Prometheus server would send it: {@code Authorization: Metrics <token>}.
   */
  public static final String METRICS_TOKEN = "it-scrape-token-9f2c41d0b7e85a63";

  /**
   * The one space the servers' metrics label by name ({@code foyer.metrics.spaces}); every other
   * space is {@code _other} there. Only the metrics ITs sign in to it, so its figures move by what
   * they do alone.
   */
  public static final String METRICS_SPACE = "metrics-watched";

  // Null in the instances JUnit creates to act as the extension; set in the ones tests receive.
  private final Running running;

  /** For JUnit's {@code @ExtendWith}; tests receive a started server as a parameter. */
  public FoyerServer() {
    this(null);
  }

  private FoyerServer(Running running) {
    this.running = running;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    shared(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FoyerServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** The shared server of this failsafe run, started on first use. */
  public static FoyerServer shared(ExtensionContext context) {
    var running =
        context
            .getRoot()
            .getStore(Namespace.GLOBAL)
            .getOrComputeIfAbsent(STORE_KEY, key -> Running.start(Options.SHARED), Running.class);
    return new FoyerServer(running);
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash; the WAR is at the root. */
  public URI baseUri() {
    return running().baseUri;
  }

  /** {@code baseUri()} plus an absolute path such as {@code /health/ready}. */
  public URI uri(String path) {
    return URI.create(running().baseUri + path);
  }

  /** {@code h2} or {@code postgresql}. */
  public String db() {
    return running().db;
  }

  /** {@code payara} or {@code wildfly}. */
  public String server() {
    return running().settings.server;
  }

  /**
   * Where this server answers a health path such as {@code /health/ready}: Payara Micro at the
   * application's root, WildFly on its management interface (README "WildFly").
   */
  public URI health(String path) {
    return URI.create(running().healthBase + path);
  }

  /** The server's process (a launcher script on WildFly: its JVM is a descendant). */
  public ProcessHandle process() {
    return running().process.toHandle();
  }

  /** A fresh browser with an empty cookie jar, pointed at this server. */
  public Browser browser() {
    return new Browser(baseUri());
  }

  /** A valid bearer token of the group {@code foyer-admin}, minted once per server. */
  public String adminToken() {
    var run = running();
    synchronized (run) {
      if (run.adminToken == null) {
        run.adminToken = token();
      }
      return run.adminToken;
    }
  }

  /**
   * A bearer token signed with the key the server trusts, for {@link #ADMIN_AUDIENCE}, with {@code
   * bin/AdminToken.java token}'s options, e.g. {@code token("--groups", "foyer-space-admin",
   * "--space", "lobby")}, {@code token("--ttl", "-PT1H")} for an expired one or {@code
   * token("--audience", "")} for one without {@code aud}.
   */
  public String token(String... options) {
    var all = new ArrayList<>(List.of("--audience", ADMIN_AUDIENCE));
    all.addAll(List.of(options));
    return running().tokenTool("token", all.toArray(String[]::new));
  }

  /** The server's combined stdout and stderr, for assertions on what it logged. */
  public Path log() {
    return running().log;
  }

  /**
   * The PostgreSQL cluster the shared server runs on, for tests that need a database of their own
   * in it (e.g. a restored dump); empty on H2.
   */
  public Optional<PostgresServer> postgres() {
    return Optional.ofNullable(running().postgres);
  }

  /**
   * One more Payara Micro with the same WAR and database kind, apart from the shared server, on a
   * database the caller prepared: on H2, {@code prepareRootDir} receives Payara's root directory
   * before boot (Payara's {@code H2Pool} is the file {@code lib/databases/embedded_default} in it);
   * on PostgreSQL it runs on the database {@code postgresDatabase} of the shared cluster. {@code
   * secretsKey} is the {@code foyer.secrets.key} the data was sealed with. Close it when done.
   */
  public Extra startExtra(
      String label, String secretsKey, Consumer<Path> prepareRootDir, String postgresDatabase) {
    return startExtra(label, secretsKey, prepareRootDir, postgresDatabase, Map.of(), false);
  }

  /**
   * As {@link #startExtra(String, String, Consumer, String)}, with more system properties (e.g.
   * {@code foyer.secrets.previous-key}); with {@code mayBeUnready} the wait ends once the WAR's
   * readiness checks answer, UP or DOWN (a server started with a wrong secrets key stays DOWN).
   */
  public Extra startExtra(
      String label,
      String secretsKey,
      Consumer<Path> prepareRootDir,
      String postgresDatabase,
      Map<String, String> systemProperties,
      boolean mayBeUnready) {
    var shared = running().payaraOnly();
    var options =
        new Options(
            label,
            secretsKey,
            prepareRootDir,
            shared.postgres,
            postgresDatabase,
            Map.copyOf(systemProperties),
            mayBeUnready);
    return new Extra(new FoyerServer(Running.start(options)));
  }

  /**
   * One more Payara Micro with the same WAR and database kind, apart from the shared server, on an
   * empty database of its own (on PostgreSQL, the database {@code foyer_<label>} of the shared
   * cluster), started with {@code properties} as extra system properties, e.g. short periods for
   * what the shared server would take hours to show. {@code label} is lower-case letters and digits
   * in words joined by '-', once per run. Close it when done.
   */
  public Extra startExtra(String label, Map<String, String> properties) {
    if (!label.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("label: lower-case words joined by '-', not " + label);
    }
    var shared = running().payaraOnly();
    String database = null;
    if (shared.postgres != null) {
      database = "foyer_" + label.replace('-', '_');
      shared.postgres.createDatabase(database);
    }
    var options =
        new Options(
            label, null, root -> {}, shared.postgres, database, Map.copyOf(properties), false);
    return new Extra(new FoyerServer(Running.start(options)));
  }

  /**
   * A second node of the shared server's deployment, as behind a load balancer: the same WAR on the
   * shared server's own PostgreSQL database with its {@code foyer.secrets.key}, and {@code
   * properties} as extra system properties (e.g. the same {@code foyer.public-url} the first node
   * answers at). No Hazelcast cluster joins the two: what they share is the database alone. Only on
   * PostgreSQL, since the shared server's H2 database is a file inside its own Payara. {@code
   * label} names its log, once per run. Close it when done.
   */
  public Extra startNode(String label, Map<String, String> properties) {
    var shared = running().payaraOnly();
    if (shared.postgres == null) {
      throw new IllegalStateException(
          "A second node shares the database only on PostgreSQL; this run is on " + shared.db);
    }
    var options =
        new Options(
            label,
            shared.secretsKey,
            root -> {},
            shared.postgres,
            shared.postgres.database(),
            Map.copyOf(properties),
            false);
    return new Extra(new FoyerServer(Running.start(options)));
  }

  /** A server of one test class's own, stopped by {@link #close()}. */
  public static final class Extra implements AutoCloseable {
    private final FoyerServer server;

    private Extra(FoyerServer server) {
      this.server = server;
    }

    public FoyerServer server() {
      return server;
    }

    @Override
    public void close() {
      server.running().close();
    }
  }

  /** How an extra server differs from the shared one; the shared one uses {@link #SHARED}. */
  private record Options(
      String label,
      String secretsKey,
      Consumer<Path> prepareRootDir,
      PostgresServer postgres,
      String postgresDatabase,
      Map<String, String> systemProperties,
      boolean mayBeUnready) {
    static final Options SHARED = new Options(null, null, root -> {}, null, null, Map.of(), false);
  }

  /** SHA-256 as lower-case hex, as {@code sha256sum} prints it. */
  static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Running running() {
    if (running == null) {
      throw new IllegalStateException(
          "Declare a FoyerServer parameter to get the started server; this one is JUnit's"
              + " extension");
    }
    return running;
  }

  /** The server process and everything it needs, stopped when the JUnit run ends. */
  private static final class Running implements CloseableResource {
    private final String db;
    private final Settings settings;
    private final Options options;
    private final Path tmp;
    private final Path log;
    private final Thread shutdownHook = new Thread(this::stop, "foyer-it-shutdown");
    private PostgresServer postgres;
    private Process process;
    private URI baseUri;
    private URI healthBase;
    private WildFlyServer wildfly;
    private String adminToken;
    private String secretsKey;
    private boolean stopped;

    private Running(Settings settings, Options options, Path tmp) {
      this.settings = settings;
      this.options = options;
      this.db = settings.db;
      this.tmp = tmp;
      var suffix = options.label() == null ? "" : "-" + options.label();
      this.log = settings.target.resolve(settings.server + "-" + db + suffix + ".log");
    }

    Running payaraOnly() {
      if (!settings.server.equals("payara")) {
        throw new IllegalStateException(
            "A server of a test's own runs on Payara Micro only; this run is on "
                + settings.server);
      }
      return this;
    }

    static Running start(Options options) {
      var settings = Settings.fromSystemProperties();
      Path tmp;
      try {
        tmp = Files.createTempDirectory("foyer-it-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      var running = new Running(settings, options, tmp);
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
      try {
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      compileTokenTool();
      tokenTool("keygen");
      if ("postgresql".equals(db)) {
        postgres =
            options.postgres() != null
                ? options.postgres()
                : PostgresServer.start(
                    settings.target.resolve(
                        settings.server.equals("wildfly")
                            ? "postgresql-wildfly.log"
                            : "postgresql-it.log"));
      }
      List<String> command;
      var environment = new LinkedHashMap<String, String>();
      environment.put("FOYER_HTTP_ADDRESS", "127.0.0.1");
      if (settings.server.equals("wildfly")) {
        wildfly =
            WildFlyServer.prepare(
                settings.wildfly,
                settings.wildflyConfig,
                db,
                settings.eclipselink,
                settings.runtime.resolve("postgresql.jar"),
                settings.war,
                tmp.resolve("wildfly"),
                log);
        baseUri = wildfly.applicationUri();
        healthBase = wildfly.managementUri();
        // As README "WildFly" starts it: the secrets key in the environment, out of ps's sight.
        var properties = applicationProperties();
        environment.put("FOYER_SECRETS_KEY", properties.remove("foyer.secrets.key"));
        command = wildfly.command(properties);
      } else {
        options.prepareRootDir().accept(tmp.resolve("payara"));
        var port = Processes.freeLoopbackPort();
        baseUri = URI.create("http://127.0.0.1:" + port);
        healthBase = baseUri;
        command = payaraCommand(port);
      }
      var builder =
          new ProcessBuilder(command)
              .directory(tmp.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(environment);
      if (wildfly != null) {
        builder.environment().putAll(WildFlyServer.environment());
      }
      if (postgres != null) {
        builder.environment().putAll(postgresEnvironment());
      }
      var booting = System.nanoTime();
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      awaitReady();
      LOGGER.log(
          System.Logger.Level.INFO,
          "{0} ({1}) ready at {2} in {3,number,#} ms (boot and deployment {4,number,#} ms); log:"
              + " {5}",
          settings.server.equals("wildfly") ? "WildFly" : "Payara Micro",
          db,
          baseUri,
          (System.nanoTime() - started) / 1_000_000,
          (System.nanoTime() - booting) / 1_000_000,
          log);
    }

    /**
     * What Foyer is told on either server, as {@code -D} options: the trusted admin key, the
     * secrets key, and the settings for tests on loopback.
     */
    private Map<String, String> applicationProperties() {
      var keys = tmp.resolve("keys");
      var secretsKey = new byte[32];
      new SecureRandom().nextBytes(secretsKey);
      var sealingKey =
          options.secretsKey() != null
              ? options.secretsKey()
              : Base64.getEncoder().encodeToString(secretsKey);
      this.secretsKey = sealingKey;
      var properties = new LinkedHashMap<String, String>();
      properties.put("mp.jwt.verify.publickey.location", "file:" + keys.resolve("public.pem"));
      properties.put("mp.jwt.verify.issuer", "foyer-dev");
      properties.put("mp.jwt.verify.audiences", ADMIN_AUDIENCE);
      properties.put("foyer.secrets.key", sealingKey);
      // Plain HTTP on loopback: a Secure cookie would never come back.
      properties.put("foyer.session.cookie-secure", "false");
      // The tests' identity providers run on loopback.
      properties.put("foyer.federation.allow-loopback", "true");
      // Keycloak and Foyer share this machine's clock: SamlSignInIT's expired assertion need not
      // wait out the production skew (2 minutes).
      properties.put("foyer.saml.clock-skew", "PT5S");
      // Entry limits small enough for FederationLimitsIT to reach (every test comes from
      // 127.0.0.1 with a provider of its own; none leaves more than 16 waiting).
      properties.put("foyer.federation.pending-per-client", "20");
      properties.put("foyer.federation.pending-per-provider", "30");
      // MetricsIT scrapes with this token and watches this space's own series.
      properties.put("foyer.metrics.token-sha256", sha256Hex(METRICS_TOKEN));
      properties.put("foyer.metrics.spaces", METRICS_SPACE);
      // After the defaults above, so that an extra server's own value of a key wins.
      properties.putAll(options.systemProperties());
      return properties;
    }

    private List<String> payaraCommand(int port) {
      var command =
          new ArrayList<>(
              List.of(
                  java().toString(),
                  "-Xmx1g",
                  // Loopback only: this machine, like CI, must not open ports on other interfaces.
                  "-Dh2.bindAddress=127.0.0.1",
                  "-Dhazelcast.socket.bind.any=false"));
      applicationProperties().forEach((name, value) -> command.add("-D" + name + "=" + value));
      command.addAll(
          List.of(
              "-jar",
              settings.runtime.resolve("payara-micro.jar").toString(),
              "--nocluster",
              "--port",
              Integer.toString(port),
              "--contextroot",
              "/",
              "--rootdir",
              tmp.resolve("payara").toString(),
              "--prebootcommandfile",
              preBootCommands().toString(),
              "--postbootcommandfile",
              settings.serverConfig.resolve("post-boot-" + db + ".asadmin").toString()));
      if (postgres != null) {
        command.addAll(List.of("--addlibs", settings.runtime.resolve("postgresql.jar").toString()));
      }
      command.addAll(List.of("--deploy", settings.war.toString()));
      return command;
    }

    /**
     * The shipped pre-boot commands plus the loopback HTTP address. Payara opens the HTTP listener
     * on every interface before it runs the post-boot commands (seen with {@code ss -ltn}: {@code
     * *:<port>} for a few seconds during boot); set before boot, the listener is never anywhere but
     * on 127.0.0.1.
     */
    private Path preBootCommands() {
      var file = tmp.resolve("pre-boot.asadmin");
      try {
        Files.writeString(
            file,
            Files.readString(settings.serverConfig.resolve("pre-boot.asadmin"))
                + "\n"
                + "set configs.config.server-config.network-config.network-listeners"
                + ".network-listener.http-listener.address=127.0.0.1\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return file;
    }

    private Map<String, String> postgresEnvironment() {
      return Map.of(
          "FOYER_DB_HOST", postgres.host(),
          "FOYER_DB_PORT", Integer.toString(postgres.port()),
          "FOYER_DB_NAME",
              options.postgresDatabase() != null ? options.postgresDatabase() : postgres.database(),
          "FOYER_DB_USER", postgres.user(),
          "FOYER_DB_PASSWORD", postgres.password());
    }

    /**
     * Payara Micro logs "ready" and keeps running even when the deployment failed, so only the
     * application's readiness endpoint tells that the WAR is up. A failed deployment shows there as
     * 503 "No Application deployed" for good: once Payara has logged that it is ready, that answer
     * ends the wait early instead of at the timeout. WildFly runs on without a WAR that failed as
     * well; its deployment scanner then leaves {@code foyer.war.failed}, which ends the wait. Its
     * readiness (on the management interface) is UP only once every deployment is up, and must list
     * the WAR's own check.
     */
    private void awaitReady() {
      var name = settings.server.equals("wildfly") ? "WildFly" : "Payara Micro";
      // HTTP/1.1 as in Browser: the h2c upgrade of the default client once deadlocked in
      // Grizzly's Http2Session during boot, and the request timeout never fired.
      var client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      var request =
          HttpRequest.newBuilder(URI.create(healthBase + "/health/ready"))
              .timeout(Duration.ofSeconds(5))
              .build();
      var deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
      var last = "no answer yet";
      var nothingDeployedSince = 0L;
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "%s (%s) exited with code %d before it was ready%s"
                  .formatted(name, db, process.exitValue(), failureReport()));
        }
        if (wildfly != null) {
          wildfly
              .failedDeployment()
              .ifPresent(
                  failure -> {
                    throw new IllegalStateException(
                        "WildFly (%s) did not deploy the WAR: %s%s"
                            .formatted(db, failure, failureReport()));
                  });
        }
        try {
          var response = client.send(request, HttpResponse.BodyHandlers.ofString());
          var deployed = DEPLOYED_CHECKS.matcher(response.body()).find();
          if (response.statusCode() == 200 && (deployed || wildfly == null)
              || options.mayBeUnready() && deployed) {
            return;
          }
          last = response.statusCode() + " " + response.body();
          if (response.body().contains(NOTHING_DEPLOYED)) {
            nothingDeployedSince =
                nothingDeployedSince == 0 ? System.nanoTime() : nothingDeployedSince;
            if (payaraReady()
                && System.nanoTime() - nothingDeployedSince > DEPLOYMENT_GRACE.toNanos()) {
              throw new IllegalStateException(
                  "Payara Micro (%s) is up but the WAR did not deploy: %s%s"
                      .formatted(db, last, failureReport()));
            }
          } else {
            nothingDeployedSince = 0;
          }
        } catch (IOException e) {
          last = e.toString();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
        // WildFly logs every DOWN answer as a warning: ask it less often.
        sleep(Duration.ofMillis(wildfly == null ? 500 : 1000));
      }
      throw new IllegalStateException(
          "%s (%s) not ready at %s/health/ready within %s; last answer: %s%s"
              .formatted(name, db, healthBase, BOOT_TIMEOUT, last, failureReport()));
    }

    /**
     * The SEVERE (Payara) or ERROR (WildFly) records of the server log (a failed deployment's
     * cause), then its last lines.
     */
    private String failureReport() {
      var report = new StringBuilder();
      try {
        var lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        var inSevere = false;
        var recordLines = 0;
        var reported = 0;
        for (var raw : lines) {
          var line = Processes.plain(raw);
          if (RECORD_START.matcher(line).lookingAt()) {
            inSevere = line.contains("[SEVERE]");
            recordLines = 0;
          } else if (WILDFLY_RECORD_START.matcher(line).lookingAt()) {
            inSevere = line.contains(" ERROR ");
            recordLines = 0;
          }
          if (inSevere && recordLines++ < 20 && reported++ < 100) {
            report.append('\n').append(line);
          }
        }
      } catch (IOException e) {
        // the tail below says why the log is unreadable
      }
      var severe = report.isEmpty() ? "" : "\n--- SEVERE/ERROR records in " + log + " ---" + report;
      return severe + Processes.tail(log, 40);
    }

    private boolean payaraReady() {
      try {
        return Files.readString(log, StandardCharsets.ISO_8859_1).contains(PAYARA_READY);
      } catch (IOException e) {
        return false;
      }
    }

    // Compiled once: launching the single-file source program compiles it on every token.
    private void compileTokenTool() {
      Processes.run(
          Duration.ofSeconds(120),
          Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
          "-d",
          tmp.resolve("tools").toString(),
          settings.tools.resolve("AdminToken.java").toString());
    }

    String tokenTool(String verb, String... options) {
      var command =
          new ArrayList<>(
              List.of(
                  java().toString(),
                  "-cp",
                  tmp.resolve("tools").toString(),
                  "AdminToken",
                  verb,
                  tmp.resolve("keys").toString()));
      command.addAll(List.of(options));
      return Processes.run(Duration.ofSeconds(60), command.toArray(String[]::new));
    }

    private static Path java() {
      return Path.of(System.getProperty("java.home"), "bin", "java");
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
      try {
        if (process != null) {
          Processes.destroyTree(process.toHandle(), Duration.ofSeconds(60));
        }
      } finally {
        try {
          // An extra server runs on the shared server's cluster: that one stops it.
          if (postgres != null && options.postgres() == null) {
            postgres.close();
          }
        } finally {
          Processes.deleteRecursively(tmp);
        }
      }
    }

    private static void sleep(Duration duration) {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Payara Micro", e);
      }
    }
  }

  /** What the pom's failsafe configuration passes in. */
  private record Settings(
      String db,
      String server,
      Path war,
      Path runtime,
      Path serverConfig,
      Path tools,
      Path target,
      Path wildfly,
      Path wildflyConfig,
      Path eclipselink) {

    static Settings fromSystemProperties() {
      var db = System.getProperty("foyer.it.db", "h2");
      if (!db.equals("h2") && !db.equals("postgresql")) {
        throw new IllegalStateException("foyer.it.db must be h2 or postgresql, not " + db);
      }
      var server = System.getProperty("foyer.it.server", "payara");
      if (!server.equals("payara") && !server.equals("wildfly")) {
        throw new IllegalStateException("foyer.it.server must be payara or wildfly, not " + server);
      }
      var war = path("foyer.it.war");
      if (!Files.isRegularFile(war)) {
        throw new IllegalStateException("No WAR at " + war + "; run the ITs with mvn verify");
      }
      var onWildFly = server.equals("wildfly");
      return new Settings(
          db,
          server,
          war,
          path("foyer.it.runtime"),
          path("foyer.it.serverConfig"),
          path("foyer.it.tools"),
          war.getParent(),
          onWildFly ? path("foyer.it.wildfly") : null,
          onWildFly ? path("foyer.it.wildflyConfig") : null,
          onWildFly ? path("foyer.it.eclipselink") : null);
    }

    private static Path path(String property) {
      var value =
          Objects.requireNonNull(
              System.getProperty(property),
              () -> "System property " + property + " is not set; run the ITs with mvn verify");
      return Path.of(value).toAbsolutePath();
    }
  }
}
