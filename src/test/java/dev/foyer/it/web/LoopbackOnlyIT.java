package dev.foyer.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server listens on 127.0.0.1 only (README "Run", "Payara", "WildFly"): every listening TCP
 * socket of its processes, HTTP, HTTPS, management and whatever else it opens, read from Linux's
 * {@code /proc}.
 */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class LoopbackOnlyIT {
  private static final String LISTEN = "0A";

  @Test
  void listensOnLoopbackOnly(FoyerServer server) throws IOException {
    var sockets = socketInodes(server.process());
    var listening = new ArrayList<String>();
    for (var table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (var line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
        var fields = line.trim().split("\\s+");
        if (fields[3].equals(LISTEN) && sockets.contains(fields[9])) {
          listening.add(fields[1]);
        }
      }
    }

    assertThat(listening).as("listening sockets of the server").isNotEmpty();
    for (var local : listening) {
      var address = address(local.substring(0, local.indexOf(':')));
      var port = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
      assertThat(address.isLoopbackAddress())
          .as("%s listens on %s port %d", server.server(), address.getHostAddress(), port)
          .isTrue();
    }
  }

  /** The inodes of the sockets the process and its descendants hold open. */
  private static Set<String> socketInodes(ProcessHandle root) {
    var inodes = new HashSet<String>();
    var processes = Stream.concat(Stream.of(root), root.descendants()).toList();
    for (var process : processes) {
      var fds = Path.of("/proc", Long.toString(process.pid()), "fd");
      try (var links = Files.list(fds)) {
        for (var link : links.toList()) {
          try {
            var target = Files.readSymbolicLink(link).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring("socket:[".length(), target.length() - 1));
            }
          } catch (IOException e) {
            // closed since it was listed
          }
        }
      } catch (IOException e) {
        if (process.isAlive()) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return inodes;
  }

  /**
   * An address as {@code /proc/net/tcp*} prints it: the bytes of each 32-bit word in the host's
   * (little-endian) order.
   */
  private static InetAddress address(String hex) {
    var bytes = HexFormat.of().parseHex(hex);
    for (var word = 0; word < bytes.length; word += 4) {
      for (var i = 0; i < 2; i++) {
        var swap = bytes[word + i];
        bytes[word + i] = bytes[word + 3 - i];
        bytes[word + 3 - i] = swap;
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
