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
import dev.foyer.it.support.MockProvider;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 002's "let users change their name / email if there is a conflict": the sign-in stops at a
 * page asking for another value, and finishes with the chosen one.
 */
@ExtendWith(FoyerServer.class)
class ConflictChoiceIT {
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
  void asksForAnotherUsernameAndFinishesTheSignInWithIt(FoyerServer server) {
    var slug = spaceWith(server, "changeUsername");
    assertThat(signIn(server, server.browser(), slug, "sub-1", "sam").statusCode()).isEqualTo(302);
    var browser = server.browser();

    var page = signIn(server, browser, slug, "sub-2", "Sam");

    assertThat(page.statusCode()).as(describe(page)).isEqualTo(200);
    assertThat(page.body()).contains("Choose another username").contains("<strong>Sam</strong>");
    assertThat(reconcile(server, slug, "sub-2", "corp")).isEmpty();
    var taken = browser.json().postForm("/auth/federation/choose", "value", "SAM");
    assertProblem(taken, 409, "CNF4");

    // The held sign-in was used by that attempt: start again, choose a free name.
    var again = signIn(server, browser, slug, "sub-2", "Sam");
    assertThat(again.statusCode()).as(describe(again)).isEqualTo(200);
    var chosen = browser.postForm("/auth/federation/choose", "value", "sam-two");

    assertThat(chosen.statusCode()).as(describe(chosen)).isEqualTo(302);
    assertThat(chosen.headers().firstValue("Location").orElseThrow()).endsWith("/spaces/" + slug);
    var member = reconcile(server, slug, "sub-2", "corp");
    assertThat(member.path(0).path("username").asText()).isEqualTo("sam-two");
    assertThat(reconcile(server, slug, "sub-1", "corp").path(0).path("username").asText())
        .isEqualTo("sam");
  }

  @Test
  void showsTheReasonAndTheTypedValueWhenAChoiceIsRefusedAndLetsThePersonTryAgain(
      FoyerServer server) {
    var slug = spaceWith(server, "changeUsername");
    signIn(server, server.browser(), slug, "sub-1", "rio");
    signIn(server, server.browser(), slug, "sub-3", "rio-2");
    var browser = server.browser();
    assertThat(signIn(server, browser, slug, "sub-2", "Rio").statusCode()).isEqualTo(200);

    var taken = browser.postForm("/auth/federation/choose", "value", "RIO-2");

    assertThat(taken.statusCode()).as(describe(taken)).isEqualTo(409);
    assertThat(taken.body())
        .contains("Choose another username")
        .contains("<strong>Rio</strong>")
        .contains("role=\"alert\"")
        .contains("CNF4")
        .contains("value=\"RIO-2\"")
        .contains("<label for=\"value\">");
    var blank = browser.postForm("/auth/federation/choose", "value", " ");
    assertThat(blank.statusCode()).as(describe(blank)).isEqualTo(400);
    assertThat(blank.body()).contains("CNF3").contains("<form");
    assertThat(reconcile(server, slug, "sub-2", "corp")).isEmpty();

    var chosen = browser.postForm("/auth/federation/choose", "value", "rio-three");

    assertThat(chosen.statusCode()).as(describe(chosen)).isEqualTo(302);
    assertThat(chosen.headers().firstValue("Location").orElseThrow()).endsWith("/spaces/" + slug);
    assertThat(reconcile(server, slug, "sub-2", "corp").path(0).path("username").asText())
        .isEqualTo("rio-three");
    assertProblem(
        browser.json().postForm("/auth/federation/choose", "value", "rio-four"), 400, "FLOW1");
    var records =
        Json.parse(
            send(
                server,
                server.adminToken(),
                "GET",
                "/api/admin/spaces/" + slug + "/login-records",
                null));
    assertThat(records.findValuesAsText("code")).contains("CNF4", "CNF3");
  }

  @Test
  void endsTheHeldSignInAfterFiveRefusedChoices(FoyerServer server) {
    var slug = spaceWith(server, "changeUsername");
    signIn(server, server.browser(), slug, "sub-1", "lee");
    var browser = server.browser();
    assertThat(signIn(server, browser, slug, "sub-2", "lee").statusCode()).isEqualTo(200);

    for (int attempt = 1; attempt < 5; attempt++) {
      var again = browser.postForm("/auth/federation/choose", "value", "LEE");
      assertThat(again.statusCode())
          .as("attempt " + attempt + ": " + describe(again))
          .isEqualTo(409);
      assertThat(again.body()).contains("<form");
    }
    var last = browser.postForm("/auth/federation/choose", "value", "LEE");

    assertThat(last.statusCode()).as(describe(last)).isEqualTo(409);
    assertThat(last.body()).contains("CNF4").contains("start again").doesNotContain("<form");
    assertProblem(
        browser.json().postForm("/auth/federation/choose", "value", "lee-free"), 400, "FLOW1");
    assertThat(reconcile(server, slug, "sub-2", "corp")).isEmpty();
  }

  @Test
  void refusesAChosenUsernameThatLooksLikeAnotherMembersOrMixesScripts(FoyerServer server) {
    var slug = spaceWith(server, "changeUsername");
    signIn(server, server.browser(), slug, "sub-1", "paypal");
    // A provider's username keeps the exact rule, and what it looks like is stored.
    var provided = signIn(server, server.browser(), slug, "sub-3", "rnary");
    assertThat(provided.statusCode()).as(describe(provided)).isEqualTo(302);
    var browser = server.browser();
    assertThat(signIn(server, browser, slug, "sub-2", "PayPal").statusCode()).isEqualTo(200);

    var digits = browser.postForm("/auth/federation/choose", "value", "PAYPA1");
    assertThat(digits.statusCode()).as(describe(digits)).isEqualTo(409);
    assertThat(digits.body())
        .contains("CNF6")
        .contains("looks like another member")
        .contains("value=\"PAYPA1\"");
    var ofProvider = browser.postForm("/auth/federation/choose", "value", "mary");
    assertThat(ofProvider.statusCode()).as(describe(ofProvider)).isEqualTo(409);
    assertThat(ofProvider.body()).contains("CNF6");
    // Cyrillic р and а among Latin letters.
    var mixed = browser.postForm("/auth/federation/choose", "value", "\u0440\u0430ypal-x");
    assertThat(mixed.statusCode()).as(describe(mixed)).isEqualTo(400);
    assertThat(mixed.body()).contains("CNF3").contains("scripts");
    assertThat(reconcile(server, slug, "sub-2", "corp")).isEmpty();

    var chosen = browser.postForm("/auth/federation/choose", "value", "\u7530\u4E2D\u592A\u90CE");

    assertThat(chosen.statusCode()).as(describe(chosen)).isEqualTo(302);
    assertThat(reconcile(server, slug, "sub-2", "corp").path(0).path("username").asText())
        .isEqualTo("\u7530\u4E2D\u592A\u90CE");
    assertProblem(
        server.browser().json().postForm("/auth/federation/choose", "value", "x"), 400, "FLOW1");
  }

  @Test
  void apiCallersGetCnf6ForALookalike(FoyerServer server) {
    var slug = spaceWith(server, "changeUsername");
    signIn(server, server.browser(), slug, "sub-1", "olga");
    var browser = server.browser();
    assertThat(signIn(server, browser, slug, "sub-2", "olga").statusCode()).isEqualTo(200);

    assertProblem(browser.json().postForm("/auth/federation/choose", "value", "0LGA"), 409, "CNF6");
  }

  @Test
  void aChoiceSentFromAnotherSitesPageIsRefusedAndLeavesTheHeldSignIn(FoyerServer server) {
    var slug = spaceWith(server, "changeUsername");
    signIn(server, server.browser(), slug, "sub-1", "eve");
    var browser = server.browser();
    assertThat(signIn(server, browser, slug, "sub-2", "eve").statusCode()).isEqualTo(200);

    var foreign =
        browser.postForm(
            "/auth/federation/choose",
            Map.of("value", "eve-evil"),
            "Origin",
            "https://evil.example",
            "Sec-Fetch-Site",
            "cross-site");
    var sibling =
        browser.postForm(
            "/auth/federation/choose",
            Map.of("value", "eve-evil"),
            "Origin",
            "https://sibling.example",
            "Sec-Fetch-Site",
            "same-site");

    assertThat(foreign.statusCode()).as(describe(foreign)).isEqualTo(403);
    assertThat(foreign.body()).contains("FLOW7");
    assertThat(sibling.statusCode()).as(describe(sibling)).isEqualTo(403);
    assertThat(reconcile(server, slug, "sub-2", "corp")).isEmpty();
    var own =
        browser.postForm(
            "/auth/federation/choose",
            Map.of("value", "eve-two"),
            "Origin",
            browser.uri("/").toString().replaceAll("/$", ""),
            "Sec-Fetch-Site",
            "same-origin");
    assertThat(own.statusCode()).as(describe(own)).isEqualTo(302);
    assertThat(reconcile(server, slug, "sub-2", "corp").path(0).path("username").asText())
        .isEqualTo("eve-two");
  }

  @Test
  void twoPostsOfOneChoiceAtOnceMakeOneMemberAndOneRefusal(FoyerServer server) throws Exception {
    var slug = spaceWith(server, "changeUsername");
    signIn(server, server.browser(), slug, "sub-1", "ana");
    var browser = server.browser();
    assertThat(signIn(server, browser, slug, "sub-2", "ana").statusCode()).isEqualTo(200);
    var ready = new java.util.concurrent.CountDownLatch(2);
    var posts = new java.util.ArrayList<java.util.concurrent.Callable<HttpResponse<String>>>();
    for (int i = 0; i < 2; i++) {
      posts.add(
          () -> {
            ready.countDown();
            ready.await();
            return browser.postForm("/auth/federation/choose", "value", "ana-two");
          });
    }

    var answers = new java.util.ArrayList<HttpResponse<String>>();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (var future : pool.invokeAll(posts)) {
        answers.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    var described = answers.stream().map(answer -> describe(answer)).toList().toString();
    assertThat(answers.stream().filter(a -> a.statusCode() == 302).count())
        .as(described)
        .isEqualTo(1);
    assertThat(answers)
        .as(described)
        .anySatisfy(
            answer -> {
              assertThat(answer.statusCode()).isIn(400, 409);
              assertThat(answer.body()).containsPattern("FLOW[12]");
            });
    var member = reconcile(server, slug, "sub-2", "corp");
    assertThat(member).as(described).hasSize(1);
    assertThat(member.path(0).path("username").asText()).isEqualTo("ana-two");
  }

  @Test
  void apiCallersGetTheProblemWithMayChooseAndSpacesWithoutTheOptionRefuse(FoyerServer server) {
    var choosing = spaceWith(server, "changeUsername");
    signIn(server, server.browser(), choosing, "sub-1", "kim");
    var refusing = spaceWith(server, null);
    signIn(server, server.browser(), refusing, "sub-1", "kim");

    var api = signIn(server, server.browser().json(), choosing, "sub-2", "kim");
    var page = signIn(server, server.browser(), refusing, "sub-2", "kim");

    assertProblem(api, 409, "CNF1");
    assertThat(Json.parse(api).path("mayChoose").asBoolean()).isTrue();
    assertThat(page.statusCode()).isEqualTo(409);
    assertThat(page.body()).contains("CNF1").doesNotContain("<form");
    assertProblem(
        server.browser().json().postForm("/auth/federation/choose", "value", "kim-2"),
        400,
        "FLOW1");
  }

  private static HttpResponse<String> signIn(
      FoyerServer server, Browser browser, String slug, String subject, String username) {
    provider.nextSignIn(slug, subject, Map.of("preferred_username", username, "given_name", "X"));
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    return browser.get(callback.toString());
  }

  private static String spaceWith(FoyerServer server, String option) {
    var slug = createSpace(server);
    if (option != null) {
      var patched =
          send(
              server,
              server.adminToken(),
              "PATCH",
              "/api/admin/spaces/" + slug,
              "{\"conflicts\":{\"" + option + "\":true}}");
      assertThat(patched.statusCode()).as(describe(patched)).isEqualTo(200);
    }
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
}
