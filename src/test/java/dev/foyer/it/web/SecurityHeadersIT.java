package dev.foyer.it.web;

import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.AdminApi;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.SsoSpace;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The headers every answer carries (README "Security headers"): a Content-Security-Policy that
 * allows only Foyer's own origin, nosniff, no referrer, no caching of anything that carries a token
 * or a session, and framing only of a space's pages by the space's allowed origins.
 */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class SecurityHeadersIT {
  static final String POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; ";

  @Test
  void spacePagesMayBeFramedByTheSpacesAllowedOriginsOnly(FoyerServer server) {
    var slug =
        AdminApi.createSpace(
            server,
            Map.of(
                "allowedOrigins",
                List.of("https://intranet.example.test", "http://portal.example.test:8080")));
    var browser = server.browser();
    var event = AdminApi.createEvent(server, slug);

    for (var path : List.of("/spaces/" + slug, "/spaces/" + slug + "/events/" + event)) {
      // The event page refuses a browser without a session (SES1): its refusal is framed alike.
      var response = browser.get(path);

      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as(describe(response))
          .hasValue(
              POLICY
                  + "frame-ancestors 'self' https://intranet.example.test"
                  + " http://portal.example.test:8080");
      assertThat(response.headers().firstValue("X-Frame-Options"))
          .as("no X-Frame-Options to contradict the policy: " + response.headers().map())
          .isEmpty();
      assertCommonHeaders(response);
    }
  }

  @Test
  void aSpaceWithoutAllowedOriginsIsFramedByFoyerAlone(FoyerServer server) {
    var slug = AdminApi.createSpace(server);

    var response = server.browser().get("/spaces/" + slug);

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .hasValue(POLICY + "frame-ancestors 'self'");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    assertCommonHeaders(response);
  }

  @Test
  void everyOtherAnswerRefusesFraming(FoyerServer server) {
    var slug = AdminApi.createSpace(server);
    var browser = server.browser();
    var answers =
        List.of(
            browser.get("/spaces/no-such-space"),
            browser.get("/no/such/page"),
            browser.get("/auth/uri?account=" + slug),
            browser.get(AdminApi.uriAuth(slug, "crm-2")),
            browser.json().get("/api/me?account=" + slug),
            // MP-JWT refuses a bad token before any of Foyer's code runs (the error dispatch).
            browser.json().bearer("not-a-token").get("/api/admin/spaces"),
            browser.json().bearer(server.adminToken()).get("/api/admin/spaces/" + slug));

    for (var response : answers) {
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as(describe(response))
          .hasValue(POLICY + "frame-ancestors 'none'");
      assertThat(response.headers().firstValue("X-Frame-Options"))
          .as(describe(response))
          .hasValue("DENY");
      assertCommonHeaders(response);
    }
  }

  @Test
  void answersCarryingATokenOrASessionAreNeverStored(FoyerServer server) {
    var space = SsoSpace.create(server);
    var admin = space.admin();
    var browser = server.browser();
    var origin = "https://plugin.example.test";
    var slug = AdminApi.createSpace(server, Map.of("allowedOrigins", List.of(origin)));
    var token = server.adminToken();
    var answers =
        List.of(
            // the space's signing secret
            admin.postJson(
                "/api/admin/spaces",
                Json.write(Json.object().put("slug", "s-" + space.slug).put("name", "S"))),
            AdminApi.send(
                server, token, "POST", "/api/admin/spaces/" + slug + "/signing-secret", null),
            // the JWT SSO key
            AdminApi.send(
                server, token, "POST", "/api/admin/spaces/" + space.slug + "/sso/key", null),
            // session cookies and the plugin's session token
            space.signIn(browser, space.token(SsoSpace.claims(SsoSpace.newSub()))),
            browser.get(AdminApi.uriAuth(slug, "crm-3")),
            browser.postJson(
                "/auth/programmatic",
                Json.write(Json.object().put("account", slug).put("givenName", "Sue")),
                "Origin",
                origin),
            browser.json().get("/api/me?account=" + slug),
            browser.postForm("/auth/logout", "account", slug));

    for (var response : answers) {
      assertThat(response.statusCode()).as(describe(response)).isLessThan(400);
      assertThat(response.headers().allValues("Cache-Control"))
          .as(describe(response))
          .isNotEmpty()
          .allSatisfy(value -> assertThat(value).contains("no-store"));
    }
  }

  @Test
  void theStaticScriptAndStylesheetMayBeCachedAndAreNotSniffed(FoyerServer server) {
    for (var path : List.of("/foyer-plugin.js", "/foyer.css")) {
      var response = server.browser().get(path);

      assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
      assertThat(response.headers().firstValue("Cache-Control"))
          .hasValueSatisfying(
              value -> assertThat(value).contains("max-age=300").doesNotContain("no-store"));
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(
              type ->
                  assertThat(type)
                      .startsWith(path.endsWith(".js") ? "text/javascript" : "text/css"));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  private static void assertCommonHeaders(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("X-Content-Type-Options"))
        .as(describe(response))
        .hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy"))
        .as(describe(response))
        .hasValue("no-referrer");
    assertThat(response.headers().allValues("Content-Security-Policy"))
        .as("one policy only: " + describe(response))
        .hasSize(1);
    assertThat(response.headers().firstValue("Cache-Control"))
        .as(describe(response))
        .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
  }
}
