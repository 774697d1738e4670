package dev.foyer.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the machine's Debian packages, on loopback only.
 *
 * <p>initdb and postgres refuse to run as root, and CI runs as root: then every server command runs
 * as the {@code postgres} user that the Debian package creates, and the cluster directory belongs
 * to it. Unix-socket connections are trusted (the harness creates the role over the socket); TCP
 * connections, the ones the application makes, need the password.
 */
public final class PostgresServer implements AutoCloseable {
  private static final System.Logger LOGGER = System.getLogger(PostgresServer.class.getName());
  private static final String DATABASE = "foyer";
  private static final String USER = "foyer";

  private final Path bin;
  private final Path dir;
  private final Path logCopy;
  private final boolean asPostgresUser;
  private final int port;
  private final String password;
  private volatile boolean running;

  private PostgresServer(Path bin, Path dir, Path logCopy, boolean asPostgresUser, int port) {
    this.bin = bin;
    this.dir = dir;
    this.logCopy = logCopy;
    this.asPostgresUser = asPostgresUser;
    this.port = port;
    this.password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
  }

  /** Starts a new cluster; its server log is copied to {@code logCopy} when it stops. */
  public static PostgresServer start(Path logCopy) {
    var bin = findBinaries();
    try {
      var dir = Files.createTempDirectory("foyer-pg");
      var server =
          new PostgresServer(bin, dir, logCopy, Processes.isRoot(), Processes.freeLoopbackPort());
      try {
        server.initAndStart();
      } catch (RuntimeException | Error e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  public String database() {
    return DATABASE;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return password;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://%s:%d/%s".formatted(host(), port, DATABASE);
  }

  private void initAndStart() throws IOException {
    if (asPostgresUser) {
      Processes.run(Duration.ofSeconds(30), "chown", "-R", "postgres:postgres", dir.toString());
    }
    var started = System.nanoTime();
    server(
        Duration.ofSeconds(120),
        bin.resolve("initdb").toString(),
        "--pgdata=" + data(),
        "--username=postgres",
        "--encoding=UTF8",
        "--locale=C",
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--no-sync");
    server(
        Duration.ofSeconds(120),
        bin.resolve("pg_ctl").toString(),
        "--pgdata=" + data(),
        "--log=" + log(),
        "--wait",
        "--timeout=90",
        // fsync off: the cluster is thrown away after the run, so durability buys nothing.
        "--options=-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c full_page_writes=off -c log_connections=on"
            .formatted(port, dir),
        "start");
    running = true;
    psql("CREATE ROLE %s LOGIN PASSWORD '%s'".formatted(USER, password));
    psql("CREATE DATABASE %s OWNER %s ENCODING 'UTF8'".formatted(DATABASE, USER));
    LOGGER.log(
        System.Logger.Level.INFO,
        "PostgreSQL {0} on 127.0.0.1:{1,number,#} ready in {2,number,#} ms",
        bin.getParent().getFileName(),
        port,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** A new, empty database owned by the application's role. */
  public void createDatabase(String database) {
    psql("CREATE DATABASE %s OWNER %s ENCODING 'UTF8'".formatted(database, USER));
  }

  /**
   * A new database owned by the application's role, filled from a plain-SQL dump ({@code pg_dump
   * --no-owner}) run as that role, so its objects belong to the application as the harness's own
   * database's do.
   */
  public void restore(String database, Path dump) {
    createDatabase(database);
    var copy = dir.resolve(database + ".sql");
    try {
      Files.copy(dump, copy, StandardCopyOption.REPLACE_EXISTING);
      if (asPostgresUser) {
        Processes.run(Duration.ofSeconds(30), "chown", "postgres:postgres", copy.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server(
        Duration.ofSeconds(120),
        bin.resolve("psql").toString(),
        "--no-psqlrc",
        "--quiet",
        "--set=ON_ERROR_STOP=1",
        "--host=" + dir,
        "--port=" + port,
        "--username=" + USER,
        "--dbname=" + database,
        "--file=" + copy);
  }

  private void psql(String sql) {
    server(
        Duration.ofSeconds(30),
        bin.resolve("psql").toString(),
        "--no-psqlrc",
        "--quiet",
        "--set=ON_ERROR_STOP=1",
        "--host=" + dir,
        "--port=" + port,
        "--username=postgres",
        "--dbname=postgres",
        "--command=" + sql);
  }

  private void server(Duration timeout, String... command) {
    var line = new ArrayList<String>();
    if (asPostgresUser) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    try {
      Processes.run(timeout, line.toArray(String[]::new));
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + Processes.tail(log(), 40), e);
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  private Path log() {
    return dir.resolve("postgresql.log");
  }

  @Override
  public synchronized void close() {
    try {
      if (running) {
        running = false;
        server(
            Duration.ofSeconds(60),
            bin.resolve("pg_ctl").toString(),
            "--pgdata=" + data(),
            "--mode=fast",
            "--wait",
            "stop");
      }
    } catch (RuntimeException e) {
      LOGGER.log(System.Logger.Level.WARNING, "pg_ctl stop failed", e);
    } finally {
      try {
        if (Files.exists(log())) {
          Files.createDirectories(logCopy.getParent());
          Files.copy(log(), logCopy, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        LOGGER.log(System.Logger.Level.WARNING, "could not keep the PostgreSQL log", e);
      }
      Processes.deleteRecursively(dir);
    }
  }

  /** The newest {@code /usr/lib/postgresql/<version>/bin} that has initdb. */
  static Path findBinaries() {
    var root = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.exists(root) ? Files.list(root) : Stream.empty()) {
      return versions
          .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
          .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
          .map(v -> v.resolve("bin"))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "No PostgreSQL server found under /usr/lib/postgresql/*/bin/initdb;"
                          + " install the Debian package 'postgresql' (.ci/run does)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
