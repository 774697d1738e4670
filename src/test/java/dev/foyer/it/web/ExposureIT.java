package dev.foyer.it.web;

import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the server tells strangers about itself (README "Security headers"): no server name or
 * version, no metrics, no WADL map of the API, and no stack trace in the log for a bad bearer
 * token.
 */
@ExtendWith(FoyerServer.class)
class ExposureIT {

  @Test
  void noAnswerNamesTheServer(FoyerServer server) {
    var browser = server.browser();
    var answers =
        List.of(
            browser.get("/spaces/no-such-space"),
            browser.get("/foyer-plugin.js"),
            browser.json().get("/health/ready"),
            browser.json().get("/openapi"),
            browser.json().bearer("not-a-token").get("/api/admin/spaces"));

    for (var response : answers) {
      assertThat(response.headers().firstValue("Server")).as(describe(response)).isEmpty();
      assertThat(response.headers().firstValue("X-Powered-By")).as(describe(response)).isEmpty();
    }
  }

  @Test
  void metricsAreOff(FoyerServer server) {
    for (var path :
        List.of("/metrics", "/metrics/base", "/metrics/vendor", "/metrics/application")) {
      for (var accept : List.of("text/plain", "application/json")) {
        var response = server.browser().get(path, "Accept", accept);

        // Payara's switched-off endpoint refuses; Foyer's error page renders the refusal.
        assertThat(response.statusCode()).as(describe(response)).isEqualTo(403);
        assertThat(response.body()).as(describe(response)).contains("GEN403");
        assertThat(response.body()).as(describe(response)).doesNotContain("# TYPE", "jvm", "base_");
      }
    }
  }

  @Test
  void servesNoWadl(FoyerServer server) {
    var browser = server.browser();
    var wadl = browser.get("/application.wadl", "Accept", "application/vnd.sun.wadl+xml");
    var options =
        List.of(
            browser.send(
                browser
                    .request("/api/admin/spaces", "Accept", "*/*")
                    .method("OPTIONS", BodyPublishers.noBody())),
            browser.send(
                browser
                    .request("/auth/uri", "Accept", "application/vnd.sun.wadl+xml")
                    .method("OPTIONS", BodyPublishers.noBody())));

    assertThat(wadl.statusCode()).as(describe(wadl)).isEqualTo(404);
    for (var response : options) {
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .as(describe(response))
          .doesNotContain("wadl");
      assertThat(response.body()).as(describe(response)).doesNotContain("<application", "wadl");
    }
  }

  @Test
  void aBadBearerTokenLeavesNoStackTraceInTheLog(FoyerServer server) throws Exception {
    var log = server.log();
    long before = Files.size(log);
    var valid = server.adminToken();
    var forged =
        valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
    var tokens = List.of("garbage", forged, server.token("--ttl", "-PT1H"), "a.b.c");

    for (var token : tokens) {
      var response = server.browser().json().bearer(token).get("/api/admin/spaces");

      assertThat(response.statusCode()).as(describe(response)).isEqualTo(401);
      assertThat(response.body()).as(describe(response)).contains("GEN401");
    }
    // The log is written as the request is refused; give a slow machine a moment.
    Thread.sleep(1000);
    var written = tail(log, before);
    assertThat(written)
        .as("log written while refusing bad bearer tokens")
        .doesNotContain("Exception trying to parse JWT token")
        .doesNotContainPattern("(?m)^\\s+at [a-z]+\\.")
        .doesNotContain(forged);
  }

  private static String tail(java.nio.file.Path log, long from) {
    try (var file = new RandomAccessFile(log.toFile(), "r")) {
      var bytes = new byte[(int) Math.max(0, file.length() - from)];
      file.seek(from);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
