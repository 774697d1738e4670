package dev.foyer.it.console;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator console's session (README "Operator console"): a single-use link made with an admin
 * token opens a console session with that token's role; the session calls the admin API as the
 * token would, and a change needs the session's CSRF token and Foyer's own origin.
 */
@ExtendWith(FoyerServer.class)
@Tag("wildfly-smoke")
class ConsoleSessionIT {
  private static final String CSRF = "X-Foyer-CSRF";

  @Test
  void aLinkOpensAConsoleSessionOnceWithTheTokensRole(FoyerServer server) {
    var url = link(server, server.adminToken());
    assertThat(url).startsWith(server.baseUri() + "/console/sign-in?code=");

    // Opening the link only shows a button (a link scanner uses nothing up).
    var operator = server.browser();
    var page = operator.get(url);
    assertThat(page.statusCode()).as(describe(page)).isEqualTo(200);
    assertThat(page.body()).contains("Sign in to the console").contains("method=\"post\"");
    assertThat(operator.cookie("foyer-console")).isEmpty();

    var opened = operator.postForm("/console/sign-in", "code", code(url));
    assertThat(opened.statusCode()).as(describe(opened)).isEqualTo(303);
    assertThat(opened.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
    var setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("foyer-console=")
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .contains("Path=/");

    var me = Json.parse(operator.json().get("/console/operator"));
    assertThat(me.get("role").asText()).isEqualTo("foyer-admin");
    assertThat(me.get("source").asText()).isEqualTo("LINK");
    assertThat(me.get("csrf").asText()).hasSize(64);
    assertThat(operator.json().get("/api/admin/spaces").statusCode()).isEqualTo(200);

    // The link signs in once: a second browser gets CON1 and no session, for the page too.
    var replayer = server.browser();
    var replay = replayer.postForm("/console/sign-in", "code", code(url));
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(replay.body()).as("the browser's error page").contains("CON1");
    assertProblem(replayer.json().get(url), 400, "CON1");
    assertThat(replayer.cookie("foyer-console")).isEmpty();
  }

  @Test
  void aLinkRacedInParallelOpensOneSession(FoyerServer server) throws Exception {
    var code = code(link(server, server.adminToken()));
    var tasks = new ArrayList<Callable<HttpResponse<String>>>();
    for (int i = 0; i < 6; i++) {
      var browser = server.browser();
      tasks.add(() -> browser.postForm("/console/sign-in", "code", code));
    }
    var pool = Executors.newFixedThreadPool(tasks.size());
    try {
      var statuses = new ArrayList<Integer>();
      for (var result : pool.invokeAll(tasks)) {
        statuses.add(result.get().statusCode());
      }
      assertThat(statuses).containsOnly(303, 400);
      assertThat(statuses.stream().filter(s -> s == 303)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLinkIsUsedOnlyFromFoyersOwnPageAndOnlyForATokensCaller(FoyerServer server) {
    var code = code(link(server, server.adminToken()));
    var forged =
        server
            .browser()
            .json()
            .postForm("/console/sign-in", Map.of("code", code), "Origin", "https://evil.example");
    assertProblem(forged, 403, "CON3");
    // Nothing was used up: Foyer's own page still signs in with it.
    var browser = server.browser();
    assertThat(browser.postForm("/console/sign-in", "code", code).statusCode()).isEqualTo(303);

    // A console session cannot make itself a new one (it would outlive every token).
    var csrf = Json.parse(browser.json().get("/console/operator")).get("csrf").asText();
    assertProblem(
        browser.json().postJson("/api/admin/console-links", "{}", CSRF, csrf), 403, "GEN403");
  }

  @Test
  void matrixParametersDoNotHideTheAdminApi(FoyerServer server) {
    for (var path :
        new String[] {"/api;x/admin/spaces", "/api/admin;x/spaces", "/api;/admin/spaces"}) {
      assertProblem(server.browser().json().get(path), 401, "GEN401");
      assertProblem(
          server.browser().json().bearer(server.token("--groups", "foyer-member")).get(path),
          403,
          "GEN403");
    }
    // A foyer_space claim without the space admin's role administers nothing.
    var own = createSpace(server);
    var claimOnly = server.token("--groups", "foyer-member", "--space", own);
    assertProblem(
        server.browser().json().bearer(claimOnly).get("/api;x/admin/spaces/" + own), 403, "GEN403");
  }

  @Test
  void aChangeNeedsTheCsrfTokenAndFoyersOrigin(FoyerServer server) {
    var operator = signedIn(server, server.adminToken());
    var csrf = Json.parse(operator.json().get("/console/operator")).get("csrf").asText();
    var slug = slug();
    var body = "{\"slug\":\"" + slug + "\",\"name\":\"Console\"}";

    assertProblem(operator.json().postJson("/api/admin/spaces", body), 403, "CON2");
    assertProblem(
        operator.json().postJson("/api/admin/spaces", body, CSRF, "0".repeat(64)), 403, "CON2");
    assertProblem(
        operator
            .json()
            .postJson("/api/admin/spaces", body, CSRF, csrf, "Origin", "https://evil.example"),
        403,
        "CON3");
    assertProblem(
        operator
            .json()
            .postJson("/api/admin/spaces", body, CSRF, csrf, "Sec-Fetch-Site", "cross-site"),
        403,
        "CON3");
    assertThat(
            send(server, server.adminToken(), "GET", "/api/admin/spaces/" + slug, null)
                .statusCode())
        .as("nothing was created by the refused requests")
        .isEqualTo(404);

    var created =
        operator
            .json()
            .postJson("/api/admin/spaces", body, CSRF, csrf, "Origin", server.baseUri().toString());
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }

  @Test
  void aSpaceAdminsSessionAdministersTheirSpaceOnly(FoyerServer server) {
    var own = createSpace(server);
    var other = createSpace(server);
    var operator = signedIn(server, server.token("--groups", "foyer-space-admin", "--space", own));
    var me = Json.parse(operator.json().get("/console/operator"));
    assertThat(me.get("role").asText()).isEqualTo("foyer-space-admin");
    assertThat(me.get("space").asText()).isEqualTo(own);

    assertThat(operator.json().get("/api/admin/spaces/" + own).statusCode()).isEqualTo(200);
    assertProblem(operator.json().get("/api/admin/spaces/" + other), 403, "ADM7");
    var csrf = me.get("csrf").asText();
    assertProblem(
        operator
            .json()
            .postJson(
                "/api/admin/spaces", "{\"slug\":\"" + slug() + "\",\"name\":\"X\"}", CSRF, csrf),
        403,
        "ADM7");
  }

  @Test
  void signingOutEndsTheSessionForTheAdminApi(FoyerServer server) {
    var operator = signedIn(server, server.adminToken());
    var csrf = Json.parse(operator.json().get("/console/operator")).get("csrf").asText();
    assertProblem(operator.json().postJson("/console/sign-out", "{}"), 403, "CON2");
    assertThat(operator.json().get("/api/admin/spaces").statusCode()).isEqualTo(200);

    var out = operator.json().postJson("/console/sign-out", "{}", CSRF, csrf);
    assertThat(out.statusCode()).as(describe(out)).isEqualTo(204);
    assertProblem(operator.json().get("/api/admin/spaces"), 401, "GEN401");
    assertProblem(operator.json().get("/console/operator"), 401, "GEN401");
  }

  @Test
  void aBearerTokenIsJudgedAloneEvenBesideAConsoleCookie(FoyerServer server) {
    var operator = signedIn(server, server.adminToken());
    var expired = server.token("--ttl", "-PT1H");
    assertProblem(operator.json().bearer(expired).get("/api/admin/spaces"), 401, "GEN401");
    var memberOnly = server.token("--groups", "foyer-member");
    assertThat(operator.json().bearer(memberOnly).get("/api/admin/spaces").statusCode())
        .isEqualTo(403);
  }

  @Test
  void linksAreForAdminTokensOnly(FoyerServer server) {
    assertProblem(send(server, null, "POST", "/api/admin/console-links", "{}"), 401, "GEN401");
    assertThat(
            send(
                    server,
                    server.token("--groups", "foyer-member"),
                    "POST",
                    "/api/admin/console-links",
                    "{}")
                .statusCode())
        .isEqualTo(403);
    for (var code : new String[] {"", "x", "A".repeat(43), "A".repeat(5000)}) {
      assertProblem(server.browser().json().get("/console/sign-in?code=" + code), 400, "CON1");
    }
    assertProblem(server.browser().json().get("/console/sign-in"), 400, "CON1");
  }

  @Test
  void theConsolePageAndItsFilesComeUnderTheStrictPolicy(FoyerServer server) {
    var page = server.browser().get("/console/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            policy ->
                assertThat(policy)
                    .contains("default-src 'self'")
                    .contains("frame-ancestors 'none'"));
    assertThat(page.body())
        .contains("<script src=\"/console/console.js\"")
        .doesNotContain("<script>");
    var script = server.browser().get("/console/console.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
    assertThat(server.browser().get("/console").statusCode()).isEqualTo(200);
    assertThat(server.browser().get("/console/other.js").statusCode()).isEqualTo(404);
  }

  static String link(FoyerServer server, String token) {
    var answer = send(server, token, "POST", "/api/admin/console-links", "{}");
    assertThat(answer.statusCode()).as(describe(answer)).isEqualTo(201);
    return Json.parse(answer).get("url").asText();
  }

  static Browser signedIn(FoyerServer server, String token) {
    var browser = server.browser();
    var opened = browser.postForm("/console/sign-in", "code", code(link(server, token)));
    assertThat(opened.statusCode()).as(describe(opened)).isEqualTo(303);
    return browser;
  }

  static String code(String link) {
    return link.substring(link.indexOf("code=") + "code=".length());
  }
}
