package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.find;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.AdminApi.strings;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/admin/spaces}: creating, reading and patching spaces, and their ADM codes. */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class SpacesApiIT {
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Upper",
        "UPPER",
        "with space",
        "../x",
        "a/b",
        "-lead",
        "trail-",
        "dot.ted",
        "ümlaut",
        "under_score",
        ""
      })
  void refusesABadSlugWithAdm1(String slug, FoyerServer server) {
    var response = createSpace(server, Json.object().put("slug", slug).put("name", "Bad"));

    assertProblem(response, 400, "ADM1");
  }

  @Test
  void refusesASlugOf65CharactersWithAdm1(FoyerServer server) {
    var response =
        createSpace(server, Json.object().put("slug", "t-" + "a".repeat(63)).put("name", "Long"));

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
  void createsASpaceOnceWhenTheSameSlugIsCreatedEightTimesAtOnce(FoyerServer server)
      throws Exception {
    var slug = slug();
    var tasks =
        new java.util.ArrayList<
            java.util.concurrent.Callable<java.net.http.HttpResponse<String>>>();
    for (int i = 0; i < 8; i++) {
      tasks.add(() -> createSpace(server, Json.object().put("slug", slug).put("name", "Raced")));
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    var answers = new java.util.ArrayList<java.net.http.HttpResponse<String>>();
    try {
      for (var future : pool.invokeAll(tasks)) {
        answers.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(answers.stream().filter(answer -> answer.statusCode() == 201))
        .as(answers.stream().map(answer -> describe(answer)).toList().toString())
        .hasSize(1);
    assertThat(answers.stream().filter(answer -> answer.statusCode() != 201))
        .allSatisfy(answer -> assertProblem(answer, 409, "ADM2"));
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
        Arguments.of(
            "GET", "/api/admin/spaces/{slug}/members/00000000-0000-0000-0000-000000000000", null),
        Arguments.of("GET", "/api/admin/spaces/{slug}/login-records", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("spaceEndpoints")
  void refusesAnUnknownSpaceWithAdm3(String method, String path, String body, FoyerServer server) {
    var response = send(server, admin, method, path.replace("{slug}", slug()), body);

    assertProblem(response, 404, "ADM3");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://x.com/path",
        "javascript:alert(1)",
        "*",
        "null",
        "intranet.example.com",
        "https://user@x.com",
        ""
      })
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
    var response =
        createSpace(
            server,
            Json.object().put("slug", slug()).put("name", "Landing").put("landingUrl", landingUrl));

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
    body.putArray("allowedOrigins")
        .add("https://intranet.example.com")
        .add("HTTP://Localhost:8081");

    var created = createSpace(server, body);
    var listed =
        find(Json.parse(send(server, admin, "GET", "/api/admin/spaces", null)), "slug", slug);

    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/api/admin/spaces/" + slug));
    for (var space : List.of(Json.parse(created), listed)) {
      assertThat(space.path("slug").asText()).isEqualTo(slug);
      assertThat(space.path("name").asText()).isEqualTo("Intranet – Zoë's team");
      assertThat(space.path("landingUrl").asText())
          .isEqualTo("https://intranet.example.com/chat?x=1");
      assertThat(space.path("homeUrl").asText()).isEqualTo("/spaces/" + slug);
      assertThat(space.path("visibility").asText()).isEqualTo("PRIVATE");
      assertThat(space.path("signedLinksRequired").asBoolean()).isTrue();
      assertThat(space.path("linkByEmail").asBoolean()).isTrue();
      assertThat(strings(space.path("allowedOrigins")))
          .containsExactly("https://intranet.example.com", "http://localhost:8081");
      assertThat(Instant.parse(space.path("createdAt").asText()))
          .isBefore(Instant.now().plusSeconds(60));
      assertThat(space.path("id").asText()).isNotBlank();
    }
  }

  @Test
  void appliesDefaultsToAMinimalSpace(FoyerServer server) {
    var slug = slug();

    var space =
        Json.parse(createSpace(server, Json.object().put("slug", slug).put("name", "Minimal")));

    assertThat(space.path("visibility").asText()).isEqualTo("PUBLIC");
    assertThat(space.path("signedLinksRequired").asBoolean(true)).isFalse();
    assertThat(space.path("linkByEmail").asBoolean(true)).isFalse();
    assertThat(space.path("allowedOrigins").isArray()).isTrue();
    assertThat(space.path("allowedOrigins")).isEmpty();
    assertThat(space.path("landingUrl").isMissingNode() || space.path("landingUrl").isNull())
        .isTrue();
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
    var unsigned =
        send(
            server, admin, "PATCH", "/api/admin/spaces/" + slug, "{\"signedLinksRequired\":false}");
    var read = send(server, admin, "GET", "/api/admin/spaces/" + slug, null);

    assertThat(renamed.statusCode()).as(describe(renamed)).isEqualTo(200);
    assertThat(unsigned.statusCode()).as(describe(unsigned)).isEqualTo(200);
    assertThat(read.statusCode()).as(describe(read)).isEqualTo(200);
    var after = Json.parse(read);
    assertThat(after.path("name").asText()).isEqualTo("After");
    assertThat(after.path("signedLinksRequired").asBoolean()).isFalse();
    for (var unchanged :
        List.of(
            "id",
            "slug",
            "landingUrl",
            "visibility",
            "linkByEmail",
            "allowedOrigins",
            "createdAt")) {
      assertThat(after.path(unchanged)).as(unchanged).isEqualTo(before.path(unchanged));
    }
  }

  @Test
  void refusesABadAllowedOriginInAPatchWithAdm1(FoyerServer server) {
    var slug = createSpace(server);

    var response =
        send(
            server,
            admin,
            "PATCH",
            "/api/admin/spaces/" + slug,
            "{\"allowedOrigins\":[\"https://x.com/path\"]}");

    assertProblem(response, 400, "ADM1");
  }
}
