package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OAuth 2.0 social providers build their authorization URL without calling anyone (the tests
 * reach nothing outside loopback): GitHub's and Facebook's, with the space's client id, Foyer's
 * callback, the kind's scopes, state and PKCE.
 */
@ExtendWith(FoyerServer.class)
class SocialProvidersIT {

  @Test
  void sendsThePersonToGitHubAndFacebookWithTheSpacesClientAndFoyersCallback(FoyerServer server) {
    var slug = createSpace(server);
    add(server, slug, "github", "GITHUB", "Iv1.0123456789");
    add(server, slug, "facebook", "FACEBOOK", "1234567890");
    var expected =
        Map.of(
            "github", "https://github.com/login/oauth/authorize",
            "facebook", "https://www.facebook.com/v19.0/dialog/oauth");
    var clients = Map.of("github", "Iv1.0123456789", "facebook", "1234567890");
    var scopes = Map.of("github", "read:user user:email", "facebook", "public_profile email");

    for (var alias : expected.keySet()) {
      var entry = server.browser().get("/auth/federation/" + slug + "/" + alias);

      assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
      var location = URI.create(entry.headers().firstValue("Location").orElseThrow());
      assertThat(location.toString()).startsWith(expected.get(alias) + "?");
      var query = query(location);
      assertThat(query.get("client_id")).isEqualTo(clients.get(alias));
      assertThat(query.get("redirect_uri"))
          .isEqualTo(server.uri("/auth/federation/callback/" + slug + "/" + alias).toString());
      assertThat(query.get("scope")).isEqualTo(scopes.get(alias));
      assertThat(query.get("response_type")).isEqualTo("code");
      assertThat(query).containsKeys("state", "code_challenge");
      assertThat(query.get("code_challenge_method")).isEqualTo("S256");
    }
  }

  private static void add(
      FoyerServer server, String slug, String alias, String kind, String clientId) {
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers",
            Json.write(
                Json.object()
                    .put("alias", alias)
                    .put("kind", kind)
                    .put("clientId", clientId)
                    .put("clientSecret", "social-secret")));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }

  private static Map<String, String> query(URI uri) {
    var map = new LinkedHashMap<String, String>();
    for (var pair : uri.getRawQuery().split("&")) {
      var at = pair.indexOf('=');
      map.put(
          URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
    }
    return map;
  }
}
