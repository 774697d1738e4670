package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.AdminApi.slugs;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an admin token must be beyond signature, issuer and expiry (README "Administration API"):
 * for Foyer's audience, at most {@code foyer.admin-token.max-lifetime} long (default PT2H), and not
 * issued in the future beyond {@code mp.jwt.verify.clock.skew} (60 s). The test server expects the
 * audience {@link FoyerServer#ADMIN_AUDIENCE}.
 */
@ExtendWith(FoyerServer.class)
class AdminTokensIT {

  private static HttpResponse<String> listSpaces(FoyerServer server, String token) {
    return server.browser().json().bearer(token).get("/api/admin/spaces");
  }

  @Test
  void acceptsATokenForTheConfiguredAudience(FoyerServer server) {
    var response = listSpaces(server, server.token());

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
  }

  @Test
  void acceptsATokenNamingFoyerAmongOtherAudiences(FoyerServer server) {
    var token = server.token("--audience", "https://crm.example.com," + FoyerServer.ADMIN_AUDIENCE);

    var response = listSpaces(server, token);

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
  }

  @Test
  void refusesATokenWithoutAudienceWithGen401(FoyerServer server) {
    var response = listSpaces(server, server.token("--audience", ""));

    assertProblem(response, 401, "GEN401");
  }

  @Test
  void refusesATokenForAnotherApplicationWithGen401(FoyerServer server) {
    var response = listSpaces(server, server.token("--audience", "https://crm.example.com"));

    assertProblem(response, 401, "GEN401");
  }

  @Test
  void refusesATokenForTheShippedDefaultAudienceWhenAnotherIsConfigured(FoyerServer server) {
    var response = listSpaces(server, server.token("--audience", "foyer"));

    assertProblem(response, 401, "GEN401");
  }

  @Test
  void refusesATokenValidForTenYearsWithGen401(FoyerServer server) {
    var response = listSpaces(server, server.token("--ttl", "P3650D"));

    assertProblem(response, 401, "GEN401");
    assertThat(Json.parse(response).path("detail").asText()).contains("lifetime");
  }

  @Test
  void acceptsALifetimeOfExactlyTheMaximum(FoyerServer server) {
    var response = listSpaces(server, server.token("--ttl", "PT2H"));

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
  }

  @Test
  void refusesALifetimeOneSecondOverTheMaximumWithGen401(FoyerServer server) {
    var response = listSpaces(server, server.token("--ttl", "PT2H1S"));

    assertProblem(response, 401, "GEN401");
    assertThat(Json.parse(response).path("detail").asText()).contains("lifetime");
  }

  @Test
  void refusesATokenIssuedInTheFutureWithGen401(FoyerServer server) {
    var response = listSpaces(server, server.token("--issued-in", "PT10M", "--ttl", "PT10M"));

    assertProblem(response, 401, "GEN401");
    assertThat(Json.parse(response).path("detail").asText()).contains("future");
  }

  @Test
  void acceptsAnIssueTimeAheadWithinTheClockSkew(FoyerServer server) {
    // 20 s ahead of the 60 s skew: room for the time the token takes to reach the server.
    var response = listSpaces(server, server.token("--issued-in", "PT40S"));

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
  }

  @Test
  void writesNothingForARefusedToken(FoyerServer server) {
    var slug = slug();

    var response =
        send(
            server,
            server.token("--ttl", "P3650D"),
            "POST",
            "/api/admin/spaces",
            "{\"slug\":\"" + slug + "\",\"name\":\"Ten years\"}");

    assertProblem(response, 401, "GEN401");
    var spaces = send(server, server.adminToken(), "GET", "/api/admin/spaces", null);
    assertThat(slugs(Json.parse(spaces))).doesNotContain(slug);
  }

  @Test
  void answersARefusedTokenWithAnHtmlPageToABrowser(FoyerServer server) {
    var response =
        server.browser().bearer(server.token("--ttl", "P3650D")).get("/api/admin/spaces");

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(response.body()).contains("GEN401");
  }
}
