package dev.foyer.it.sessions;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Other tenants through {@code /api/me} and {@code /auth/logout}: a page that space A allows must
 * neither read space B's member nor sign B's participants out; and every malformed {@code account}
 * is a refusal with a code.
 */
@ExtendWith(FoyerServer.class)
class SessionCorsIT {

  /** Two spaces, each allowing one origin of its own. */
  record Tenants(String a, String originA, String b, String originB) {}

  private static Tenants tenants(FoyerServer server) {
    var originA = origin();
    var originB = origin();
    var a = createSpace(server, Map.of("allowedOrigins", List.of(originA)));
    var b = createSpace(server, Map.of("allowedOrigins", List.of(originB)));
    return new Tenants(a, originA, b, originB);
  }

  // --- /api/me ---

  @Test
  void anOriginOfSpaceAGetsNoCorsOnSpaceBsMe(FoyerServer server) {
    var t = tenants(server);
    var browser = server.browser();
    var token = signIn(browser, t.b());

    var named = browser.json().get("/api/me?account=" + t.b(), "Origin", t.originA());
    var onlyCookie = browser.json().get("/api/me", "Origin", t.originA());
    var byHeader =
        server.browser().json().get("/api/me", "Origin", t.originA(), "X-Foyer-Session", token);
    var fromB = browser.json().get("/api/me?account=" + t.b(), "Origin", t.originB());

    for (var response : List.of(named, onlyCookie, byHeader)) {
      assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
      assertNoCors(response);
    }
    assertThat(fromB.statusCode()).as(describe(fromB)).isEqualTo(200);
    assertCors(fromB, t.originB());
    assertThat(Json.parse(fromB).path("account").asText()).isEqualTo(t.b());
  }

  @Test
  void meWithoutSessionIsReadableOnlyByTheNamedSpacesOrigins(FoyerServer server) {
    var t = tenants(server);

    var fromA = server.browser().json().get("/api/me?account=" + t.a(), "Origin", t.originA());
    var fromB = server.browser().json().get("/api/me?account=" + t.a(), "Origin", t.originB());

    assertProblem(fromA, 401, "SES1");
    assertCors(fromA, t.originA());
    assertProblem(fromB, 401, "SES1");
    assertNoCors(fromB);
  }

  @Test
  void preflightNamingAnAccountIsAnsweredOnlyForThatSpacesOrigins(FoyerServer server) {
    var t = tenants(server);

    var foreign = preflight(server, "/api/me?account=" + t.b(), t.originA());
    var own = preflight(server, "/api/me?account=" + t.b(), t.originB());
    var logoutForeign = preflight(server, "/auth/logout?account=" + t.b(), t.originA());
    var unnamed = preflight(server, "/api/me", t.originA());
    var stranger = preflight(server, "/api/me", origin());

    assertThat(foreign.statusCode()).as(describe(foreign)).isEqualTo(204);
    assertNoCors(foreign);
    assertNoCors(logoutForeign);
    assertThat(own.statusCode()).as(describe(own)).isEqualTo(204);
    assertCors(own, t.originB());
    assertThat(own.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .containsIgnoringCase("X-Foyer-Session");
    assertThat(own.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("GET")
        .contains("POST");
    // Unnamed: any space's origin may send; reading is decided on the actual request (above).
    assertCors(unnamed, t.originA());
    assertNoCors(stranger);
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
  }

  // --- logout from other origins ---

  @Test
  void logoutWithSpaceBsSessionFromSpaceAsOriginIsRefusedAndTheSessionStillWorks(
      FoyerServer server) {
    var t = tenants(server);
    var browser = server.browser();
    var token = signIn(browser, t.b());

    var named =
        browser.json().postForm("/auth/logout", Map.of("account", t.b()), "Origin", t.originA());
    var onlyCookie = browser.json().postForm("/auth/logout", Map.of(), "Origin", t.originA());
    var asForm = browser.postForm("/auth/logout", Map.of("account", t.b()), "Origin", t.originA());
    var byHeader = logoutWithHeader(server, "?account=" + t.b(), token, "Origin", t.originA());
    var fetchMetadataOnly =
        browser
            .json()
            .postForm("/auth/logout", Map.of("account", t.b()), "Sec-Fetch-Site", "cross-site");
    var sameSiteOnly =
        browser
            .json()
            .postForm("/auth/logout", Map.of("account", t.b()), "Sec-Fetch-Site", "same-site");
    var nullOrigin =
        browser.json().postForm("/auth/logout", Map.of("account", t.b()), "Origin", "null");
    var stranger =
        browser.json().postForm("/auth/logout", Map.of("account", t.b()), "Origin", origin());

    for (var response :
        List.of(
            named, onlyCookie, byHeader, fetchMetadataOnly, sameSiteOnly, nullOrigin, stranger)) {
      assertProblem(response, 403, "SES3");
      assertThat(response.headers().allValues("Set-Cookie")).as(describe(response)).isEmpty();
      assertNoCors(response);
    }
    assertThat(asForm.statusCode()).as(describe(asForm)).isEqualTo(403);
    assertThat(asForm.body()).contains("SES3");
    assertThat(asForm.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(browser.cookie("foyer_" + t.b())).isPresent();
    var me = browser.json().get("/api/me?account=" + t.b());
    assertThat(me.statusCode()).as(describe(me)).isEqualTo(200);
    var plugin = server.browser().json().get("/api/me", "X-Foyer-Session", token);
    assertThat(plugin.statusCode()).as(describe(plugin)).isEqualTo(200);
  }

  @Test
  void logoutFromFoyersOwnOriginWorks(FoyerServer server) {
    var t = tenants(server);
    var own = server.baseUri().toString();
    var byOrigin = server.browser();
    var byFetchMetadata = server.browser();
    signIn(byOrigin, t.b());
    signIn(byFetchMetadata, t.b());

    var first = byOrigin.postForm("/auth/logout", Map.of("account", t.b()), "Origin", own);
    // Behind a TLS proxy the browser's origin is not the one Foyer sees; Fetch Metadata decides.
    var second =
        byFetchMetadata.postForm(
            "/auth/logout",
            Map.of("account", t.b()),
            "Origin",
            "https://foyer-" + hex(3) + ".example.com",
            "Sec-Fetch-Site",
            "same-origin");

    for (var pair : List.of(Map.entry(first, byOrigin), Map.entry(second, byFetchMetadata))) {
      var response = pair.getKey();
      assertThat(response.statusCode()).as(describe(response)).isEqualTo(303);
      assertThat(response.headers().allValues("Set-Cookie"))
          .as(describe(response))
          .anyMatch(cookie -> cookie.startsWith("foyer_" + t.b() + "="));
      assertNoCors(response);
      assertProblem(pair.getValue().json().get("/api/me?account=" + t.b()), 401, "SES1");
    }
  }

  @Test
  void logoutFromTheSpacesAllowedOriginWorks(FoyerServer server) {
    var t = tenants(server);
    var browser = server.browser();
    signIn(browser, t.b());
    var plugin = server.browser();
    var token = signIn(plugin, t.b());

    var byCookie =
        browser.json().postForm("/auth/logout", Map.of("account", t.b()), "Origin", t.originB());
    var byHeader = logoutWithHeader(server, "", token, "Origin", t.originB());

    assertThat(byCookie.statusCode()).as(describe(byCookie)).isEqualTo(204);
    assertCors(byCookie, t.originB());
    assertThat(browser.cookie("foyer_" + t.b())).isEmpty();
    assertProblem(browser.json().get("/api/me?account=" + t.b()), 401, "SES1");
    assertThat(byHeader.statusCode()).as(describe(byHeader)).isEqualTo(204);
    assertCors(byHeader, t.originB());
    assertProblem(server.browser().json().get("/api/me", "X-Foyer-Session", token), 401, "SES1");
  }

  // --- logout without a session ---

  @Test
  void logoutWithoutSessionSetsNoCookie(FoyerServer server) {
    var slug = createSpace(server);
    var forged = "A".repeat(43);

    var named = server.browser().postForm("/auth/logout", "account", slug);
    var unnamed = server.browser().json().postForm("/auth/logout", Map.of());
    var forgedCookie =
        server
            .browser()
            .json()
            .postForm(
                "/auth/logout", Map.of("account", slug), "Cookie", "foyer_" + slug + "=" + forged);
    var browser = server.browser();
    var token = signIn(browser, slug);
    var first = browser.json().postForm("/auth/logout", "account", slug);
    var again =
        server
            .browser()
            .json()
            .postForm(
                "/auth/logout", Map.of("account", slug), "Cookie", "foyer_" + slug + "=" + token);

    assertThat(named.statusCode()).as(describe(named)).isEqualTo(303);
    assertThat(unnamed.statusCode()).as(describe(unnamed)).isEqualTo(204);
    assertThat(forgedCookie.statusCode()).as(describe(forgedCookie)).isEqualTo(204);
    assertThat(again.statusCode()).as(describe(again)).isEqualTo(204);
    for (var response : List.of(named, unnamed, forgedCookie, again)) {
      assertThat(response.headers().allValues("Set-Cookie")).as(describe(response)).isEmpty();
    }
    assertThat(first.headers().allValues("Set-Cookie"))
        .as("the logout that ended a session clears its cookie")
        .anyMatch(cookie -> cookie.startsWith("foyer_" + slug + "="));
  }

  // --- malformed account ---

  @ParameterizedTest
  @ValueSource(
      strings = {"a b", "<x>", "\\", "x%", "A", "../x", "a/b", "-x", "ümlaut", "x\u0000", "%zz"})
  void refusesAMalformedAccountWithUaacct2AndEndsNothing(String account, FoyerServer server) {
    var slug = createSpace(server);
    var browser = server.browser();
    signIn(browser, slug);
    var query = "?account=" + URLEncoder.encode(account, StandardCharsets.UTF_8);

    var logoutForm = browser.json().postForm("/auth/logout", Map.of("account", account));
    var logoutPage = browser.postForm("/auth/logout", Map.of("account", account));
    var logoutQuery =
        browser
            .json()
            .send(browser.json().request("/auth/logout" + query).POST(BodyPublishers.noBody()));
    var me = browser.json().get("/api/me" + query);

    for (var response : List.of(logoutForm, logoutQuery, me)) {
      assertProblem(response, 404, "UAACCT2");
      assertThat(response.headers().allValues("Set-Cookie")).as(describe(response)).isEmpty();
    }
    assertThat(logoutPage.statusCode()).as(describe(logoutPage)).isEqualTo(404);
    assertThat(logoutPage.body()).contains("UAACCT2");
    assertThat(browser.json().get("/api/me?account=" + slug).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAnAccountThatIsNotEncodedProperlyWithUaacct2(FoyerServer server) {
    var slug = createSpace(server);
    var browser = server.browser();
    signIn(browser, slug);

    var raw =
        browser
            .json()
            .send(
                browser
                    .json()
                    .request("/auth/logout")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString("account=x%")));

    assertProblem(raw, 404, "UAACCT2");
    assertThat(browser.json().get("/api/me?account=" + slug).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAnUnencodedPercentInTheQueryWithACode(FoyerServer server) throws Exception {
    // No URI class lets "x%" through, so this goes over a socket as an attacker would send it.
    for (var line : List.of("GET /api/me?account=x%", "POST /auth/logout?account=x%")) {
      var answer = raw(server, line);

      // A broken escape is malformed input (ENC1 on any address), not an unknown account.
      assertThat(answer).as(line).startsWith("HTTP/1.1 400");
      assertThat(answer)
          .as(line)
          .contains("\"code\":\"ENC1\"")
          .doesNotContainIgnoringCase("Set-Cookie");
    }
  }

  @Test
  void refusesAnUnknownAnEmptyOrARepeatedAccount(FoyerServer server) {
    var slug = createSpace(server);
    var other = createSpace(server);
    var browser = server.browser();
    signIn(browser, slug);
    var unknown = "t-" + hex(6);

    assertProblem(browser.json().get("/api/me?account=" + unknown), 404, "UAACCT2");
    assertProblem(
        browser.json().postForm("/auth/logout", Map.of("account", unknown)), 404, "UAACCT2");
    assertProblem(browser.json().get("/api/me?account="), 400, "UAACCT1");
    assertProblem(browser.json().postForm("/auth/logout", Map.of("account", "")), 400, "UAACCT1");
    assertProblem(
        browser.json().get("/api/me?account=" + slug + "&account=" + other), 400, "UADUP1");
    assertProblem(
        browser.json().postForm("/auth/logout", "account", slug + "&account=" + other),
        404,
        "UAACCT2");
    var twice =
        browser
            .json()
            .send(
                browser
                    .json()
                    .request("/auth/logout?account=" + other)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString("account=" + slug)));
    assertProblem(twice, 400, "UADUP1");
    var repeatedInForm =
        browser
            .json()
            .send(
                browser
                    .json()
                    .request("/auth/logout")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString("account=" + slug + "&account=" + other)));
    assertProblem(repeatedInForm, 400, "UADUP1");
    assertThat(browser.json().get("/api/me?account=" + slug).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAnOversizedLogoutFormWithReq413(FoyerServer server) {
    var slug = createSpace(server);
    var browser = server.browser();
    signIn(browser, slug);

    var response =
        browser.json().postForm("/auth/logout", Map.of("account", slug, "pad", "x".repeat(5000)));

    assertProblem(response, 413, "REQ413");
    assertThat(browser.json().get("/api/me?account=" + slug).statusCode()).isEqualTo(200);
  }

  // --- helpers ---

  /** One HTTP/1.1 request line sent as it is, asking for JSON; the whole answer as text. */
  private static String raw(FoyerServer server, String requestLine) throws Exception {
    var base = server.baseUri();
    try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      var request =
          requestLine
              + " HTTP/1.1\r\nHost: "
              + base.getHost()
              + ":"
              + base.getPort()
              + "\r\nAccept: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpResponse<String> logoutWithHeader(
      FoyerServer server, String query, String token, String... headers) {
    var plugin = server.browser().json().withHeader("X-Foyer-Session", token);
    return plugin.send(
        plugin.request("/auth/logout" + query, headers).POST(BodyPublishers.noBody()));
  }

  private static HttpResponse<String> preflight(FoyerServer server, String path, String origin) {
    var browser = server.browser();
    return browser.send(
        browser
            .request(
                path,
                "Origin",
                origin,
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "x-foyer-session",
                "Accept",
                "*/*")
            .method("OPTIONS", BodyPublishers.noBody()));
  }

  private static void assertCors(HttpResponse<String> response, String origin) {
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .as(describe(response))
        .contains(origin);
    assertThat(response.headers().firstValue("Access-Control-Allow-Credentials"))
        .as(describe(response))
        .contains("true");
  }

  private static void assertNoCors(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .as(describe(response))
        .isEmpty();
    assertThat(response.headers().firstValue("Access-Control-Allow-Credentials"))
        .as(describe(response))
        .isEmpty();
  }

  /** Signs Sue in to the space through URI Auth; returns the session cookie's value. */
  private static String signIn(Browser browser, String slug) {
    var response = browser.get("/auth/uri?account=" + slug + "&givenName=Sue&uid=crm-" + hex(5));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(302);
    return browser.cookie("foyer_" + slug).orElseThrow().getValue();
  }

  private static String origin() {
    return "https://intranet-" + hex(5) + ".example.com";
  }
}
