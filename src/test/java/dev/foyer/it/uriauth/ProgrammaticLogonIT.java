package dev.foyer.it.uriauth;

import static dev.foyer.it.support.AdminApi.createEvent;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.Names.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 000's plugin API: {@code programmaticLogon(user)} from a page that embeds the chat, with
 * CORS only for the space's allowed origins.
 */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class ProgrammaticLogonIT {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  @Test
  void signsInWithJsonAndAnswersMemberSessionAndRedirect(FoyerServer server) {
    var origin = origin();
    var slug = space(server, List.of(origin));
    var event = createEvent(server, slug);
    var uid = "crm-" + hex(5);
    var before = Instant.now();
    var browser = server.browser();

    var response =
        browser.postJson(
            "/auth/programmatic",
            Json.write(
                Map.of(
                    "account",
                    slug,
                    "givenName",
                    "Sue",
                    "familyName",
                    "Doe",
                    "email",
                    "sue.doe@example.com",
                    "uid",
                    uid,
                    "eventid",
                    event)),
            "Origin",
            origin);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    var body = Json.parse(response);
    var member = body.path("member");
    assertThat(member.path("id").asText()).isNotBlank();
    assertThat(member.path("nickname").asText()).isEqualTo("Sue");
    assertThat(member.path("givenName").asText()).isEqualTo("Sue");
    assertThat(member.path("familyName").asText()).isEqualTo("Doe");
    assertThat(member.path("email").asText()).isEqualTo("sue.doe@example.com");
    assertThat(member.path("guest").isBoolean()).as(member.toString()).isTrue();
    assertThat(member.path("guest").asBoolean()).isFalse();
    assertThat(body.path("session").path("token").asText()).matches(TOKEN);
    var expiresAt = Instant.parse(body.path("session").path("expiresAt").asText());
    assertThat(expiresAt)
        .isBetween(
            before.plus(Duration.ofHours(8)).minusSeconds(120),
            before.plus(Duration.ofHours(8)).plusSeconds(120));
    assertThat(body.path("redirect").asText()).isEqualTo("/spaces/" + slug + "/events/" + event);
    var cookie =
        response.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("foyer_" + slug + "="))
            .findFirst();
    assertThat(cookie).as(response.headers().map().toString()).isPresent();
    assertThat(cookie.get().toLowerCase(Locale.ROOT)).contains("httponly").contains("samesite=lax");
    var reconciled = reconcile(server, slug, uid);
    assertThat(reconciled).hasSize(1);
    assertThat(reconciled.get(0).path("id").asText()).isEqualTo(member.path("id").asText());
  }

  @Test
  void withoutEventTheRedirectIsTheLandingPage(FoyerServer server) {
    var origin = origin();
    var slug = space(server, List.of(origin));

    var response =
        server
            .browser()
            .postJson(
                "/auth/programmatic",
                Json.write(Map.of("account", slug, "givenName", "Sue")),
                "Origin",
                origin);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Json.parse(response).path("redirect").asText()).isEqualTo("/spaces/" + slug);
    assertThat(Json.parse(response).path("member").path("guest").asBoolean()).isTrue();
  }

  @Test
  void cookieFromProgrammaticLogonOpensTheLandingPage(FoyerServer server) {
    var origin = origin();
    var slug = space(server, List.of(origin));
    var browser = server.browser();

    var response =
        browser.postJson(
            "/auth/programmatic",
            Json.write(Map.of("account", slug, "givenName", "Sue", "uid", "crm-" + hex(5))),
            "Origin",
            origin);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(browser.get("/spaces/" + slug).body()).contains("Hello, Sue!");
  }

  @Test
  void sessionTokenWorksAsXFoyerSessionOnMe(FoyerServer server) {
    var origin = origin();
    var slug = space(server, List.of(origin));
    var logon =
        server
            .browser()
            .postJson(
                "/auth/programmatic",
                Json.write(
                    Map.of(
                        "account",
                        slug,
                        "givenName",
                        "Sue",
                        "familyName",
                        "Doe",
                        "uid",
                        "crm-" + hex(5))),
                "Origin",
                origin);
    assertThat(logon.statusCode()).as(logon.body()).isEqualTo(200);
    var signedIn = Json.parse(logon);

    var page =
        server
            .browser()
            .json()
            .withHeader("X-Foyer-Session", signedIn.path("session").path("token").asText());
    var me = page.get("/api/me?account=" + slug, "Origin", origin);

    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(Json.parse(me).path("account").asText()).isEqualTo(slug);
    assertThat(Json.parse(me).path("member").path("id").asText())
        .isEqualTo(signedIn.path("member").path("id").asText());
    assertThat(Json.parse(me).path("member").path("nickname").asText()).isEqualTo("Sue");
    assertThat(Json.parse(me).path("session").path("door").asText())
        .isEqualTo("programmatic-logon");
    assertThat(me.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
    assertThat(me.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
  }

  @Test
  void allowedOriginGetsCorsHeadersOnTheLogon(FoyerServer server) {
    var origin = origin();
    var slug = space(server, List.of("https://other-" + hex(5) + ".example.com", origin));

    var response =
        server
            .browser()
            .postJson(
                "/auth/programmatic",
                Json.write(Map.of("account", slug, "givenName", "Sue")),
                "Origin",
                origin);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
    assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
  }

  @Test
  void preflightFromAnAllowedOriginAnswers204WithAllowedMethodsAndHeaders(FoyerServer server) {
    var origin = origin();
    space(server, List.of(origin));

    var response = preflight(server, origin, "POST", "content-type");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
    assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    assertThat(list(response, "Access-Control-Allow-Methods")).contains("post");
    assertThat(list(response, "Access-Control-Allow-Headers"))
        .contains("content-type", "x-foyer-session");
  }

  @Test
  void preflightFromAnOriginNoSpaceAllowsGetsNoCorsHeaders(FoyerServer server) {
    space(server, List.of(origin()));

    var response =
        preflight(server, "https://evil-" + hex(5) + ".example.net", "POST", "content-type");

    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
  }

  @Test
  void originNotAllowedIsRefusedWithPlorig1AndNothingWritten(FoyerServer server) {
    var slug = space(server, List.of(origin()));
    var uid = "crm-" + hex(5);
    var evil = "https://evil-" + hex(5) + ".example.net";
    var browser = server.browser();

    var response =
        browser.postJson(
            "/auth/programmatic",
            Json.write(Map.of("account", slug, "givenName", "Mallory", "uid", uid)),
            "Origin",
            evil);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(Json.parse(response).path("code").asText()).isEqualTo("PLORIG1");
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("foyer_"));
    assertThat(browser.cookies()).isEmpty();
    assertThat(reconcile(server, slug, uid)).isEmpty();
  }

  @Test
  void originAllowedForOneSpaceIsRefusedForAnother(FoyerServer server) {
    var origin = origin();
    space(server, List.of(origin));
    var other = space(server, List.of(origin()));
    var uid = "crm-" + hex(5);

    var response =
        server
            .browser()
            .postJson(
                "/auth/programmatic",
                Json.write(Map.of("account", other, "givenName", "Sue", "uid", uid)),
                "Origin",
                origin);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(Json.parse(response).path("code").asText()).isEqualTo("PLORIG1");
    assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("foyer_"));
    assertThat(reconcile(server, other, uid)).isEmpty();
  }

  @Test
  void originThatOnlyPrefixesAnAllowedOneGetsNoCorsHeaders(FoyerServer server) {
    // A page on https://intranet-x.example.co must not read /api/me for
    // https://intranet-x.example.com.
    var allowed = origin();
    var slug = space(server, List.of(allowed));
    var lookalike = allowed.substring(0, allowed.length() - 1);
    var token =
        Json.parse(
                server
                    .browser()
                    .postJson(
                        "/auth/programmatic",
                        Json.write(Map.of("account", slug, "givenName", "Sue")),
                        "Origin",
                        allowed))
            .path("session")
            .path("token")
            .asText();

    var preflight = preflight(server, lookalike, "GET", "x-foyer-session");
    var me =
        server
            .browser()
            .json()
            .get("/api/me?account=" + slug, "Origin", lookalike, "X-Foyer-Session", token);

    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(me.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(me.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
  }

  @Test
  void servesThePluginScript(FoyerServer server) {
    var response = server.browser().get("/foyer-plugin.js", "Accept", "*/*");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).matches("(text|application)/javascript.*"));
    assertThat(response.body()).contains("programmaticLogon").contains("/auth/programmatic");
  }

  // --- helpers ---

  private static HttpResponse<String> preflight(
      FoyerServer server, String origin, String method, String headers) {
    var browser = server.browser();
    return browser.send(
        browser
            .request(
                "/auth/programmatic",
                "Origin",
                origin,
                "Access-Control-Request-Method",
                method,
                "Access-Control-Request-Headers",
                headers,
                "Accept",
                "*/*")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  /** A comma-separated header's values, lower-cased and trimmed. */
  private static List<String> list(HttpResponse<String> response, String header) {
    return response.headers().allValues(header).stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(value -> value.strip().toLowerCase(Locale.ROOT))
        .collect(Collectors.toList());
  }

  private static String origin() {
    return "https://intranet-" + hex(5) + ".example.com";
  }

  private static String space(FoyerServer server, List<String> allowedOrigins) {
    return createSpace(server, Map.of("allowedOrigins", allowedOrigins));
  }
}
