package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A space's identity providers through the admin API (README "Identity providers"): each kind saved
 * with what it needs, the client secret sealed and never answered, social kinds with their own
 * endpoints, and every bad field refused before anything is stored.
 */
@ExtendWith(FoyerServer.class)
class IdentityProvidersApiIT {
  private static final String SECRET = "s3cr3t-V4lue-Never-Shown-Again";
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  @Test
  void savesAnOpenIdConnectProviderWithTheStandardKeysAndNeverShowsItsSecret(FoyerServer server) {
    var slug = createSpace(server);

    var created =
        post(
            server,
            slug,
            Json.object()
                .put("alias", "acme")
                .put("kind", "OIDC")
                .put("displayName", "Acme Corp")
                .put("buttonLabel", "Sign in with Acme")
                .put("issuer", "https://login.acme.example/realms/staff")
                .put("clientId", "foyer")
                .put("clientSecret", SECRET));

    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(
            location ->
                assertThat(location)
                    .endsWith("/api/admin/spaces/" + slug + "/identity-providers/acme"));
    var view = Json.parse(created);
    assertThat(view.path("enabled").asBoolean()).isTrue();
    assertThat(view.path("protocol").asText()).isEqualTo("OIDC");
    assertThat(view.path("admissionLevel").asText()).isEqualTo("SSO");
    assertThat(view.path("scopes").asText()).isEqualTo("openid email profile");
    assertThat(view.path("pkce").asBoolean()).isTrue();
    assertThat(view.path("clientSecretSet").asBoolean()).isTrue();
    assertThat(view.path("attributeKeys").path("unique").asText()).isEqualTo("sub");
    assertThat(view.path("attributeKeys").path("email").asText()).isEqualTo("email");
    assertThat(view.path("redirectUri").asText())
        .as("the address to register at the provider")
        .isEqualTo(server.uri("/auth/federation/callback/" + slug + "/acme").toString());
    assertThat(created.body()).doesNotContain(SECRET);

    var read = send(server, admin, "GET", path(slug) + "/acme", null);
    var list = send(server, admin, "GET", path(slug), null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(Json.parse(read).path("buttonLabel").asText()).isEqualTo("Sign in with Acme");
    assertThat(Json.parse(read).path("redirectUri").asText())
        .isEqualTo(view.path("redirectUri").asText());
    assertThat(read.body()).doesNotContain(SECRET);
    assertThat(Json.parse(list).findValuesAsText("alias")).containsExactly("acme");
    assertThat(list.body()).doesNotContain(SECRET);
  }

  @Test
  void savesAGenericOAuth2ProviderWithTheSeedsNestedKeys(FoyerServer server) {
    var slug = createSpace(server);

    var created =
        post(
            server,
            slug,
            oauth2("intranet")
                .set(
                    "attributeKeys",
                    Json.object()
                        .put("unique", "id")
                        .put("nickname", "names.nicknames.0")
                        .put("givenName", "names.first")));

    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    var keys = Json.parse(created).path("attributeKeys");
    assertThat(keys.path("unique").asText()).isEqualTo("id");
    assertThat(keys.path("nickname").asText()).isEqualTo("names.nicknames.0");
    assertThat(keys.path("givenName").asText()).isEqualTo("names.first");
    assertThat(Json.parse(created).path("clientAuthentication").asText())
        .isEqualTo("CLIENT_SECRET_BASIC");
  }

  @Test
  void givesSocialKindsTheirOwnEndpointsAndTheSocialLevel(FoyerServer server) {
    var slug = createSpace(server);

    var github =
        post(
            server,
            slug,
            Json.object()
                .put("alias", "github")
                .put("kind", "GITHUB")
                .put("clientId", "Iv1.abc")
                .put("clientSecret", SECRET));
    var microsoft =
        post(
            server,
            slug,
            Json.object()
                .put("alias", "entra")
                .put("kind", "MICROSOFT")
                .put("tenant", "contoso.onmicrosoft.com")
                .put("clientId", "00000000-0000-0000-0000-000000000001")
                .put("clientSecret", SECRET));

    assertThat(github.statusCode()).as(describe(github)).isEqualTo(201);
    assertThat(Json.parse(github).path("authorizationUrl").asText())
        .isEqualTo("https://github.com/login/oauth/authorize");
    assertThat(Json.parse(github).path("admissionLevel").asText()).isEqualTo("SOCIAL");
    assertThat(Json.parse(github).path("attributeKeys").path("username").asText())
        .isEqualTo("login");
    assertThat(microsoft.statusCode()).as(describe(microsoft)).isEqualTo(201);
    assertThat(Json.parse(microsoft).path("issuer").asText())
        .isEqualTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0");
  }

  @Test
  void changesOnlyTheFieldsSentAndKeepsTheSecretUnlessANewOneIsSent(FoyerServer server) {
    var slug = createSpace(server);
    post(server, slug, oauth2("intranet"));

    var patched =
        send(
            server,
            admin,
            "PATCH",
            path(slug) + "/intranet",
            Json.write(Json.object().put("buttonLabel", "Intranet login").put("enabled", false)));

    assertThat(patched.statusCode()).as(describe(patched)).isEqualTo(200);
    var view = Json.parse(patched);
    assertThat(view.path("buttonLabel").asText()).isEqualTo("Intranet login");
    assertThat(view.path("enabled").asBoolean()).isFalse();
    assertThat(view.path("clientSecretSet").asBoolean()).isTrue();
    assertThat(view.path("tokenUrl").asText()).isEqualTo("https://idp.example.com/token");
  }

  @Test
  void changesWhereAProviderWithoutMembersReadsIdentitiesFreely(FoyerServer server) {
    // IDP4 guards members only: a provider nobody signed in through yet is still being set up.
    var slug = createSpace(server);
    post(server, slug, oauth2("intranet"));
    post(
        server,
        slug,
        Json.object()
            .put("alias", "corp")
            .put("kind", "OIDC")
            .put("issuer", "https://login.example.com/realms/a")
            .put("clientId", "foyer")
            .put("clientSecret", SECRET));
    post(
        server,
        slug,
        Json.object()
            .put("alias", "entra")
            .put("kind", "MICROSOFT")
            .put("tenant", "contoso.example")
            .put("clientId", "foyer")
            .put("clientSecret", SECRET));

    var issuer =
        send(
            server,
            admin,
            "PATCH",
            path(slug) + "/corp",
            Json.write(
                Json.object()
                    .put("issuer", "https://login.example.org/realms/b")
                    .set("attributeKeys", Json.object().put("unique", "oid"))));
    var userInfo =
        send(
            server,
            admin,
            "PATCH",
            path(slug) + "/intranet",
            Json.write(Json.object().put("userInfoUrl", "https://other.example.com/me")));
    var tenant =
        send(
            server,
            admin,
            "PATCH",
            path(slug) + "/entra",
            Json.write(Json.object().put("tenant", "fabrikam.example")));

    assertThat(issuer.statusCode()).as(describe(issuer)).isEqualTo(200);
    assertThat(Json.parse(issuer).path("issuer").asText())
        .isEqualTo("https://login.example.org/realms/b");
    assertThat(Json.parse(issuer).path("attributeKeys").path("unique").asText()).isEqualTo("oid");
    assertThat(userInfo.statusCode()).as(describe(userInfo)).isEqualTo(200);
    assertThat(Json.parse(userInfo).path("userInfoUrl").asText())
        .isEqualTo("https://other.example.com/me");
    assertThat(tenant.statusCode()).as(describe(tenant)).isEqualTo(200);
    assertThat(Json.parse(tenant).path("tenant").asText()).isEqualTo("fabrikam.example");
  }

  @Test
  void deletesAProvider(FoyerServer server) {
    var slug = createSpace(server);
    post(server, slug, oauth2("intranet"));

    var deleted = send(server, admin, "DELETE", path(slug) + "/intranet", null);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertProblem(send(server, admin, "GET", path(slug) + "/intranet", null), 404, "IDP2");
  }

  @Test
  void refusesASecondProviderWithTheSameAliasInTheSpaceButNotInAnother(FoyerServer server) {
    var slug = createSpace(server);
    post(server, slug, oauth2("intranet"));

    assertProblem(post(server, slug, oauth2("intranet")), 409, "IDP1");
    assertThat(post(server, createSpace(server), oauth2("intranet")).statusCode()).isEqualTo(201);
  }

  @Test
  void createsOneProviderWhenTheSameAliasIsSentEightTimesAtOnce(FoyerServer server)
      throws Exception {
    var slug = createSpace(server);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      var answers = new java.util.ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
      for (int i = 0; i < 8; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return post(server, slug, oauth2("raced"));
                }));
      }
      start.countDown();
      var statuses = new java.util.ArrayList<Integer>();
      for (var answer : answers) {
        var response = answer.get();
        statuses.add(response.statusCode());
        if (response.statusCode() != 201) {
          assertProblem(response, 409, "IDP1");
        }
      }

      assertThat(statuses).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
      assertThat(Json.parse(send(server, admin, "GET", path(slug), null)).findValuesAsText("alias"))
          .containsExactly("raced");
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://idp.example.com/authorize",
        "ftp://idp.example.com/authorize",
        "/authorize",
        "https://user:pass@idp.example.com/authorize",
        "https://idp.example.com/authorize#x",
        "https://idp.example.com/a b",
        "javascript:alert(1)"
      })
  void refusesAnInvalidProviderUrlWithIou2url(String url, FoyerServer server) {
    var slug = createSpace(server);

    var response = post(server, slug, oauth2("intranet").put("authorizationUrl", url));

    assertProblem(response, 400, "IOU2URL");
    assertProblem(send(server, admin, "GET", path(slug) + "/intranet", null), 404, "IDP2");
  }

  @Test
  void acceptsPlainHttpOnlyOnLoopback(FoyerServer server) {
    var slug = createSpace(server);

    var response =
        post(server, slug, oauth2("local").put("authorizationUrl", "http://127.0.0.1:8080/auth"));

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
  }

  @Test
  void refusesAnEnabledProviderThatLacksWhatItsProtocolNeeds(FoyerServer server) {
    var slug = createSpace(server);

    var response =
        post(
            server,
            slug,
            Json.object().put("alias", "half").put("kind", "OAUTH2").put("clientId", "foyer"));

    assertProblem(response, 400, "ADM1");
    assertThat(Json.parse(response).path("detail").asText())
        .contains(
            "authorizationUrl", "tokenUrl", "userInfoUrl", "clientSecret", "attributeKeys.unique");
    var disabled =
        post(
            server,
            slug,
            Json.object().put("alias", "half").put("kind", "OAUTH2").put("enabled", false));
    assertThat(disabled.statusCode()).as(describe(disabled)).isEqualTo(201);
  }

  @Test
  void refusesBadFieldsWithAdm1AndStoresNothing(FoyerServer server) {
    var slug = createSpace(server);

    assertProblem(post(server, slug, oauth2("Not_Kebab")), 400, "ADM1");
    assertProblem(post(server, slug, oauth2("x".repeat(65))), 400, "ADM1");
    assertProblem(post(server, slug, oauth2("a").put("kind", "SAML9")), 400, "ADM1");
    assertProblem(post(server, slug, oauth2("b").put("scopes", "openid  email")), 400, "ADM1");
    assertProblem(post(server, slug, oauth2("c").put("clientSecret", "with space")), 400, "ADM1");
    assertProblem(post(server, slug, oauth2("d").put("displayName", "x".repeat(256))), 400, "ADM1");
    assertProblem(
        post(server, slug, oauth2("e").set("attributeKeys", Json.object().put("unique", "a..b"))),
        400,
        "ADM1");
    assertProblem(
        post(server, slug, oauth2("f").set("attributeKeys", Json.object().put("shoeSize", "x"))),
        400,
        "ADM1");
    assertProblem(
        post(
            server,
            slug,
            Json.object()
                .put("alias", "g")
                .put("kind", "GOOGLE")
                .put("authorizationUrl", "https://evil.example/auth")),
        400,
        "ADM1");
    assertProblem(
        post(server, slug, Json.object().put("alias", "h").put("kind", "OIDC").put("pkce", false)),
        400,
        "ADM1");
    assertThat(Json.parse(send(server, admin, "GET", path(slug), null))).isEmpty();
  }

  @Test
  void keepsAProviderUnchangedWhenAnUpdateIsRefused(FoyerServer server) {
    var slug = createSpace(server);
    post(server, slug, oauth2("intranet"));

    var refused =
        send(
            server,
            admin,
            "PATCH",
            path(slug) + "/intranet",
            Json.write(
                Json.object()
                    .put("buttonLabel", "Changed")
                    .put("tokenUrl", "http://evil.example/t")));

    assertProblem(refused, 400, "IOU2URL");
    var view = Json.parse(send(server, admin, "GET", path(slug) + "/intranet", null));
    assertThat(view.path("buttonLabel").asText()).isEqualTo("intranet");
    assertThat(view.path("tokenUrl").asText()).isEqualTo("https://idp.example.com/token");
  }

  @Test
  void answersOnlyAdministratorsOfTheSpace(FoyerServer server) {
    var slug = createSpace(server);
    var other = createSpace(server);
    post(server, slug, oauth2("intranet"));
    var ownAdmin = server.token("--groups", "foyer-space-admin", "--space", slug);
    var otherAdmin = server.token("--groups", "foyer-space-admin", "--space", other);

    assertThat(send(server, ownAdmin, "GET", path(slug), null).statusCode()).isEqualTo(200);
    assertProblem(send(server, otherAdmin, "GET", path(slug), null), 403, "ADM7");
    assertProblem(
        send(server, otherAdmin, "POST", path(slug), Json.write(oauth2("x"))), 403, "ADM7");
    assertProblem(send(server, otherAdmin, "DELETE", path(slug) + "/intranet", null), 403, "ADM7");
    assertProblem(send(server, null, "GET", path(slug), null), 401, "GEN401");
    assertThat(send(server, admin, "GET", path(slug) + "/intranet", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void answersAnUnknownOrMalformedAliasWithIdp2(FoyerServer server) {
    var slug = createSpace(server);

    assertProblem(send(server, admin, "GET", path(slug) + "/nobody", null), 404, "IDP2");
    assertProblem(send(server, admin, "GET", path(slug) + "/%3Cx%3E", null), 404, "IDP2");
  }

  @Test
  void refusesToTrustEmailsFromEveryEntraTenant(FoyerServer server) {
    var slug = createSpace(server);
    var body =
        Json.object()
            .put("alias", "entra")
            .put("kind", "MICROSOFT")
            .put("tenant", "common")
            .put("trustedEmails", true)
            .put("clientId", "abc")
            .put("clientSecret", SECRET);

    var refused = post(server, slug, body);
    var ownTenant = post(server, slug, body.put("tenant", "contoso.onmicrosoft.com"));

    assertProblem(refused, 400, "ADM1");
    assertThat(refused.body()).contains("trustedEmails");
    assertThat(ownTenant.statusCode()).as(describe(ownTenant)).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(strings = {"uri-auth", "jwt-sso", "password", "federation"})
  void refusesAnAliasThatNamesOneOfFoyersOwnDoors(String alias, FoyerServer server) {
    var slug = createSpace(server);

    assertProblem(post(server, slug, oauth2(alias)), 400, "IDP3");
    assertThat(Json.parse(send(server, admin, "GET", path(slug), null)).size()).isZero();
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode oauth2(String alias) {
    return Json.object()
        .put("alias", alias)
        .put("kind", "OAUTH2")
        .put("authorizationUrl", "https://idp.example.com/authorize")
        .put("tokenUrl", "https://idp.example.com/token")
        .put("userInfoUrl", "https://idp.example.com/userinfo")
        .put("clientId", "foyer")
        .put("clientSecret", SECRET)
        .set("attributeKeys", Json.object().put("unique", "id"));
  }

  private static HttpResponse<String> post(
      FoyerServer server, String slug, com.fasterxml.jackson.databind.JsonNode body) {
    return send(server, admin, "POST", path(slug), Json.write(body));
  }

  private static String path(String slug) {
    return "/api/admin/spaces/" + slug + "/identity-providers";
  }
}
