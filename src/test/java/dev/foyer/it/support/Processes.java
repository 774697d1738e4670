package dev.foyer.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Child processes, ports and scratch directories of the test harness. */
final class Processes {
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

  private Processes() {}

  /**
   * Runs a short command to completion and returns its standard output, stripped. A non-zero exit
   * or a timeout fails with the command's output, so the test report says what went wrong.
   */
  static String run(Duration timeout, String... command) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("foyer-it", ".out");
      err = Files.createTempFile("foyer-it", ".err");
      var process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        destroyTree(process.toHandle(), Duration.ofSeconds(5));
        throw new IllegalStateException(
            "Timed out after %s: %s%s"
                .formatted(timeout, String.join(" ", command), output(out, err)));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "Exit code %d: %s%s"
                .formatted(process.exitValue(), String.join(" ", command), output(out, err)));
      }
      return Files.readString(out, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static String output(Path out, Path err) throws IOException {
    return "\n--- stdout ---\n"
        + Files.readString(out, StandardCharsets.UTF_8)
        + "\n--- stderr ---\n"
        + Files.readString(err, StandardCharsets.UTF_8);
  }

  /** Asks a process and all its descendants to stop, then kills whatever outlives the grace. */
  static void destroyTree(ProcessHandle root, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    tree.forEach(ProcessHandle::destroy);
    var deadline = System.nanoTime() + grace.toNanos();
    for (var handle : tree) {
      var left = Math.max(0, deadline - System.nanoTime());
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        // still alive after the grace period: killed below
      }
    }
    for (var handle : tree) {
      if (handle.isAlive()) {
        handle.destroyForcibly();
        try {
          handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          // nothing more can be done about a process that survives SIGKILL
        }
      }
    }
  }

  /** A TCP port that is free on 127.0.0.1 right now. */
  static int freeLoopbackPort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** The last lines of a log file, ready to append to a failure message. */
  static String tail(Path log, int lines) {
    try {
      if (!Files.exists(log)) {
        return "\n(no log at " + log + ")";
      }
      var all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      var from = Math.max(0, all.size() - lines);
      var last = all.subList(from, all.size()).stream().map(Processes::plain).toList();
      return "\n--- last %d lines of %s ---\n%s"
          .formatted(last.size(), log, String.join("\n", last));
    } catch (IOException | UncheckedIOException e) {
      return "\n(could not read " + log + ": " + e + ")";
    }
  }

  /** A log line without terminal colour codes, which Payara writes even into files. */
  static String plain(String line) {
    return ANSI_ESCAPE.matcher(line).replaceAll("");
  }

  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e)
                throws IOException {
              Files.delete(directory);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      System.getLogger(Processes.class.getName())
          .log(System.Logger.Level.WARNING, "could not delete " + dir, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a leftover temp file is harmless
    }
  }
}
