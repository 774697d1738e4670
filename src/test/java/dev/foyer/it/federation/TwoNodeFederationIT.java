package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.MockProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Payara nodes behind one address, as DESIGN.md "Scale" promises: no sticky sessions, no shared
 * memory, the database alone. A sign-in starts on node A (the shared server) and its provider's
 * answer reaches node B, which finishes it; a replay of the same answer at A is refused. Node B
 * runs on the shared server's PostgreSQL database with its secrets key (it opens the client secret
 * A sealed) and with {@code foyer.public-url} set to A's address: the one public address both nodes
 * answer for, which is what A computes from its requests (it runs without the setting). Without it
 * B would send its own callback URL as the code exchange's {@code redirect_uri}, not the one the
 * authorization request carried (RFC 6749 §4.1.3).
 */
// A condition, not an assumption: it is decided before the FoyerServer extension boots a server.
@EnabledIfSystemProperty(
    named = "foyer.it.db",
    matches = "postgresql",
    disabledReason =
        "Two nodes share a database only on PostgreSQL: on H2 the shared server's database is a"
            + " file inside its own Payara, which no second process opens")
@ExtendWith(FoyerServer.class)
class TwoNodeFederationIT {
  private static final System.Logger LOGGER = System.getLogger(TwoNodeFederationIT.class.getName());

  private static MockProvider provider;
  private static FoyerServer.Extra nodeB;

  @BeforeAll
  static void startSecondNode(FoyerServer server) {
    provider = MockProvider.start();
    var started = System.nanoTime();
    nodeB = server.startNode("node-b", Map.of("foyer.public-url", server.baseUri().toString()));
    LOGGER.log(
        System.Logger.Level.INFO,
        "Second node ready at {0} in {1,number,#} ms",
        nodeB.server().baseUri(),
        (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    try (var b = nodeB;
        var p = provider) {
      // each closed even if the other fails; null when the class was skipped
    }
  }

  @Test
  void finishesOnOneNodeASignInStartedOnTheOther(FoyerServer server) {
    var b = nodeB.server();
    var slug = createSpace(server);
    addOidc(server, slug);
    provider.nextSignIn(
        slug,
        "emp-3003",
        Map.of("given_name", "Grace", "family_name", "Hopper", "nickname", "grace"));
    var browser = server.browser();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    assertThat(callback.toString())
        .startsWith(server.uri("/auth/federation/callback/" + slug + "/corp").toString());
    provider.tokenRequests(); // what A's entry caused; B's exchange is asserted below

    // The load balancer sends the browser's request for A's (the public) address to node B.
    var signedIn = browser.get(b.baseUri() + callback.getRawPath() + "?" + callback.getRawQuery());

    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow())
        .isEqualTo(server.uri("/spaces/" + slug).toString());
    assertThat(provider.tokenRequests())
        .as("B exchanged the code with the redirect_uri of the authorization request")
        .singleElement()
        .asString()
        .contains(
            "redirect_uri="
                + encode(server.uri("/auth/federation/callback/" + slug + "/corp").toString()))
        .contains("code_verifier=");
    var onB = browser.json().get(b.uri("/api/me?account=" + slug).toString());
    assertThat(onB.statusCode()).as(describe(onB)).isEqualTo(200);
    assertThat(Json.parse(onB).path("member").path("familyName").asText()).isEqualTo("Hopper");
    var onA = browser.json().get("/api/me?account=" + slug);
    assertThat(onA.statusCode()).as("the session B issued, at A: " + describe(onA)).isEqualTo(200);

    var replay = browser.json().get(callback.toString());

    assertProblem(replay, 400, "FLOW1");
    assertThat(reconcile(server, slug, "emp-3003", "corp")).hasSize(1);
  }

  private static void addOidc(FoyerServer server, String slug) {
    // The realm is the slug: each test its own queue of sign-ins at the provider.
    var body =
        Json.object()
            .put("alias", "corp")
            .put("kind", "OIDC")
            .put("issuer", provider.issuer(slug))
            .put("clientId", "foyer")
            .put("clientSecret", "corp-secret");
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers",
            Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
