package dev.foyer.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fresh space of its own with JWT SSO switched on, as an administrator sets it up through the
 * admin API, plus what an integrator's application and a test need around it: claims, tokens signed
 * with the space's key, the door's URLs, the member and login-record views.
 */
public final class SsoSpace {
  public static final String AUTHORIZATION_URL = "https://app.example.test/sso/authorize";

  public final FoyerServer server;
  public final String slug;
  public final String id;

  /** The HS256 key, shown once when SSO is first configured. */
  public final String key;

  private SsoSpace(FoyerServer server, String slug, String id, String key) {
    this.server = server;
    this.slug = slug;
    this.id = id;
    this.key = key;
  }

  /** A new space with SSO enabled and an authorization URL; every other setting is the default. */
  public static SsoSpace create(FoyerServer server) {
    return create(server, Json.object());
  }

  /** A new space with SSO enabled and the given settings on top (e.g. requireExp). */
  public static SsoSpace create(FoyerServer server, ObjectNode settings) {
    return create(server, Json.object(), settings);
  }

  /**
   * A new space created with {@code spaceFields} (visibility, allowedOrigins, customProperties...)
   * and SSO enabled with {@code settings} on top of the authorization URL.
   */
  public static SsoSpace create(FoyerServer server, ObjectNode spaceFields, ObjectNode settings) {
    var slug = "t-" + Names.hex(6);
    var admin = admin(server);
    var space = Json.object().put("slug", slug).put("name", "Space " + slug);
    space.setAll(spaceFields);
    var created = admin.postJson("/api/admin/spaces", Json.write(space));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var id = Json.parse(created).path("id").asText();
    var sso = Json.object().put("enabled", true).put("authorizationUrl", AUTHORIZATION_URL);
    sso.setAll(settings);
    var configured = admin.putJson("/api/admin/spaces/" + slug + "/sso", Json.write(sso));
    assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
    var key = Json.parse(configured).path("key").asText();
    assertThat(key).as("the key shown once on creation").isNotBlank();
    return new SsoSpace(server, slug, id, key);
  }

  public static Browser admin(FoyerServer server) {
    return server.browser().json().bearer(server.adminToken());
  }

  public Browser admin() {
    return admin(server);
  }

  /** Valid claims for a person, as seeds 001/003 list them, issued now and valid for 60 s. */
  public static Map<String, Object> claims(String sub) {
    var now = Instant.now().getEpochSecond();
    var claims = new LinkedHashMap<String, Object>();
    claims.put("sub", sub);
    claims.put("firstName", "Ada");
    claims.put("lastName", "Lovelace");
    claims.put("email", "ada." + Names.hex(5) + "@example.test");
    claims.put("iat", now);
    claims.put("exp", now + 60);
    return claims;
  }

  public static String newSub() {
    return "crm-" + Names.hex(6);
  }

  public String token(Map<String, ?> claims) {
    return JwtTokens.hs256(claims, key);
  }

  public String jwtPath() {
    return "/spot/" + id + "/sso/jwt";
  }

  /** Seeds 001/003's redirect: {@code GET /spot/{id}/sso/jwt?ms_token=...}. */
  public HttpResponse<String> signIn(Browser browser, String token) {
    return browser.get(jwtPath() + "?ms_token=" + encode(token));
  }

  public HttpResponse<String> signIn(Browser browser, String token, String referrerUrl) {
    return browser.get(
        jwtPath() + "?ms_token=" + encode(token) + "&referrerUrl=" + encode(referrerUrl));
  }

  /** Signs {@code claims} in with a fresh browser and expects the 302 and the session cookie. */
  public String signInOk(Map<String, ?> claims) {
    var browser = server.browser();
    var response = signIn(browser, token(claims));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(browser.cookie(cookieName())).as("session cookie").isPresent();
    return me(browser).path("member").path("id").asText();
  }

  public String cookieName() {
    return "foyer_" + slug;
  }

  /** The space's home: where every sign-in without a usable referrerUrl lands. */
  public String home() {
    return server.uri("/spaces/" + slug).toString();
  }

  public JsonNode me(Browser browser) {
    var response = browser.json().get("/api/me?account=" + slug);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response);
  }

  public void assertNotSignedIn(Browser browser) {
    assertThat(browser.cookie(cookieName())).as("session cookie").isEmpty();
    var response = browser.json().get("/api/me?account=" + slug);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
  }

  /**
   * A refused sign-in as README "Error codes" describes it: the status, problem+json with the code,
   * no session cookie and no session, no member for {@code sub} (when given), and a login record of
   * the refusal with its code as the space's newest.
   */
  public void assertRefused(
      Browser browser, HttpResponse<String> response, int status, String code, String sub) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .as(response.body())
        .startsWith("application/problem+json");
    assertThat(Json.parse(response).path("code").asText()).as(response.body()).isEqualTo(code);
    assertThat(response.headers().allValues("Set-Cookie"))
        .noneMatch(cookie -> cookie.startsWith(cookieName() + "="));
    assertNotSignedIn(browser);
    if (sub != null) {
      assertThat(member(sub)).as("member for sub " + sub).isEmpty();
    }
    var records = loginRecords();
    assertThat(records).as("login records of " + slug).isNotEmpty();
    var newest = records.get(0);
    assertThat(newest.path("door").asText()).isEqualTo("jwt-sso");
    assertThat(newest.path("accepted").asBoolean()).isFalse();
    assertThat(newest.path("code").asText()).isEqualTo(code);
  }

  /** The member the JWT SSO door linked to {@code sub}, through the admin API. */
  public Optional<JsonNode> member(String sub) {
    var response =
        admin().get("/api/admin/spaces/" + slug + "/members?provider=jwt-sso&uid=" + encode(sub));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var members = Json.parse(response);
    assertThat(members.size()).isLessThanOrEqualTo(1);
    return members.isEmpty() ? Optional.empty() : Optional.of(members.get(0));
  }

  public JsonNode memberById(String memberId) {
    var response = admin().get("/api/admin/spaces/" + slug + "/members/" + memberId);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response);
  }

  /** Creates a member through the admin API (a password, a status, or neither). */
  public JsonNode createMember(ObjectNode member) {
    var response = admin().postJson("/api/admin/spaces/" + slug + "/members", Json.write(member));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Json.parse(response);
  }

  public void changeStatus(String memberId, String status) {
    var response =
        admin()
            .putJson(
                "/api/admin/spaces/" + slug + "/members/" + memberId + "/status",
                Json.write(Json.object().put("status", status)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Json.parse(response).path("status").asText()).isEqualTo(status);
  }

  public String createGroup(String name) {
    var response =
        admin()
            .postJson(
                "/api/admin/spaces/" + slug + "/groups",
                Json.write(Json.object().put("name", name)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Json.parse(response).path("id").asText();
  }

  public JsonNode configureSso(ObjectNode settings) {
    var response = admin().putJson("/api/admin/spaces/" + slug + "/sso", Json.write(settings));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response);
  }

  public JsonNode patch(ObjectNode changes) {
    var admin = admin();
    var response =
        admin.send(
            admin
                .request("/api/admin/spaces/" + slug, "Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(Json.write(changes))));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response);
  }

  /** The space's login records, newest first. */
  public List<JsonNode> loginRecords() {
    var response = admin().get("/api/admin/spaces/" + slug + "/login-records");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var records = new ArrayList<JsonNode>();
    Json.parse(response).forEach(records::add);
    return records;
  }

  /** The codes of the space's refused JWT SSO attempts, oldest first. */
  public List<String> refusalCodes() {
    var codes = new ArrayList<String>();
    for (var record : loginRecords()) {
      if (record.path("door").asText().equals("jwt-sso") && !record.path("accepted").asBoolean()) {
        codes.add(0, record.path("code").asText());
      }
    }
    return codes;
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A field of a JSON view, or null when it is absent or null. */
  public static String text(JsonNode node, String field) {
    var value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }
}
