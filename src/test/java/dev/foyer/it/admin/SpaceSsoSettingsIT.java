package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A space's seed 002 settings through {@code /api/admin/spaces}: "always use SSO nicknames" and the
 * three "SSO Conflicts" options, their defaults, partial changes and refusals.
 */
@ExtendWith(FoyerServer.class)
class SpaceSsoSettingsIT {
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  @Test
  void aNewSpaceLetsMembersChooseTheirNicknameAndResolvesNoConflict(FoyerServer server) {
    var slug = createSpace(server);

    var view = get(server, slug);

    assertThat(view.path("alwaysSsoNicknames").isBoolean()).as(view.toString()).isTrue();
    assertThat(view.path("alwaysSsoNicknames").asBoolean()).isFalse();
    assertConflicts(view, false, false, false);
  }

  @Test
  void aSpaceIsCreatedWithTheSettingsGiven(FoyerServer server) {
    var slug =
        createSpace(
            server,
            Map.of(
                "alwaysSsoNicknames",
                true,
                "conflicts",
                Map.of("autoResolve", true, "changeEmail", true)));

    var view = get(server, slug);

    assertThat(view.path("alwaysSsoNicknames").asBoolean()).isTrue();
    assertConflicts(view, true, false, true);
  }

  @Test
  void aPatchChangesOnlyTheOptionsItNames(FoyerServer server) {
    var slug = createSpace(server);

    var first =
        patch(server, slug, "{\"conflicts\":{\"changeUsername\":true,\"changeEmail\":true}}");
    var second = patch(server, slug, "{\"conflicts\":{\"changeEmail\":false}}");
    var third = patch(server, slug, "{\"alwaysSsoNicknames\":true}");
    var fourth = patch(server, slug, "{\"name\":\"Renamed\"}");

    assertThat(first.statusCode()).as(describe(first)).isEqualTo(200);
    assertConflicts(Json.parse(first), false, true, true);
    assertConflicts(Json.parse(second), false, true, false);
    assertThat(Json.parse(second).path("alwaysSsoNicknames").asBoolean()).isFalse();
    assertThat(Json.parse(third).path("alwaysSsoNicknames").asBoolean()).isTrue();
    assertConflicts(Json.parse(third), false, true, false);
    var read = get(server, slug);
    assertThat(read.path("name").asText()).isEqualTo("Renamed");
    assertThat(read.path("alwaysSsoNicknames").asBoolean()).isTrue();
    assertConflicts(read, false, true, false);
    assertThat(Json.parse(fourth)).isEqualTo(read);

    var off = patch(server, slug, "{\"alwaysSsoNicknames\":false}");
    assertThat(Json.parse(off).path("alwaysSsoNicknames").asBoolean()).isFalse();
  }

  @Test
  void refusesAnUnknownConflictOptionWithAdm1AndChangesNothing(FoyerServer server) {
    var slug = createSpace(server);

    var response =
        patch(
            server,
            slug,
            "{\"name\":\"Changed\",\"alwaysSsoNicknames\":true,"
                + "\"conflicts\":{\"autoResolve\":true,\"changeNickname\":true}}");

    assertProblem(response, 400, "ADM1");
    assertThat(Json.parse(response).path("detail").asText()).contains("changeNickname");
    var read = get(server, slug);
    assertThat(read.path("name").asText()).isEqualTo("Space " + slug);
    assertThat(read.path("alwaysSsoNicknames").asBoolean()).isFalse();
    assertConflicts(read, false, false, false);
  }

  @Test
  void refusesAnUnknownConflictOptionOnCreationWithAdm1(FoyerServer server) {
    var slug = slug();

    var response =
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces",
            "{\"slug\":\"" + slug + "\",\"name\":\"x\",\"conflicts\":{\"auto\":true}}");

    assertProblem(response, 400, "ADM1");
    assertThat(send(server, admin, "GET", "/api/admin/spaces/" + slug, null).statusCode())
        .isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"alwaysSsoNicknames\":\"yes\"}",
        "{\"alwaysSsoNicknames\":1}",
        "{\"alwaysSsoNicknames\":{}}",
        "{\"conflicts\":true}",
        "{\"conflicts\":[\"autoResolve\"]}",
        "{\"conflicts\":\"autoResolve\"}",
        "{\"conflicts\":{\"autoResolve\":\"true\"}}",
        "{\"conflicts\":{\"autoResolve\":1}}",
        "{\"conflicts\":{\"autoResolve\":",
      })
  void refusesAValueThatIsNotTrueOrFalseWithReq400(String body, FoyerServer server) {
    var slug = createSpace(server);

    var response = patch(server, slug, body);

    assertProblem(response, 400, "REQ400");
    var read = get(server, slug);
    assertThat(read.path("alwaysSsoNicknames").asBoolean()).isFalse();
    assertConflicts(read, false, false, false);
  }

  @Test
  void refusesANullConflictOptionAndChangesNothing(FoyerServer server) {
    var slug = createSpace(server);

    var response =
        patch(server, slug, "{\"conflicts\":{\"autoResolve\":true,\"changeEmail\":null}}");

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
    assertConflicts(get(server, slug), false, false, false);
  }

  private static void assertConflicts(
      JsonNode view, boolean autoResolve, boolean changeUsername, boolean changeEmail) {
    var conflicts = view.path("conflicts");
    assertThat(conflicts.path("autoResolve").isBoolean()).as(view.toString()).isTrue();
    assertThat(conflicts.path("autoResolve").asBoolean())
        .as(view.toString())
        .isEqualTo(autoResolve);
    assertThat(conflicts.path("changeUsername").asBoolean())
        .as(view.toString())
        .isEqualTo(changeUsername);
    assertThat(conflicts.path("changeEmail").asBoolean())
        .as(view.toString())
        .isEqualTo(changeEmail);
  }

  private static JsonNode get(FoyerServer server, String slug) {
    var response = send(server, admin, "GET", "/api/admin/spaces/" + slug, null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return Json.parse(response);
  }

  private static java.net.http.HttpResponse<String> patch(
      FoyerServer server, String slug, String body) {
    return send(server, admin, "PATCH", "/api/admin/spaces/" + slug, body);
  }
}
