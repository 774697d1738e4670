package dev.foyer.it.metrics;

import static dev.foyer.it.support.AdminApi.uriAuth;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.AdminApi;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operators' metrics (README "Metrics"): what a sign-in and a refusal move, in Prometheus' text
 * format, and who may read them. The server is shared with every other IT, so counters are read
 * before and after; the space {@link FoyerServer#METRICS_SPACE} is this class's alone, so its
 * series move by exactly what this class does. Counting runs on both databases (it hangs on the
 * login record's commit); the format and who may read it do not depend on the database and run on
 * H2 only.
 */
@ExtendWith(FoyerServer.class)
@Tag("wildfly-smoke")
class MetricsIT {
  private static final String PATH = "/api/admin/metrics";
  private static final String SPACE = FoyerServer.METRICS_SPACE;

  // One sample line of the 0.0.4 text format: name, optional {label="escaped value",...}, number.
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
              + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*\\})?)"
              + " ([-+]?(?:[0-9]+(?:\\.[0-9]+)?|Inf|NaN))");
  private static final Pattern COMMENT =
      Pattern.compile(
          "# (?:HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]*"
              + " (?:counter|gauge|histogram))");

  @BeforeAll
  static void createTheWatchedSpace(FoyerServer server) {
    var created =
        AdminApi.createSpace(
            server, Json.object().put("slug", SPACE).put("name", "Watched by the metrics"));
    // 409: a run against a server that already has it (a second IT class, a rerun).
    assertThat(created.statusCode()).as(describe(created)).isIn(201, 409);
  }

  @Test
  void countsASignInAndARefusalOfTheWatchedSpaceByExactlyOne(FoyerServer server) {
    var accepted = "foyer_signins_total{door=\"uri-auth\",outcome=\"accepted\",space=\"" + SPACE;
    var refused = "foyer_signins_total{door=\"uri-auth\",outcome=\"refused\",space=\"" + SPACE;
    var code = "foyer_signin_refusals_total{door=\"uri-auth\",code=\"UAEV2\",space=\"" + SPACE;
    var timedAccepted =
        "foyer_signin_duration_seconds_count{door=\"uri-auth\",outcome=\"accepted\"}";
    var timedRefused = "foyer_signin_duration_seconds_count{door=\"uri-auth\",outcome=\"refused\"}";
    var before = scrape(server);

    var signIn = server.browser().get(uriAuth(SPACE, "crm-" + hex(6)));
    var refusal = server.browser().json().get(uriAuth(SPACE, "crm-" + hex(6)) + "&eventid=nope");
    var after = scrape(server);

    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    assertProblem(refusal, 404, "UAEV2");
    assertThat(delta(before, after, accepted + "\"}")).isEqualTo(1);
    assertThat(delta(before, after, refused + "\"}")).isEqualTo(1);
    assertThat(delta(before, after, code + "\"}")).isEqualTo(1);
    assertThat(delta(before, after, timedAccepted)).isGreaterThanOrEqualTo(1);
    assertThat(delta(before, after, timedRefused)).isGreaterThanOrEqualTo(1);
    // A bucket as wide as everything holds every timed attempt.
    assertThat(
            after.get(
                "foyer_signin_duration_seconds_bucket{door=\"uri-auth\",outcome=\"accepted\","
                    + "le=\"+Inf\"}"))
        .isEqualTo(after.get(timedAccepted));
    assertThat(after.get("foyer_sessions_active")).isGreaterThanOrEqualTo(1);
    assertThat(after).containsKey("foyer_flow_states_pending");
  }

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void putsAnAccountThatIsNotListedUnderOther(FoyerServer server) {
    var other = "foyer_signin_refusals_total{door=\"uri-auth\",code=\"UAACCT2\",space=\"_other\"}";
    var before = scrape(server);
    var account = "no-such-space-" + hex(6);

    var refusal = server.browser().json().get(uriAuth(account, "crm-1"));
    var after = scrape(server);

    assertProblem(refusal, 404, "UAACCT2");
    assertThat(delta(before, after, other)).isEqualTo(1);
    assertThat(after.keySet()).noneMatch(series -> series.contains(account));
  }

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void servesTheTextFormatToTheScrapeToken(FoyerServer server) {
    var response =
        server
            .browser()
            .withHeader("Authorization", "Metrics " + FoyerServer.METRICS_TOKEN)
            .get(PATH);

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    // Parameters in any order (Jersey sorts them).
    assertThat(response.headers().firstValue("Content-Type").orElse("").replace(" ", "").split(";"))
        .containsExactlyInAnyOrder("text/plain", "version=0.0.4", "charset=utf-8");
    assertThat(response.body()).endsWith("\n");
    for (var line : response.body().split("\n")) {
      assertThat(SAMPLE.matcher(line).matches() || COMMENT.matcher(line).matches())
          .as("a line of the text format: %s", line)
          .isTrue();
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void refusesAnAnonymousCallerWithGen401(FoyerServer server) {
    assertProblem(server.browser().json().get(PATH), 401, "GEN401");
  }

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void refusesAWrongScrapeTokenWithGen401(FoyerServer server) {
    var response =
        server
            .browser()
            .json()
            .withHeader("Authorization", "Metrics " + FoyerServer.METRICS_TOKEN + "x")
            .get(PATH);

    assertProblem(response, 401, "GEN401");
  }

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void refusesTheScrapeTokenSentAsABearerTokenWithGen401(FoyerServer server) {
    var response = server.browser().json().bearer(FoyerServer.METRICS_TOKEN).get(PATH);

    assertProblem(response, 401, "GEN401");
  }

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void refusesASpaceAdministratorWithAdm7(FoyerServer server) {
    var token = server.token("--groups", "foyer-space-admin", "--space", SPACE);

    assertProblem(server.browser().json().bearer(token).get(PATH), 403, "ADM7");
  }

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void refusesATokenWithoutAnAdminGroupWithGen403(FoyerServer server) {
    var token = server.token("--groups", "foyer-member");

    assertProblem(server.browser().json().bearer(token).get(PATH), 403, "GEN403");
  }

  /** The samples of a scrape with a foyer-admin token, by series (name and labels). */
  private static Map<String, Double> scrape(FoyerServer server) {
    var response = server.browser().bearer(server.adminToken()).get(PATH);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    var samples = new LinkedHashMap<String, Double>();
    for (var line : response.body().split("\n")) {
      var sample = SAMPLE.matcher(line);
      if (sample.matches()) {
        samples.put(sample.group(1), Double.valueOf(sample.group(2).replace("Inf", "Infinity")));
      }
    }
    return samples;
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
    assertThat(after).as("series after").containsKey(key);
    return after.get(key) - before.getOrDefault(key, 0.0);
  }
}
