package dev.foyer.it.upgrade;

import dev.foyer.it.support.FoyerServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * A database as the release before Flyway left it ({@code src/test/resources/upgrade/<db>}: its
 * dump and the plaintext secrets, keys and cookies that went into it, see the README there),
 * restored into a fresh database with one Payara Micro of its own on it.
 */
final class CurrentRelease {
  private static final String POSTGRES_DATABASE = "foyer_upgrade";

  /**
   * Retention runs on the upgraded database every two seconds, but keeps login records for a
   * century: the dump's were made on 2026-11-30 and must still be listed whenever this runs. (What
   * retention deletes is RetentionIT's; here it must only leave the upgraded data working.)
   */
  private static final Map<String, String> RETENTION =
      Map.of("foyer.retention.interval", "PT2S", "foyer.retention.login-records", "P36500D");

  private final Properties fixture;
  private final Path dump;

  private CurrentRelease(Properties fixture, Path dump) {
    this.fixture = fixture;
    this.dump = dump;
  }

  static CurrentRelease of(String db) {
    var folder = resource("/upgrade/" + db);
    var fixture = new Properties();
    try (InputStream in = Files.newInputStream(folder.resolve("fixture.properties"))) {
      fixture.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CurrentRelease(fixture, folder.resolve("dump.sql"));
  }

  String get(String key) {
    return Objects.requireNonNull(
        fixture.getProperty(key), () -> "fixture.properties has no " + key);
  }

  /**
   * Restores the dump and starts the WAR under test on it, with the secrets key it was sealed with.
   */
  FoyerServer.Extra restoreAndStart(FoyerServer shared) {
    if (shared.db().equals("postgresql")) {
      shared.postgres().orElseThrow().restore(POSTGRES_DATABASE, dump);
      return shared.startExtra(
          "upgrade", get("secrets.key"), root -> {}, POSTGRES_DATABASE, RETENTION, false);
    }
    return shared.startExtra(
        "upgrade", get("secrets.key"), this::restoreH2, null, RETENTION, false);
  }

  /**
   * Payara Micro's H2Pool is {@code <root>/lib/databases/embedded_default}: create it from the
   * dump.
   */
  private void restoreH2(Path payaraRoot) {
    try {
      var databases = Files.createDirectories(payaraRoot.resolve("lib/databases"));
      var h2 = databases.resolve("h2.jar");
      // The H2 that Payara Micro bundles, so the file is in the format its H2Pool reads.
      var micro = Path.of(System.getProperty("foyer.it.runtime"), "payara-micro.jar");
      try (var zip = new ZipFile(micro.toFile());
          var in = zip.getInputStream(zip.getEntry("MICRO-INF/runtime/h2.jar"))) {
        Files.copy(in, h2, StandardCopyOption.REPLACE_EXISTING);
      }
      var log = databases.resolve("restore.log");
      var process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  h2.toString(),
                  "org.h2.tools.RunScript",
                  "-url",
                  "jdbc:h2:" + databases.resolve("embedded_default"),
                  "-user",
                  "",
                  "-script",
                  dump.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("H2 restore failed: " + Files.readString(log));
      }
      Files.delete(h2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while restoring the H2 dump", e);
    }
  }

  private static Path resource(String name) {
    var url =
        Objects.requireNonNull(
            CurrentRelease.class.getResource(name), () -> "No test resource " + name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
