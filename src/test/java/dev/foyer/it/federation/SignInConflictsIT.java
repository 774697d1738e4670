package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.MockProvider;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 002's "SSO Conflicts" end to end through the federation door: two people of an OpenID
 * Connect provider asserting the same username ({@code preferred_username}) or email, under each of
 * the space's conflict options, and two first sign-ins of one person at once.
 */
@ExtendWith(FoyerServer.class)
class SignInConflictsIT {
  private static final String USERNAME_STAND_IN = "user-[a-z2-7]{10}";

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
  void withAutoResolveTheNewcomerTakesTheUsernameAndTheHolderTakesItBackAtTheirNextSignIn(
      FoyerServer server) {
    var slug = space(server, Map.of("autoResolve", true));
    signIn(server, slug, "emp-a", Map.of("preferred_username", "john"));

    signIn(server, slug, "emp-b", Map.of("preferred_username", "John"));

    var first = member(server, slug, "emp-a");
    var second = member(server, slug, "emp-b");
    assertThat(second.path("username").asText()).isEqualTo("John");
    assertThat(first.path("username").asText()).matches(USERNAME_STAND_IN);
    assertThat(first.path("id").asText()).isNotEqualTo(second.path("id").asText());

    // "Upon logging in again, the conflicting account's details will be updated to reflect their
    // actual username": and the person signing in wins again, so the other one loses it now.
    signIn(server, slug, "emp-a", Map.of("preferred_username", "john"));

    assertThat(member(server, slug, "emp-a").path("username").asText()).isEqualTo("john");
    assertThat(member(server, slug, "emp-b").path("username").asText()).matches(USERNAME_STAND_IN);
    assertThat(member(server, slug, "emp-a").path("id").asText())
        .isEqualTo(first.path("id").asText());
  }

  @Test
  void withAutoResolveTheNewcomerTakesTheEmailAndTheHolderTakesItBackAtTheirNextSignIn(
      FoyerServer server) {
    var slug = space(server, Map.of("autoResolve", true));
    signIn(server, slug, "emp-c", unverified("cleo@corp.example"));

    signIn(server, slug, "emp-d", unverified("Cleo@corp.example"));

    assertThat(member(server, slug, "emp-d").path("email").asText()).isEqualTo("Cleo@corp.example");
    assertThat(member(server, slug, "emp-c").hasNonNull("email")).isFalse();

    signIn(server, slug, "emp-c", unverified("cleo@corp.example"));

    assertThat(member(server, slug, "emp-c").path("email").asText()).isEqualTo("cleo@corp.example");
    assertThat(member(server, slug, "emp-d").hasNonNull("email")).isFalse();
  }

  @Test
  void withoutAutoResolveOrChangeUsernameASecondHolderIsRefusedWithCnf1AndNothingIsWritten(
      FoyerServer server) {
    var slug = space(server, Map.of());
    signIn(server, slug, "emp-e", Map.of("preferred_username", "eve"));

    var refused = callback(server, slug, "emp-f", Map.of("preferred_username", "EVE"));

    assertConflict(refused, "CNF1", "USERNAME", false);
    assertThat(reconcile(server, slug, "emp-f", "corp")).isEmpty();
    assertThat(member(server, slug, "emp-e").path("username").asText()).isEqualTo("eve");
    assertNewestRecordRefused(server, slug, "CNF1");
  }

  @Test
  void withoutAutoResolveOrChangeEmailASecondHolderIsRefusedWithCnf2AndNothingIsWritten(
      FoyerServer server) {
    var slug = space(server, Map.of());
    signIn(server, slug, "emp-g", unverified("gus@corp.example"));

    var refused = callback(server, slug, "emp-h", unverified("gus@corp.example"));

    assertConflict(refused, "CNF2", "EMAIL", false);
    assertThat(reconcile(server, slug, "emp-h", "corp")).isEmpty();
    assertThat(member(server, slug, "emp-g").path("email").asText()).isEqualTo("gus@corp.example");
    assertNewestRecordRefused(server, slug, "CNF2");
  }

  @Test
  void withChangeUsernameTheCnf1SaysThePersonMayChoose(FoyerServer server) {
    var slug = space(server, Map.of("changeUsername", true));
    signIn(server, slug, "emp-i", Map.of("preferred_username", "ida"));

    var refused = callback(server, slug, "emp-j", Map.of("preferred_username", "ida"));

    assertConflict(refused, "CNF1", "USERNAME", true);
    assertThat(reconcile(server, slug, "emp-j", "corp")).isEmpty();
  }

  @Test
  void withChangeEmailTheCnf2SaysThePersonMayChoose(FoyerServer server) {
    var slug = space(server, Map.of("changeEmail", true));
    signIn(server, slug, "emp-k", unverified("kim@corp.example"));

    var refused = callback(server, slug, "emp-l", unverified("kim@corp.example"));

    assertConflict(refused, "CNF2", "EMAIL", true);
    assertThat(reconcile(server, slug, "emp-l", "corp")).isEmpty();
  }

  // A race: repeated, each time in a space of its own, so that losing it shows more than seldom.
  @RepeatedTest(5)
  void twoFirstSignInsOfOnePersonAtOnceMakeOneMember(FoyerServer server) throws Exception {
    var slug = space(server, Map.of());
    var claims = Map.<String, Object>of("preferred_username", "twin", "email", "twin@corp.example");
    var callbacks = new ArrayList<Callable<HttpResponse<String>>>();
    var ready = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      var browser = server.browser();
      var entry = browser.get("/auth/federation/" + slug + "/corp");
      var callback =
          provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
      callbacks.add(
          () -> {
            ready.countDown();
            ready.await();
            return browser.get(callback.toString());
          });
    }

    // Both flows reach the token endpoint: one queued person each, the same person.
    provider.nextSignIn(slug, "emp-twin", claims);
    provider.nextSignIn(slug, "emp-twin", claims);
    var answers = new ArrayList<HttpResponse<String>>();
    var pool = Executors.newFixedThreadPool(2);
    try {
      for (var future : pool.invokeAll(callbacks)) {
        answers.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(answers)
        .as(answers.stream().map(answer -> describe(answer)).toList().toString())
        .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(302));
    var found = reconcile(server, slug, "emp-twin", "corp");
    assertThat(found).hasSize(1);
    assertThat(found.path(0).path("username").asText()).isEqualTo("twin");
    var records = records(server, slug);
    var accepted = new ArrayList<String>();
    records.forEach(
        record -> {
          if (record.path("accepted").asBoolean()) {
            accepted.add(record.path("memberId").asText());
          }
        });
    assertThat(accepted)
        .as(records.toString())
        .hasSize(2)
        .containsOnly(found.path(0).path("id").asText());
  }

  private static Map<String, Object> unverified(String email) {
    return Map.of("email", email, "email_verified", false);
  }

  /** A space with these conflict options and the OpenID Connect provider {@code corp}. */
  private static String space(FoyerServer server, Map<String, Object> conflicts) {
    var slug = createSpace(server, Map.of("conflicts", conflicts));
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers",
            Json.write(
                Json.object()
                    .put("alias", "corp")
                    .put("kind", "OIDC")
                    .put("issuer", provider.issuer(slug))
                    .put("clientId", "foyer")
                    .put("clientSecret", "corp-secret")));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    return slug;
  }

  private static void signIn(
      FoyerServer server, String slug, String subject, Map<String, Object> claims) {
    var signedIn = callback(server, slug, subject, claims);
    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
  }

  /**
   * A sign-in of the person the provider describes with these claims; the person is queued once the
   * provider approved, so a failure before it leaves no one queued for another test.
   */
  private static HttpResponse<String> callback(
      FoyerServer server, String slug, String subject, Map<String, Object> claims) {
    var browser = server.browser().json();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    URI callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    provider.nextSignIn(slug, subject, claims);
    return browser.get(callback.toString());
  }

  private static JsonNode member(FoyerServer server, String slug, String subject) {
    var found = reconcile(server, slug, subject, "corp");
    assertThat(found).as(found.toString()).hasSize(1);
    return found.path(0);
  }

  private static void assertConflict(
      HttpResponse<String> refused, String code, String field, boolean mayChoose) {
    assertProblem(refused, 409, code);
    var problem = Json.parse(refused);
    assertThat(problem.path("field").asText()).as(describe(refused)).isEqualTo(field);
    assertThat(problem.path("mayChoose").isBoolean()).as(describe(refused)).isTrue();
    assertThat(problem.path("mayChoose").asBoolean()).as(describe(refused)).isEqualTo(mayChoose);
    assertThat(refused.headers().allValues("Set-Cookie"))
        .as(describe(refused))
        .noneMatch(cookie -> cookie.startsWith("foyer_"));
  }

  private static void assertNewestRecordRefused(FoyerServer server, String slug, String code) {
    var records = records(server, slug);
    assertThat(records.path(0).path("accepted").asBoolean()).as(records.toString()).isFalse();
    assertThat(records.path(0).path("code").asText()).as(records.toString()).isEqualTo(code);
  }

  private static JsonNode records(FoyerServer server, String slug) {
    var response =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/" + slug + "/login-records",
            null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return Json.parse(response);
  }
}
