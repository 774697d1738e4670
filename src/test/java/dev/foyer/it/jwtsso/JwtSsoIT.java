package dev.foyer.it.jwtsso;

import static dev.foyer.it.support.SsoSpace.claims;
import static dev.foyer.it.support.SsoSpace.newSub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.JwtTokens;
import dev.foyer.it.support.SsoSpace;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeds 001/003's JWT SSO door end to end: the redirect from the customer's app, where the member
 * lands, the "from your space" authorization-URL round trip, the form post, the embed and the
 * space's key. Tokens are signed by the jsonwebtoken npm package.
 */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class JwtSsoIT {
  static final String EMBEDDING_ORIGIN = "https://intranet.example.test";

  @Test
  void signsInUnknownMemberAndLandsOnSpaceHome(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser();
    var sub = newSub();
    var claims = claims(sub);

    var response = space.signIn(browser, space.token(claims));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue(space.home());
    assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    var cookie =
        response.headers().allValues("Set-Cookie").stream()
            .filter(value -> value.startsWith(space.cookieName() + "="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    var me = space.me(browser);
    assertThat(me.path("member").path("email").asText()).isEqualTo(claims.get("email"));
    assertThat(me.path("session").path("door").asText()).isEqualTo("jwt-sso");
    var member = space.member(sub).orElseThrow();
    assertThat(member.path("id").asText()).isEqualTo(me.path("member").path("id").asText());
    assertThat(member.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(member.path("identities").get(0).path("provider").asText()).isEqualTo("jwt-sso");
    assertThat(member.path("identities").get(0).path("externalId").asText()).isEqualTo(sub);
    var record = space.loginRecords().get(0);
    assertThat(record.path("accepted").asBoolean()).isTrue();
    assertThat(record.path("door").asText()).isEqualTo("jwt-sso");
    assertThat(record.path("memberId").asText()).isEqualTo(member.path("id").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/spot/{id}/lives",
        "/spot/{id}",
        "/spaces/{slug}/events/welcome",
        "/spaces/{slug}/lives?tab=replays"
      })
  void landsOnReferrerUrlInsideTheSpace(String referrerTemplate, FoyerServer server) {
    var space = SsoSpace.create(server);
    var referrerUrl = referrerTemplate.replace("{id}", space.id).replace("{slug}", space.slug);
    var browser = server.browser();

    var response = space.signIn(browser, space.token(claims(newSub())), referrerUrl);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValue(server.uri(referrerUrl).toString());
    assertThat(browser.cookie(space.cookieName())).isPresent();
  }

  /** Seed 003: "/spot/{id}/lives" is a page of the space; Foyer shows it under /spaces/{slug}. */
  @Test
  void spotPathOfTheSpaceLeadsToTheSamePageUnderSpaces(FoyerServer server) {
    var space = SsoSpace.create(server);

    var response = server.browser().get("/spot/" + space.id + "/lives");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue(space.home() + "/lives");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.test/phish",
        "http://127.0.0.1/spaces/{slug}",
        "//evil.test",
        "//evil.test/spaces/{slug}",
        "/\\evil.test",
        "/\\/evil.test",
        "/%2F%2Fevil.test",
        "/%2f%2fevil.test/spaces/{slug}",
        "/spot/{other}/x",
        "/spaces/{otherSlug}/x",
        "/spaces/demo/x",
        "/spaces/{slug}/../x",
        "/spaces/demo/../x",
        "/spot/{id}/../../evil",
        "/spaces/{slug}/%2e%2e/%2e%2e/x",
        "/spaces/{slug}x",
        "spaces/{slug}/x",
        "javascript:alert(1)",
        "/spaces/{slug}/\tx",
        "/spaces/{slug}/\r\nLocation: https://evil.test"
      })
  void dropsForeignReferrerUrlAndLandsOnSpaceHome(String referrerTemplate, FoyerServer server) {
    var space = SsoSpace.create(server);
    var other = SsoSpace.create(server);
    var referrerUrl =
        referrerTemplate
            .replace("{id}", space.id)
            .replace("{slug}", space.slug)
            .replace("{other}", other.id)
            .replace("{otherSlug}", other.slug);
    var browser = server.browser();

    var response = space.signIn(browser, space.token(claims(newSub())), referrerUrl);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(response.headers().allValues("Location")).containsExactly(space.home());
    assertThat(browser.cookie(space.cookieName())).isPresent();
  }

  @Test
  void authorizationUrlRoundTripLandsOnReferrerUrl(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser();
    var referrerUrl = "/spot/" + space.id + "/lives";

    var login =
        browser.get("/spot/" + space.id + "/sso/login?referrerUrl=" + SsoSpace.encode(referrerUrl));

    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    var authorization = URI.create(login.headers().firstValue("Location").orElseThrow());
    assertThat(
            authorization.getScheme() + "://" + authorization.getHost() + authorization.getPath())
        .isEqualTo(SsoSpace.AUTHORIZATION_URL);
    var redirectUrl = queryParameter(authorization, "redirectUrl");
    var back = URI.create(redirectUrl);
    assertThat(back.getScheme() + "://" + back.getAuthority())
        .isEqualTo(server.baseUri().toString());
    assertThat(back.getPath()).isEqualTo(space.jwtPath());
    assertThat(queryParameter(back, "referrerUrl")).isEqualTo(referrerUrl);
    assertThat(browser.cookie(space.cookieName())).isEmpty();

    // The customer's app signs the participant in and sends them back, as README's snippet does.
    var token = space.token(claims(newSub()));
    var landing =
        browser.get(redirectUrl + (redirectUrl.contains("?") ? "&" : "?") + "ms_token=" + token);

    assertThat(landing.statusCode()).as(landing.body()).isEqualTo(302);
    assertThat(landing.headers().firstValue("Location"))
        .hasValue(server.uri(referrerUrl).toString());
    assertThat(browser.cookie(space.cookieName())).isPresent();
    assertThat(space.me(browser).path("session").path("door").asText()).isEqualTo("jwt-sso");
  }

  /**
   * The referrerUrl travels inside redirectUrl, which travels inside the authorization URL: each
   * level is query-encoded whole, so nothing in the referrerUrl adds a parameter to either URL.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/spaces/{slug}?x=1&ms_token=AAA",
        "/spaces/{slug}/lives?tab=replays&referrerUrl=https://evil.test/&redirectUrl=https://evil.test/",
        "/spot/{id}/lives?q=a+b%26c=d&ms_token=",
        "/spaces/{slug}#ms_token=AAA",
        "/spaces/{slug}/caf\u00e9?name=Z\u00fcrich"
      })
  void referrerUrlWithItsOwnQueryAddsNoParameterOnTheWayBack(
      String referrerTemplate, FoyerServer server) {
    var space =
        SsoSpace.create(
            server, Json.object().put("authorizationUrl", "https://app.example.test/sso?tenant=7"));
    var referrerUrl = referrerTemplate.replace("{slug}", space.slug).replace("{id}", space.id);
    var browser = server.browser();

    var login =
        browser.get("/spot/" + space.id + "/sso/login?referrerUrl=" + SsoSpace.encode(referrerUrl));

    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    var authorization = URI.create(login.headers().firstValue("Location").orElseThrow());
    assertThat(queryParameterNames(authorization)).containsExactly("tenant", "redirectUrl");
    var redirectUrl = queryParameter(authorization, "redirectUrl");
    var back = URI.create(redirectUrl);
    assertThat(back.getRawFragment()).isNull();
    assertThat(back.getPath()).isEqualTo(space.jwtPath());
    assertThat(queryParameterNames(back)).containsExactly("referrerUrl");
    assertThat(queryParameter(back, "referrerUrl")).isEqualTo(referrerUrl);

    // The customer's app appends the token as README's snippet does.
    var token = space.token(claims(newSub()));
    var landing =
        browser.get(redirectUrl + (redirectUrl.contains("?") ? "&" : "?") + "ms_token=" + token);

    assertThat(landing.statusCode()).as(landing.body()).isEqualTo(302);
    assertThat(URI.create(landing.headers().firstValue("Location").orElseThrow()))
        .isEqualTo(server.uri(URI.create(referrerUrl).toASCIIString()));
    assertThat(browser.cookie(space.cookieName())).isPresent();
  }

  @Test
  void landingPageOffersContinueWithSsoOnlyWhereSsoHasAnAuthorizationUrl(FoyerServer server) {
    var space = SsoSpace.create(server);
    var without = SsoSpace.create(server, Json.object().put("enabled", false));

    var landing = server.browser().get("/spaces/" + space.slug);
    var plain = server.browser().get("/spaces/" + without.slug);

    assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
    assertThat(landing.body())
        .contains(
            "<p><a class=\"sso-login\" href=\"/spot/"
                + space.id
                + "/sso/login?referrerUrl=%2Fspaces%2F"
                + space.slug
                + "\">Continue with SSO</a></p>");
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    assertThat(plain.body()).doesNotContain("sso-login").doesNotContain("Continue with SSO");
    var login =
        server
            .browser()
            .get("/spot/" + space.id + "/sso/login?referrerUrl=%2Fspaces%2F" + space.slug);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow())
        .startsWith("https://app.example.test/");
  }

  @Test
  void authorizationUrlKeepsItsOwnQueryAndGetsRedirectUrlWithoutReferrer(FoyerServer server) {
    var space =
        SsoSpace.create(
            server, Json.object().put("authorizationUrl", "https://app.example.test/sso?tenant=7"));

    var login = server.browser().get("/spot/" + space.id + "/sso/login");

    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    var authorization = URI.create(login.headers().firstValue("Location").orElseThrow());
    assertThat(authorization.getHost()).isEqualTo("app.example.test");
    assertThat(queryParameter(authorization, "tenant")).isEqualTo("7");
    assertThat(queryParameter(authorization, "redirectUrl"))
        .isEqualTo(server.uri(space.jwtPath()).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"https://evil.test/x", "//evil.test", "/spaces/demo/x", "/spaces/{slug}/../x"})
  void loginLeavesForeignReferrerUrlOutOfRedirectUrl(String referrerTemplate, FoyerServer server) {
    var space = SsoSpace.create(server);

    var login =
        server
            .browser()
            .get(
                "/spot/"
                    + space.id
                    + "/sso/login?referrerUrl="
                    + SsoSpace.encode(referrerTemplate.replace("{slug}", space.slug)));

    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    var authorization = URI.create(login.headers().firstValue("Location").orElseThrow());
    assertThat(queryParameter(authorization, "redirectUrl"))
        .isEqualTo(server.uri(space.jwtPath()).toString());
    assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("evil");
  }

  @Test
  void loginIsRefusedWhenSsoIsDisabled(FoyerServer server) {
    var space = SsoSpace.create(server, Json.object().put("enabled", false));

    var login = server.browser().json().get("/spot/" + space.id + "/sso/login");

    assertThat(login.statusCode()).as(login.body()).isEqualTo(403);
    assertThat(Json.parse(login).path("code").asText()).isEqualTo("JWT17");
  }

  @Test
  void loginIsRefusedWithoutAuthorizationUrl(FoyerServer server) {
    var space = SsoSpace.create(server, Json.object().put("authorizationUrl", ""));

    var login = server.browser().json().get("/spot/" + space.id + "/sso/login");

    assertThat(login.statusCode()).as(login.body()).isEqualTo(403);
    assertThat(Json.parse(login).path("code").asText()).isEqualTo("JWT17");
  }

  @Test
  void loginIsRefusedForUnknownSpace(FoyerServer server) {
    var login = server.browser().json().get("/spot/" + UUID.randomUUID() + "/sso/login");

    assertThat(login.statusCode()).as(login.body()).isEqualTo(404);
    assertThat(Json.parse(login).path("code").asText()).isEqualTo("JWT16");
  }

  @Test
  void acceptsTokenPostedAsForm(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser();
    var sub = newSub();
    var referrerUrl = "/spaces/" + space.slug + "/lives";

    var response =
        browser.postForm(
            space.jwtPath(), "ms_token", space.token(claims(sub)), "referrerUrl", referrerUrl);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValue(server.uri(referrerUrl).toString());
    assertThat(space.me(browser).path("member").path("id").asText())
        .isEqualTo(space.member(sub).orElseThrow().path("id").asText());
  }

  @Test
  void postedFormWithForeignReferrerUrlLandsOnSpaceHome(FoyerServer server) {
    var space = SsoSpace.create(server);

    var response =
        server
            .browser()
            .postForm(
                space.jwtPath(),
                "ms_token",
                space.token(claims(newSub())),
                "referrerUrl",
                "//evil.test");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue(space.home());
  }

  @Test
  void embedSignsInWithCrossSiteCookieAndFrameAncestors(FoyerServer server) {
    var space = SsoSpace.create(server, allowedOrigin(), Json.object());
    var sub = newSub();

    var response =
        server
            .browser()
            .get(
                "/spot/" + space.id + "/embed?authToken=" + space.token(claims(sub)),
                "Referer",
                EMBEDDING_ORIGIN + "/portal/community");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue(space.home());
    var cookie =
        response.headers().allValues("Set-Cookie").stream()
            .filter(value -> value.startsWith(space.cookieName() + "="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie)
        .containsIgnoringCase("SameSite=None")
        .containsIgnoringCase("Secure")
        .containsIgnoringCase("HttpOnly");
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            policy -> assertThat(policy).endsWith("; frame-ancestors 'self' " + EMBEDDING_ORIGIN));
    assertThat(response.headers().firstValue("X-Frame-Options")).isEmpty();
    assertThat(space.member(sub)).isPresent();
    assertThat(space.loginRecords().get(0).path("accepted").asBoolean()).isTrue();
  }

  @Test
  void embedLandsOnReferrerUrlInsideTheSpace(FoyerServer server) {
    var space = SsoSpace.create(server, allowedOrigin(), Json.object());
    var referrerUrl = "/spaces/" + space.slug + "/lives";

    var response =
        server
            .browser()
            .get(
                "/spot/"
                    + space.id
                    + "/embed?authToken="
                    + space.token(claims(newSub()))
                    + "&referrerUrl="
                    + SsoSpace.encode(referrerUrl),
                "Referer",
                EMBEDDING_ORIGIN + "/");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValue(server.uri(referrerUrl).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example.test/page",
        "http://intranet.example.test/page",
        "https://intranet.example.test.evil.test/"
      })
  void embedRefusesPageOfAnotherOrigin(String referer, FoyerServer server) {
    var space = SsoSpace.create(server, allowedOrigin(), Json.object());
    var browser = server.browser().json();
    var sub = newSub();

    var response =
        browser.get(
            "/spot/" + space.id + "/embed?authToken=" + space.token(claims(sub)),
            "Referer",
            referer);

    space.assertRefused(browser, response, 403, "JWT18", sub);
  }

  @Test
  void embedRefusesMissingAuthToken(FoyerServer server) {
    var space = SsoSpace.create(server, allowedOrigin(), Json.object());
    var browser = server.browser().json();

    var response = browser.get("/spot/" + space.id + "/embed", "Referer", EMBEDDING_ORIGIN + "/");

    space.assertRefused(browser, response, 400, "JWT1", null);
  }

  @Test
  void keyIsShownOnceAndNeverAgain(FoyerServer server) {
    var space = SsoSpace.create(server);

    var settings = space.admin().get("/api/admin/spaces/" + space.slug + "/sso");
    var again = space.configureSso(Json.object().put("requireExp", true));

    assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
    var view = Json.parse(settings);
    assertThat(view.path("enabled").asBoolean()).isTrue();
    assertThat(view.path("spaceId").asText()).isEqualTo(space.id);
    assertThat(view.path("jwtEndpoint").asText()).isEqualTo(space.jwtPath());
    assertThat(view.path("requireExp").asBoolean()).isTrue();
    assertThat(view.path("maxLifetime").asText()).isEqualTo("PT5M");
    assertThat(view.path("newMemberOnEmailChange").asBoolean()).isFalse();
    assertThat(SsoSpace.text(view, "key")).isNull();
    assertThat(SsoSpace.text(again, "key")).isNull();
    assertThat(settings.body()).doesNotContain(space.key);
  }

  @Test
  void rotatedKeyAndPreviousKeyBothSignIn(FoyerServer server) {
    var space = SsoSpace.create(server);
    var before = Instant.now();

    var rotation = space.admin().postJson("/api/admin/spaces/" + space.slug + "/sso/key", "");

    assertThat(rotation.statusCode()).as(rotation.body()).isEqualTo(200);
    var newKey = Json.parse(rotation).path("key").asText();
    assertThat(newKey).isNotBlank().isNotEqualTo(space.key);
    var previousUntil = Instant.parse(Json.parse(rotation).path("previousKeyValidUntil").asText());
    assertThat(previousUntil)
        .isBetween(before.plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
    var oldKeySub = newSub();
    var newKeySub = newSub();
    var oldKey =
        server
            .browser()
            .get(space.jwtPath() + "?ms_token=" + JwtTokens.hs256(claims(oldKeySub), space.key));
    var current =
        server
            .browser()
            .get(space.jwtPath() + "?ms_token=" + JwtTokens.hs256(claims(newKeySub), newKey));
    assertThat(oldKey.statusCode()).as(oldKey.body()).isEqualTo(302);
    assertThat(current.statusCode()).as(current.body()).isEqualTo(302);
    assertThat(space.member(oldKeySub)).isPresent();
    assertThat(space.member(newKeySub)).isPresent();
  }

  @Test
  void keyOfTheRotationBeforeLastIsRefused(FoyerServer server) {
    var space = SsoSpace.create(server);
    var admin = space.admin();
    admin.postJson("/api/admin/spaces/" + space.slug + "/sso/key", "");
    var last = admin.postJson("/api/admin/spaces/" + space.slug + "/sso/key", "");
    assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
    var browser = server.browser().json();
    var sub = newSub();

    var response =
        browser.get(space.jwtPath() + "?ms_token=" + JwtTokens.hs256(claims(sub), space.key));

    space.assertRefused(browser, response, 401, "JWT6", sub);
  }

  @Test
  void refusalPageShowsCodeToBrowsers(FoyerServer server) {
    var space = SsoSpace.create(server);
    var claims = claims(newSub());
    claims.put("exp", Instant.now().getEpochSecond() - 3600);
    claims.put("iat", Instant.now().getEpochSecond() - 3660);

    var response = space.signIn(server.browser(), space.token(claims));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(response.body())
        .contains("<code class=\"error-code\">JWT8</code>")
        .doesNotContain(space.key);
  }

  @Test
  void spaceViewNamesTheIdOfTheSsoEndpoints(FoyerServer server) {
    var space = SsoSpace.create(server);

    var response = space.admin().get("/api/admin/spaces/" + space.slug);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Json.parse(response).path("id").asText()).isEqualTo(space.id);
  }

  /**
   * A door address the pac4j filter does not recognise must not reach the door's resource as a 500.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/sso/jwt/", "/sso/jwt;v=1", "/embed/"})
  void variantsOfTheDoorAddressDoNotFail(String door, FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();

    var response =
        browser.get(
            "/spot/"
                + space.id
                + door
                + "?ms_token="
                + space.token(claims(newSub()))
                + "&authToken="
                + space.token(claims(newSub())));

    assertThat(response.statusCode()).as(response.body()).isLessThan(500);
  }

  private static ObjectNode allowedOrigin() {
    var space = Json.object();
    space.putArray("allowedOrigins").add(EMBEDDING_ORIGIN);
    return space;
  }

  /** The names of the query's parameters in order, repeats included. */
  private static java.util.List<String> queryParameterNames(URI uri) {
    var names = new java.util.ArrayList<String>();
    for (var pair : uri.getRawQuery().split("&")) {
      var equals = pair.indexOf('=');
      names.add(
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8));
    }
    return names;
  }

  private static String queryParameter(URI uri, String name) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (var pair : uri.getRawQuery().split("&")) {
      var equals = pair.indexOf('=');
      parameters.put(
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    assertThat(parameters).as(uri.toString()).containsKey(name);
    return parameters.get(name);
  }
}
