package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.createEvent;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.AdminApi.signInMember;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every admin field has a size that fits its column (README "Administration API", sizes): one over
 * is {@code ADM1} (400), never a 500, and nothing of the request is stored; the limit itself is
 * accepted.
 */
@ExtendWith(FoyerServer.class)
class AdminFieldSizesIT {
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  // --- spaces ---

  @Test
  void refusesANewSpaceWithAnOverlongFieldAndCreatesNothing(FoyerServer server) {
    for (var field :
        List.<Map.Entry<String, Object>>of(
            Map.entry("landingUrl", url(3000)),
            Map.entry("landingUrl", url(2049)),
            Map.entry("name", "n".repeat(256)),
            Map.entry("allowedOrigins", origins(300, 30)),
            Map.entry("allowedOrigins", origins(21, 30)),
            Map.entry("allowedOrigins", List.of(origin(191))),
            Map.entry("customProperties", properties(300)),
            Map.entry("customProperties", properties(51)),
            Map.entry("customProperties", List.of("p" + "x".repeat(64))))) {
      var slug = slug();
      var body = new java.util.LinkedHashMap<String, Object>();
      body.put("slug", slug);
      body.put("name", "Sizes");
      body.put(field.getKey(), field.getValue());

      var response = send(server, admin, "POST", "/api/admin/spaces", Json.write(body));

      assertProblem(response, 400, "ADM1");
      assertProblem(send(server, admin, "GET", "/api/admin/spaces/" + slug, null), 404, "ADM3");
    }
  }

  @Test
  void refusesAPatchWithAnOverlongFieldAndChangesNothing(FoyerServer server) {
    var slug =
        createSpace(
            server,
            Map.of(
                "landingUrl",
                "https://intranet.example.com/chat",
                "allowedOrigins",
                List.of("https://intranet.example.com"),
                "customProperties",
                List.of("department")));
    var before = space(server, slug);

    for (var body :
        List.of(
            Map.of("name", "Renamed", "landingUrl", url(3000)),
            Map.of("name", "n".repeat(256), "visibility", "PRIVATE"),
            Map.of("name", "Renamed", "allowedOrigins", origins(300, 30)),
            Map.of("name", "Renamed", "customProperties", properties(300)),
            Map.of("signedLinksRequired", true, "allowedOrigins", List.of(origin(191))))) {
      var response = send(server, admin, "PATCH", "/api/admin/spaces/" + slug, Json.write(body));

      assertProblem(response, 400, "ADM1");
      assertThat(space(server, slug)).as(body.keySet().toString()).isEqualTo(before);
    }
  }

  @Test
  void acceptsEverySpaceFieldAtItsLimit(FoyerServer server) {
    var landing = url(2048);
    var origins = origins(20, 190);
    var properties = properties(50);
    var name = "N".repeat(255);

    var slug =
        createSpace(
            server,
            Map.of(
                "name",
                name,
                "landingUrl",
                landing,
                "allowedOrigins",
                origins,
                "customProperties",
                properties));

    var space = space(server, slug);
    assertThat(space.path("name").asText()).isEqualTo(name);
    assertThat(space.path("landingUrl").asText()).isEqualTo(landing);
    assertThat(space.path("allowedOrigins")).hasSize(20);
    assertThat(space.path("allowedOrigins").path(19).asText()).isEqualTo(origins.get(19));
    assertThat(space.path("customProperties")).hasSize(50);
  }

  @Test
  void refusesAMalformedSlugInThePathWithAdm3(FoyerServer server) {
    for (var slug :
        List.of("Upper", "a%20b", "%3Cx%3E", "x%25", "-x", "a".repeat(65), "a".repeat(3000))) {
      var response = send(server, admin, "GET", "/api/admin/spaces/" + slug, null);
      var events = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/events", null);

      assertProblem(response, 404, "ADM3");
      assertProblem(events, 404, "ADM3");
    }
  }

  // --- JWT SSO settings ---

  @Test
  void refusesOverlongSsoSettingsAndStoresNothing(FoyerServer server) {
    var unconfigured = createSpace(server);
    var configured = createSpace(server);
    var path = "/api/admin/spaces/" + configured + "/sso";
    var put =
        send(
            server,
            admin,
            "PUT",
            path,
            Json.write(Map.of("enabled", true, "authorizationUrl", "https://app.example.com/sso")));
    assertThat(put.statusCode()).as(describe(put)).isEqualTo(200);
    var before = Json.parse(send(server, admin, "GET", path, null));

    for (var body :
        List.<Map<String, Object>>of(
            Map.of("enabled", false, "authorizationUrl", url(3000)),
            Map.of("enabled", false, "authorizationUrl", url(2049)),
            Map.of("enabled", false, "maxLifetime", "P" + "T".repeat(40) + "5M"),
            Map.of("enabled", false, "syncOnEveryLogin", Collections.nCopies(13, "EMAIL")),
            Map.of("enabled", false, "syncOnEveryLogin", List.of("X".repeat(3000))),
            // A JWT carries no username: syncing one would only ever clear it.
            Map.of("enabled", false, "syncOnEveryLogin", List.of("USERNAME")))) {
      assertProblem(
          send(
              server, admin, "PUT", "/api/admin/spaces/" + unconfigured + "/sso", Json.write(body)),
          400,
          "ADM1");
      assertProblem(send(server, admin, "PUT", path, Json.write(body)), 400, "ADM1");

      // Never configured: still no settings (and no key was kept).
      assertProblem(
          send(server, admin, "GET", "/api/admin/spaces/" + unconfigured + "/sso", null),
          403,
          "JWT17");
      assertThat(Json.parse(send(server, admin, "GET", path, null))).isEqualTo(before);
    }
    var atLimit = url(2048);
    var accepted =
        send(server, admin, "PUT", path, Json.write(Map.of("authorizationUrl", atLimit)));
    assertThat(accepted.statusCode()).as(describe(accepted)).isEqualTo(200);
    assertThat(Json.parse(send(server, admin, "GET", path, null)).path("authorizationUrl").asText())
        .isEqualTo(atLimit);
  }

  // --- events, groups, members, login records ---

  @Test
  void refusesOverlongEventFieldsAndStoresNothing(FoyerServer server) {
    var slug = createSpace(server);
    var event = createEvent(server, slug);
    var events = "/api/admin/spaces/" + slug + "/events";
    var before = Json.parse(send(server, admin, "GET", events + "/" + event, null));

    assertProblem(
        send(server, admin, "POST", events, Json.write(Map.of("title", "t".repeat(256)))),
        400,
        "ADM1");
    assertProblem(
        send(
            server,
            admin,
            "POST",
            events,
            Json.write(
                Map.of("title", "ok", "admittedLevels", Collections.nCopies(11, "NICKNAME")))),
        400,
        "ADM1");
    assertProblem(
        send(
            server,
            admin,
            "POST",
            events,
            Json.write(Map.of("id", "e" + "x".repeat(64), "title", "ok"))),
        400,
        "ADM1");
    assertProblem(
        send(
            server,
            admin,
            "PATCH",
            events + "/" + event,
            Json.write(Map.of("admittedLevels", List.of("SSO"), "title", "t".repeat(256)))),
        400,
        "ADM1");
    assertProblem(
        send(
            server,
            admin,
            "PATCH",
            events + "/" + event,
            Json.write(Map.of("title", "New", "admittedLevels", List.of("X".repeat(3000))))),
        400,
        "ADM1");

    var listed = Json.parse(send(server, admin, "GET", events, null));
    assertThat(listed).hasSize(1);
    assertThat(Json.parse(send(server, admin, "GET", events + "/" + event, null)))
        .isEqualTo(before);
    assertProblem(send(server, admin, "GET", events + "/" + "e".repeat(3000), null), 404, "ADM5");
  }

  @Test
  void refusesAnOverlongGroupNameAndStoresNothing(FoyerServer server) {
    var slug = createSpace(server);
    var groups = "/api/admin/spaces/" + slug + "/groups";

    assertProblem(
        send(server, admin, "POST", groups, Json.write(Map.of("name", "g".repeat(256)))),
        400,
        "ADM1");

    assertThat(Json.parse(send(server, admin, "GET", groups, null))).isEmpty();
    var atLimit = send(server, admin, "POST", groups, Json.write(Map.of("name", "g".repeat(255))));
    assertThat(atLimit.statusCode()).as(describe(atLimit)).isEqualTo(201);
  }

  @Test
  void refusesOverlongMemberFieldsAndStoresNothing(FoyerServer server) {
    var slug = createSpace(server);
    var members = "/api/admin/spaces/" + slug + "/members";
    var email = "m-" + hex(4) + "@example.com";

    for (var body :
        List.<Map<String, Object>>of(
            Map.of("givenName", "g".repeat(256), "email", email),
            Map.of("givenName", "Sue", "familyName", "f".repeat(256), "email", email),
            Map.of("givenName", "Sue", "email", "e".repeat(250) + "@example.com"),
            Map.of("givenName", "Sue", "email", email, "password", "p".repeat(201)))) {
      assertProblem(send(server, admin, "POST", members, Json.write(body)), 400, "ADM1");
    }

    // Nothing was made: the password member of that email can still be created once.
    var created =
        send(
            server,
            admin,
            "POST",
            members,
            Json.write(Map.of("givenName", "Sue", "email", email, "password", "p".repeat(200))));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    var lookup = send(server, admin, "GET", members + "?uid=" + "u".repeat(3000), null);
    assertThat(lookup.statusCode()).as(describe(lookup)).isEqualTo(200);
    assertThat(Json.parse(lookup)).isEmpty();
    assertProblem(send(server, admin, "GET", members + "/" + "m".repeat(3000), null), 404, "ADM6");
    assertProblem(
        send(
            server,
            admin,
            "PUT",
            members + "/" + "m".repeat(3000) + "/status",
            "{\"status\":\"ACTIVE\"}"),
        404,
        "ADM6");
    var member = signInMember(server, slug, "crm-" + hex(4));
    var found = send(server, admin, "GET", members + "/" + member, null);
    assertThat(found.statusCode()).as(describe(found)).isEqualTo(200);
  }

  @Test
  void refusesALoginRecordsLimitThatIsNotANumberWithAdm1(FoyerServer server) {
    var slug = createSpace(server);
    var records = "/api/admin/spaces/" + slug + "/login-records";

    assertProblem(send(server, admin, "GET", records + "?limit=abc", null), 400, "ADM1");
    assertProblem(send(server, admin, "GET", records + "?limit=99999999999", null), 400, "ADM1");
    assertProblem(send(server, admin, "GET", records + "?limit=-1", null), 400, "ADM1");
    var ok = send(server, admin, "GET", records + "?limit=5000", null);
    assertThat(ok.statusCode()).as(describe(ok)).isEqualTo(200);
  }

  // --- helpers ---

  private static JsonNode space(FoyerServer server, String slug) {
    var response = send(server, admin, "GET", "/api/admin/spaces/" + slug, null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return Json.parse(response);
  }

  /** An absolute https URL of exactly {@code length} characters. */
  private static String url(int length) {
    var base = "https://intranet.example.com/";
    return base + "a".repeat(length - base.length());
  }

  /** An origin of exactly {@code length} characters, unique to this call. */
  private static String origin(int length) {
    var tail = "-" + hex(4) + ".example.com";
    return "https://" + "o".repeat(length - 8 - tail.length()) + tail;
  }

  private static List<String> origins(int count, int length) {
    return IntStream.range(0, count).mapToObj(i -> origin(length)).toList();
  }

  private static List<String> properties(int count) {
    return IntStream.range(0, count).mapToObj(i -> "p" + i + "x".repeat(60)).toList();
  }
}
