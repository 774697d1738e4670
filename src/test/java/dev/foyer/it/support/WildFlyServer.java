package dev.foyer.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A WildFly installation made for one test run the way README "WildFly" tells an operator to: the
 * distribution Maven unpacked under {@code target/} copied (as if unzipped afresh), {@code
 * server-config/wildfly/install-modules.sh} and {@code configure.cli} run on it, the WAR copied
 * into {@code standalone/deployments}, and {@code standalone.sh} started with the README's options.
 * Only the ports differ: every socket binding is moved by one {@code
 * jboss.socket.binding.port-offset} chosen so that all of them are free, on 127.0.0.1 as the README
 * binds them.
 */
final class WildFlyServer {
  private static final System.Logger LOGGER = System.getLogger(WildFlyServer.class.getName());

  /** Every port of {@code standalone-microprofile.xml}'s socket bindings, before the offset. */
  private static final int[] PORTS = {8080, 8443, 9990, 9993, 4712, 4713, 8009};

  private static final String PROFILE = "standalone-microprofile.xml";

  private final Path home;
  private final Path log;
  private final int offset;

  private WildFlyServer(Path home, Path log, int offset) {
    this.home = home;
    this.log = log;
    this.offset = offset;
  }

  /**
   * Copies {@code distribution} to {@code home}, installs the modules and the configuration from
   * {@code config} for {@code db} ({@code postgresql}: {@code configure.cli} and the driver module;
   * {@code h2}: {@code configure-h2.cli} and no driver), deploys {@code war}; what the steps print
   * goes to {@code log}.
   */
  static WildFlyServer prepare(
      Path distribution,
      Path config,
      String db,
      Path eclipselinkJar,
      Path postgresqlJar,
      Path war,
      Path home,
      Path log) {
    if (!Files.isExecutable(distribution.resolve("bin/standalone.sh"))) {
      throw new IllegalStateException(
          "No WildFly at " + distribution + "; run the ITs with mvn verify, which unpacks it");
    }
    var server = new WildFlyServer(home, log, freeOffset());
    var started = System.nanoTime();
    // cp keeps the scripts' execute bits; a fresh copy per run, since configure.cli adds the
    // datasource once and fails on a configuration that has it.
    server.step("copy", "cp", "-a", distribution.toString(), home.toString());
    var copied = System.nanoTime();
    var install =
        new ArrayList<>(
            List.of(
                "sh",
                config.resolve("install-modules.sh").toString(),
                home.toString(),
                eclipselinkJar.toString()));
    if (db.equals("postgresql")) {
      install.add(postgresqlJar.toString());
    }
    server.step("install-modules.sh", install.toArray(String[]::new));
    var installed = System.nanoTime();
    var cli = db.equals("postgresql") ? "configure.cli" : "configure-h2.cli";
    server.step(cli, home.resolve("bin/jboss-cli.sh").toString(), "--file=" + config.resolve(cli));
    var configured = System.nanoTime();
    try {
      Files.copy(
          war,
          home.resolve("standalone/deployments/foyer.war"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LOGGER.log(
        System.Logger.Level.INFO,
        "WildFly prepared in {0,number,#} ms (copy {1,number,#}, install-modules.sh {2,number,#},"
            + " {3} {4,number,#}); port offset {5,number,#}",
        millis(started),
        (copied - started) / 1_000_000,
        (installed - copied) / 1_000_000,
        cli,
        (configured - installed) / 1_000_000,
        server.offset);
    return server;
  }

  /** The application's base URI: the {@code http} socket binding. */
  URI applicationUri() {
    return URI.create("http://127.0.0.1:" + (8080 + offset));
  }

  /** The management interface, where WildFly serves {@code /health} (README "WildFly"). */
  URI managementUri() {
    return URI.create("http://127.0.0.1:" + (9990 + offset));
  }

  /**
   * The README's start command, with the port offset and {@code systemProperties} (the application
   * settings, which the README also passes as {@code -D} options).
   */
  List<String> command(Map<String, String> systemProperties) {
    var command =
        new ArrayList<>(
            List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                PROFILE,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.tx.node.id=foyer-it",
                "-Djboss.socket.binding.port-offset=" + offset));
    systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    return command;
  }

  /** For every WildFly script: the JDK that runs the tests, not whatever is on the PATH. */
  static Map<String, String> environment() {
    return Map.of("JAVA_HOME", System.getProperty("java.home"));
  }

  /**
   * Why the deployment scanner gave up on the WAR ({@code foyer.war.failed} holds the failure), if
   * it did; the server then runs on without it.
   */
  Optional<String> failedDeployment() {
    var marker = home.resolve("standalone/deployments/foyer.war.failed");
    try {
      return Files.exists(marker)
          ? Optional.of(Files.readString(marker, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.of("(unreadable " + marker + ": " + e + ")");
    }
  }

  private void step(String name, String... command) {
    var started = System.nanoTime();
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "==> " + String.join(" ", command) + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      var builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(environment());
      var process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        Processes.destroyTree(process.toHandle(), Duration.ofSeconds(10));
        throw new IllegalStateException(name + " timed out" + Processes.tail(log, 40));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            name + " failed with exit code " + process.exitValue() + Processes.tail(log, 40));
      }
      Files.writeString(
          log,
          "==> %s done in %d ms%n".formatted(name, millis(started)),
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during " + name, e);
    }
  }

  /**
   * A port offset under which every socket binding's port is free on 127.0.0.1 now. Other builds on
   * the machine may run a WildFly of their own, so the default ports are never assumed free.
   */
  private static int freeOffset() {
    var random = new SecureRandom();
    for (var attempt = 0; attempt < 100; attempt++) {
      // Keeps 9993 + offset below 65536 and clear of the default ports.
      var offset = 10_000 + random.nextInt(45_000);
      if (allFree(offset)) {
        return offset;
      }
    }
    throw new IllegalStateException("No port offset with all of WildFly's ports free");
  }

  private static boolean allFree(int offset) {
    for (var port : PORTS) {
      try (var socket = new ServerSocket(port + offset, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private static long millis(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
