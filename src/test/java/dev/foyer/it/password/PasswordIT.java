package dev.foyer.it.password;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.memberPath;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Refusals.assertRefused;
import static dev.foyer.it.support.Refusals.describe;
import static dev.foyer.it.support.SsoSpace.claims;
import static dev.foyer.it.support.SsoSpace.newSub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.SsoSpace;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The password door, {@code POST /auth/password} (form fields {@code account}, {@code email},
 * {@code password}), for members an administrator created with a password (README "Members through
 * JWT SSO", "Error codes").
 */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class PasswordIT {
  static final String PASSWORD = "correct horse battery staple";
  private static final System.Logger LOGGER = System.getLogger(PasswordIT.class.getName());

  @Test
  void signsInWithEmailAndPassword(FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    var member = createMember(server, slug, "Grace", email, PASSWORD);
    var browser = server.browser();

    var response = signIn(browser, slug, email, PASSWORD);

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/spaces/" + slug));
    assertThat(response.headers().allValues("Set-Cookie"))
        .anySatisfy(
            cookie ->
                assertThat(cookie)
                    .startsWith("foyer_" + slug + "=")
                    .containsIgnoringCase("HttpOnly"));
    assertThat(browser.cookie("foyer_" + slug)).as("session cookie").isPresent();
    var landing = browser.follow(response);
    assertThat(landing.statusCode()).as(describe(landing)).isEqualTo(200);
    assertThat(landing.body()).contains("Hello, Grace!");
    var me = browser.json().get("/api/me?account=" + slug);
    assertThat(me.statusCode()).as(describe(me)).isEqualTo(200);
    assertThat(Json.parse(me).path("member").path("id").asText())
        .isEqualTo(member.path("id").asText());
    var newest = loginRecords(server, slug).get(0);
    assertThat(newest.path("door").asText()).isEqualTo("password");
    assertThat(newest.path("accepted").asBoolean()).isTrue();
  }

  @Test
  void signsInWithTheEmailInAnotherCase(FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    createMember(server, slug, "Grace", email, PASSWORD);
    var browser = server.browser();

    var response = signIn(browser, slug, email.toUpperCase(), PASSWORD);

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(302);
    assertThat(browser.cookie("foyer_" + slug)).as("session cookie").isPresent();
  }

  @ParameterizedTest(name = "as browser: {0}")
  @ValueSource(booleans = {false, true})
  void refusesAWrongPasswordWithPwd1(boolean asBrowser, FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    createMember(server, slug, "Grace", email, PASSWORD);
    var browser = asBrowser ? server.browser() : server.browser().json();

    var response = signIn(browser, slug, email, PASSWORD + "!");

    assertRefused(response, browser, asBrowser, "PWD1", 401);
    assertRefusalRecorded(server, slug, "PWD1");
  }

  // README: PWD1 is "Wrong email or password", one answer for both, so that it does not tell which
  // emails have a password member.
  @Test
  void refusesAnUnknownEmailExactlyLikeAWrongPassword(FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    createMember(server, slug, "Grace", email, PASSWORD);
    var wrongBrowser = server.browser().json();
    var unknownBrowser = server.browser().json();

    var wrong = signIn(wrongBrowser, slug, email, "not the password");
    var unknown = signIn(unknownBrowser, slug, newEmail(), "not the password");

    assertRefused(wrong, wrongBrowser, false, "PWD1", 401);
    assertRefused(unknown, unknownBrowser, false, "PWD1", 401);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .isEqualTo(wrong.headers().firstValue("Content-Type"));
    var wrongBody = Json.parse(wrong);
    var unknownBody = Json.parse(unknown);
    assertThat(fieldNames(unknownBody)).isEqualTo(fieldNames(wrongBody));
    for (var field : fieldNames(wrongBody)) {
      if (!field.equals("instance")) {
        assertThat(unknownBody.path(field)).as(field).isEqualTo(wrongBody.path(field));
      }
    }
    assertRefusalRecorded(server, slug, "PWD1");
  }

  /**
   * An unknown email is checked against a decoy PBKDF2 hash, so it costs about what a wrong
   * password costs; without the decoy it would answer about 100 times faster (a lookup instead of
   * 210,000 HMAC rounds). The bound is loose on purpose: the machine is shared with other builds
   * and the server's JIT, GC and database add noise of the same order as the PBKDF2 time, so the
   * test only asks for a third of the wrong-password median, which still fails by far without the
   * decoy.
   */
  @Test
  void refusesAnUnknownEmailAtTheCostOfAWrongPassword(FoyerServer server) {
    var slug = createSpace(server);
    // Two members, four wrong passwords each: five would lock the email (PasswordThrottleIT).
    var known = List.of(newEmail(), newEmail());
    for (var email : known) {
      createMember(server, slug, "Grace", email, PASSWORD);
    }
    int tries = 0;
    for (int i = 0; i < 3; i++) {
      timedRefusal(server, slug, known.get(tries++ % 2));
      timedRefusal(server, slug, newEmail());
    }
    var wrong = new long[5];
    var unknown = new long[5];

    for (int i = 0; i < wrong.length; i++) {
      wrong[i] = timedRefusal(server, slug, known.get(tries++ % 2));
      unknown[i] = timedRefusal(server, slug, newEmail());
    }

    var wrongMedian = median(wrong);
    var unknownMedian = median(unknown);
    LOGGER.log(
        System.Logger.Level.INFO,
        "PWD1 in ms ({0}): wrong password {1} (median {2}), unknown email {3} (median {4})",
        server.db(),
        Arrays.toString(millis(wrong)),
        wrongMedian / 1_000_000,
        Arrays.toString(millis(unknown)),
        unknownMedian / 1_000_000);
    assertThat(unknownMedian)
        .as(
            "median ns of an unknown email %s vs a wrong password %s",
            Arrays.toString(unknown), Arrays.toString(wrong))
        .isGreaterThanOrEqualTo(wrongMedian / 3);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"DEACTIVATED, MBR1", "REJECTED, MBR2"})
  void refusesAMemberTheAdministratorsShutOut(String status, String code, FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    var member = createMember(server, slug, "Grace", email, PASSWORD).path("id").asText();
    var changed =
        send(
            server,
            server.adminToken(),
            "PUT",
            memberPath(slug, member) + "/status",
            "{\"status\":\"" + status + "\"}");
    assertThat(changed.statusCode()).as(describe(changed)).isEqualTo(200);
    var browser = server.browser().json();

    var response = signIn(browser, slug, email, PASSWORD);

    assertRefused(response, browser, false, code, 403);
    assertRefusalRecorded(server, slug, code);
    var after = send(server, server.adminToken(), "GET", memberPath(slug, member), null);
    assertThat(Json.parse(after).path("status").asText()).isEqualTo(status);
  }

  @Test
  void letsAReactivatedMemberSignInAgain(FoyerServer server) {
    var slug = createSpace(server);
    var email = newEmail();
    var member = createMember(server, slug, "Grace", email, PASSWORD).path("id").asText();
    send(
        server,
        server.adminToken(),
        "PUT",
        memberPath(slug, member) + "/status",
        "{\"status\":\"DEACTIVATED\"}");
    send(
        server,
        server.adminToken(),
        "PUT",
        memberPath(slug, member) + "/status",
        "{\"status\":\"ACTIVE\"}");
    var browser = server.browser();

    var response = signIn(browser, slug, email, PASSWORD);

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(302);
    assertThat(browser.cookie("foyer_" + slug)).as("session cookie").isPresent();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("no email", "PWD1", 401, form("account", "{slug}", "password", PASSWORD)),
        Arguments.of(
            "empty email",
            "PWD1",
            401,
            form("account", "{slug}", "email", "", "password", PASSWORD)),
        Arguments.of("no password", "PWD1", 401, form("account", "{slug}", "email", "{email}")),
        Arguments.of(
            "empty password",
            "PWD1",
            401,
            form("account", "{slug}", "email", "{email}", "password", "")),
        Arguments.of("no account", "UAACCT1", 400, form("email", "{email}", "password", PASSWORD)),
        Arguments.of(
            "empty account",
            "UAACCT1",
            400,
            form("account", "", "email", "{email}", "password", PASSWORD)),
        Arguments.of(
            "unknown account",
            "UAACCT2",
            404,
            form("account", "{slug}-nowhere", "email", "{email}", "password", PASSWORD)),
        Arguments.of(
            "another space's account",
            "PWD1",
            401,
            form("account", "{other}", "email", "{email}", "password", PASSWORD)),
        Arguments.of(
            "GET with the fields in the query",
            "REQ405",
            405,
            request(
                "GET",
                "?account={slug}&email={email}&password=" + PASSWORD.replace(' ', '+'),
                null,
                null)),
        Arguments.of(
            "PUT",
            "REQ405",
            405,
            request(
                "PUT",
                "",
                "application/x-www-form-urlencoded",
                "account={slug}&email={email}&password=" + PASSWORD.replace(' ', '+'))),
        Arguments.of(
            "the fields as JSON",
            "REQ415",
            415,
            request(
                "POST",
                "",
                "application/json",
                "{\"account\":\"{slug}\",\"email\":\"{email}\",\"password\":\""
                    + PASSWORD
                    + "\"}")),
        Arguments.of(
            "the fields as text/plain",
            "REQ415",
            415,
            request(
                "POST",
                "",
                "text/plain",
                "account={slug}&email={email}&password=" + PASSWORD.replace(' ', '+'))),
        Arguments.of(
            "a form body over 16384 bytes",
            "REQ413",
            413,
            request(
                "POST",
                "",
                "application/x-www-form-urlencoded",
                "account={slug}&email={email}&password="
                    + PASSWORD.replace(' ', '+')
                    + "&padding="
                    + "x".repeat(16384))));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("refusals")
  void refusesWhatIsNotASignIn(
      String description, String code, int status, Request request, FoyerServer server) {
    var slug = createSpace(server);
    var other = createSpace(server);
    var email = newEmail();
    createMember(server, slug, "Grace", email, PASSWORD);
    var browser = server.browser().json();

    var response =
        request.send(browser, Map.of("{slug}", slug, "{other}", other, "{email}", email));

    assertRefused(response, browser, false, code, status);
    if (status == 405) {
      assertThat(response.headers().firstValue("Allow")).as(describe(response)).hasValue("POST");
    }
  }

  // --- Password members and JWT SSO (README "Members through JWT SSO") -------------------------

  @Test
  void attachesTokenToPasswordMemberWithTheSameEmail(FoyerServer server) {
    var space = SsoSpace.create(server);
    var email = "grace." + hex(4) + "@example.test";
    var created =
        space.createMember(
            Json.object()
                .put("givenName", "Grace")
                .put("familyName", "Hopper")
                .put("email", email)
                .put("password", PASSWORD));
    var sub = newSub();
    var claims = claims(sub);
    claims.put("email", email);

    var memberId = space.signInOk(claims);

    assertThat(memberId).isEqualTo(created.path("id").asText());
    var member = space.member(sub).orElseThrow();
    assertThat(member.path("hasPassword").asBoolean()).isTrue();
    assertThat(providers(member)).containsExactlyInAnyOrder("password", "jwt-sso");
    var browser = server.browser();
    var password =
        browser.postForm(
            "/auth/password", "account", space.slug, "email", email, "password", PASSWORD);
    assertThat(password.statusCode()).as(password.body()).isEqualTo(302);
    assertThat(space.me(browser).path("member").path("id").asText()).isEqualTo(memberId);
  }

  @Test
  void passwordSignInKeepsWorkingAfterSsoSignIns(FoyerServer server) {
    var space = SsoSpace.create(server);
    var email = "grace." + hex(4) + "@example.test";
    space.createMember(
        Json.object().put("givenName", "Grace").put("email", email).put("password", PASSWORD));
    var claims = claims(newSub());
    claims.put("email", email);
    space.signInOk(claims);

    var wrong =
        server
            .browser()
            .json()
            .postForm(
                "/auth/password",
                "account",
                space.slug,
                "email",
                email,
                "password",
                "wrong password!");
    var right =
        server
            .browser()
            .postForm(
                "/auth/password",
                "account",
                space.slug,
                "email",
                email.toUpperCase(),
                "password",
                PASSWORD);

    assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
    assertThat(Json.parse(wrong).path("code").asText()).isEqualTo("PWD1");
    assertThat(right.statusCode()).as(right.body()).isEqualTo(302);
  }

  @Test
  void oldMemberKeepsItsPasswordAfterEmailChangeStartsNewMember(FoyerServer server) {
    var space = SsoSpace.create(server, Json.object().put("newMemberOnEmailChange", true));
    var email = "grace." + hex(4) + "@example.test";
    var created =
        space.createMember(
            Json.object().put("givenName", "Grace").put("email", email).put("password", PASSWORD));
    var sub = newSub();
    var first = claims(sub);
    first.put("email", email);
    space.signInOk(first);

    var newId = space.signInOk(claims(sub));

    assertThat(newId).isNotEqualTo(created.path("id").asText());
    var browser = server.browser();
    var password =
        browser.postForm(
            "/auth/password", "account", space.slug, "email", email, "password", PASSWORD);
    assertThat(password.statusCode()).as(password.body()).isEqualTo(302);
    assertThat(space.me(browser).path("member").path("id").asText())
        .isEqualTo(created.path("id").asText());
  }

  // --- Helpers ---------------------------------------------------------------------------------

  /** One request to {@code /auth/password}; {slug}, {other} and {email} are filled per test. */
  record Request(String method, String query, String contentType, String body) {
    HttpResponse<String> send(Browser browser, Map<String, String> values) {
      var builder = browser.request("/auth/password" + fill(query, values));
      if (contentType != null) {
        builder.header("Content-Type", contentType);
      }
      return browser.send(
          builder.method(
              method,
              body == null
                  ? BodyPublishers.noBody()
                  : BodyPublishers.ofString(fill(body, values))));
    }

    private static String fill(String text, Map<String, String> values) {
      var filled = text;
      for (var value : values.entrySet()) {
        filled = filled.replace(value.getKey(), value.getValue());
      }
      return filled;
    }

    @Override
    public String toString() {
      return method + " " + contentType;
    }
  }

  private static Request request(String method, String query, String contentType, String body) {
    return new Request(method, query, contentType, body);
  }

  /**
   * A form post of the name/value pairs, URL-encoded (placeholders are plain letters and braces).
   */
  private static Request form(String... nameValuePairs) {
    var fields = new ArrayList<String>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      fields.add(nameValuePairs[i] + "=" + nameValuePairs[i + 1].replace(' ', '+'));
    }
    return new Request("POST", "", "application/x-www-form-urlencoded", String.join("&", fields));
  }

  private static HttpResponse<String> signIn(
      Browser browser, String slug, String email, String password) {
    return browser.postForm(
        "/auth/password", "account", slug, "email", email, "password", password);
  }

  /** One refused attempt with a wrong password, in nanoseconds; it must be a PWD1 refusal. */
  private static long timedRefusal(FoyerServer server, String slug, String email) {
    var browser = server.browser().json();
    var started = System.nanoTime();
    var response = signIn(browser, slug, email, "not the password");
    var elapsed = System.nanoTime() - started;
    assertRefused(response, browser, false, "PWD1", 401);
    return elapsed;
  }

  private static long median(long[] values) {
    var sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long[] millis(long[] nanos) {
    return Arrays.stream(nanos).map(nano -> nano / 1_000_000).toArray();
  }

  private static JsonNode createMember(
      FoyerServer server, String slug, String givenName, String email, String password) {
    var body =
        Json.object().put("givenName", givenName).put("email", email).put("password", password);
    var response =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/members",
            Json.write(body));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    return Json.parse(response);
  }

  private static String newEmail() {
    return "grace." + hex(5) + "@example.test";
  }

  /** README: a refused sign-in writes a login record; the newest is this door's refusal. */
  private static void assertRefusalRecorded(FoyerServer server, String slug, String code) {
    var newest = loginRecords(server, slug).get(0);
    assertThat(newest.path("door").asText()).isEqualTo("password");
    assertThat(newest.path("accepted").asBoolean(true)).isFalse();
    assertThat(newest.path("code").asText()).isEqualTo(code);
  }

  private static List<JsonNode> loginRecords(FoyerServer server, String slug) {
    var response =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/" + slug + "/login-records",
            null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    var records = new ArrayList<JsonNode>();
    Json.parse(response).forEach(records::add);
    return records;
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> providers(JsonNode member) {
    var providers = new ArrayList<String>();
    member
        .path("identities")
        .forEach(identity -> providers.add(identity.path("provider").asText()));
    return providers;
  }
}
