package dev.foyer.it.password;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Refusals.assertRefused;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.FromAddress;
import dev.foyer.it.support.Json;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The password door's throttle and its form-body-only rule (README "Password sign-in"), with the
 * default settings: 5 failures per space and email, 100 per client address, the 5th failure locks
 * for a minute. Tests that lock a client address sign in from a loopback address of their own
 * ({@link FromAddress}), never from 127.0.0.1, where every other IT comes from.
 */
@ExtendWith(FoyerServer.class)
class PasswordThrottleIT {
  static final String PASSWORD = "correct horse battery staple";
  static final int EMAIL_FAILURES = 5;
  static final int ADDRESS_FAILURES = 100;
  static final int FIRST_LOCK_SECONDS = 60;

  @Test
  void locksAnEmailAfterFiveFailuresEvenForTheRightPassword(FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    createMember(server, slug, email);
    var from = FromAddress.fresh(server);

    for (int i = 1; i <= EMAIL_FAILURES; i++) {
      assertPwd1(from.signIn(slug, email, "wrong password " + i));
    }
    var locked = from.signIn(slug, email, PASSWORD);

    assertThrottled(locked);
    assertThat(locked.json().path("detail").asText())
        .matches(
            "Too many failed sign-ins with this email or from this address\\. Try again in \\d+ seconds?\\.");
    assertThat(newestRecord(server, slug).path("code").asText()).isEqualTo("PWD2");
    var page =
        from.post(
            "/auth/password", Browser.HTML, "account", slug, "email", email, "password", PASSWORD);
    assertThat(page.status()).as("%s", page).isEqualTo(429);
    assertThat(page.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("PWD2");
    assertThat(page.header("Retry-After")).isPresent();
    assertThat(page.headers()).doesNotContainKey("set-cookie");
  }

  @Test
  void locksTheEmailInItsSpaceOnly(FoyerServer server) {
    var slug = createSpace(server);
    var other = createSpace(server);
    var email = newEmail();
    createMember(server, slug, email);
    createMember(server, other, email);
    var from = FromAddress.fresh(server);
    for (int i = 1; i <= EMAIL_FAILURES; i++) {
      assertPwd1(from.signIn(slug, email, "wrong password " + i));
    }

    var otherSpace = from.signIn(other, email, PASSWORD);
    var fromElsewhere = FromAddress.fresh(server).signIn(slug, email, PASSWORD);

    assertThat(otherSpace.status()).as("%s", otherSpace).isEqualTo(302);
    assertThrottled(fromElsewhere);
  }

  // No oracle: an email without a member is counted, locked and answered exactly like one with.
  @Test
  void throttlesAnUnknownEmailExactlyLikeAKnownOne(FoyerServer server) {
    var slug = createSpace(server);
    var known = newEmail();
    createMember(server, slug, known);
    var unknown = newEmail();
    var from = FromAddress.fresh(server);

    for (int i = 1; i <= EMAIL_FAILURES; i++) {
      assertPwd1(from.signIn(slug, known, "wrong password " + i));
      assertPwd1(from.signIn(slug, unknown, "wrong password " + i));
    }
    var knownLocked = from.signIn(slug, known, PASSWORD);
    var unknownLocked = from.signIn(slug, unknown, PASSWORD);

    assertThrottled(knownLocked);
    assertThrottled(unknownLocked);
    assertThat(unknownLocked.header("Content-Type")).isEqualTo(knownLocked.header("Content-Type"));
    assertThat(unknownLocked.headers().keySet()).isEqualTo(knownLocked.headers().keySet());
    var knownBody = knownLocked.json();
    var unknownBody = unknownLocked.json();
    assertThat(fieldNames(unknownBody)).isEqualTo(fieldNames(knownBody));
    for (var field : List.of("type", "title", "status", "code")) {
      assertThat(unknownBody.path(field)).as(field).isEqualTo(knownBody.path(field));
    }
  }

  @Test
  void aRightPasswordClearsTheEmailsFailures(FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    createMember(server, slug, email);
    var from = FromAddress.fresh(server);
    for (int i = 1; i < EMAIL_FAILURES; i++) {
      assertPwd1(from.signIn(slug, email, "wrong password " + i));
    }

    var right = from.signIn(slug, email, PASSWORD);

    assertThat(right.status()).as("%s", right).isEqualTo(302);
    // Counting from nothing again: five more failures before the lock, not one.
    for (int i = 1; i <= EMAIL_FAILURES; i++) {
      assertPwd1(from.signIn(slug, email, "wrong again " + i));
    }
    assertThrottled(from.signIn(slug, email, PASSWORD));
  }

  /**
   * One address guessing across many emails (4 each, under the email limit): other members keep
   * signing in from it until its 100th failure, and only that address is locked then.
   */
  @Test
  void anotherEmailFromTheSameAddressSignsInUntilTheAddressIsLocked(FoyerServer server)
      throws Exception {
    var slug = createSpace(server);
    var locked = newEmail();
    var member = newEmail();
    createMember(server, slug, locked);
    createMember(server, slug, member);
    var from = FromAddress.fresh(server);
    for (int i = 1; i <= EMAIL_FAILURES; i++) {
      assertPwd1(from.signIn(slug, locked, "wrong password " + i));
    }
    assertThrottled(from.signIn(slug, locked, PASSWORD));

    var withinLimits = from.signIn(slug, member, PASSWORD);

    assertThat(withinLimits.status())
        .as("another email from the same address: %s", withinLimits)
        .isEqualTo(302);
    // 5 failures so far; 94 more across fresh emails makes 99, one short of the address's limit.
    // 5 failures so far; 94 more, 4 per fresh email (under the email limit), make 99: one short of
    // the address's limit.
    int planned = ADDRESS_FAILURES - 1 - EMAIL_FAILURES;
    var emails = new ArrayList<String>();
    var guesses = new ArrayList<Callable<FromAddress.Answer>>();
    for (int i = 0; i < planned; i++) {
      if (i % 4 == 0) {
        emails.add(newEmail());
      }
      var email = emails.get(emails.size() - 1);
      var guess = i;
      guesses.add(() -> from.signIn(slug, email, "guess " + guess));
    }
    for (var answer : inParallel(4, guesses)) {
      assertPwd1(answer);
    }
    // At 99 failures the right password still gets in: its charge is taken back.
    var atTheEdge = from.signIn(slug, member, PASSWORD);
    assertThat(atTheEdge.status()).as("99 failures from the address: %s", atTheEdge).isEqualTo(302);
    assertPwd1(from.signIn(slug, newEmail(), "the 100th failure"));

    assertThrottled(from.signIn(slug, member, PASSWORD));
    assertThrottled(from.signIn(slug, newEmail(), "a fresh email"));
    var elsewhere = FromAddress.fresh(server).signIn(slug, member, PASSWORD);
    assertThat(elsewhere.status())
        .as("the member from another address: %s", elsewhere)
        .isEqualTo(302);
  }

  /**
   * The charge is taken under the counter's row lock before any password is checked, so parallel
   * attempts cannot get more passwords checked than the limit: exactly 5 PWD1, the rest PWD2 (the
   * README states 0 over the limit). From one address, and from as many addresses as attempts.
   */
  @ParameterizedTest(name = "from one address each: {0}")
  @ValueSource(booleans = {false, true})
  void parallelWrongAttemptsGetNoMoreThanTheLimitChecked(boolean addressEach, FoyerServer server)
      throws Exception {
    var slug = createSpace(server);
    var email = newEmail();
    createMember(server, slug, email);
    var shared = FromAddress.fresh(server);
    var attempts = new ArrayList<Callable<FromAddress.Answer>>();
    for (int i = 0; i < 16; i++) {
      var from = addressEach ? FromAddress.fresh(server) : shared;
      var guess = i;
      attempts.add(() -> from.signIn(slug, email, "parallel guess " + guess));
    }

    var answers = inParallel(attempts.size(), attempts);

    var codes = answers.stream().map(FromAddress.Answer::code).toList();
    assertThat(codes.stream().filter("PWD1"::equals).count())
        .as("%s", answers)
        .isEqualTo(EMAIL_FAILURES);
    assertThat(codes.stream().filter("PWD2"::equals).count())
        .as("%s", answers)
        .isEqualTo(attempts.size() - EMAIL_FAILURES);
    answers.stream()
        .filter(answer -> answer.status() == 429)
        .forEach(PasswordThrottleIT::assertThrottled);
    assertThrottled(FromAddress.fresh(server).signIn(slug, email, PASSWORD));
  }

  // --- Credentials come from the form body only ------------------------------------------------

  @ParameterizedTest(name = "?{0}")
  @ValueSource(
      strings = {
        "email={email}",
        "password=" + "correct+horse+battery+staple",
        "account={slug}",
        "%65mail={email}",
        "x=1&pass%77ord=correct+horse+battery+staple",
        "account={slug}&email={email}&password=correct+horse+battery+staple"
      })
  void refusesCredentialsInTheQueryWithPwd3(String query, FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    createMember(server, slug, email);
    var browser = server.browser().json();
    var filled = query.replace("{slug}", slug).replace("{email}", email.replace("@", "%40"));

    // The body alone would sign in: the query's mere presence refuses it.
    var response =
        browser.send(
            browser
                .request("/auth/password?" + filled)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    BodyPublishers.ofString(
                        "account="
                            + slug
                            + "&email="
                            + email.replace("@", "%40")
                            + "&password="
                            + PASSWORD.replace(' ', '+'))));

    assertRefused(response, browser, false, "PWD3", 400);
    var record = newestRecord(server, slug);
    assertThat(record.path("code").asText()).isEqualTo("PWD3");
    assertThat(record.path("door").asText()).isEqualTo("password");
  }

  @Test
  void neverUsesCredentialsFromTheQuery(FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    createMember(server, slug, email);
    var browser = server.browser();

    // Only the query holds the credentials, the body is empty.
    var response =
        browser.send(
            browser
                .request(
                    "/auth/password?account="
                        + slug
                        + "&email="
                        + email.replace("@", "%40")
                        + "&password="
                        + PASSWORD.replace(' ', '+'))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("")));

    assertRefused(response, browser, true, "PWD3", 400);
    assertThat(response.body()).doesNotContain(email).doesNotContain("battery");
  }

  // A refused query is not a guess: it neither checks the password nor counts against the email.
  @Test
  void doesNotCountQueryRefusalsAsFailures(FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    createMember(server, slug, email);
    var browser = server.browser().json();
    for (int i = 0; i <= EMAIL_FAILURES; i++) {
      var refused =
          browser.send(
              browser
                  .request("/auth/password?password=wrong" + i)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      BodyPublishers.ofString(
                          "account="
                              + slug
                              + "&email="
                              + email.replace("@", "%40")
                              + "&password=wrong"
                              + i)));
      assertRefused(refused, browser, false, "PWD3", 400);
    }

    var right =
        server
            .browser()
            .postForm("/auth/password", "account", slug, "email", email, "password", PASSWORD);

    assertThat(right.statusCode()).as(describe(right)).isEqualTo(302);
  }

  // --- Helpers ---------------------------------------------------------------------------------

  static void assertPwd1(FromAddress.Answer answer) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(401);
    assertThat(answer.code()).as("%s", answer).isEqualTo("PWD1");
    assertThat(answer.headers()).as("%s", answer).doesNotContainKey("retry-after");
  }

  /** 429 PWD2, a Retry-After within the first lock, no session. */
  static void assertThrottled(FromAddress.Answer answer) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(429);
    assertThat(answer.code()).as("%s", answer).isEqualTo("PWD2");
    assertThat(answer.json().path("status").asInt()).isEqualTo(429);
    assertThat(answer.header("Retry-After"))
        .as("%s", answer)
        .hasValueSatisfying(
            seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, FIRST_LOCK_SECONDS));
    assertThat(answer.headers()).as("%s", answer).doesNotContainKeys("set-cookie", "location");
  }

  static <T> List<T> inParallel(int threads, List<Callable<T>> tasks) throws Exception {
    var pool = Executors.newFixedThreadPool(threads);
    try {
      var start = new CountDownLatch(1);
      var futures = new ArrayList<Future<T>>();
      for (var task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      var results = new ArrayList<T>();
      for (var future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          throw new AssertionError(e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void createMember(FoyerServer server, String slug, String email) {
    var body =
        Json.object().put("givenName", "Grace").put("email", email).put("password", PASSWORD);
    var response =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/members",
            Json.write(body));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
  }

  private static String newEmail() {
    return "grace." + hex(5) + "@example.test";
  }

  private static JsonNode newestRecord(FoyerServer server, String slug) {
    var response =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/" + slug + "/login-records",
            null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    var records = Json.parse(response);
    assertThat(records.size()).isPositive();
    var newest = records.get(0);
    assertThat(newest.path("accepted").asBoolean(true)).isFalse();
    return newest;
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
