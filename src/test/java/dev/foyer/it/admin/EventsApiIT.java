package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.createEvent;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.ids;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.AdminApi.signInMember;
import static dev.foyer.it.support.AdminApi.strings;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/admin/spaces/{slug}/events}: creating, reading, patching and deleting events. */
@ExtendWith(FoyerServer.class)
class EventsApiIT {
  private static final String EVENT_ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";

  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  @Test
  void admitsNicknameByDefaultAndGeneratesAnEventId(FoyerServer server) {
    var slug = createSpace(server);

    var created =
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/events",
            "{\"title\":\"Welcome chat\"}");

    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    var event = Json.parse(created);
    var id = event.path("id").asText();
    assertThat(id).matches(EVENT_ID);
    assertThat(strings(event.path("admittedLevels"))).containsExactly("NICKNAME");
    assertThat(event.path("title").asText()).isEqualTo("Welcome chat");
    assertThat(event.path("url").asText()).isEqualTo("/spaces/" + slug + "/events/" + id);
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(
            location ->
                assertThat(location).endsWith("/api/admin/spaces/" + slug + "/events/" + id));
    var signIn = server.browser().get("/auth/uri?account=" + slug + "&givenName=Sue&eventid=" + id);
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location"))
        .hasValueSatisfying(
            location -> assertThat(location).endsWith("/spaces/" + slug + "/events/" + id));
  }

  @Test
  void generatesADifferentIdForEachEvent(FoyerServer server) {
    var slug = createSpace(server);

    var first =
        Json.parse(
                send(
                    server,
                    admin,
                    "POST",
                    "/api/admin/spaces/" + slug + "/events",
                    "{\"title\":\"One\"}"))
            .path("id")
            .asText();
    var second =
        Json.parse(
                send(
                    server,
                    admin,
                    "POST",
                    "/api/admin/spaces/" + slug + "/events",
                    "{\"title\":\"Two\"}"))
            .path("id")
            .asText();

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
      assertThat(strings(event.path("admittedLevels")))
          .containsExactlyInAnyOrder("SSO", "NICKNAME_EMAIL");
      assertThat(Instant.parse(event.path("startsAt").asText()))
          .isEqualTo(Instant.parse("2030-01-02T10:00:00Z"));
      assertThat(Instant.parse(event.path("endsAt").asText()))
          .isEqualTo(Instant.parse("2030-01-02T11:30:00Z"));
    }
  }

  /**
   * Ids are per space: a second space gets its own event of the same id (once a 409 that told it
   * another space had one), and each space's links, pages and admin calls see only their own.
   */
  @Test
  void twoSpacesEachHaveTheirOwnEventOfTheSameId(FoyerServer server) {
    var first = createSpace(server);
    var second = createSpace(server);
    var id = "welcome-" + hex(4);
    var events = "/api/admin/spaces/%s/events";
    var one =
        send(
            server,
            admin,
            "POST",
            events.formatted(first),
            "{\"id\":\"" + id + "\",\"title\":\"First chat\"}");
    var two =
        send(
            server,
            admin,
            "POST",
            events.formatted(second),
            "{\"id\":\"" + id + "\",\"title\":\"Second chat\"}");
    assertThat(one.statusCode()).as(describe(one)).isEqualTo(201);
    assertThat(two.statusCode()).as(describe(two)).isEqualTo(201);

    var renamed =
        send(
            server,
            admin,
            "PATCH",
            events.formatted(second) + "/" + id,
            "{\"title\":\"Second chat, renamed\"}");
    assertThat(renamed.statusCode()).as(describe(renamed)).isEqualTo(200);
    var browser = server.browser();
    var signIn =
        browser.get(
            "/auth/uri?account=" + second + "&givenName=Sue&uid=crm-" + hex(4) + "&eventid=" + id);
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location").orElse(""))
        .endsWith("/spaces/" + second + "/events/" + id);
    var page = browser.follow(signIn);
    assertThat(page.body()).contains("Second chat, renamed").doesNotContain("First chat");
    var deleted = send(server, admin, "DELETE", events.formatted(second) + "/" + id, null);
    assertThat(deleted.statusCode()).as(describe(deleted)).isEqualTo(204);

    var firstEvent =
        Json.parse(send(server, admin, "GET", events.formatted(first) + "/" + id, null));
    assertThat(firstEvent.path("title").asText()).isEqualTo("First chat");
    assertProblem(
        send(server, admin, "GET", events.formatted(second) + "/" + id, null), 404, "ADM5");
    var again = server.browser().get("/auth/uri?account=" + first + "&givenName=Sue&eventid=" + id);
    assertThat(again.headers().firstValue("Location").orElse(""))
        .endsWith("/spaces/" + first + "/events/" + id);
  }

  @Test
  void refusesATakenIdWithoutNamingAnotherSpace(FoyerServer server) {
    var slug = createSpace(server);
    var id = createEvent(server, slug);

    var response =
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/events",
            "{\"id\":\"" + id + "\",\"title\":\"Again\"}");

    assertProblem(response, 409, "ADM4");
    assertThat(Json.parse(response).path("detail").asText())
        .isEqualTo("This space already has an event '" + id + "'.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/b", "https://evil.example.com", "with space", "-lead"})
  void refusesAnEventIdShapedLikeAPathWithAdm1(String id, FoyerServer server) {
    var slug = createSpace(server);

    var response =
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/events",
            Json.write(Map.of("id", id, "title", "x")));

    assertProblem(response, 400, "ADM1");
  }

  @Test
  void refusesAnEventWithoutTitleWithAdm1(FoyerServer server) {
    var slug = createSpace(server);

    var response =
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/events",
            "{\"admittedLevels\":[\"NICKNAME\"]}");

    assertProblem(response, 400, "ADM1");
  }

  @Test
  void refusesAnEventThatEndsBeforeItStartsWithAdm1(FoyerServer server) {
    var slug = createSpace(server);

    var response =
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/events",
            "{\"title\":\"Backwards\",\"startsAt\":\"2030-01-02T10:00:00Z\",\"endsAt\":\"2030-01-02T09:00:00Z\"}");

    assertProblem(response, 400, "ADM1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[\"ADMIN\"]", "[\"nickname\"]", "[\"\"]", "[\"NICKNAME\",\"EVERYONE\"]"})
  void refusesABadAdmittedLevelWithAdm1(String levels, FoyerServer server) {
    var slug = createSpace(server);
    var id = createEvent(server, slug);

    var created =
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/events",
            "{\"title\":\"x\",\"admittedLevels\":" + levels + "}");
    var patched =
        send(
            server,
            admin,
            "PATCH",
            "/api/admin/spaces/" + slug + "/events/" + id,
            "{\"admittedLevels\":" + levels + "}");

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
    send(
        server,
        admin,
        "POST",
        "/api/admin/spaces/" + slug + "/events",
        "{\"id\":\"%s\",\"title\":\"Before\",\"admittedLevels\":[\"NICKNAME\",\"SSO\"],\"startsAt\":\"2030-01-02T10:00:00Z\",\"endsAt\":\"2030-01-02T11:00:00Z\"}"
            .formatted(id));

    var retitled = send(server, admin, "PATCH", path, "{\"title\":\"After\"}");
    var rescheduled = send(server, admin, "PATCH", path, "{\"endsAt\":\"2030-01-02T12:00:00Z\"}");
    var relevelled = send(server, admin, "PATCH", path, "{\"admittedLevels\":[\"GUEST\"]}");
    var read = Json.parse(send(server, admin, "GET", path, null));

    assertThat(Json.parse(retitled).path("admittedLevels")).hasSize(2);
    assertThat(Json.parse(retitled).path("startsAt").asText()).isEqualTo("2030-01-02T10:00:00Z");
    assertThat(Json.parse(rescheduled).path("title").asText()).isEqualTo("After");
    assertThat(Instant.parse(Json.parse(rescheduled).path("startsAt").asText()))
        .isEqualTo(Instant.parse("2030-01-02T10:00:00Z"));
    assertThat(Json.parse(relevelled).path("title").asText()).isEqualTo("After");
    assertThat(read.path("title").asText()).isEqualTo("After");
    assertThat(strings(read.path("admittedLevels"))).containsExactly("GUEST");
    assertThat(Instant.parse(read.path("startsAt").asText()))
        .isEqualTo(Instant.parse("2030-01-02T10:00:00Z"));
    assertThat(Instant.parse(read.path("endsAt").asText()))
        .isEqualTo(Instant.parse("2030-01-02T12:00:00Z"));
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
    assertThat(
            ids(
                Json.parse(
                    send(server, admin, "GET", "/api/admin/spaces/" + slug + "/events", null))))
        .containsExactly(kept);
    assertProblem(
        server.browser().json().get("/auth/uri?account=" + slug + "&givenName=Sue&eventid=" + id),
        404,
        "UAEV2");
  }
}
