package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.assertMemberNamed;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.find;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static dev.foyer.it.support.SignedLinks.link;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A space's signing secret through the admin API (README "Signed links"): shown once on creation
 * and on rotation, never listed or read back, and usable to sign links.
 */
@ExtendWith(FoyerServer.class)
class SigningSecretApiIT {
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  @Test
  void showsTheSigningSecretWhenTheSpaceIsCreated(FoyerServer server) {
    var response = createSpace(server, Json.object().put("slug", slug()).put("name", "Signed"));

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    assertThat(Json.parse(response).path("signingSecret").asText()).hasSizeGreaterThanOrEqualTo(32);
  }

  @Test
  void neverListsTheSigningSecret(FoyerServer server) {
    var slug = slug();
    var secret =
        Json.parse(createSpace(server, Json.object().put("slug", slug).put("name", "Signed")))
            .path("signingSecret")
            .asText();

    var list = send(server, admin, "GET", "/api/admin/spaces", null);

    assertThat(list.body()).doesNotContain(secret);
    assertThat(
            find(Json.parse(list), "slug", slug).path("signingSecret").isMissingNode()
                || find(Json.parse(list), "slug", slug).path("signingSecret").isNull())
        .isTrue();
  }

  @Test
  void neverShowsTheSigningSecretWhenTheSpaceIsReadOrPatched(FoyerServer server) {
    var slug = slug();
    var secret =
        Json.parse(createSpace(server, Json.object().put("slug", slug).put("name", "Signed")))
            .path("signingSecret")
            .asText();

    var read = send(server, admin, "GET", "/api/admin/spaces/" + slug, null);
    var patched =
        send(server, admin, "PATCH", "/api/admin/spaces/" + slug, "{\"name\":\"Still signed\"}");

    for (var response : List.of(read, patched)) {
      assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
      assertThat(response.body()).doesNotContain(secret);
      assertThat(
              Json.parse(response).path("signingSecret").isMissingNode()
                  || Json.parse(response).path("signingSecret").isNull())
          .isTrue();
    }
  }

  @Test
  void showsANewSigningSecretOnlyWhenRotated(FoyerServer server) {
    var slug = slug();
    var first =
        Json.parse(createSpace(server, Json.object().put("slug", slug).put("name", "Signed")))
            .path("signingSecret")
            .asText();

    var rotated =
        send(server, admin, "POST", "/api/admin/spaces/" + slug + "/signing-secret", null);
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
        Json.parse(
                createSpace(
                    server,
                    Json.object()
                        .put("slug", slug)
                        .put("name", "Signed")
                        .put("signedLinksRequired", true)))
            .path("signingSecret")
            .asText();

    var unsigned =
        server.browser().json().get("/auth/uri?account=" + slug + "&givenName=Sue&uid=42");
    var signed =
        server
            .browser()
            .get(link(secret, Map.of("account", slug, "givenName", "Sue", "uid", "42")));

    assertProblem(unsigned, 401, "UASIG1");
    assertThat(signed.statusCode()).as(describe(signed)).isEqualTo(302);
  }

  // README: the signature covers the UTF-8 bytes of the raw values, and links are URL-encoded as
  // UTF-8.
  @Test
  void acceptsASignedLinkWithANonAsciiName(FoyerServer server) {
    var slug = slug();
    var secret =
        Json.parse(
                createSpace(
                    server,
                    Json.object()
                        .put("slug", slug)
                        .put("name", "Signed")
                        .put("signedLinksRequired", true)))
            .path("signingSecret")
            .asText();
    var uid = "crm-" + hex(4);

    var signed =
        server
            .browser()
            .get(
                link(
                    secret,
                    Map.of(
                        "account", slug, "givenName", "Zoë", "familyName", "Ölçer", "uid", uid)));

    assertThat(signed.statusCode()).as(describe(signed)).isEqualTo(302);
    assertMemberNamed(server, slug, uid, "Zoë", "Ölçer");
  }
}
