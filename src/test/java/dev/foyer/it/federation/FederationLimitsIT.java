package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.FromAddress;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.MockProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The federation entry's limits (README "Signing in"): every entry stores a flow until the provider
 * answers or it expires, so a client looping over it is refused ({@code FLOW6}, 429, Retry-After)
 * once too many of its sign-ins wait for the same provider, and so is everyone once too many wait
 * for the provider in all. The shared test server allows 20 per client and provider, 30 per
 * provider (each test has a provider of its own, so other ITs never meet them); a server of this
 * class's own, with a short {@code foyer.flow.ttl}, shows the limits lift when the flows expire.
 * Other client addresses are loopback addresses of the test's own ({@link FromAddress}).
 */
@ExtendWith(FoyerServer.class)
class FederationLimitsIT {
  private static MockProvider provider;

  @BeforeAll
  static void startProvider() {
    provider = MockProvider.start();
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void refusesAClientsEntryWhileTwentyOfItsSignInsWaitForTheProvider(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp");
    addOidc(server, slug, "partners");
    for (int i = 0; i < 19; i++) {
      var entry = server.browser().get("/auth/federation/" + slug + "/corp");
      assertThat(entry.statusCode()).as("entry " + i + ": " + describe(entry)).isEqualTo(302);
    }
    // A finished sign-in waits no more: it does not count.
    provider.nextSignIn(slug, "emp-1", Map.of("given_name", "Ada"));
    var browser = server.browser();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    assertThat(browser.get(callback.toString()).statusCode()).isEqualTo(302);
    var twentieth = server.browser().get("/auth/federation/" + slug + "/corp");
    assertThat(twentieth.statusCode()).as(describe(twentieth)).isEqualTo(302);

    var refused = server.browser().json().get("/auth/federation/" + slug + "/corp");
    var page = server.browser().get("/auth/federation/" + slug + "/corp");

    assertProblem(refused, 429, "FLOW6");
    assertThat(refused.body()).contains("from this address");
    var retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 600L);
    assertThat(refused.headers().allValues("Set-Cookie")).as("no flow stored").isEmpty();
    assertThat(page.statusCode()).isEqualTo(429);
    assertThat(page.body()).contains("FLOW6").contains("<html");
    var other = server.browser().get("/auth/federation/" + slug + "/partners");
    assertThat(other.statusCode()).as("another provider: " + describe(other)).isEqualTo(302);
    var elsewhere =
        FromAddress.fresh(server).get("/auth/federation/" + slug + "/corp", Browser.HTML);
    assertThat(elsewhere.status()).as("another address: %s", elsewhere).isEqualTo(302);
    assertThat(elsewhere.headers().get("set-cookie")).anyMatch(c -> c.startsWith("foyer-flow="));
    assertThat(reconcile(server, slug, "emp-1", "corp")).hasSize(1);
  }

  @Test
  void refusesEveryEntryWhileThirtySignInsWaitForTheProviderInAll(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp");
    // Administrators' test runs wait for the provider too, from no client of the entry's: they
    // fill the provider's share without touching this client's.
    for (int i = 0; i < 30; i++) {
      var link =
          send(
              server,
              server.adminToken(),
              "POST",
              "/api/admin/spaces/" + slug + "/identity-providers/corp/tests",
              "{}");
      assertThat(link.statusCode()).as(describe(link)).isEqualTo(201);
      var started = server.browser().get(Json.parse(link).path("url").asText());
      assertThat(started.statusCode()).as("test " + i + ": " + describe(started)).isEqualTo(302);
    }

    var refused = server.browser().json().get("/auth/federation/" + slug + "/corp");

    assertProblem(refused, 429, "FLOW6");
    assertThat(refused.body()).contains("in all").contains("30 sign-ins");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void liftsTheLimitsWhenTheOldestWaitingSignInExpires(FoyerServer shared) throws Exception {
    // 2 per client and provider, 3 per provider, flows that expire after 20 s.
    try (var extra =
        shared.startExtra(
            "federation-limits",
            Map.of(
                "foyer.flow.ttl", "PT20S",
                "foyer.federation.pending-per-client", "2",
                "foyer.federation.pending-per-provider", "3"))) {
      var server = extra.server();
      var slug = createSpace(server);
      addOidc(server, slug, "corp");
      var entry = "/auth/federation/" + slug + "/corp";
      for (int i = 0; i < 2; i++) {
        var started = server.browser().get(entry);
        assertThat(started.statusCode()).as("entry " + i + ": " + describe(started)).isEqualTo(302);
      }

      var refused = server.browser().json().get(entry);
      var otherAddress = FromAddress.fresh(server).get(entry, Browser.HTML);
      var providerFull = FromAddress.fresh(server).get(entry, Browser.JSON);

      assertProblem(refused, 429, "FLOW6");
      assertThat(refused.body()).contains("from this address");
      assertThat(refused.headers().allValues("Set-Cookie")).as("no flow stored").isEmpty();
      var retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, 20L);
      assertThat(otherAddress.status()).as("another address: %s", otherAddress).isEqualTo(302);
      assertThat(providerFull.status()).as("%s", providerFull).isEqualTo(429);
      assertThat(providerFull.code()).isEqualTo("FLOW6");
      assertThat(providerFull.body()).contains("in all");
      assertThat(providerFull.header("Retry-After")).isPresent();
      assertThat(providerFull.headers().get("set-cookie")).as("no flow stored").isNull();

      // Retry-After is rounded up: by then the oldest waiting sign-in has expired.
      Thread.sleep(retryAfter * 1000 + 200);
      var again = server.browser().get(entry);

      assertThat(again.statusCode()).as("after Retry-After: " + describe(again)).isEqualTo(302);
      assertThat(again.headers().allValues("Set-Cookie"))
          .anyMatch(c -> c.startsWith("foyer-flow="));
    }
  }

  private static void addOidc(FoyerServer server, String slug, String alias) {
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers",
            Json.write(
                Json.object()
                    .put("alias", alias)
                    .put("kind", "OIDC")
                    .put("issuer", provider.issuer(slug))
                    .put("clientId", "foyer")
                    .put("clientSecret", "corp-secret")));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }
}
