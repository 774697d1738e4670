package dev.foyer.it.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.JwtTokens;
import dev.foyer.it.support.Names;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WAR started on a database the release before Flyway made and filled (see
 * src/test/resources/upgrade/README.md) upgrades it and keeps every row and every sign-in working.
 * Everything is checked over HTTP, never by columns, so later migrations that move data around keep
 * this test meaningful.
 */
@ExtendWith(FoyerServer.class)
class UpgradeIT {
  private static CurrentRelease release;
  private static FoyerServer.Extra upgraded;
  private static FoyerServer server;
  private static String slug;

  @BeforeAll
  static void upgradeADatabaseOfTheCurrentRelease(FoyerServer shared) {
    release = CurrentRelease.of(shared.db());
    slug = release.get("space.slug");
    upgraded = release.restoreAndStart(shared);
    server = upgraded.server();
  }

  @AfterAll
  static void stop() {
    if (upgraded != null) {
      upgraded.close();
    }
  }

  @Test
  void adoptsTheExistingSchemaAndAppliesV1ToAnEmptyDatabase(FoyerServer shared) throws Exception {
    assertThat(Files.readString(server.log(), StandardCharsets.ISO_8859_1))
        .contains("adopted the existing schema as version 1")
        .contains("V2 uri auth settings");
    assertThat(Files.readString(shared.log(), StandardCharsets.ISO_8859_1))
        .contains("applied")
        .contains("from empty: V1 ")
        .doesNotContain("adopted the existing schema");
  }

  @Test
  void oldSessionCookiesStillAnswerMe() {
    for (var member : List.of("uri", "sso")) {
      var response =
          server
              .browser()
              .json()
              .get(
                  "/api/me?account=" + slug,
                  "Cookie",
                  "foyer_" + slug + "=" + release.get("member." + member + ".cookie"));
      assertThat(response.statusCode()).as(member + ": " + response.body()).isEqualTo(200);
      assertThat(Json.parse(response).path("member").path("id").asText())
          .isEqualTo(release.get("member." + member + ".id"));
    }
  }

  @Test
  void signedLinkMadeWithTheOldSpaceSecretSignsInTheLinkedMember() {
    var browser = server.browser();
    var response =
        browser.get(
            "/auth/uri?"
                + signedQuery(
                    release.get("space.signingSecret"),
                    Map.of(
                        "account",
                        slug,
                        "givenName",
                        "Una",
                        "familyName",
                        "Uri",
                        "uid",
                        release.get("member.uri.uid"),
                        "eventid",
                        "welcome")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElse(""))
        .endsWith("/spaces/" + slug + "/events/welcome");
    assertThat(me(browser).path("member").path("id").asText())
        .isEqualTo(release.get("member.uri.id"));
  }

  @Test
  void unsignedLinkIsStillRefusedBecauseTheSpaceRequiresSignatures() {
    var browser = server.browser();
    var response = browser.json().get("/auth/uri?account=" + slug + "&givenName=Eve&uid=crm-eve-2");
    assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
    assertThat(browser.cookie("foyer_" + slug)).isEmpty();
  }

  @Test
  void jwtMadeWithTheOldSpaceKeySignsInTheLinkedMember() {
    var now = Instant.now().getEpochSecond();
    var claims = new LinkedHashMap<String, Object>();
    claims.put("sub", release.get("member.sso.sub"));
    claims.put("firstName", "Jo");
    claims.put("lastName", "Token");
    claims.put("email", "jo@example.test");
    claims.put("iat", now);
    claims.put("exp", now + 60);
    var browser = server.browser();
    var token = JwtTokens.hs256(claims, release.get("sso.key"));
    var response =
        browser.get("/spot/" + release.get("space.id") + "/sso/jwt?ms_token=" + encode(token));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(me(browser).path("member").path("id").asText())
        .isEqualTo(release.get("member.sso.id"));
  }

  /**
   * The release recorded a used token without jti by its text, and this one keys on the signature:
   * a token it saw used, valid forever (no exp, in a space with requireExp false), stays used.
   */
  @Test
  void tokenWithoutExpUsedBeforeTheUpgradeStaysUsed() {
    var sso = "/api/admin/spaces/" + slug + "/sso";
    ok(admin().putJson(sso, Json.write(Json.object().put("requireExp", false))));
    try {
      var jwtPath = "/spot/" + release.get("space.id") + "/sso/jwt?ms_token=";
      var browser = server.browser().json();
      var replay = browser.get(jwtPath + encode(release.get("sso.usedTokenWithoutExp")));
      assertThat(replay.statusCode()).as(replay.body()).isEqualTo(401);
      assertThat(Json.parse(replay).path("code").asText()).isEqualTo("JWT11");
      assertThat(browser.cookie("foyer_" + slug)).isEmpty();

      var claims = new LinkedHashMap<String, Object>();
      claims.put("sub", "sso-upgrade-after");
      claims.put("firstName", "Fay");
      claims.put("lastName", "After");
      claims.put("email", "fay.after@example.test");
      claims.put("iat", Instant.now().getEpochSecond());
      var fresh = JwtTokens.hs256(claims, release.get("sso.key"));
      var first = server.browser().get(jwtPath + encode(fresh));
      var again = server.browser().json().get(jwtPath + encode(fresh));
      assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(401);
      assertThat(Json.parse(again).path("code").asText()).isEqualTo("JWT11");
    } finally {
      ok(admin().putJson(sso, Json.write(Json.object().put("requireExp", true))));
    }
  }

  @Test
  void passwordMemberSignsIn() {
    var browser = server.browser();
    var response =
        browser.postForm(
            "/auth/password",
            "account",
            slug,
            "email",
            release.get("member.password.email"),
            "password",
            release.get("member.password.password"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(me(browser).path("member").path("id").asText())
        .isEqualTo(release.get("member.password.id"));
  }

  @Test
  void adminApiListsTheOldSpaceEventsGroupsAndSettings() {
    var admin = admin();
    var spaces = Json.parse(ok(admin.get("/api/admin/spaces")));
    var space = find(spaces, "slug", slug);
    assertThat(space.path("id").asText()).isEqualTo(release.get("space.id"));
    assertThat(space.path("name").asText()).isEqualTo("Upgrade Space");
    assertThat(space.path("signedLinksRequired").asBoolean()).isTrue();
    assertThat(texts(space.path("allowedOrigins")))
        .containsExactly("https://intranet.example.test");
    assertThat(texts(space.path("customProperties"))).containsExactly("company", "team");

    var events = Json.parse(ok(admin.get("/api/admin/spaces/" + slug + "/events")));
    assertThat(texts(events, "id")).contains("welcome", "board");
    assertThat(texts(find(events, "id", "board").path("admittedLevels"))).containsExactly("SSO");

    var groups = Json.parse(ok(admin.get("/api/admin/spaces/" + slug + "/groups")));
    assertThat(find(groups, "id", release.get("group.id")).path("name").asText())
        .isEqualTo("Moderators");

    var sso = Json.parse(ok(admin.get("/api/admin/spaces/" + slug + "/sso")));
    assertThat(sso.path("enabled").asBoolean()).isTrue();
    assertThat(sso.path("authorizationUrl").asText())
        .isEqualTo("https://app.example.test/sso/authorize");
    assertThat(sso.path("maxLifetime").asText()).isEqualTo("PT10M");
  }

  /** V5 made event ids per space: the old events keep theirs, and another space may use them. */
  @Test
  void anotherSpaceMayUseTheIdsOfTheOldEvents() {
    var admin = admin();
    var other = Names.slug();
    var space = Json.object().put("slug", other).put("name", "After the upgrade");
    assertThat(admin.postJson("/api/admin/spaces", Json.write(space)).statusCode()).isEqualTo(201);
    var event = Json.object().put("id", "welcome").put("title", "Another welcome");
    var created = admin.postJson("/api/admin/spaces/" + other + "/events", Json.write(event));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    var old = Json.parse(ok(admin.get("/api/admin/spaces/" + slug + "/events/welcome")));
    assertThat(old.path("title").asText()).isNotEqualTo("Another welcome");
    var signIn =
        server.browser().get("/auth/uri?account=" + other + "&givenName=Ann&eventid=welcome");
    assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location").orElse(""))
        .endsWith("/spaces/" + other + "/events/welcome");
  }

  @Test
  void adminApiShowsTheOldMembersWithTheirGroupsPropertiesAndIdentities() {
    var admin = admin();
    var members = "/api/admin/spaces/" + slug + "/members";
    var byUid = Json.parse(ok(admin.get(members + "?uid=" + release.get("member.uri.uid"))));
    assertThat(byUid.get(0).path("id").asText()).isEqualTo(release.get("member.uri.id"));
    assertThat(texts(byUid.get(0).path("events"), "eventId")).contains("welcome");

    var sso =
        Json.parse(
                ok(admin.get(members + "?provider=jwt-sso&uid=" + release.get("member.sso.sub"))))
            .get(0);
    assertThat(sso.path("id").asText()).isEqualTo(release.get("member.sso.id"));
    assertThat(texts(sso.path("groups"), "name")).containsExactly("Moderators");
    assertThat(sso.path("properties").path("company").asText()).isEqualTo("Acme");
    assertThat(sso.path("domains").path("app").asText()).isEqualTo("https://app.example.test");

    var password = Json.parse(ok(admin.get(members + "/" + release.get("member.password.id"))));
    assertThat(password.path("hasPassword").asBoolean()).isTrue();
    assertThat(password.path("email").asText()).isEqualTo(release.get("member.password.email"));
  }

  /** V16's backfill: members and linked identities from before it are found by member search. */
  @Test
  void memberSearchFindsTheOldMembers() {
    var search = "/api/admin/spaces/" + slug + "/members?q=";
    var uid = release.get("member.uri.uid");

    assertThat(texts(Json.parse(ok(admin().get(search + uid.toUpperCase()))), "id"))
        .containsExactly(release.get("member.uri.id"));
    assertThat(texts(Json.parse(ok(admin().get(search + release.get("member.sso.sub")))), "id"))
        .containsExactly(release.get("member.sso.id"));
    assertThat(
            texts(Json.parse(ok(admin().get(search + release.get("member.password.email")))), "id"))
        .containsExactly(release.get("member.password.id"));
    assertThat(texts(Json.parse(ok(admin().get(search + "&limit=200"))), "id"))
        .contains(
            release.get("member.uri.id"),
            release.get("member.sso.id"),
            release.get("member.password.id"));
  }

  @Test
  void adminApiListsTheOldLoginRecords() {
    var records = Json.parse(ok(admin().get("/api/admin/spaces/" + slug + "/login-records")));
    var accepted = new ArrayList<String>();
    var refused = new ArrayList<String>();
    records.forEach(
        record ->
            (record.path("accepted").asBoolean() ? accepted : refused)
                .add(record.path("door").asText()));
    assertThat(accepted).contains("uri-auth", "jwt-sso", "password");
    assertThat(refused).contains("uri-auth");
  }

  private static Browser admin() {
    return server.browser().json().bearer(server.adminToken());
  }

  private static JsonNode me(Browser browser) {
    return Json.parse(ok(browser.json().get("/api/me?account=" + slug)));
  }

  private static HttpResponse<String> ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(200);
    return response;
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (var node : array) {
      if (node.path(field).asText().equals(value)) {
        return node;
      }
    }
    throw new AssertionError("No element with " + field + "=" + value + " in " + array);
  }

  private static List<String> texts(JsonNode array) {
    var texts = new ArrayList<String>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<String> texts(JsonNode array, String field) {
    var texts = new ArrayList<String>();
    array.forEach(node -> texts.add(node.path(field).asText()));
    return texts;
  }

  /** README "Signed links": every parameter but sig, sorted, name=value, joined by line feeds. */
  private static String signedQuery(String secret, Map<String, String> params) {
    var all = new TreeMap<>(params);
    all.put("ts", Long.toString(Instant.now().getEpochSecond()));
    var canonical =
        all.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n"));
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      all.put(
          "sig", HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return all.entrySet().stream()
        .map(e -> e.getKey() + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
