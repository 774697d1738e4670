package dev.foyer.it.sessions;

import static dev.foyer.it.support.AdminApi.memberPath;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.SignedLinks;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code PATCH /api/me}: a signed-in member changes their own nickname, unless their space always
 * uses the nickname single sign-on gives (seed 002); bad bodies and names are refused with codes.
 */
@ExtendWith(FoyerServer.class)
class NicknameChangeIT {
  private static final String ORIGIN = "https://intranet-" + hex(5) + ".example.com";

  /** A space with signed links and the settings given; a member of it signed in by a link. */
  record SignedIn(String slug, Browser browser, String memberId) {}

  private static SignedIn signIn(FoyerServer server, Map<String, Object> settings) {
    var slug = slug();
    var body = new LinkedHashMap<String, Object>();
    body.put("slug", slug);
    body.put("name", "Space " + slug);
    body.put("signedLinksRequired", true);
    body.put("allowedOrigins", List.of(ORIGIN));
    body.putAll(settings);
    var created = send(server, server.adminToken(), "POST", "/api/admin/spaces", Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    var secret = Json.parse(created).path("signingSecret").asText();
    var uid = "crm-" + hex(5);
    var browser = server.browser();
    var link =
        SignedLinks.link(
            secret, Map.of("account", slug, "givenName", "Sue", "familyName", "Doe", "uid", uid));
    var response = browser.get(link);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(302);
    var found =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/" + slug + "/members?uid=" + uid,
            null);
    return new SignedIn(slug, browser, Json.parse(found).path(0).path("id").asText());
  }

  @Test
  void aMemberChangesTheirNicknameAndSeesItInMe(FoyerServer server) {
    var sue = signIn(server, Map.of());

    var response = sue.browser().patchJson("/api/me", "{\"nickname\":\"  Zoe\u0308 the Great \"}");

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    var answered = Json.parse(response);
    assertThat(answered.path("account").asText()).isEqualTo(sue.slug());
    assertThat(answered.path("member").path("nickname").asText()).isEqualTo("Zo\u00eb the Great");
    var me = Json.parse(sue.browser().json().get("/api/me"));
    assertThat(me.path("member").path("nickname").asText()).isEqualTo("Zo\u00eb the Great");
    assertThat(me.path("member").path("givenName").asText()).isEqualTo("Sue");
    // URI Auth asserts no username (only federated providers do); JSON-B leaves out a null.
    assertThat(me.path("member").path("username").isTextual()).as(me.toString()).isFalse();
    var admin =
        Json.parse(
            send(server, server.adminToken(), "GET", memberPath(sue.slug(), sue.memberId()), null));
    assertThat(admin.path("nickname").asText()).isEqualTo("Zo\u00eb the Great");
    assertThat(admin.path("username").isTextual()).as(admin.toString()).isFalse();
  }

  @Test
  void theSessionHeaderAndAnAllowedOriginMayChangeItToo(FoyerServer server) {
    var sue = signIn(server, Map.of());
    var token = sue.browser().cookie("foyer_" + sue.slug()).orElseThrow().getValue();
    var plugin = server.browser().json().withHeader("X-Foyer-Session", token);

    var response =
        plugin.patchJson(
            "/api/me?account=" + sue.slug(), "{\"nickname\":\"Plugin Sue\"}", "Origin", ORIGIN);

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    assertThat(Json.parse(response).path("member").path("nickname").asText())
        .isEqualTo("Plugin Sue");
  }

  @Test
  void aPageOfAnotherOriginChangesNothing(FoyerServer server) {
    var sue = signIn(server, Map.of());
    var stranger = "https://stranger-" + hex(5) + ".example.com";

    var response =
        sue.browser().patchJson("/api/me", "{\"nickname\":\"Hijacked\"}", "Origin", stranger);

    assertProblem(response, 403, "GEN403");
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(nickname(sue)).isEqualTo("Sue");
  }

  @Test
  void thePreflightAllowsPatch(FoyerServer server) {
    var sue = signIn(server, Map.of());
    var browser = server.browser();

    var response =
        browser.send(
            browser
                .request(
                    "/api/me?account=" + sue.slug(),
                    "Origin",
                    ORIGIN,
                    "Access-Control-Request-Method",
                    "PATCH",
                    "Access-Control-Request-Headers",
                    "content-type")
                .method("OPTIONS", BodyPublishers.noBody()));

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("PATCH");
  }

  @Test
  void refusesAMemberOfASpaceThatAlwaysUsesSsoNicknamesWithNick1(FoyerServer server) {
    var sue = signIn(server, Map.of("alwaysSsoNicknames", true));

    var response = sue.browser().patchJson("/api/me", "{\"nickname\":\"Mine\"}");

    assertProblem(response, 403, "NICK1");
    assertThat(nickname(sue)).isEqualTo("Sue");
  }

  @Test
  void aGuestOfSuchASpaceMayStillChooseTheirNickname(FoyerServer server) {
    var slug = slug();
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces",
            Json.write(Map.of("slug", slug, "name", "Space", "alwaysSsoNicknames", true)));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    var guest = server.browser();
    assertThat(guest.get("/auth/uri?account=" + slug + "&givenName=Gus").statusCode())
        .isEqualTo(302);

    var response = guest.patchJson("/api/me", "{\"nickname\":\"Gus the Guest\"}");

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    assertThat(Json.parse(response).path("member").path("guest").asBoolean()).isTrue();
    assertThat(Json.parse(response).path("member").path("nickname").asText())
        .isEqualTo("Gus the Guest");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "not json",
        "[\"Sue\"]",
        "\"Sue\"",
        "{}",
        "{\"nickname\":null}",
        "{\"nickname\":42}",
        "{\"nickname\":{\"value\":\"Sue\"}}",
        "{\"nickname\":\"Sue2\",\"givenName\":\"Bob\"}",
        "{\"nickname\":\"Sue2\"}{}"
      })
  void refusesABodyThatIsNotOneNicknameWithReq400(String body, FoyerServer server) {
    var sue = signIn(server, Map.of());

    var response = sue.browser().patchJson("/api/me", body);

    assertProblem(response, 400, "REQ400");
    assertThat(nickname(sue)).isEqualTo("Sue");
  }

  @Test
  void refusesABlankOrTooLongNicknameWithNick2AndAnInvisibleOneWithName1(FoyerServer server) {
    var sue = signIn(server, Map.of());

    var blank = sue.browser().patchJson("/api/me", "{\"nickname\":\"   \"}");
    var empty = sue.browser().patchJson("/api/me", "{\"nickname\":\"\"}");
    var tooLong = sue.browser().patchJson("/api/me", "{\"nickname\":\"" + "x".repeat(256) + "\"}");
    var invisible = sue.browser().patchJson("/api/me", "{\"nickname\":\"\\u200b\\u00a0\"}");
    var longest = sue.browser().patchJson("/api/me", "{\"nickname\":\"" + "y".repeat(255) + "\"}");

    assertProblem(blank, 400, "NICK2");
    assertProblem(empty, 400, "NICK2");
    assertProblem(tooLong, 400, "NICK2");
    assertProblem(invisible, 400, "NAME1");
    assertThat(longest.statusCode()).as(describe(longest)).isEqualTo(200);
    assertThat(nickname(sue)).isEqualTo("y".repeat(255));
  }

  @Test
  void refusesABodyThatIsNotJsonWithReq415(FoyerServer server) {
    var sue = signIn(server, Map.of());

    var response =
        sue.browser()
            .send(
                sue.browser()
                    .request("/api/me", "Content-Type", "text/plain", "Accept", "application/json")
                    .method("PATCH", BodyPublishers.ofString("{\"nickname\":\"Plain\"}")));

    assertProblem(response, 415, "REQ415");
    assertThat(nickname(sue)).isEqualTo("Sue");
  }

  @Test
  void refusesWithoutASessionWithSes1(FoyerServer server) {
    var response = server.browser().patchJson("/api/me", "{\"nickname\":\"Nobody\"}");
    var forged =
        server
            .browser()
            .withHeader("X-Foyer-Session", "not-a-session")
            .patchJson("/api/me", "{\"nickname\":\"Nobody\"}");

    assertProblem(response, 401, "SES1");
    assertProblem(forged, 401, "SES1");
  }

  private static String nickname(SignedIn member) {
    var me = member.browser().json().get("/api/me");
    assertThat(me.statusCode()).as(describe(me)).isEqualTo(200);
    return Json.parse(me).path("member").path("nickname").asText();
  }
}
