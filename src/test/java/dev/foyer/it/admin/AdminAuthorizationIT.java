package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.call;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.fixture;
import static dev.foyer.it.support.AdminApi.ids;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.AdminApi.signInMember;
import static dev.foyer.it.support.AdminApi.slugs;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.AdminApi.Endpoint;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what on the administration API (README "Administration API"): every endpoint for
 * every kind of caller, the GEN401/GEN403 refusals, and what a space administrator may do with
 * their own space and not with another.
 */
@ExtendWith(FoyerServer.class)
class AdminAuthorizationIT {
  private static String admin;
  private static String otherGroup;
  private static String expired;
  private static String foreignIssuer;
  private static String foreignAudience;
  private static String tenYears;
  private static String adminOfAnotherSpace;

  @BeforeAll
  static void mintTokens(FoyerServer server) {
    admin = server.adminToken();
    otherGroup = server.token("--groups", "foyer-member,moderators");
    expired = server.token("--ttl", "-PT1H");
    foreignIssuer = server.token("--issuer", "https://idp.example.com");
    foreignAudience = server.token("--audience", "https://crm.example.com");
    tenYears = server.token("--ttl", "P3650D");
    adminOfAnotherSpace = server.token("--groups", "foyer-space-admin", "--space", slug());
  }

  // --- Who may call what -------------------------------------------------------------------

  /**
   * A caller of the matrix, and the status it gets from an endpoint that succeeds with {@code ok}.
   */
  enum Caller {
    NO_TOKEN,
    OTHER_GROUP,
    EXPIRED_TOKEN,
    FOREIGN_ISSUER,
    FOREIGN_AUDIENCE,
    TEN_YEAR_TOKEN,
    SPACE_ADMIN_OF_ANOTHER_SPACE,
    FOYER_ADMIN;

    String token() {
      return switch (this) {
        case NO_TOKEN -> null;
        case OTHER_GROUP -> otherGroup;
        case EXPIRED_TOKEN -> expired;
        case FOREIGN_ISSUER -> foreignIssuer;
        case FOREIGN_AUDIENCE -> foreignAudience;
        case TEN_YEAR_TOKEN -> tenYears;
        case SPACE_ADMIN_OF_ANOTHER_SPACE -> adminOfAnotherSpace;
        case FOYER_ADMIN -> admin;
      };
    }
  }

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("GET", "/api/admin/spaces", null, 200),
          new Endpoint(
              "POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":\"New space\"}", 201),
          new Endpoint("GET", "/api/admin/spaces/{space}", null, 200),
          new Endpoint("PATCH", "/api/admin/spaces/{space}", "{\"name\":\"Renamed\"}", 200),
          new Endpoint("POST", "/api/admin/spaces/{space}/signing-secret", null, 200),
          new Endpoint("GET", "/api/admin/spaces/{space}/events", null, 200),
          new Endpoint(
              "POST", "/api/admin/spaces/{space}/events", "{\"title\":\"New event\"}", 201),
          new Endpoint("GET", "/api/admin/spaces/{space}/events/{event}", null, 200),
          new Endpoint(
              "PATCH", "/api/admin/spaces/{space}/events/{event}", "{\"title\":\"Retitled\"}", 200),
          new Endpoint("DELETE", "/api/admin/spaces/{space}/events/{event}", null, 204),
          new Endpoint("GET", "/api/admin/spaces/{space}/members?uid={uid}", null, 200),
          new Endpoint("GET", "/api/admin/spaces/{space}/members?q={uid}&limit=10", null, 200),
          new Endpoint("GET", "/api/admin/spaces/{space}/members/{member}", null, 200),
          new Endpoint(
              "PUT",
              "/api/admin/spaces/{space}/members/{member}/status",
              "{\"status\":\"ACTIVE\"}",
              200),
          new Endpoint("GET", "/api/admin/spaces/{space}/members/{member}/sessions", null, 200),
          new Endpoint("DELETE", "/api/admin/spaces/{space}/members/{member}/sessions", null, 204),
          // No such session: the token is checked first all the same.
          new Endpoint(
              "DELETE",
              "/api/admin/spaces/{space}/members/{member}/sessions/0123456789abcdef0123456789abcdef",
              null,
              404),
          new Endpoint("GET", "/api/admin/spaces/{space}/login-records?limit=100", null, 200),
          new Endpoint(
              "GET",
              "/api/admin/spaces/{space}/login-records?outcome=refused&door=uri-auth",
              null,
              200),
          new Endpoint("GET", "/api/admin/spaces/{space}/login-records/hourly?hours=24", null, 200),
          new Endpoint(
              "POST",
              "/api/admin/spaces/{space}/members",
              "{\"givenName\":\"Ann\",\"email\":\"ann-{new}@example.com\"}",
              201),
          new Endpoint("GET", "/api/admin/spaces/{space}/groups", null, 200),
          new Endpoint(
              "POST", "/api/admin/spaces/{space}/groups", "{\"name\":\"Moderators\"}", 201),
          new Endpoint("GET", "/api/admin/spaces/{space}/sso", null, 200),
          new Endpoint("PUT", "/api/admin/spaces/{space}/sso", "{\"enabled\":true}", 200),
          new Endpoint("POST", "/api/admin/spaces/{space}/sso/key", null, 200),
          new Endpoint("GET", "/api/admin/spaces/{space}/configuration", null, 200),
          new Endpoint(
              "PUT",
              "/api/admin/spaces/{space}/configuration",
              "{\"foyerExport\":1,\"space\":{\"name\":\"Imported\"}}",
              200),
          new Endpoint(
              "PUT",
              "/api/admin/spaces/{new}/configuration",
              "{\"foyerExport\":1,\"space\":{\"name\":\"New space\"}}",
              201));

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
                                var response =
                                    call(
                                        server,
                                        caller.token(),
                                        endpoint,
                                        fixture(server, endpoint));

                                assertThat(response.statusCode())
                                    .as(describe(response))
                                    .isEqualTo(expected);
                              });
                        }));
  }

  private static int expectedStatus(Endpoint endpoint, Caller caller) {
    return switch (caller) {
      case NO_TOKEN, EXPIRED_TOKEN, FOREIGN_ISSUER, FOREIGN_AUDIENCE, TEN_YEAR_TOKEN -> 401;
      case OTHER_GROUP -> 403;
      // The list shows a space administrator their own space; everything else here is another's.
      case SPACE_ADMIN_OF_ANOTHER_SPACE ->
          endpoint.path().equals("/api/admin/spaces") && endpoint.method().equals("GET")
              ? 200
              : 403;
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
    var patched =
        send(server, token, "PATCH", "/api/admin/spaces/" + a, "{\"name\":\"Our intranet\"}");

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
    var status =
        send(
            server,
            token,
            "PUT",
            "/api/admin/spaces/" + a + "/members/" + member + "/status",
            "{\"status\":\"DEACTIVATED\"}");

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

    var response =
        send(
            server,
            token,
            "POST",
            "/api/admin/spaces",
            "{\"slug\":\"" + b + "\",\"name\":\"Mine too\"}");

    assertProblem(response, 403, "ADM7");
    assertThat(slugs(Json.parse(send(server, admin, "GET", "/api/admin/spaces", null))))
        .doesNotContain(b);
  }
}
