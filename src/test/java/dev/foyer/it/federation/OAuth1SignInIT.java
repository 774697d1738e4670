package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.OAuth1Provider;
import dev.foyer.it.support.OAuth1Provider.Fault;
import dev.foyer.it.support.OAuth1Provider.Step;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OAuth 1.0a sign-in against a real provider built on python3-oauthlib, whose own code checks every
 * signature Foyer makes: the request token, the access token, the signed user info call, and seed
 * 002's O1 codes when a step fails.
 */
@ExtendWith({FoyerServer.class, OAuth1Provider.class})
class OAuth1SignInIT {

  @AfterEach
  void workAgain(OAuth1Provider idp) {
    idp.clearFaults();
  }

  @Test
  void signsRobInWithTheNestedUserInfoOfTheProvider(FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    addProvider(server, idp, slug);
    var browser = server.browser();

    var callback = throughProvider(browser, idp, slug, "rob");
    var signedIn = browser.get(callback.toString());

    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    var rob = reconcile(server, slug, "12345", "tweets");
    assertThat(rob).hasSize(1);
    assertThat(rob.path(0).path("nickname").asText()).isEqualTo("Rob");
    assertThat(rob.path(0).path("email").asText()).isEqualTo("rob@example.test");
    assertProblem(browser.json().get(callback.toString()), 400, "FLOW1");
  }

  @Test
  void refusesACallbackNamingAnotherRequestToken(FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    addProvider(server, idp, slug);
    var victim = server.browser().json();
    victim.get("/auth/federation/" + slug + "/tweets");
    var attacker = server.browser();
    var attackerCallback = throughProvider(attacker, idp, slug, "zoe");

    var swapped = victim.get(attackerCallback.toString());

    assertProblem(swapped, 400, "FLOW3");
    assertThat(reconcile(server, slug, "67890", "tweets")).isEmpty();
  }

  @Test
  void refusesWithO1rseWhenTheRequestTokenStepFails(FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    addProvider(server, idp, slug);
    for (var fault : new Fault[] {Fault.STATUS_500, Fault.GARBAGE, Fault.EMPTY}) {
      idp.setFaults(Map.of(Step.REQUEST_TOKEN, fault));

      var refused = server.browser().json().get("/auth/federation/" + slug + "/tweets");

      assertProblem(refused, 502, "O1RSE");
    }
  }

  @Test
  void refusesWithO1gateWhenTheAccessTokenStepFails(FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    addProvider(server, idp, slug);
    for (var fault : new Fault[] {Fault.STATUS_500, Fault.GARBAGE, Fault.EMPTY}) {
      var browser = server.browser().json();
      var callback = throughProvider(browser, idp, slug, "rob");
      idp.setFaults(Map.of(Step.ACCESS_TOKEN, fault));

      assertProblem(browser.get(callback.toString()), 502, "O1GATE");
      idp.clearFaults();
    }
    assertThat(reconcile(server, slug, "12345", "tweets")).isEmpty();
  }

  @Test
  void refusesUserInfoItCannotReadWithSeedCodes(FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    addProvider(server, idp, slug);
    var expected =
        Map.of(
            Fault.STATUS_500, "TO2",
            Fault.GARBAGE, "DEO1",
            Fault.ARRAY, "DEO2",
            Fault.NO_ID, "UM1");
    expected.forEach(
        (fault, code) -> {
          var browser = server.browser().json();
          var callback = throughProvider(browser, idp, slug, "rob");
          idp.setFaults(Map.of(Step.USER_INFO, fault));

          var refused = browser.get(callback.toString());

          assertThat(refused.statusCode()).as(fault + ": " + describe(refused)).isEqualTo(502);
          assertThat(Json.parse(refused).path("code").asText()).as(fault.name()).isEqualTo(code);
          idp.clearFaults();
        });
    assertThat(reconcile(server, slug, "12345", "tweets")).isEmpty();
  }

  @Test
  void refusesADeniedOrIncompleteAuthorization(FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    addProvider(server, idp, slug);

    idp.setFaults(Map.of(Step.AUTHORIZE, Fault.DENIED));
    var denied = server.browser().json();
    assertProblem(denied.get(throughProvider(denied, idp, slug, "rob").toString()), 401, "FLOW5");

    idp.setFaults(Map.of(Step.AUTHORIZE, Fault.NO_VERIFIER));
    var incomplete = server.browser().json();
    assertProblem(
        incomplete.get(throughProvider(incomplete, idp, slug, "rob").toString()), 400, "O1PACE");
  }

  private static URI throughProvider(
      Browser browser, OAuth1Provider idp, String slug, String user) {
    var entry = browser.get("/auth/federation/" + slug + "/tweets");
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    var authorize = URI.create(entry.headers().firstValue("Location").orElseThrow());
    assertThat(authorize.toString()).startsWith(idp.authorizeUrl().toString());
    return idp.approve(authorize, user);
  }

  private static void addProvider(FoyerServer server, OAuth1Provider idp, String slug) {
    var body =
        Json.object()
            .put("alias", "tweets")
            .put("kind", "OAUTH1")
            .put("requestTokenUrl", idp.requestTokenUrl().toString())
            .put("authorizationUrl", idp.authorizeUrl().toString())
            .put("tokenUrl", idp.accessTokenUrl().toString())
            .put("userInfoUrl", idp.userInfoUrl().toString())
            .put("clientId", idp.consumerKey())
            .put("clientSecret", idp.consumerSecret())
            .set(
                "attributeKeys",
                Json.object()
                    .put("unique", "id")
                    .put("username", "screen_name")
                    .put("nickname", "profile.nicknames.0")
                    .put("givenName", "profile.name")
                    .put("email", "profile.email"));
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers",
            Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }
}
