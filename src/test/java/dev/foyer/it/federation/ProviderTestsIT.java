package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.MockProvider;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 002's Test Integration (named so that surefire's Test* pattern leaves it to failsafe): an
 * administrator's single-use link runs the provider's real sign-in in test mode and shows what the
 * provider answered (tokens masked), what each attribute key found, and what the sign-in would do,
 * writing no member and no session.
 */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class ProviderTestsIT {
  private static MockProvider provider;

  @BeforeAll
  static void startProvider() {
    provider = MockProvider.start();
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void showsTheProvidersAnswersMaskedAndWhatEachKeyFoundWithoutSigningAnyoneIn(FoyerServer server) {
    var slug = createSpace(server);
    addProvider(server, slug, Map.of("nickname", "profile.nicknames.1"), false);
    provider.nextSignIn(
        slug,
        "emp-9009",
        Map.of(
            "email",
            "tess@corp.example",
            "email_verified",
            true,
            "profile",
            Map.of("nicknames", java.util.List.of("Tess", "T"))));
    var link = startTest(server, slug);
    var browser = server.browser().json();

    var report = runTest(browser, link);

    assertThat(report.statusCode()).as(describe(report)).isEqualTo(200);
    var json = Json.parse(report);
    assertThat(json.path("outcome").asText()).isEqualTo("would-sign-in");
    assertThat(json.path("provider").path("enabled").asBoolean()).isFalse();
    assertThat(json.path("tokenResponse").path("access_token").asText()).contains("characters");
    assertThat(json.path("tokenResponse").path("id_token").asText()).contains("characters");
    assertThat(json.path("idTokenClaims").path("sub").asText()).isEqualTo("emp-9009");
    assertThat(json.path("userInfo").path("profile").path("nicknames").path(1).asText())
        .isEqualTo("T");
    assertThat(json.path("attributes").path("nickname").path("value").asText()).isEqualTo("T");
    assertThat(json.path("attributes").path("nickname").path("key").asText())
        .isEqualTo("profile.nicknames.1");
    assertThat(json.path("attributes").path("givenName").path("reason").asText())
        .contains("given_name");
    assertThat(json.path("member").path("new").asBoolean()).isTrue();
    // No token value anywhere in the answer, and nobody signed in.
    assertThat(report.body()).doesNotContain("eyJ");
    assertThat(browser.cookies().stream().map(cookie -> cookie.getName()))
        .noneMatch(name -> name.startsWith("foyer-session"));
    assertThat(reconcile(server, slug, "emp-9009", "corp")).isEmpty();
    var records = Json.parse(loginRecords(server, slug));
    assertThat(records.findValuesAsText("door")).contains("federation-test");
    assertThat(records.findValuesAsText("memberId")).isEmpty();
  }

  @Test
  void reportsTheErrorCodeAndWhyTheUniqueKeyFoundNothing(FoyerServer server) {
    var slug = createSpace(server);
    addProvider(server, slug, Map.of("unique", "employee.number"), true);
    provider.nextSignIn(slug, "emp-9010", Map.of("employee", Map.of("name", "Ned")));
    var browser = server.browser();

    var page = runTest(browser, startTest(server, slug));

    assertThat(page.statusCode()).as(describe(page)).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body())
        .contains("UM1")
        .contains("no member &#39;number&#39; in &#39;employee&#39;");
    assertThat(page.body()).contains("&quot;name&quot;: &quot;Ned&quot;");
    var records = Json.parse(loginRecords(server, slug));
    assertThat(records.findValuesAsText("code")).contains("UM1");
  }

  @Test
  void aTestLinkWorksOnceAndOnlyForAdministrators(FoyerServer server) {
    var slug = createSpace(server);
    addProvider(server, slug, Map.of(), true);
    var link = startTest(server, slug);
    var browser = server.browser().json();

    var first = browser.get(link);
    var second = browser.get(link);

    assertThat(first.statusCode()).as(describe(first)).isEqualTo(302);
    assertProblem(second, 400, "FLOW1");
    var anonymous =
        server
            .browser()
            .json()
            .send(
                server
                    .browser()
                    .request("/api/admin/spaces/" + slug + "/identity-providers/corp/tests")
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertProblem(
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers/nope/tests",
            "{}"),
        404,
        "IDP2");
  }

  private static HttpResponse<String> runTest(Browser browser, String link) {
    var entry = browser.get(link);
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    return browser.get(callback.toString());
  }

  private static String startTest(FoyerServer server, String slug) {
    var started =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers/corp/tests",
            "{}");
    assertThat(started.statusCode()).as(describe(started)).isEqualTo(201);
    JsonNode body = Json.parse(started);
    assertThat(body.path("expiresAt").asText()).isNotEmpty();
    return body.path("url").asText();
  }

  private static String loginRecords(FoyerServer server, String slug) {
    var records =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/" + slug + "/login-records",
            null);
    assertThat(records.statusCode()).as(describe(records)).isEqualTo(200);
    return records.body();
  }

  private static void addProvider(
      FoyerServer server, String slug, Map<String, String> keys, boolean enabled) {
    var attributeKeys = Json.object();
    keys.forEach(attributeKeys::put);
    var body =
        Json.object()
            .put("alias", "corp")
            .put("kind", "OIDC")
            .put("enabled", enabled)
            .put("issuer", provider.issuer(slug))
            .put("clientId", "foyer")
            .put("clientSecret", "corp-secret");
    if (!keys.isEmpty()) {
      body.set("attributeKeys", attributeKeys);
    }
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers",
            Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }
}
