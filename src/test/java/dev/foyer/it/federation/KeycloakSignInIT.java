package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.KeycloakServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenID Connect sign-in against a real Keycloak 26 (its realm: test resources keycloak/): the ID
 * token verified with Keycloak's keys, RFC 9207's {@code iss} checked, a nested claim read through
 * an attribute key, emails linked only when Keycloak verified them, and a code Keycloak issued to
 * another client refused.
 */
@ExtendWith({FoyerServer.class, KeycloakServer.class})
class KeycloakSignInIT {

  @Test
  void signsAliceInWithHerVerifiedEmailAndHerNestedDepartment(
      FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    addKeycloak(server, keycloak, slug, "staff", keycloak.client());
    var browser = server.browser();

    var callback = throughKeycloak(browser, keycloak, slug, "staff", "alice");
    assertThat(query(callback, "iss")).isEqualTo(keycloak.issuer());
    var signedIn = browser.get(callback.toString());

    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/spaces/" + slug);
    var alice = member(server, keycloak, slug, "alice");
    assertThat(alice.path("email").asText()).isEqualTo("alice@example.test");
    assertThat(alice.path("emailVerified").asBoolean()).isTrue();
    assertThat(alice.path("nickname").asText()).isEqualTo("Research");
  }

  /**
   * Keycloak rotates its signing key between two sign-ins: the second ID token names a {@code kid}
   * Foyer's cached keys do not hold, and Foyer fetches the provider's keys again instead of
   * refusing it (the issue: "keys refreshed on an unknown kid").
   */
  @Test
  void fetchesTheKeysAgainWhenKeycloakSignsWithANewKey(
      FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    addKeycloak(server, keycloak, slug, "staff", keycloak.client());
    var first = server.browser();
    var firstIn = first.get(throughKeycloak(first, keycloak, slug, "staff", "carol").toString());
    assertThat(firstIn.statusCode()).as(describe(firstIn)).isEqualTo(302);
    var component = keycloak.addSigningKey("rotated-" + hex(4), 1000);
    try {
      var second = server.browser();
      var callback = throughKeycloak(second, keycloak, slug, "staff", "alice");

      var signedIn = second.get(callback.toString());

      assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
      assertThat(member(server, keycloak, slug, "alice").path("email").asText())
          .isEqualTo("alice@example.test");
    } finally {
      keycloak.removeKey(component);
    }
  }

  @Test
  void linksToAnExistingMemberOnlyAVerifiedEmail(FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    addKeycloak(server, keycloak, slug, "staff", keycloak.client());
    var aliceBefore = createMember(server, slug, "alice@example.test");
    var bobBefore = createMember(server, slug, "bob@example.test");

    var alice = server.browser();
    var aliceIn = alice.get(throughKeycloak(alice, keycloak, slug, "staff", "alice").toString());
    var bob = server.browser().json();
    var bobIn = bob.get(throughKeycloak(bob, keycloak, slug, "staff", "bob").toString());

    assertThat(aliceIn.statusCode()).as(describe(aliceIn)).isEqualTo(302);
    assertThat(member(server, keycloak, slug, "alice").path("id").asText()).isEqualTo(aliceBefore);
    // Bob's email is unverified: not a link, but another member's email (a conflict, seed 002).
    assertProblem(bobIn, 409, "CNF2");
    assertThat(reconcile(server, slug, sub(keycloak, "bob"), "staff")).isEmpty();
    assertThat(bobBefore).isNotEmpty();
  }

  @Test
  void refusesACodeKeycloakIssuedToAnotherClient(FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    addKeycloak(server, keycloak, slug, "staff", keycloak.client());
    addKeycloak(server, keycloak, slug, "partners", keycloak.client("other"));
    var victim = server.browser().json();
    var victimEntry = victim.get("/auth/federation/" + slug + "/staff");
    var victimState =
        query(URI.create(victimEntry.headers().firstValue("Location").orElseThrow()), "state");
    var attacker = server.browser();
    var attackerCallback = throughKeycloak(attacker, keycloak, slug, "partners", "carol");

    var mixedUp =
        victim.get(
            "/auth/federation/callback/"
                + slug
                + "/staff?code="
                + query(attackerCallback, "code")
                + "&state="
                + victimState
                + "&iss="
                + keycloak.issuer());

    assertProblem(mixedUp, 502, "CO1");
    assertThat(reconcile(server, slug, sub(keycloak, "carol"), "staff")).isEmpty();
    assertThat(reconcile(server, slug, sub(keycloak, "carol"), "partners")).isEmpty();
  }

  @Test
  void refusesTheCodeExchangeWithAWrongClientSecretWithCo1(
      FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    addKeycloak(
        server,
        keycloak,
        slug,
        "staff",
        new KeycloakServer.Client(keycloak.client().id(), "not-the-secret"));
    var browser = server.browser().json();

    var refused =
        browser.get(throughKeycloak(browser, keycloak, slug, "staff", "alice").toString());

    assertProblem(refused, 502, "CO1");
    assertThat(reconcile(server, slug, sub(keycloak, "alice"), "staff")).isEmpty();
  }

  /** Foyer's entry, then Keycloak's login form: returns Keycloak's redirect to the callback. */
  private static URI throughKeycloak(
      Browser browser, KeycloakServer keycloak, String slug, String alias, String user) {
    var entry = browser.get("/auth/federation/" + slug + "/" + alias);
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    var authorization = URI.create(entry.headers().firstValue("Location").orElseThrow());
    assertThat(authorization.toString()).startsWith(keycloak.issuer());
    return keycloak.signIn(authorization, user, keycloak.password(user));
  }

  private static com.fasterxml.jackson.databind.JsonNode member(
      FoyerServer server, KeycloakServer keycloak, String slug, String user) {
    var found = reconcile(server, slug, sub(keycloak, user), "staff");
    assertThat(found).as("the member linked to " + user).hasSize(1);
    return found.path(0);
  }

  /** The user's id in Keycloak: the ID token's {@code sub}. */
  private static String sub(KeycloakServer keycloak, String user) {
    var users = keycloak.admin("GET", "/users?exact=true&username=" + user, null);
    return Json.parse(users.body()).path(0).path("id").asText();
  }

  private static String createMember(FoyerServer server, String slug, String email) {
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/members",
            "{\"givenName\":\"Before\",\"email\":\"" + email + "\"}");
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    return Json.parse(created).path("id").asText();
  }

  private static void addKeycloak(
      FoyerServer server,
      KeycloakServer keycloak,
      String slug,
      String alias,
      KeycloakServer.Client client) {
    var body =
        Json.object()
            .put("alias", alias)
            .put("kind", "OIDC")
            .put("issuer", keycloak.issuer())
            .put("clientId", client.id())
            .put("clientSecret", client.secret())
            .set("attributeKeys", Json.object().put("nickname", "org.department"));
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers",
            Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }

  private static String query(URI uri, String name) {
    for (var pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }
}
