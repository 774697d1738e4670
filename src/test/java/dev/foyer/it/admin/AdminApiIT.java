package dev.foyer.it.admin;

import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The administration API as an operator's scripts use it: who may call what (README
 * "Administration API"), the ADM codes, and what the changes do to URI Auth sign-ins.
 */
@ExtendWith(FoyerServer.class)
class AdminApiIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String EVENT_ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";

  private static String admin;
  private static String otherGroup;
  private static String expired;
  private static String foreignIssuer;
  private static String adminOfAnotherSpace;

  @BeforeAll
  static void mintTokens(FoyerServer server) {
    admin = server.adminToken();
    otherGroup = server.token("--groups", "foyer-member,moderators");
    expired = server.token("--ttl", "-PT1H");
    foreignIssuer = server.token("--issuer", "https://idp.example.com");
    adminOfAnotherSpace = server.token("--groups", "foyer-space-admin", "--space", slug());
  }

  // --- Who may call what -------------------------------------------------------------------

  /** A caller of the matrix, and the status it gets from an endpoint that succeeds with {@code ok}. */
  enum Caller {
    NO_TOKEN,
    OTHER_GROUP,
    EXPIRED_TOKEN,
    FOREIGN_ISSUER,
    SPACE_ADMIN_OF_ANOTHER_SPACE,
    FOYER_ADMIN;

    String token() {
      return switch (this) {
        case NO_TOKEN -> null;
        case OTHER_GROUP -> otherGroup;
        case EXPIRED_TOKEN -> expired;
        case FOREIGN_ISSUER -> foreignIssuer;
        case SPACE_ADMIN_OF_ANOTHER_SPACE -> adminOfAnotherSpace;
        case FOYER_ADMIN -> admin;
      };
    }
  }

  /** Every endpoint of the README's table; {space}, {event}, {member}, {uid}, {new} are filled per test. */
  record Endpoint(String method, String path, String body, int ok) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("GET", "/api/admin/spaces", null, 200),
          new Endpoint("POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":\"New space\"}", 201),
          new Endpoint("GET", "/api/admin/spaces/{space}", null, 200),
          new Endpoint("PATCH", "/api/admin/spaces/{space}", "{\"name\":\"Renamed\"}", 200),
          new Endpoint("POST", "/api/admin/spaces/{space}/signing-secret", null, 200),
          new Endpoint("GET", "/api/admin/spaces/{space}/events", null, 200),
          new Endpoint("POST", "/api/admin/spaces/{space}/events", "{\"title\":\"New event\"}", 201),
          new Endpoint("GET", "/api/admin/spaces/{space}/events/{event}", null, 200),
          new Endpoint("PATCH", "/api/admin/spaces/{space}/events/{event}", "{\"title\":\"Retitled\"}", 200),
          new Endpoint("DELETE", "/api/admin/spaces/{space}/events/{event}", null, 204),
          new Endpoint("GET", "/api/admin/spaces/{space}/members?uid={uid}", null, 200),
          new Endpoint("GET", "/api/admin/spaces/{space}/members/{member}", null, 200),
          new Endpoint("PUT", "/api/admin/spaces/{space}/members/{member}/status", "{\"status\":\"ACTIVE\"}", 200),
          new Endpoint("GET", "/api/admin/spaces/{space}/login-records?limit=100", null, 200),
          new Endpoint("POST", "/api/admin/spaces/{space}/members", "{\"givenName\":\"Ann\",\"email\":\"ann-{new}@example.com\"}", 201),
          new Endpoint("GET", "/api/admin/spaces/{space}/groups", null, 200),
          new Endpoint("POST", "/api/admin/spaces/{space}/groups", "{\"name\":\"Moderators\"}", 201),
          new Endpoint("GET", "/api/admin/spaces/{space}/sso", null, 200),
          new Endpoint("PUT", "/api/admin/spaces/{space}/sso", "{\"enabled\":true}", 200),
          new Endpoint("POST", "/api/admin/spaces/{space}/sso/key", null, 200));

  @TestFactory
  Stream<DynamicTest> answersEveryEndpointAccordingToTheToken(FoyerServer server) {
    return ENDPOINTS.stream()
        .flatMap(
            endpoint ->
                Stream.of(Caller.values())
                    .map(
                        caller -> {
                          int expected = expectedStatus(endpoint, caller);
                          return DynamicTest.dynamicTest(
                              endpoint + " as " + caller + " -> " + expected,
                              () -> {
                                var response = call(server, caller.token(), endpoint, fixture(server, endpoint));

                                assertThat(response.statusCode()).as(describe(response)).isEqualTo(expected);
                              });
                        }));
  }

  private static int expectedStatus(Endpoint endpoint, Caller caller) {
    return switch (caller) {
      case NO_TOKEN, EXPIRED_TOKEN, FOREIGN_ISSUER -> 401;
      case OTHER_GROUP -> 403;
      // The list shows a space administrator their own space; everything else here is another's.
      case SPACE_ADMIN_OF_ANOTHER_SPACE -> endpoint.path().equals("/api/admin/spaces") && endpoint.method().equals("GET") ? 200 : 403;
      case FOYER_ADMIN -> endpoint.ok();
    };
  }

  @Test
  void refusesARequestWithoutTokenWithGen401(FoyerServer server) {
    var response = server.browser().json().get("/api/admin/spaces");

    assertProblem(response, 401, "GEN401");
  }

  @Test
  void refusesATokenWithoutAnAdminGroupWithGen403(FoyerServer server) {
    var response = server.browser().json().bearer(otherGroup).get("/api/admin/spaces");

    assertProblem(response, 403, "GEN403");
  }

  @Test
  void refusesAnExpiredTokenWithGen401(FoyerServer server) {
    var response = server.browser().json().bearer(expired).get("/api/admin/spaces");

    assertProblem(response, 401, "GEN401");
  }

  @Test
  void refusesATokenOfAnotherIssuerWithGen401(FoyerServer server) {
    var response = server.browser().json().bearer(foreignIssuer).get("/api/admin/spaces");

    assertProblem(response, 401, "GEN401");
  }

  @Test
  void refusesAForgedTokenWithGen401(FoyerServer server) {
    var parts = admin.split("\\.");
    var forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

    var response = server.browser().json().bearer(forged).get("/api/admin/spaces");

    assertProblem(response, 401, "GEN401");
  }

  // --- A space administrator ----------------------------------------------------------------

  @Test
  void showsASpaceAdministratorOnlyTheirSpace(FoyerServer server) {
    var a = createSpace(server);
    createSpace(server);
    var token = server.token("--groups", "foyer-space-admin", "--space", a);

    var response = server.browser().json().bearer(token).get("/api/admin/spaces");

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    assertThat(slugs(Json.parse(response))).containsExactly(a);
  }

  @Test
  void letsASpaceAdministratorReadAndPatchTheirSpace(FoyerServer server) {
    var a = createSpace(server);
    var token = server.token("--groups", "foyer-space-admin", "--space", a);

    var read = send(server, token, "GET", "/api/admin/spaces/" + a, null);
    var patched = send(server, token, "PATCH", "/api/admin/spaces/" + a, "{\"name\":\"Our intranet\"}");

    assertThat(read.statusCode()).as(describe(read)).isEqualTo(200);
    assertThat(Json.parse(read).path("slug").asText()).isEqualTo(a);
    assertThat(patched.statusCode()).as(describe(patched)).isEqualTo(200);
    assertThat(Json.parse(patched).path("name").asText()).isEqualTo("Our intranet");
  }

  @Test
  void letsASpaceAdministratorManageTheirEvents(FoyerServer server) {
    var a = createSpace(server);
    var token = server.token("--groups", "foyer-space-admin", "--space", a);
    var events = "/api/admin/spaces/" + a + "/events";

    var created = send(server, token, "POST", events, "{\"title\":\"Town hall\"}");
    var id = Json.parse(created).path("id").asText();
    var listed = send(server, token, "GET", events, null);
    var read = send(server, token, "GET", events + "/" + id, null);
    var patched = send(server, token, "PATCH", events + "/" + id, "{\"title\":\"Town hall Q&A\"}");
    var deleted = send(server, token, "DELETE", events + "/" + id, null);

    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    assertThat(listed.statusCode()).as(describe(listed)).isEqualTo(200);
    assertThat(ids(Json.parse(listed))).containsExactly(id);
    assertThat(read.statusCode()).as(describe(read)).isEqualTo(200);
    assertThat(Json.parse(patched).path("title").asText()).isEqualTo("Town hall Q&A");
    assertThat(deleted.statusCode()).as(describe(deleted)).isEqualTo(204);
  }

  @Test
  void letsASpaceAdministratorReconcileTheirMembers(FoyerServer server) {
    var a = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, a, uid);
    var token = server.token("--groups", "foyer-space-admin", "--space", a);

    var found = send(server, token, "GET", "/api/admin/spaces/" + a + "/members?uid=" + uid, null);
    var status = send(server, token, "PUT", "/api/admin/spaces/" + a + "/members/" + member + "/status", "{\"status\":\"DEACTIVATED\"}");

    assertThat(found.statusCode()).as(describe(found)).isEqualTo(200);
    assertThat(Json.parse(found).path(0).path("id").asText()).isEqualTo(member);
    assertThat(status.statusCode()).as(describe(status)).isEqualTo(200);
  }

  static Stream<Arguments> anotherSpacesEndpoints() {
    return ENDPOINTS.stream()
        .filter(endpoint -> endpoint.path().contains("{space}"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("anotherSpacesEndpoints")
  void refusesASpaceAdministratorAnotherSpaceWithAdm7(Endpoint endpoint, FoyerServer server) {
    var a = createSpace(server);
    var token = server.token("--groups", "foyer-space-admin", "--space", a);

    var response = call(server, token, endpoint, fixture(server, endpoint));

    assertProblem(response, 403, "ADM7");
  }

  @Test
  void refusesASpaceAdministratorANewSpaceWithAdm7(FoyerServer server) {
    var a = createSpace(server);
    var token = server.token("--groups", "foyer-space-admin", "--space", a);
    var b = slug();

    var response = send(server, token, "POST", "/api/admin/spaces", "{\"slug\":\"" + b + "\",\"name\":\"Mine too\"}");

    assertProblem(response, 403, "ADM7");
    assertThat(slugs(Json.parse(send(server, admin, "GET", "/api/admin/spaces", null)))).doesNotContain(b);
  }

  // --- Spaces -------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"Upper", "UPPER", "with space", "../x", "a/b", "-lead", "trail-", "dot.ted", "ümlaut", "under_score", ""})
  void refusesABadSlugWithAdm1(String slug, FoyerServer server) {
    var response = createSpace(server, Json.object().put("slug", slug).put("name", "Bad"));

    assertProblem(response, 400, "ADM1");
  }

  @Test
  void refusesASlugOf65CharactersWithAdm1(FoyerServer server) {
    var response = createSpace(server, Json.object().put("slug", "t-" + "a".repeat(63)).put("name", "Long"));

    assertProblem(response, 400, "ADM1");
  }

  @Test
  void acceptsASlugOf64Characters(FoyerServer server) {
    var slug = (slug() + "a".repeat(64)).substring(0, 64);

    var response = createSpace(server, Json.object().put("slug", slug).put("name", "Long"));

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    assertThat(Json.parse(response).path("slug").asText()).isEqualTo(slug);
  }

  @Test
  void refusesASpaceWithoutNameWithAdm1(FoyerServer server) {
    var response = createSpace(server, Json.object().put("slug", slug()));

    assertProblem(response, 400, "ADM1");
  }

  @Test
  void refusesATakenSlugWithAdm2(FoyerServer server) {
    var slug = createSpace(server);

    var response = createSpace(server, Json.object().put("slug", slug).put("name", "Second"));

    assertProblem(response, 409, "ADM2");
  }

  static Stream<Arguments> spaceEndpoints() {
    return Stream.of(
        Arguments.of("GET", "/api/admin/spaces/{slug}", null),
        Arguments.of("PATCH", "/api/admin/spaces/{slug}", "{\"name\":\"x\"}"),
        Arguments.of("POST", "/api/admin/spaces/{slug}/signing-secret", null),
        Arguments.of("GET", "/api/admin/spaces/{slug}/events", null),
        Arguments.of("POST", "/api/admin/spaces/{slug}/events", "{\"title\":\"x\"}"),
        Arguments.of("GET", "/api/admin/spaces/{slug}/events/welcome", null),
        Arguments.of("GET", "/api/admin/spaces/{slug}/members?uid=42", null),
        Arguments.of("GET", "/api/admin/spaces/{slug}/members/00000000-0000-0000-0000-000000000000", null),
        Arguments.of("GET", "/api/admin/spaces/{slug}/login-records", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("spaceEndpoints")
  void refusesAnUnknownSpaceWithAdm3(String method, String path, String body, FoyerServer server) {
    var response = send(server, admin, method, path.replace("{slug}", slug()), body);

    assertProblem(response, 404, "ADM3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://x.com/path", "javascript:alert(1)", "*", "null", "intranet.example.com", "https://user@x.com", ""})
  void refusesABadAllowedOriginWithAdm1(String origin, FoyerServer server) {
    var body = Json.object().put("slug", slug()).put("name", "Embeds");
    body.putArray("allowedOrigins").add("https://intranet.example.com").add(origin);

    var response = createSpace(server, body);

    assertProblem(response, 400, "ADM1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "/spaces/elsewhere",
        "//evil.example.com/",
        "ftp://files.example.com/",
        "https://user:secret@intranet.example.com/",
        "not a url",
        "data:text/html,<script>alert(1)</script>"
      })
  void refusesABadLandingUrlWithAdm1(String landingUrl, FoyerServer server) {
    var response = createSpace(server, Json.object().put("slug", slug()).put("name", "Landing").put("landingUrl", landingUrl));

    assertProblem(response, 400, "ADM1");
  }

  @Test
  void readsEveryFieldOfASpaceRequest(FoyerServer server) {
    var slug = slug();
    var body =
        Json.object()
            .put("slug", slug)
            .put("name", "Intranet – Zoë's team")
            .put("landingUrl", "https://intranet.example.com/chat?x=1")
            .put("visibility", "PRIVATE")
            .put("signedLinksRequired", true)
            .put("linkByEmail", true);
    body.putArray("allowedOrigins").add("https://intranet.example.com").add("HTTP://Localhost:8081");

    var created = createSpace(server, body);
    var listed = find(Json.parse(send(server, admin, "GET", "/api/admin/spaces", null)), "slug", slug);

    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/api/admin/spaces/" + slug));
    for (var space : List.of(Json.parse(created), listed)) {
      assertThat(space.path("slug").asText()).isEqualTo(slug);
      assertThat(space.path("name").asText()).isEqualTo("Intranet – Zoë's team");
      assertThat(space.path("landingUrl").asText()).isEqualTo("https://intranet.example.com/chat?x=1");
      assertThat(space.path("homeUrl").asText()).isEqualTo("/spaces/" + slug);
      assertThat(space.path("visibility").asText()).isEqualTo("PRIVATE");
      assertThat(space.path("signedLinksRequired").asBoolean()).isTrue();
      assertThat(space.path("linkByEmail").asBoolean()).isTrue();
      assertThat(strings(space.path("allowedOrigins"))).containsExactly("https://intranet.example.com", "http://localhost:8081");
      assertThat(Instant.parse(space.path("createdAt").asText())).isBefore(Instant.now().plusSeconds(60));
      assertThat(space.path("id").asText()).isNotBlank();
    }
  }

  @Test
  void appliesDefaultsToAMinimalSpace(FoyerServer server) {
    var slug = slug();

    var space = Json.parse(createSpace(server, Json.object().put("slug", slug).put("name", "Minimal")));

    assertThat(space.path("visibility").asText()).isEqualTo("PUBLIC");
    assertThat(space.path("signedLinksRequired").asBoolean(true)).isFalse();
    assertThat(space.path("linkByEmail").asBoolean(true)).isFalse();
    assertThat(space.path("allowedOrigins").isArray()).isTrue();
    assertThat(space.path("allowedOrigins")).isEmpty();
    assertThat(space.path("landingUrl").isMissingNode() || space.path("landingUrl").isNull()).isTrue();
  }

  @Test
  void patchingASpaceChangesOnlyTheGivenFields(FoyerServer server) {
    var slug = slug();
    var body =
        Json.object()
            .put("slug", slug)
            .put("name", "Before")
            .put("landingUrl", "https://intranet.example.com/chat")
            .put("visibility", "PRIVATE")
            .put("signedLinksRequired", true)
            .put("linkByEmail", true);
    body.putArray("allowedOrigins").add("https://intranet.example.com");
    createSpace(server, body);
    var before = Json.parse(send(server, admin, "GET", "/api/admin/spaces/" + slug, null));

    var renamed = send(server, admin, "PATCH", "/api/admin/spaces/" + slug, "{\"name\":\"After\"}");
    var unsigned = send(server, admin, "PATCH", "/api/admin/spaces/" + slug, "{\"signedLinksRequired\":false}");
    var read = send(server, admin, "GET", "/api/admin/spaces/" + slug, null);

    assertThat(renamed.statusCode()).as(describe(renamed)).isEqualTo(200);
    assertThat(unsigned.statusCode()).as(describe(unsigned)).isEqualTo(200);
    assertThat(read.statusCode()).as(describe(read)).isEqualTo(200);
    var after = Json.parse(read);
    assertThat(after.path("name").asText()).isEqualTo("After");
    assertThat(after.path("signedLinksRequired").asBoolean()).isFalse();
    for (var unchanged : List.of("id", "slug", "landingUrl", "visibility", "linkByEmail", "allowedOrigins", "createdAt")) {
      assertThat(after.path(unchanged)).as(unchanged).isEqualTo(before.path(unchanged));
    }
  }

  @Test
  void refusesABadAllowedOriginInAPatchWithAdm1(FoyerServer server) {
    var slug = createSpace(server);

    var response = send(server, admin, "PATCH", "/api/admin/spaces/" + slug, "{\"allowedOrigins\":[\"https://x.com/path\"]}");

    assertProblem(response, 400, "ADM1");
  }

  // --- The signing secret -------------------------------------------------------------------

  @Test
  void showsTheSigningSecretWhenTheSpaceIsCreated(FoyerServer server) {
    var response = createSpace(server, Json.object().put("slug", slug()).put("name", "Signed"));

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    assertThat(Json.parse(response).path("signingSecret").asText()).hasSizeGreaterThanOrEqualTo(32);
  }

  @Test
  void neverListsTheSigningSecret(FoyerServer server) {
    var slug = slug();
    var secret = Json.parse(createSpace(server, Json.object().put("slug", slug).put("name", "Signed"))).path("signingSecret").asText();

    var list = send(server, admin, "GET", "/api/admin/spaces", null);

    assertThat(list.body()).doesNotContain(secret);
    assertThat(find(Json.parse(list), "slug", slug).path("signingSecret").isMissingNode() || find(Json.parse(list), "slug", slug).path("signingSecret").isNull()).isTrue();
  }

  @Test
  void neverShowsTheSigningSecretWhenTheSpaceIsReadOrPatched(FoyerServer server) {
    var slug = slug();
    var secret = Json.parse(createSpace(server, Json.object().put("slug", slug).put("name", "Signed"))).path("signingSecret").asText();

    var read = send(server, admin, "GET", "/api/admin/spaces/" + slug, null);
    var patched = send(server, admin, "PATCH", "/api/admin/spaces/" + slug, "{\"name\":\"Still signed\"}");

    for (var response : List.of(read, patched)) {
      assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
      assertThat(response.body()).doesNotContain(secret);
      assertThat(Json.parse(response).path("signingSecret").isMissingNode() || Json.parse(response).path("signingSecret").isNull()).isTrue();
    }
  }

  @Test
  void showsANewSigningSecretOnlyWhenRotated(FoyerServer server) {
    var slug = slug();
    var first = Json.parse(createSpace(server, Json.object().put("slug", slug).put("name", "Signed"))).path("signingSecret").asText();

    var rotated = send(server, admin, "POST", "/api/admin/spaces/" + slug + "/signing-secret", null);
    var read = send(server, admin, "GET", "/api/admin/spaces/" + slug, null);

    assertThat(rotated.statusCode()).as(describe(rotated)).isEqualTo(200);
    var second = Json.parse(rotated).path("signingSecret").asText();
    assertThat(second).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(first);
    assertThat(Json.parse(rotated).path("previousSecretValidUntil").asText()).isNotBlank();
    assertThat(read.statusCode()).as(describe(read)).isEqualTo(200);
    assertThat(read.body()).doesNotContain(first).doesNotContain(second);
  }

  @Test
  void theSecretShownAtCreationSignsLinks(FoyerServer server) {
    var slug = slug();
    var secret =
        Json.parse(createSpace(server, Json.object().put("slug", slug).put("name", "Signed").put("signedLinksRequired", true)))
            .path("signingSecret")
            .asText();

    var unsigned = server.browser().json().get("/auth/uri?account=" + slug + "&givenName=Sue&uid=42");
    var signed = server.browser().get(signedLink(secret, Map.of("account", slug, "givenName", "Sue", "uid", "42")));

    assertProblem(unsigned, 401, "UASIG1");
    assertThat(signed.statusCode()).as(describe(signed)).isEqualTo(302);
  }

  // README: the signature covers the UTF-8 bytes of the raw values, and links are URL-encoded as UTF-8.
  @Test
  void acceptsASignedLinkWithANonAsciiName(FoyerServer server) {
    var slug = slug();
    var secret =
        Json.parse(createSpace(server, Json.object().put("slug", slug).put("name", "Signed").put("signedLinksRequired", true)))
            .path("signingSecret")
            .asText();
    var uid = "crm-" + hex(4);

    var signed = server.browser().get(signedLink(secret, Map.of("account", slug, "givenName", "Zoë", "familyName", "Ölçer", "uid", uid)));

    assertThat(signed.statusCode()).as(describe(signed)).isEqualTo(302);
    assertMemberNamed(server, slug, uid, "Zoë", "Ölçer");
  }

  // --- Events -------------------------------------------------------------------------------

  @Test
  void admitsNicknameByDefaultAndGeneratesAnEventId(FoyerServer server) {
    var slug = createSpace(server);

    var created = send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events", "{\"title\":\"Welcome chat\"}");

    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    var event = Json.parse(created);
    var id = event.path("id").asText();
    assertThat(id).matches(EVENT_ID);
    assertThat(strings(event.path("admittedLevels"))).containsExactly("NICKNAME");
    assertThat(event.path("title").asText()).isEqualTo("Welcome chat");
    assertThat(event.path("url").asText()).isEqualTo("/spaces/" + slug + "/events/" + id);
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/api/admin/spaces/" + slug + "/events/" + id));
    var signIn = server.browser().get("/auth/uri?account=" + slug + "&givenName=Sue&eventid=" + id);
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/spaces/" + slug + "/events/" + id));
  }

  @Test
  void generatesADifferentIdForEachEvent(FoyerServer server) {
    var slug = createSpace(server);

    var first = Json.parse(send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events", "{\"title\":\"One\"}")).path("id").asText();
    var second = Json.parse(send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events", "{\"title\":\"Two\"}")).path("id").asText();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void readsEveryFieldOfAnEventRequest(FoyerServer server) {
    var slug = createSpace(server);
    var id = "ev-" + hex(6);
    var body =
        "{\"id\":\"%s\",\"title\":\"Board <briefing> & Q&A\",\"admittedLevels\":[\"SSO\",\"NICKNAME_EMAIL\"],"
                .formatted(id)
            + "\"startsAt\":\"2030-01-02T10:00:00Z\",\"endsAt\":\"2030-01-02T11:30:00Z\"}";

    var created = send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events", body);
    var read = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/events/" + id, null);

    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    for (var event : List.of(Json.parse(created), Json.parse(read))) {
      assertThat(event.path("id").asText()).isEqualTo(id);
      assertThat(event.path("title").asText()).isEqualTo("Board <briefing> & Q&A");
      assertThat(strings(event.path("admittedLevels"))).containsExactlyInAnyOrder("SSO", "NICKNAME_EMAIL");
      assertThat(Instant.parse(event.path("startsAt").asText())).isEqualTo(Instant.parse("2030-01-02T10:00:00Z"));
      assertThat(Instant.parse(event.path("endsAt").asText())).isEqualTo(Instant.parse("2030-01-02T11:30:00Z"));
    }
  }

  @Test
  void refusesATakenEventIdWithAdm4(FoyerServer server) {
    var slug = createSpace(server);
    var id = createEvent(server, slug);

    var response = send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events", "{\"id\":\"" + id + "\",\"title\":\"Again\"}");

    assertProblem(response, 409, "ADM4");
  }

  @Test
  void refusesAnEventIdTakenInAnotherSpaceWithAdm4(FoyerServer server) {
    var id = createEvent(server, createSpace(server));
    var other = createSpace(server);

    var response = send(server, admin, "POST", "/api/admin/spaces/" + other + "/events", "{\"id\":\"" + id + "\",\"title\":\"Mine\"}");

    assertProblem(response, 409, "ADM4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/b", "https://evil.example.com", "with space", "-lead"})
  void refusesAnEventIdShapedLikeAPathWithAdm1(String id, FoyerServer server) {
    var slug = createSpace(server);

    var response = send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events", Json.write(Map.of("id", id, "title", "x")));

    assertProblem(response, 400, "ADM1");
  }

  @Test
  void refusesAnEventWithoutTitleWithAdm1(FoyerServer server) {
    var slug = createSpace(server);

    var response = send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events", "{\"admittedLevels\":[\"NICKNAME\"]}");

    assertProblem(response, 400, "ADM1");
  }

  @Test
  void refusesAnEventThatEndsBeforeItStartsWithAdm1(FoyerServer server) {
    var slug = createSpace(server);

    var response =
        send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events",
            "{\"title\":\"Backwards\",\"startsAt\":\"2030-01-02T10:00:00Z\",\"endsAt\":\"2030-01-02T09:00:00Z\"}");

    assertProblem(response, 400, "ADM1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[\"ADMIN\"]", "[\"nickname\"]", "[\"\"]", "[\"NICKNAME\",\"EVERYONE\"]"})
  void refusesABadAdmittedLevelWithAdm1(String levels, FoyerServer server) {
    var slug = createSpace(server);
    var id = createEvent(server, slug);

    var created = send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events", "{\"title\":\"x\",\"admittedLevels\":" + levels + "}");
    var patched = send(server, admin, "PATCH", "/api/admin/spaces/" + slug + "/events/" + id, "{\"admittedLevels\":" + levels + "}");

    assertProblem(created, 400, "ADM1");
    assertProblem(patched, 400, "ADM1");
  }

  @Test
  void refusesAnUnknownEventWithAdm5(FoyerServer server) {
    var slug = createSpace(server);
    var path = "/api/admin/spaces/" + slug + "/events/ev-" + hex(6);

    assertProblem(send(server, admin, "GET", path, null), 404, "ADM5");
    assertProblem(send(server, admin, "PATCH", path, "{\"title\":\"x\"}"), 404, "ADM5");
    assertProblem(send(server, admin, "DELETE", path, null), 404, "ADM5");
  }

  @Test
  void refusesAnotherSpacesEventWithAdm5(FoyerServer server) {
    var id = createEvent(server, createSpace(server));
    var path = "/api/admin/spaces/" + createSpace(server) + "/events/" + id;

    assertProblem(send(server, admin, "GET", path, null), 404, "ADM5");
    assertProblem(send(server, admin, "PATCH", path, "{\"title\":\"Hijacked\"}"), 404, "ADM5");
    assertProblem(send(server, admin, "DELETE", path, null), 404, "ADM5");
  }

  @Test
  void patchingAnEventChangesOnlyTheGivenFields(FoyerServer server) {
    var slug = createSpace(server);
    var id = "ev-" + hex(6);
    var path = "/api/admin/spaces/" + slug + "/events/" + id;
    send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events",
        "{\"id\":\"%s\",\"title\":\"Before\",\"admittedLevels\":[\"NICKNAME\",\"SSO\"],\"startsAt\":\"2030-01-02T10:00:00Z\",\"endsAt\":\"2030-01-02T11:00:00Z\"}"
            .formatted(id));

    var retitled = send(server, admin, "PATCH", path, "{\"title\":\"After\"}");
    var rescheduled = send(server, admin, "PATCH", path, "{\"endsAt\":\"2030-01-02T12:00:00Z\"}");
    var relevelled = send(server, admin, "PATCH", path, "{\"admittedLevels\":[\"GUEST\"]}");
    var read = Json.parse(send(server, admin, "GET", path, null));

    assertThat(Json.parse(retitled).path("admittedLevels")).hasSize(2);
    assertThat(Json.parse(retitled).path("startsAt").asText()).isEqualTo("2030-01-02T10:00:00Z");
    assertThat(Json.parse(rescheduled).path("title").asText()).isEqualTo("After");
    assertThat(Instant.parse(Json.parse(rescheduled).path("startsAt").asText())).isEqualTo(Instant.parse("2030-01-02T10:00:00Z"));
    assertThat(Json.parse(relevelled).path("title").asText()).isEqualTo("After");
    assertThat(read.path("title").asText()).isEqualTo("After");
    assertThat(strings(read.path("admittedLevels"))).containsExactly("GUEST");
    assertThat(Instant.parse(read.path("startsAt").asText())).isEqualTo(Instant.parse("2030-01-02T10:00:00Z"));
    assertThat(Instant.parse(read.path("endsAt").asText())).isEqualTo(Instant.parse("2030-01-02T12:00:00Z"));
  }

  @Test
  void deletesAnEvent(FoyerServer server) {
    var slug = createSpace(server);
    var kept = createEvent(server, slug);
    var id = createEvent(server, slug);
    var path = "/api/admin/spaces/" + slug + "/events/" + id;
    signInMember(server, slug, "crm-" + hex(4), id);

    var deleted = send(server, admin, "DELETE", path, null);

    assertThat(deleted.statusCode()).as(describe(deleted)).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertProblem(send(server, admin, "GET", path, null), 404, "ADM5");
    assertProblem(send(server, admin, "DELETE", path, null), 404, "ADM5");
    assertThat(ids(Json.parse(send(server, admin, "GET", "/api/admin/spaces/" + slug + "/events", null)))).containsExactly(kept);
    assertProblem(server.browser().json().get("/auth/uri?account=" + slug + "&givenName=Sue&eventid=" + id), 404, "UAEV2");
  }

  // --- Members ------------------------------------------------------------------------------

  @Test
  void findsAMemberByUidWithTheEventsTheyJoined(FoyerServer server) {
    var slug = createSpace(server);
    var event = createEvent(server, slug);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid, event);

    var found = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members?uid=" + uid, null);
    var nobody = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members?uid=nobody-" + hex(4), null);

    assertThat(found.statusCode()).as(describe(found)).isEqualTo(200);
    var view = Json.parse(found).path(0);
    assertThat(Json.parse(found)).hasSize(1);
    assertThat(view.path("id").asText()).isEqualTo(member);
    assertThat(view.path("givenName").asText()).isEqualTo("Sue");
    assertThat(view.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(view.path("identities").path(0).path("provider").asText()).isEqualTo("uri-auth");
    assertThat(view.path("identities").path(0).path("externalId").asText()).isEqualTo(uid);
    assertThat(view.path("events").path(0).path("eventId").asText()).isEqualTo(event);
    assertThat(view.path("events").path(0).path("joinedAt").asText()).isNotBlank();
    assertThat(nobody.statusCode()).as(describe(nobody)).isEqualTo(200);
    assertThat(Json.parse(nobody)).isEmpty();
  }

  // Browsers and the README's snippets percent-encode UTF-8: "Ö" arrives as %C3%96.
  @Test
  void keepsANonAsciiNameFromALink(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);

    var link = server.browser().get("/auth/uri?account=" + slug + "&givenName=Zo%C3%AB&familyName=%C3%96l%C3%A7er&uid=" + uid);

    assertThat(link.statusCode()).as(describe(link)).isEqualTo(302);
    assertMemberNamed(server, slug, uid, "Zoë", "Ölçer");
  }

  @Test
  void keepsANonAsciiNameFromAForm(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);

    var form = server.browser().postForm("/auth/uri", "account", slug, "givenName", "Zoë", "familyName", "Ölçer", "uid", uid);

    assertThat(form.statusCode()).as(describe(form)).isEqualTo(302);
    assertMemberNamed(server, slug, uid, "Zoë", "Ölçer");
  }

  private static void assertMemberNamed(FoyerServer server, String slug, String uid, String givenName, String familyName) {
    var found = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members?uid=" + uid, null);
    var member = Json.parse(found).path(0);
    assertThat(member.path("givenName").asText()).as(describe(found)).isEqualTo(givenName);
    assertThat(member.path("nickname").asText()).as(describe(found)).isEqualTo(givenName);
    assertThat(member.path("familyName").asText()).as(describe(found)).isEqualTo(familyName);
  }

  @Test
  void refusesAnUnknownMemberWithAdm6(FoyerServer server) {
    var slug = createSpace(server);
    var path = "/api/admin/spaces/" + slug + "/members/00000000-0000-0000-0000-" + hex(6);

    assertProblem(send(server, admin, "GET", path, null), 404, "ADM6");
    assertProblem(send(server, admin, "PUT", path + "/status", "{\"status\":\"DEACTIVATED\"}"), 404, "ADM6");
  }

  @Test
  void refusesAnotherSpacesMemberWithAdm6(FoyerServer server) {
    var member = signInMember(server, createSpace(server), "crm-" + hex(4));
    var path = "/api/admin/spaces/" + createSpace(server) + "/members/" + member;

    assertProblem(send(server, admin, "GET", path, null), 404, "ADM6");
    assertProblem(send(server, admin, "PUT", path + "/status", "{\"status\":\"DEACTIVATED\"}"), 404, "ADM6");
  }

  @Test
  void refusesADeactivatedMembersNextSignInWithMbr1(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);

    var changed = send(server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"DEACTIVATED\"}");
    var signIn = server.browser().json().get(uriAuth(slug, uid));

    assertThat(changed.statusCode()).as(describe(changed)).isEqualTo(200);
    assertThat(Json.parse(changed).path("status").asText()).isEqualTo("DEACTIVATED");
    assertProblem(signIn, 403, "MBR1");
    assertThat(signIn.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("foyer_" + slug + "=") && !cookie.contains("Max-Age=0"));
    assertThat(Json.parse(send(server, admin, "GET", memberPath(slug, member), null)).path("status").asText()).isEqualTo("DEACTIVATED");
  }

  @Test
  void refusesARejectedMembersNextSignInWithMbr2(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);

    send(server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"REJECTED\"}");
    var signIn = server.browser().json().get(uriAuth(slug, uid));

    assertProblem(signIn, 403, "MBR2");
    assertThat(Json.parse(send(server, admin, "GET", memberPath(slug, member), null)).path("status").asText()).isEqualTo("REJECTED");
  }

  @Test
  void letsAReactivatedMemberSignInAgain(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);
    send(server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"DEACTIVATED\"}");

    send(server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"ACTIVE\"}");
    var signIn = server.browser().get(uriAuth(slug, uid));

    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
  }

  @ParameterizedTest
  @ValueSource(strings = {"INVITED", "PENDING", "LEFT"})
  void makesAMemberActiveWhenTheySignIn(String status, FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);

    var changed = send(server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"" + status + "\"}");
    var before = Json.parse(send(server, admin, "GET", memberPath(slug, member), null));
    var signIn = server.browser().get(uriAuth(slug, uid));
    var after = Json.parse(send(server, admin, "GET", memberPath(slug, member), null));

    assertThat(Json.parse(changed).path("status").asText()).isEqualTo(status);
    assertThat(before.path("status").asText()).isEqualTo(status);
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    assertThat(after.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(after.path("id").asText()).isEqualTo(member);
  }

  @Test
  void refusesAStatusChangeWithoutStatusWithAdm1(FoyerServer server) {
    var slug = createSpace(server);
    var member = signInMember(server, slug, "crm-" + hex(4));

    assertProblem(send(server, admin, "PUT", memberPath(slug, member) + "/status", "{}"), 400, "ADM1");
  }

  @Test
  void refusesAMemberLookupWithoutUidWithAdm1(FoyerServer server) {
    var slug = createSpace(server);

    assertProblem(send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members", null), 400, "ADM1");
  }

  @Test
  void listsLoginRecordsNewestFirst(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);
    send(server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"DEACTIVATED\"}");
    server.browser().json().get(uriAuth(slug, uid));

    var all = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/login-records", null);
    var newest = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/login-records?limit=1", null);

    assertThat(all.statusCode()).as(describe(all)).isEqualTo(200);
    var records = Json.parse(all);
    assertThat(records).hasSize(2);
    assertThat(records.path(0).path("accepted").asBoolean(true)).isFalse();
    assertThat(records.path(0).path("code").asText()).isEqualTo("MBR1");
    assertThat(records.path(1).path("accepted").asBoolean()).isTrue();
    assertThat(records.path(1).path("memberId").asText()).isEqualTo(member);
    assertThat(Json.parse(newest)).hasSize(1);
    assertThat(Json.parse(newest).path(0).path("id")).isEqualTo(records.path(0).path("id"));
  }

  // --- Bodies that are not the expected JSON ------------------------------------------------

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":"),
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\" \"name\":\"x\"}"),
        Arguments.of("POST", "/api/admin/spaces", "not json"),
        Arguments.of("POST", "/api/admin/spaces", "[\"{new}\"]"),
        Arguments.of("POST", "/api/admin/spaces", "\"{new}\""),
        Arguments.of("POST", "/api/admin/spaces", ""),
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":{\"value\":\"{new}\"},\"name\":\"x\"}"),
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":[\"x\"]}"),
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":\"x\",\"allowedOrigins\":\"https://intranet.example.com\"}"),
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":\"x\",\"visibility\":\"SECRET\"}"),
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":\"x\",\"signedLinksRequired\":\"maybe\"}"),
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":\"x\",\"signedLinksRequired\":1}"),
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":\"x\",\"linkByEmail\":\"yes\"}"),
        Arguments.of("PATCH", "/api/admin/spaces/{space}", "{\"name\":"),
        Arguments.of("POST", "/api/admin/spaces/{space}/events", "{\"title\":"),
        Arguments.of("POST", "/api/admin/spaces/{space}/events", "{\"title\":\"x\",\"startsAt\":\"tomorrow\"}"),
        Arguments.of("POST", "/api/admin/spaces/{space}/events", "{\"title\":\"x\",\"admittedLevels\":\"NICKNAME\"}"),
        Arguments.of("POST", "/api/admin/spaces/{space}/events", "{\"title\":{\"en\":\"x\"}}"),
        Arguments.of("PATCH", "/api/admin/spaces/{space}/events/{event}", "{\"endsAt\":1700000000000}"),
        Arguments.of("PUT", "/api/admin/spaces/{space}/members/{member}/status", "{\"status\":\"BANNED\"}"),
        Arguments.of("PUT", "/api/admin/spaces/{space}/members/{member}/status", "{\"status\":[\"ACTIVE\"]}"),
        Arguments.of("PUT", "/api/admin/spaces/{space}/members/{member}/status", "DEACTIVATED"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("malformedBodies")
  void refusesABodyThatIsNotTheExpectedJsonWithReq400(String method, String path, String body, FoyerServer server) {
    var endpoint = new Endpoint(method, path, body, 0);

    var response = call(server, admin, endpoint, fixture(server, endpoint));

    assertProblem(response, 400, "REQ400");
  }

  // --- Helpers ------------------------------------------------------------------------------

  /** What a test of {@code endpoint} needs, created fresh: values for its placeholders. */
  private static Map<String, String> fixture(FoyerServer server, Endpoint endpoint) {
    var text = endpoint.path() + (endpoint.body() == null ? "" : endpoint.body());
    var values = new TreeMap<String, String>();
    values.put("{new}", slug());
    if (text.contains("{space}")) {
      var space = createSpace(server);
      values.put("{space}", space);
      if (text.contains("{event}")) {
        values.put("{event}", createEvent(server, space));
      }
      if (endpoint.path().contains("/sso") && !endpoint.method().equals("PUT")) {
        var configured = send(server, admin, "PUT", "/api/admin/spaces/" + space + "/sso", "{\"enabled\":true}");
        assertThat(configured.statusCode()).as(describe(configured)).isEqualTo(200);
      }
      if (text.contains("{member}") || text.contains("{uid}")) {
        var uid = "crm-" + hex(4);
        values.put("{uid}", uid);
        values.put("{member}", signInMember(server, space, uid));
      }
    }
    return values;
  }

  private static HttpResponse<String> call(FoyerServer server, String token, Endpoint endpoint, Map<String, String> values) {
    Function<String, String> fill =
        text -> {
          var filled = text;
          for (var value : values.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
          }
          return filled;
        };
    return send(server, token, endpoint.method(), fill.apply(endpoint.path()), endpoint.body() == null ? null : fill.apply(endpoint.body()));
  }

  /** An API call asking for JSON; with a body it is sent as {@code application/json}. */
  private static HttpResponse<String> send(FoyerServer server, String token, String method, String path, String body) {
    var browser = server.browser().json();
    if (token != null) {
      browser = browser.bearer(token);
    }
    var request = browser.request(path);
    if (body == null) {
      request.method(method, BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
    }
    return browser.send(request);
  }

  private static HttpResponse<String> createSpace(FoyerServer server, JsonNode body) {
    return send(server, admin, "POST", "/api/admin/spaces", Json.write(body));
  }

  private static String createSpace(FoyerServer server) {
    var slug = slug();
    var response = createSpace(server, Json.object().put("slug", slug).put("name", "Space " + slug));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    return slug;
  }

  private static String createEvent(FoyerServer server, String slug) {
    var response = send(server, admin, "POST", "/api/admin/spaces/" + slug + "/events", "{\"title\":\"Chat\"}");
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    return Json.parse(response).path("id").asText();
  }

  /** Signs a member in through URI Auth and returns their id, as reconciliation finds it. */
  private static String signInMember(FoyerServer server, String slug, String uid, String... eventId) {
    var link = uriAuth(slug, uid) + (eventId.length == 0 ? "" : "&eventid=" + eventId[0]);
    var signIn = server.browser().get(link);
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    var found = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members?uid=" + uid, null);
    assertThat(found.statusCode()).as(describe(found)).isEqualTo(200);
    return Json.parse(found).path(0).path("id").asText();
  }

  private static String uriAuth(String slug, String uid) {
    return "/auth/uri?account=" + slug + "&givenName=Sue&familyName=Doe&uid=" + uid;
  }

  private static String memberPath(String slug, String member) {
    return "/api/admin/spaces/" + slug + "/members/" + member;
  }

  /** README "Signed links", written from its description rather than from Foyer's code. */
  private static String signedLink(String secret, Map<String, String> params) {
    var all = new TreeMap<>(params);
    all.put("ts", Long.toString(Instant.now().getEpochSecond()));
    var canonical = all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      all.put("sig", HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8))));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return "/auth/uri?"
        + all.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .as(describe(response))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(Json.parse(response).path("code").asText()).as(describe(response)).isEqualTo(code);
  }


  private static JsonNode find(JsonNode array, String field, String value) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(node -> node.path(field).asText().equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No " + field + "=" + value + " in " + array));
  }

  private static List<String> slugs(JsonNode spaces) {
    return StreamSupport.stream(spaces.spliterator(), false).map(space -> space.path("slug").asText()).toList();
  }

  private static List<String> ids(JsonNode events) {
    return StreamSupport.stream(events.spliterator(), false).map(event -> event.path("id").asText()).toList();
  }

  private static List<String> strings(JsonNode array) {
    var values = new ArrayList<String>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }

  private static String slug() {
    return "t-" + hex(5);
  }

  private static String hex(int bytes) {
    var random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
