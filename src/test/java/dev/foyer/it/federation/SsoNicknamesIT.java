package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 002: "Always use SSO nicknames" is "not available if you have any social login providers
 * turned on". Refused from both sides with SSONICK1, and a refused request writes nothing.
 */
@ExtendWith(FoyerServer.class)
class SsoNicknamesIT {
  private static final String SECRET = "s3cr3t-V4lue-Never-Shown-Again";
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  @Test
  void refusesToTurnTheOptionOnWhileASocialProviderIsEnabled(FoyerServer server) {
    var slug = createSpace(server);
    var created = post(server, slug, github("github"));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);

    var response = patchSpace(server, slug, "{\"name\":\"Renamed\",\"alwaysSsoNicknames\":true}");

    assertProblem(response, 409, "SSONICK1");
    assertThat(Json.parse(response).path("detail").asText()).contains("github");
    var space = space(server, slug);
    assertThat(space.path("alwaysSsoNicknames").asBoolean()).isFalse();
    assertThat(space.path("name").asText()).isEqualTo("Space " + slug);
  }

  @Test
  void turnsTheOptionOnOnceTheSocialProviderIsDisabled(FoyerServer server) {
    var slug = createSpace(server);
    post(server, slug, github("github"));
    var disabled = patchProvider(server, slug, "github", "{\"enabled\":false}");
    assertThat(disabled.statusCode()).as(describe(disabled)).isEqualTo(200);

    var response = patchSpace(server, slug, "{\"alwaysSsoNicknames\":true}");

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    assertThat(Json.parse(response).path("alwaysSsoNicknames").asBoolean()).isTrue();
  }

  @Test
  void anEnabledSsoProviderDoesNotStandInTheOptionsWay(FoyerServer server) {
    var slug = createSpace(server);
    var oidc =
        post(
            server,
            slug,
            Json.object()
                .put("alias", "acme")
                .put("kind", "OIDC")
                .put("issuer", "https://login.acme.example/realms/staff")
                .put("clientId", "foyer")
                .put("clientSecret", SECRET));
    assertThat(oidc.statusCode()).as(describe(oidc)).isEqualTo(201);

    var response = patchSpace(server, slug, "{\"alwaysSsoNicknames\":true}");

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    assertThat(Json.parse(response).path("alwaysSsoNicknames").asBoolean()).isTrue();
  }

  @Test
  void refusesToCreateAnEnabledSocialProviderWhileTheOptionIsOn(FoyerServer server) {
    var slug = createSpace(server, Map.of("alwaysSsoNicknames", true));

    var response = post(server, slug, github("github"));

    assertProblem(response, 409, "SSONICK1");
    assertThat(providers(server, slug)).isEmpty();
  }

  @Test
  void savesADisabledSocialProviderButRefusesToEnableItWhileTheOptionIsOn(FoyerServer server) {
    var slug = createSpace(server, Map.of("alwaysSsoNicknames", true));
    var created = post(server, slug, github("github").put("enabled", false));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);

    var enabling =
        patchProvider(server, slug, "github", "{\"enabled\":true,\"displayName\":\"Changed\"}");
    var renaming = patchProvider(server, slug, "github", "{\"displayName\":\"Renamed\"}");

    assertProblem(enabling, 409, "SSONICK1");
    assertThat(renaming.statusCode()).as(describe(renaming)).isEqualTo(200);
    var provider = Json.parse(send(server, admin, "GET", providersPath(slug) + "/github", null));
    assertThat(provider.path("enabled").asBoolean()).isFalse();
    assertThat(provider.path("displayName").asText()).isEqualTo("Renamed");
  }

  @Test
  void enablesTheSocialProviderOnceTheOptionIsOff(FoyerServer server) {
    var slug = createSpace(server, Map.of("alwaysSsoNicknames", true));
    post(server, slug, github("github").put("enabled", false));
    var off = patchSpace(server, slug, "{\"alwaysSsoNicknames\":false}");
    assertThat(off.statusCode()).as(describe(off)).isEqualTo(200);

    var response = patchProvider(server, slug, "github", "{\"enabled\":true}");

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    assertThat(Json.parse(response).path("enabled").asBoolean()).isTrue();
  }

  @Test
  void createsAnEnabledSsoProviderWhileTheOptionIsOn(FoyerServer server) {
    var slug = createSpace(server, Map.of("alwaysSsoNicknames", true));

    var response =
        post(
            server,
            slug,
            Json.object()
                .put("alias", "acme")
                .put("kind", "OIDC")
                .put("issuer", "https://login.acme.example/realms/staff")
                .put("clientId", "foyer")
                .put("clientSecret", SECRET));

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
  }

  @Test
  void ofTheOptionAndASocialProviderSavedAtOnceAtMostOneIsKept(FoyerServer server)
      throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 8; round++) {
        var slug = createSpace(server);
        var start = new java.util.concurrent.CountDownLatch(1);
        var option =
            pool.submit(
                () -> {
                  start.await();
                  return patchSpace(server, slug, "{\"alwaysSsoNicknames\":true}");
                });
        var provider =
            pool.submit(
                () -> {
                  start.await();
                  return post(server, slug, github("github"));
                });
        start.countDown();
        var optionAnswer = option.get();
        var providerAnswer = provider.get();

        assertThat(List.of(optionAnswer.statusCode(), providerAnswer.statusCode()))
            .as(describe(optionAnswer) + "\n" + describe(providerAnswer))
            .containsExactlyInAnyOrder(
                optionAnswer.statusCode() == 200 ? 200 : 409,
                optionAnswer.statusCode() == 200 ? 409 : 201);
        var on = space(server, slug).path("alwaysSsoNicknames").asBoolean();
        var enabledSocial = providers(server, slug).size();
        assertThat(on && enabledSocial > 0).as("option on and a social provider enabled").isFalse();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ObjectNode github(String alias) {
    return Json.object()
        .put("alias", alias)
        .put("kind", "GITHUB")
        .put("clientId", "Iv1.abc")
        .put("clientSecret", SECRET);
  }

  private static HttpResponse<String> post(FoyerServer server, String slug, JsonNode body) {
    return send(server, admin, "POST", providersPath(slug), Json.write(body));
  }

  private static HttpResponse<String> patchProvider(
      FoyerServer server, String slug, String alias, String body) {
    return send(server, admin, "PATCH", providersPath(slug) + "/" + alias, body);
  }

  private static HttpResponse<String> patchSpace(FoyerServer server, String slug, String body) {
    return send(server, admin, "PATCH", "/api/admin/spaces/" + slug, body);
  }

  private static JsonNode space(FoyerServer server, String slug) {
    var response = send(server, admin, "GET", "/api/admin/spaces/" + slug, null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return Json.parse(response);
  }

  private static JsonNode providers(FoyerServer server, String slug) {
    var response = send(server, admin, "GET", providersPath(slug), null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return Json.parse(response);
  }

  private static String providersPath(String slug) {
    return "/api/admin/spaces/" + slug + "/identity-providers";
  }
}
