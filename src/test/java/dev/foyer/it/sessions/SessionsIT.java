package dev.foyer.it.sessions;

import static dev.foyer.it.support.AdminApi.createEvent;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Refusals.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The session a sign-in leaves behind: {@code /api/me}, the plugin's header, and logout. */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class SessionsIT {

  @Test
  void meReturnsTheSignedInMemberAndSessionFromTheCookie(FoyerServer server) {
    var slug = createSpace(server);
    var browser = server.browser();
    var signedInAt = Instant.now();
    browser.postForm(
        "/auth/uri",
        ordered(
            "account",
            slug,
            "givenName",
            "Sue",
            "familyName",
            "Doe",
            "email",
            "sue.doe@example.com",
            "uid",
            "crm-" + hex(5)));

    var response = browser.json().get("/api/me");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    var me = Json.parse(response);
    assertThat(me.path("account").asText()).isEqualTo(slug);
    var member = me.path("member");
    assertThat(member.path("id").asText()).isNotBlank();
    assertThat(member.path("nickname").asText()).isEqualTo("Sue");
    assertThat(member.path("givenName").asText()).isEqualTo("Sue");
    assertThat(member.path("familyName").asText()).isEqualTo("Doe");
    assertThat(member.path("email").asText()).isEqualTo("sue.doe@example.com");
    assertThat(member.path("guest").isBoolean()).as(member.toString()).isTrue();
    assertThat(member.path("guest").asBoolean()).isFalse();
    assertThat(me.path("session").path("door").asText()).isEqualTo("uri-auth");
    // foyer.session.ttl defaults to PT8H.
    var expiresAt = Instant.parse(me.path("session").path("expiresAt").asText());
    assertThat(expiresAt)
        .isBetween(
            signedInAt.plus(Duration.ofHours(8)).minusSeconds(120),
            signedInAt.plus(Duration.ofHours(8)).plusSeconds(120));
  }

  @Test
  void meNamesTheSpaceWithAccountParameter(FoyerServer server) {
    var slug = createSpace(server);
    var browser = server.browser();
    browser.get("/auth/uri?account=" + slug + "&givenName=Sue");

    var response = browser.json().get("/api/me?account=" + slug);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Json.parse(response).path("account").asText()).isEqualTo(slug);
    assertThat(Json.parse(response).path("member").path("nickname").asText()).isEqualTo("Sue");
  }

  @Test
  void meWithoutSessionIsRefusedWithSes1(FoyerServer server) {
    var response = server.browser().json().get("/api/me");

    assertProblem(response, 401, "SES1");
  }

  @Test
  void meForASpaceTheBrowserIsNotSignedInToIsRefusedWithSes1(FoyerServer server) {
    var mine = createSpace(server);
    var other = createSpace(server);
    var browser = server.browser();
    browser.get("/auth/uri?account=" + mine + "&givenName=Sue");

    var response = browser.json().get("/api/me?account=" + other);

    assertProblem(response, 401, "SES1");
  }

  @Test
  void meWithSessionsInTwoSpacesNeedsAnAccount(FoyerServer server) {
    var first = createSpace(server);
    var second = createSpace(server);
    var browser = server.browser();
    browser.get("/auth/uri?account=" + first + "&givenName=Sue");
    browser.get("/auth/uri?account=" + second + "&givenName=Ann");

    var ambiguous = browser.json().get("/api/me");
    var inFirst = browser.json().get("/api/me?account=" + first);
    var inSecond = browser.json().get("/api/me?account=" + second);

    assertProblem(ambiguous, 400, "SES2");
    assertThat(Json.parse(inFirst).path("member").path("nickname").asText()).isEqualTo("Sue");
    assertThat(Json.parse(inSecond).path("member").path("nickname").asText()).isEqualTo("Ann");
  }

  @Test
  void sessionTokenWorksAsXFoyerSessionHeader(FoyerServer server) {
    var slug = createSpace(server);
    var token = signIn(server.browser(), slug, "Sue");
    var plugin = server.browser().json().withHeader("X-Foyer-Session", token);

    var withoutAccount = plugin.get("/api/me");
    var withAccount = plugin.get("/api/me?account=" + slug);

    assertThat(withoutAccount.statusCode()).as(withoutAccount.body()).isEqualTo(200);
    assertThat(Json.parse(withoutAccount).path("account").asText()).isEqualTo(slug);
    assertThat(Json.parse(withoutAccount).path("member").path("nickname").asText())
        .isEqualTo("Sue");
    assertThat(withAccount.statusCode()).as(withAccount.body()).isEqualTo(200);
    assertThat(Json.parse(withAccount).path("member").path("nickname").asText()).isEqualTo("Sue");
    assertThat(plugin.cookies()).isEmpty();
  }

  @Test
  void sessionHeaderOfOneSpaceDoesNotOpenAnother(FoyerServer server) {
    var mine = createSpace(server);
    var other = createSpace(server);
    var token = signIn(server.browser(), mine, "Sue");

    var response =
        server
            .browser()
            .json()
            .withHeader("X-Foyer-Session", token)
            .get("/api/me?account=" + other);

    assertProblem(response, 401, "SES1");
  }

  @Test
  void unknownSessionTokenIsRefusedWithSes1(FoyerServer server) {
    var slug = createSpace(server);
    var forged = "A".repeat(43);

    var byHeader = server.browser().json().withHeader("X-Foyer-Session", forged).get("/api/me");
    var byCookie =
        server
            .browser()
            .json()
            .get("/api/me?account=" + slug, "Cookie", "foyer_" + slug + "=" + forged);

    assertProblem(byHeader, 401, "SES1");
    assertProblem(byCookie, 401, "SES1");
  }

  @Test
  void browserLogoutRedirectsToTheLandingPageAndClearsTheCookie(FoyerServer server) {
    var slug = createSpace(server);
    var browser = server.browser();
    signIn(browser, slug, "Sue");
    assertThat(browser.cookie("foyer_" + slug)).isPresent();

    var logout = browser.postForm("/auth/logout", "account", slug);

    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(303);
    var location = logout.headers().firstValue("Location").orElseThrow();
    assertThat(logout.uri().resolve(location)).isEqualTo(server.uri("/spaces/" + slug));
    var cleared =
        logout.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("foyer_" + slug + "="))
            .findFirst();
    assertThat(cleared).as(logout.headers().map().toString()).isPresent();
    var attributes = cleared.get().toLowerCase(Locale.ROOT).replace(" ", "");
    assertThat(attributes).contains("path=/");
    assertThat(
            attributes.contains("max-age=0")
                || attributes.contains("expires=thu,01-jan-1970")
                || attributes.contains("expires=thu,01jan1970"))
        .as(cleared.get())
        .isTrue();
    assertThat(browser.cookie("foyer_" + slug)).isEmpty();
    var landing = browser.follow(logout);
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.body()).doesNotContain("Hello, Sue!").contains("not signed in");
    assertProblem(browser.json().get("/api/me?account=" + slug), 401, "SES1");
  }

  @Test
  void logoutRevokesTheSessionServerSideSoAReplayedCookieFails(FoyerServer server) {
    var slug = createSpace(server);
    var event = createEvent(server, slug);
    var browser = server.browser();
    var token = signIn(browser, slug, "Sue");
    var replay = server.browser();
    assertThat(
            replay
                .json()
                .get("/api/me?account=" + slug, "Cookie", "foyer_" + slug + "=" + token)
                .statusCode())
        .as("the copied cookie works before logout")
        .isEqualTo(200);

    var logout = browser.postForm("/auth/logout", "account", slug);
    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(303);

    assertProblem(
        replay.json().get("/api/me?account=" + slug, "Cookie", "foyer_" + slug + "=" + token),
        401,
        "SES1");
    assertProblem(replay.json().get("/api/me", "X-Foyer-Session", token), 401, "SES1");
    var eventPage =
        replay.get("/spaces/" + slug + "/events/" + event, "Cookie", "foyer_" + slug + "=" + token);
    assertThat(eventPage.statusCode()).as(eventPage.body()).isEqualTo(401);
    assertThat(eventPage.body()).contains("SES1");
    var landing = replay.get("/spaces/" + slug, "Cookie", "foyer_" + slug + "=" + token);
    assertThat(landing.body()).doesNotContain("Hello, Sue!");
  }

  @Test
  void logoutEndsOnlyTheNamedSpacesSession(FoyerServer server) {
    var first = createSpace(server);
    var second = createSpace(server);
    var browser = server.browser();
    signIn(browser, first, "Sue");
    signIn(browser, second, "Ann");

    var logout = browser.postForm("/auth/logout", "account", first);

    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(303);
    assertProblem(browser.json().get("/api/me?account=" + first), 401, "SES1");
    var stillIn = browser.json().get("/api/me?account=" + second);
    assertThat(stillIn.statusCode()).as(stillIn.body()).isEqualTo(200);
    assertThat(Json.parse(stillIn).path("member").path("nickname").asText()).isEqualTo("Ann");
    assertThat(browser.get("/spaces/" + second).body()).contains("Hello, Ann!");
  }

  @Test
  void apiLogoutAnswers204AndEndsTheSession(FoyerServer server) {
    var slug = createSpace(server);
    var browser = server.browser();
    var token = signIn(browser, slug, "Sue");

    var logout = browser.json().postForm("/auth/logout", "account", slug);

    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
    assertThat(logout.headers().firstValue("Location")).isEmpty();
    assertThat(browser.cookie("foyer_" + slug)).isEmpty();
    assertProblem(browser.json().get("/api/me?account=" + slug), 401, "SES1");
    assertProblem(server.browser().json().get("/api/me", "X-Foyer-Session", token), 401, "SES1");
  }

  @Test
  void apiLogoutWithAccountInQueryAndSessionHeaderAnswers204(FoyerServer server) {
    var slug = createSpace(server);
    var token = signIn(server.browser(), slug, "Sue");
    var plugin = server.browser().json().withHeader("X-Foyer-Session", token);

    var logout =
        plugin.send(plugin.request("/auth/logout?account=" + slug).POST(BodyPublishers.noBody()));

    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
    assertProblem(plugin.get("/api/me?account=" + slug), 401, "SES1");
  }

  // --- helpers ---

  /**
   * Signs {@code givenName} in to the space through URI Auth and returns the session cookie's
   * value.
   */
  private static String signIn(Browser browser, String slug, String givenName) {
    var response =
        browser.get("/auth/uri?account=" + slug + "&givenName=" + givenName + "&uid=crm-" + hex(5));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    var cookie = browser.cookie("foyer_" + slug);
    assertThat(cookie).as("cookie foyer_%s after %s", slug, response.headers().map()).isPresent();
    return cookie.get().getValue();
  }

  private static Map<String, String> ordered(String... pairs) {
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
