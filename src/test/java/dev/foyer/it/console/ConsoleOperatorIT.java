package dev.foyer.it.console;

import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.AdminApi;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.KeycloakServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operators sign in to the console at the organisation's OpenID Connect provider, a real Keycloak
 * (README "Operator console"): their role comes from the ID token's groups (and a space admin's
 * space from its {@code foyer_space} claim); anyone without one gets no session. The {@link
 * ConsoleServer}, configured with {@code foyer.console.oidc.*}, serves these tests.
 */
// An operator's flow is a federation flow without a space (V17 let flow_state's space be null,
// on both databases); the rest is the same on either, so H2 alone keeps the suite's time.
@EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
@ExtendWith({FoyerServer.class, KeycloakServer.class, ConsoleServer.class})
class ConsoleOperatorIT {
  static final String SPACE = "console-demo";
  static FoyerServer server;

  @BeforeAll
  static void start(ConsoleServer console) {
    server = console.server();
    AdminApi.createSpace(server, Map.of("slug", SPACE, "name", "Console demo"));
  }

  @Test
  void aFoyerAdminSignsInAtTheProviderAndAdministersEverySpace(KeycloakServer keycloak) {
    var options = Json.parse(server.browser().json().get("/console/sign-in-options"));
    assertThat(options.path("oidc").asText()).isEqualTo("/auth/federation/operators");

    var operator = server.browser();
    var started = operator.get("/auth/federation/operators");
    assertThat(started.statusCode()).as(describe(started)).isEqualTo(302);
    var authorization = URI.create(started.headers().firstValue("Location").orElseThrow());
    assertThat(authorization.toString())
        .startsWith(keycloak.issuer())
        .contains("client_id=foyer-console")
        .contains("state=")
        .contains("nonce=")
        .contains("code_challenge_method=S256");
    var callback = keycloak.signIn(authorization, "olivia", keycloak.password("olivia"));
    var opened = operator.get(callback.toString());
    assertThat(opened.statusCode()).as(describe(opened)).isEqualTo(303);
    assertThat(opened.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));

    var me = Json.parse(operator.json().get("/console/operator"));
    assertThat(me.path("role").asText()).isEqualTo("foyer-admin");
    assertThat(me.path("source").asText()).isEqualTo("OIDC");
    assertThat(me.path("displayName").asText()).isEqualTo("Olivia Operator");
    assertThat(operator.json().get("/api/admin/spaces").statusCode()).isEqualTo(200);

    // The provider's answer finishes one sign-in, once.
    assertProblem(operator.json().get(callback.toString()), 400, "FLOW1");
  }

  @Test
  void aSpaceAdminGetsTheirSpaceFromTheFoyerSpaceClaim(KeycloakServer keycloak) {
    var signedIn = signIn(keycloak, "sam", Browser.HTML);
    assertThat(signedIn.answer().statusCode()).as(describe(signedIn.answer())).isEqualTo(303);
    var browser = signedIn.browser();
    var me = Json.parse(browser.json().get("/console/operator"));
    assertThat(me.path("role").asText()).isEqualTo("foyer-space-admin");
    assertThat(me.path("space").asText()).isEqualTo(SPACE);
    assertThat(browser.json().get("/api/admin/spaces/" + SPACE).statusCode()).isEqualTo(200);
    var other = AdminApi.createSpace(server);
    assertProblem(browser.json().get("/api/admin/spaces/" + other), 403, "ADM7");
  }

  @Test
  void someoneWithoutAFoyerRoleGetsNoSession(KeycloakServer keycloak) {
    var refused = signIn(keycloak, "bob", Browser.JSON);
    assertProblem(refused.answer(), 403, "CON5");
    assertThat(refused.browser().cookie("foyer-console")).isEmpty();
    assertProblem(refused.browser().json().get("/console/operator"), 401, "GEN401");
  }

  @Test
  void aCallbackWithAnotherStateOrNoFlowIsRefused(KeycloakServer keycloak) {
    var operator = server.browser();
    var started = operator.get("/auth/federation/operators");
    var authorization = URI.create(started.headers().firstValue("Location").orElseThrow());
    var callback = keycloak.signIn(authorization, "olivia", keycloak.password("olivia"));
    var forged = callback.toString().replaceAll("state=[^&]+", "state=forged");
    assertProblem(operator.json().get(forged), 400, "FLOW3");
    assertThat(operator.cookie("foyer-console")).isEmpty();

    // Another browser, without the flow cookie, cannot finish someone's sign-in.
    var stranger = server.browser();
    var again =
        keycloak.signIn(
            URI.create(
                server
                    .browser()
                    .get("/auth/federation/operators")
                    .headers()
                    .firstValue("Location")
                    .orElseThrow()),
            "olivia",
            keycloak.password("olivia"));
    assertProblem(stranger.json().get(again.toString()), 400, "FLOW1");
  }

  @Test
  void aCallbackRacedInParallelOpensOneSession(KeycloakServer keycloak) throws Exception {
    var operator = server.browser();
    var started = operator.get("/auth/federation/operators");
    var authorization = URI.create(started.headers().firstValue("Location").orElseThrow());
    var callback = keycloak.signIn(authorization, "olivia", keycloak.password("olivia"));
    var tasks = new ArrayList<Callable<HttpResponse<String>>>();
    for (int i = 0; i < 4; i++) {
      tasks.add(() -> operator.json().get(callback.toString()));
    }
    var pool = Executors.newFixedThreadPool(tasks.size());
    try {
      var statuses = new ArrayList<Integer>();
      for (var result : pool.invokeAll(tasks)) {
        statuses.add(result.get().statusCode());
      }
      assertThat(statuses.stream().filter(s -> s == 303)).as("%s", statuses).hasSize(1);
      assertThat(statuses).as("%s", statuses).isSubsetOf(303, 400, 409);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withoutAProviderConfiguredOperatorSignInIsOff(FoyerServer shared) {
    assertProblem(shared.browser().json().get("/auth/federation/operators"), 404, "CON4");
    var options = Json.parse(shared.browser().json().get("/console/sign-in-options"));
    assertThat(options.hasNonNull("oidc")).as("%s", options).isFalse();
  }

  /** A browser that went through the provider, and Foyer's answer to the callback. */
  record SignedIn(Browser browser, HttpResponse<String> answer) {}

  private static SignedIn signIn(KeycloakServer keycloak, String user, String accept) {
    var browser = server.browser();
    var started = browser.get("/auth/federation/operators");
    assertThat(started.statusCode()).as(describe(started)).isEqualTo(302);
    var callback =
        keycloak.signIn(
            URI.create(started.headers().firstValue("Location").orElseThrow()),
            user,
            keycloak.password(user));
    return new SignedIn(browser, browser.get(callback.toString(), "Accept", accept));
  }
}
