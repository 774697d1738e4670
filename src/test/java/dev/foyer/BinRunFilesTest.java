package dev.foyer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/run} keeps the admin signing key, the secrets key and the H2 database to its user
 * (README "Run"). Runs a copy of the script in a scratch checkout up to its build, with a stand-in
 * {@code mvn} that records the umask everything after it (Maven, then the server and its database)
 * runs with, and stops the script there.
 */
class BinRunFilesTest {
  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  @Test
  void makesKeysAndSecretsOwnerOnlyAndBuildsAndRunsUnderUmask077(@TempDir Path checkout)
      throws Exception {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    var bin = Files.createDirectories(checkout.resolve("bin"));
    Files.copy(Path.of("bin/run"), bin.resolve("run"));
    Files.copy(Path.of("bin/AdminToken.java"), bin.resolve("AdminToken.java"));
    var dev = checkout.resolve("target/dev");
    // What an earlier run (before the umask) left readable to everyone.
    var leftOver = Files.createDirectories(dev.resolve("payara/lib/databases"));
    var oldDatabase = Files.writeString(leftOver.resolve("embedded_default.mv.db"), "data");
    Files.setPosixFilePermissions(oldDatabase, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(dev, PosixFilePermissions.fromString("rwxr-xr-x"));
    var fakeBin = Files.createDirectories(checkout.resolve("fake-bin"));
    var umaskSeen = checkout.resolve("umask-seen-by-mvn");
    Files.writeString(fakeBin.resolve("mvn"), "#!/bin/sh\numask > '" + umaskSeen + "'\nexit 42\n");
    Files.setPosixFilePermissions(
        fakeBin.resolve("mvn"), PosixFilePermissions.fromString("rwx------"));

    var process =
        new ProcessBuilder("bash", bin.resolve("run").toString())
            .redirectErrorStream(true)
            .redirectOutput(checkout.resolve("run.log").toFile());
    var java = Path.of(System.getProperty("java.home"), "bin");
    process.environment().put("PATH", fakeBin + ":" + java + ":" + System.getenv("PATH"));
    var run = process.start();
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("bin/run finished").isTrue();

    var log = Files.readString(checkout.resolve("run.log"), StandardCharsets.UTF_8);
    assertThat(run.exitValue())
        .as("exit code (42: it reached the build); log:\n" + log)
        .isEqualTo(42);
    assertThat(Files.readString(umaskSeen).strip()).isEqualTo("0077");
    assertThat(Files.getPosixFilePermissions(dev)).isEqualTo(OWNER_ONLY_DIR);
    assertThat(Files.getPosixFilePermissions(dev.resolve("keys"))).isEqualTo(OWNER_ONLY_DIR);
    for (var file : Stream.of("keys/private.pem", "keys/public.pem", "secrets.key").toList()) {
      assertThat(Files.getPosixFilePermissions(dev.resolve(file)))
          .as(file)
          .isEqualTo(OWNER_ONLY_FILE);
    }
    assertThat(Files.readString(dev.resolve("keys/private.pem"))).contains("PRIVATE KEY");
    assertThat(Files.readString(dev.resolve("secrets.key")).strip()).hasSize(44);
    assertThat(Files.getPosixFilePermissions(oldDatabase)).isEqualTo(OWNER_ONLY_FILE);
    assertThat(Files.getPosixFilePermissions(leftOver)).isEqualTo(OWNER_ONLY_DIR);
  }
}
