package dev.foyer.it.sessions;

import static dev.foyer.it.support.AdminApi.createEvent;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.memberPath;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.AdminApi.uriAuth;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.uid;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A member's sessions as their status and the administrators decide (README "Member status on
 * sign-in" and the admin API's {@code .../members/{memberId}/sessions}): deactivation and rejection
 * sign the member out everywhere, reactivation brings nothing back, and an administrator can list
 * and end one member's sessions, never anybody else's.
 */
@ExtendWith(FoyerServer.class)
class MemberSessionsIT {
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  // --- Status changes ----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"DEACTIVATED", "REJECTED"})
  void aStatusThatRefusesSignInEndsEverySessionOfThatMember(String status, FoyerServer server) {
    var slug = createSpace(server);
    var event = createEvent(server, slug);
    var uid = uid();
    var laptop = server.browser();
    var phone = server.browser();
    var laptopToken = signIn(laptop, slug, uid);
    signIn(phone, slug, uid);
    var member = memberId(server, slug, uid);
    var colleague = server.browser();
    signIn(colleague, slug, uid());
    assertThat(me(laptop, slug).statusCode()).as("before the change").isEqualTo(200);
    assertThat(eventPage(laptop, slug, event).statusCode()).as("before the change").isEqualTo(200);

    var changed = putStatus(server, slug, member, status);

    assertThat(changed.statusCode()).as(describe(changed)).isEqualTo(200);
    assertThat(Json.parse(changed).path("status").asText()).isEqualTo(status);
    for (var browser : List.of(laptop, phone)) {
      assertProblem(me(browser, slug), 401, "SES1");
      assertProblem(browser.json().get("/api/me"), 401, "SES1");
      var page = eventPage(browser, slug, event);
      assertThat(page.statusCode()).as(describe(page)).isEqualTo(401);
      assertThat(page.body()).contains("SES1").doesNotContain("chat-name");
      var landing = browser.get("/spaces/" + slug);
      assertThat(landing.body()).contains("not signed in").doesNotContain("Hello, Sue!");
    }
    assertProblem(plugin(server, laptopToken).get("/api/me"), 401, "SES1");
    assertThat(me(colleague, slug).statusCode()).as("another member").isEqualTo(200);
    assertThat(eventPage(colleague, slug, event).statusCode()).isEqualTo(200);
    assertThat(sessions(server, slug, member)).isEmpty();
  }

  @Test
  void reactivationDoesNotBringOldSessionsBack(FoyerServer server) {
    var slug = createSpace(server);
    var event = createEvent(server, slug);
    var uid = uid();
    var old = server.browser();
    var oldToken = signIn(old, slug, uid);
    var member = memberId(server, slug, uid);
    assertThat(putStatus(server, slug, member, "DEACTIVATED").statusCode()).isEqualTo(200);

    var reactivated = putStatus(server, slug, member, "ACTIVE");

    assertThat(reactivated.statusCode()).as(describe(reactivated)).isEqualTo(200);
    assertProblem(me(old, slug), 401, "SES1");
    assertProblem(plugin(server, oldToken).get("/api/me"), 401, "SES1");
    assertThat(eventPage(old, slug, event).statusCode()).isEqualTo(401);
    assertThat(sessions(server, slug, member)).isEmpty();
    var fresh = server.browser();
    signIn(fresh, slug, uid);
    assertThat(me(fresh, slug).statusCode()).isEqualTo(200);
    assertThat(eventPage(fresh, slug, event).statusCode()).isEqualTo(200);
    assertThat(sessions(server, slug, member)).hasSize(1);
    assertProblem(me(old, slug), 401, "SES1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"INVITED", "PENDING", "DECLINED", "LEFT", "ACTIVE"})
  void aStatusThatAllowsSignInKeepsTheSessions(String status, FoyerServer server) {
    var slug = createSpace(server);
    var uid = uid();
    var browser = server.browser();
    signIn(browser, slug, uid);
    var member = memberId(server, slug, uid);

    var changed = putStatus(server, slug, member, status);

    assertThat(changed.statusCode()).as(describe(changed)).isEqualTo(200);
    var me = me(browser, slug);
    assertThat(me.statusCode()).as(describe(me)).isEqualTo(200);
    assertThat(Json.parse(me).path("member").path("status").asText()).isEqualTo(status);
    assertThat(sessions(server, slug, member)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"status\":\"BANISHED\"}", "{\"status\":null}", "[]"})
  void aRefusedStatusChangeEndsNothing(String body, FoyerServer server) {
    var slug = createSpace(server);
    var uid = uid();
    var browser = server.browser();
    signIn(browser, slug, uid);
    var member = memberId(server, slug, uid);

    var refused = send(server, admin, "PUT", memberPath(slug, member) + "/status", body);

    assertThat(refused.statusCode()).as(describe(refused)).isEqualTo(400);
    assertThat(me(browser, slug).statusCode()).isEqualTo(200);
    assertThat(sessions(server, slug, member)).hasSize(1);
  }

  /**
   * Sign-ins racing the deactivation may commit a session after the revocation ran; each session
   * check reads the status, so none of them opens anything.
   */
  @Test
  void noSessionOpenedAroundADeactivationWorksAfterIt(FoyerServer server) throws Exception {
    var slug = createSpace(server);
    var uid = uid();
    signIn(server.browser(), slug, uid);
    var member = memberId(server, slug, uid);
    int signIns = 8;
    var start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(signIns + 1);
    try {
      var attempts = new ArrayList<java.util.concurrent.Future<Optional<Browser>>>();
      for (int i = 0; i < signIns; i++) {
        attempts.add(
            pool.submit(
                (Callable<Optional<Browser>>)
                    () -> {
                      var browser = server.browser();
                      start.await();
                      var response = browser.get(uriAuth(slug, uid));
                      if (response.statusCode() == 302) {
                        return Optional.of(browser);
                      }
                      assertThat(response.statusCode()).as(describe(response)).isEqualTo(403);
                      assertThat(response.body()).as(describe(response)).contains("MBR1");
                      return Optional.empty();
                    }));
      }
      var deactivation =
          pool.submit(
              () -> {
                start.await();
                return putStatus(server, slug, member, "DEACTIVATED");
              });
      start.countDown();

      var changed = deactivation.get(120, TimeUnit.SECONDS);
      assertThat(changed.statusCode()).as(describe(changed)).isEqualTo(200);
      for (var attempt : attempts) {
        var signedIn = attempt.get(120, TimeUnit.SECONDS);
        if (signedIn.isPresent()) {
          assertProblem(me(signedIn.get(), slug), 401, "SES1");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sessions(server, slug, member)).isEmpty();
    assertProblem(server.browser().json().get(uriAuth(slug, uid)), 403, "MBR1");
  }

  // --- GET .../sessions -----------------------------------------------------------------------

  @Test
  void listsTheMembersOpenSessionsNewestFirstWithoutTokens(FoyerServer server) {
    var origin = "https://intranet-" + hex(5) + ".example.com";
    var slug = createSpace(server, Map.of("allowedOrigins", List.of(origin)));
    var uid = uid();
    var before = Instant.now();
    var link = server.browser();
    var linkToken = signIn(link, slug, uid);
    var plugin = server.browser();
    var logon =
        plugin.postJson(
            "/auth/programmatic",
            Json.write(Map.of("account", slug, "givenName", "Sue", "uid", uid)),
            "Origin",
            origin);
    assertThat(logon.statusCode()).as(describe(logon)).isEqualTo(200);
    var pluginToken = Json.parse(logon).path("session").path("token").asText();
    var loggedOut = server.browser();
    var loggedOutToken = signIn(loggedOut, slug, uid);
    assertThat(loggedOut.json().postForm("/auth/logout", "account", slug).statusCode())
        .isEqualTo(204);
    var colleague = server.browser();
    var colleagueToken = signIn(colleague, slug, uid());
    var member = memberId(server, slug, uid);
    var after = Instant.now();

    var response = send(server, admin, "GET", memberPath(slug, member) + "/sessions", null);

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    var listed = Json.parse(response);
    assertThat(listed.isArray()).as(describe(response)).isTrue();
    assertThat(listed).hasSize(2);
    var expected = List.of(Json.parse(me(plugin, slug)), Json.parse(me(link, slug)));
    for (int i = 0; i < 2; i++) {
      var session = listed.get(i);
      var fields = new ArrayList<String>();
      session.fieldNames().forEachRemaining(fields::add);
      assertThat(fields)
          .containsExactlyInAnyOrder(
              "id", "door", "admissionLevel", "signedInAt", "lastSeenAt", "expiresAt");
      assertThat(session.path("id").asText()).matches("[0-9a-f]{32}");
      var seen = expected.get(i).path("session");
      assertThat(session.path("door").asText()).isEqualTo(seen.path("door").asText());
      assertThat(Instant.parse(session.path("signedInAt").asText()))
          .isEqualTo(Instant.parse(seen.path("signedInAt").asText()))
          .isBetween(before.minusSeconds(60), after.plusSeconds(60));
      assertThat(Instant.parse(session.path("expiresAt").asText()))
          .isEqualTo(Instant.parse(seen.path("expiresAt").asText()));
      assertThat(Instant.parse(session.path("lastSeenAt").asText()))
          .isBetween(Instant.parse(session.path("signedInAt").asText()), after.plusSeconds(60));
      assertThat(session.path("admissionLevel").asText()).isEqualTo("NICKNAME");
    }
    assertThat(listed.get(0).path("door").asText())
        .isNotEqualTo(listed.get(1).path("door").asText());
    for (var token : List.of(linkToken, pluginToken, loggedOutToken, colleagueToken)) {
      assertThat(response.body()).doesNotContain(token).doesNotContain(sha256(token));
    }
  }

  @Test
  void listsNothingForAMemberWhoNeverSignedIn(FoyerServer server) {
    var slug = createSpace(server);
    var created =
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/members",
            "{\"givenName\":\"Ann\",\"email\":\"ann-" + hex(4) + "@example.com\"}");
    var member = Json.parse(created).path("id").asText();

    assertThat(sessions(server, slug, member)).isEmpty();
    var ended = send(server, admin, "DELETE", memberPath(slug, member) + "/sessions", null);
    assertThat(ended.statusCode()).as(describe(ended)).isEqualTo(204);
  }

  @Test
  void listsAtMostLimitSessionsNewestFirst(FoyerServer server) {
    var slug = createSpace(server);
    var uid = uid();
    signIn(server.browser(), slug, uid);
    var newest = server.browser();
    signIn(newest, slug, uid);
    var member = memberId(server, slug, uid);

    var one = send(server, admin, "GET", memberPath(slug, member) + "/sessions?limit=1", null);

    assertThat(one.statusCode()).as(describe(one)).isEqualTo(200);
    assertThat(Json.parse(one)).hasSize(1);
    assertThat(Json.parse(one).path(0).path("signedInAt").asText())
        .isEqualTo(Json.parse(me(newest, slug)).path("session").path("signedInAt").asText());
    assertThat(sessions(server, slug, member)).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-1", "abc", "1e2", "", "%201", "99999999999"})
  void refusesABadLimitWithAdm1(String limit, FoyerServer server) {
    var slug = createSpace(server);
    var uid = uid();
    signIn(server.browser(), slug, uid);
    var member = memberId(server, slug, uid);

    var response =
        send(server, admin, "GET", memberPath(slug, member) + "/sessions?limit=" + limit, null);

    assertProblem(response, 400, "ADM1");
  }

  // --- DELETE .../sessions --------------------------------------------------------------------

  @Test
  void signsTheMemberOutOfEveryBrowserAndNoOneElse(FoyerServer server) {
    var slug = createSpace(server);
    var elsewhere = createSpace(server);
    var event = createEvent(server, slug);
    var uid = uid();
    var laptop = server.browser();
    var phone = server.browser();
    var laptopToken = signIn(laptop, slug, uid);
    signIn(phone, slug, uid);
    signIn(laptop, elsewhere, uid);
    var colleague = server.browser();
    signIn(colleague, slug, uid());
    var member = memberId(server, slug, uid);
    assertThat(sessions(server, slug, member)).hasSize(2);

    var ended = send(server, admin, "DELETE", memberPath(slug, member) + "/sessions", null);

    assertThat(ended.statusCode()).as(describe(ended)).isEqualTo(204);
    assertThat(ended.body()).isEmpty();
    assertProblem(me(laptop, slug), 401, "SES1");
    assertProblem(me(phone, slug), 401, "SES1");
    assertProblem(plugin(server, laptopToken).get("/api/me"), 401, "SES1");
    assertThat(eventPage(phone, slug, event).statusCode()).isEqualTo(401);
    assertThat(me(laptop, elsewhere).statusCode())
        .as("the same person in another space")
        .isEqualTo(200);
    assertThat(me(colleague, slug).statusCode()).as("another member").isEqualTo(200);
    assertThat(sessions(server, slug, member)).isEmpty();
    var again = send(server, admin, "DELETE", memberPath(slug, member) + "/sessions", null);
    assertThat(again.statusCode()).as(describe(again)).isEqualTo(204);
    var view = Json.parse(send(server, admin, "GET", memberPath(slug, member), null));
    assertThat(view.path("status").asText()).isEqualTo("ACTIVE");
    var back = server.browser();
    signIn(back, slug, uid);
    assertThat(me(back, slug).statusCode()).isEqualTo(200);
  }

  @Test
  void letsASpaceAdministratorListAndEndTheirOwnMembersSessions(FoyerServer server) {
    var slug = createSpace(server);
    var uid = uid();
    var browser = server.browser();
    signIn(browser, slug, uid);
    var member = memberId(server, slug, uid);
    var token = server.token("--groups", "foyer-space-admin", "--space", slug);

    var listed = send(server, token, "GET", memberPath(slug, member) + "/sessions", null);
    var ended = send(server, token, "DELETE", memberPath(slug, member) + "/sessions", null);

    assertThat(listed.statusCode()).as(describe(listed)).isEqualTo(200);
    assertThat(Json.parse(listed)).hasSize(1);
    assertThat(ended.statusCode()).as(describe(ended)).isEqualTo(204);
    assertProblem(me(browser, slug), 401, "SES1");
  }

  // --- Refusals -------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"GET", "DELETE"})
  void refusesASpaceAdministratorOfAnotherSpaceWithAdm7(String method, FoyerServer server) {
    var mine = createSpace(server);
    var theirs = createSpace(server);
    var uid = uid();
    var browser = server.browser();
    signIn(browser, theirs, uid);
    var member = memberId(server, theirs, uid);
    var token = server.token("--groups", "foyer-space-admin", "--space", mine);

    var response = send(server, token, method, memberPath(theirs, member) + "/sessions", null);

    assertProblem(response, 403, "ADM7");
    assertThat(me(browser, theirs).statusCode()).isEqualTo(200);
  }

  /** A space administrator naming another space's member under their own space. */
  @ParameterizedTest
  @ValueSource(strings = {"GET", "DELETE"})
  void refusesAnotherSpacesMemberWithAdm6(String method, FoyerServer server) {
    var mine = createSpace(server);
    var theirs = createSpace(server);
    var uid = uid();
    var browser = server.browser();
    signIn(browser, theirs, uid);
    var member = memberId(server, theirs, uid);
    var spaceAdmin = server.token("--groups", "foyer-space-admin", "--space", mine);

    var asSpaceAdmin =
        send(server, spaceAdmin, method, memberPath(mine, member) + "/sessions", null);
    var asAdmin = send(server, admin, method, memberPath(mine, member) + "/sessions", null);

    assertProblem(asSpaceAdmin, 404, "ADM6");
    assertProblem(asAdmin, 404, "ADM6");
    assertThat(me(browser, theirs).statusCode()).isEqualTo(200);
    assertThat(sessions(server, theirs, member)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "DELETE"})
  void refusesAnUnknownMemberWithAdm6(String method, FoyerServer server) {
    var slug = createSpace(server);
    var members = "/api/admin/spaces/" + slug + "/members/";

    for (var id :
        List.of(UUID.randomUUID().toString(), "x".repeat(300), "%27%20or%20%271%27%3D%271")) {
      assertProblem(send(server, admin, method, members + id + "/sessions", null), 404, "ADM6");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "DELETE"})
  void refusesAnUnknownSpaceWithAdm3(String method, FoyerServer server) {
    var path = "/api/admin/spaces/t-" + hex(5) + "/members/" + UUID.randomUUID() + "/sessions";

    assertProblem(send(server, admin, method, path, null), 404, "ADM3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "DELETE"})
  void refusesACallWithoutTokenWithGen401(String method, FoyerServer server) {
    var slug = createSpace(server);
    var uid = uid();
    var browser = server.browser();
    signIn(browser, slug, uid);
    var member = memberId(server, slug, uid);

    var response = send(server, null, method, memberPath(slug, member) + "/sessions", null);

    assertProblem(response, 401, "GEN401");
    assertThat(me(browser, slug).statusCode()).isEqualTo(200);
  }

  @Test
  void endsOneSessionAndLeavesTheOthers(FoyerServer server) {
    var slug = createSpace(server);
    var uid = uid();
    var laptop = server.browser();
    var phone = server.browser();
    signIn(laptop, slug, uid);
    signIn(phone, slug, uid);
    var colleague = server.browser();
    signIn(colleague, slug, uid());
    var member = memberId(server, slug, uid);
    var listed = sessions(server, slug, member);
    var newest = listed.path(0).path("id").asText(); // the phone's
    var older = listed.path(1).path("id").asText();

    var ended =
        send(server, admin, "DELETE", memberPath(slug, member) + "/sessions/" + newest, null);

    assertThat(ended.statusCode()).as(describe(ended)).isEqualTo(204);
    assertProblem(me(phone, slug), 401, "SES1");
    assertThat(me(laptop, slug).statusCode()).as("the member's other session").isEqualTo(200);
    assertThat(me(colleague, slug).statusCode()).as("another member").isEqualTo(200);
    var left = sessions(server, slug, member);
    assertThat(left).hasSize(1);
    assertThat(left.path(0).path("id").asText()).isEqualTo(older);
    assertProblem(
        send(server, admin, "DELETE", memberPath(slug, member) + "/sessions/" + newest, null),
        404,
        "GEN404");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0123456789abcdef0123456789abcdef", "not-an-id", "ABCDEF"})
  void refusesASessionTheMemberDoesNotHaveWithGen404(String sessionId, FoyerServer server) {
    var slug = createSpace(server);
    var uid = uid();
    var browser = server.browser();
    signIn(browser, slug, uid);
    var colleague = server.browser();
    var colleagueUid = uid();
    signIn(colleague, slug, colleagueUid);
    var member = memberId(server, slug, uid);
    var theirs =
        sessions(server, slug, memberId(server, slug, colleagueUid)).path(0).path("id").asText();

    for (var id : List.of(sessionId, theirs)) {
      assertProblem(
          send(server, admin, "DELETE", memberPath(slug, member) + "/sessions/" + id, null),
          404,
          "GEN404");
    }
    assertThat(me(browser, slug).statusCode()).isEqualTo(200);
    assertThat(me(colleague, slug).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesOtherMethodsWithReq405(FoyerServer server) {
    var slug = createSpace(server);
    var uid = uid();
    var browser = server.browser();
    signIn(browser, slug, uid);
    var member = memberId(server, slug, uid);

    var response = send(server, admin, "POST", memberPath(slug, member) + "/sessions", "{}");

    assertProblem(response, 405, "REQ405");
    assertThat(me(browser, slug).statusCode()).isEqualTo(200);
  }

  // --- helpers --------------------------------------------------------------------------------

  /** Signs in through an unsigned URI Auth link and returns the session cookie's value. */
  private static String signIn(Browser browser, String slug, String uid) {
    var response = browser.get(uriAuth(slug, uid));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(302);
    var cookie =
        browser.cookies().stream()
            .filter(c -> c.getName().equals("foyer_" + slug))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no cookie foyer_" + slug));
    return cookie.getValue();
  }

  private static String memberId(FoyerServer server, String slug, String uid) {
    var found = reconcile(server, slug, uid);
    assertThat(found).as(found.toString()).hasSize(1);
    return found.path(0).path("id").asText();
  }

  private static HttpResponse<String> putStatus(
      FoyerServer server, String slug, String member, String status) {
    return send(
        server,
        admin,
        "PUT",
        memberPath(slug, member) + "/status",
        "{\"status\":\"" + status + "\"}");
  }

  private static JsonNode sessions(FoyerServer server, String slug, String member) {
    var response = send(server, admin, "GET", memberPath(slug, member) + "/sessions", null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    var body = Json.parse(response);
    assertThat(body.isArray()).as(describe(response)).isTrue();
    return body;
  }

  private static HttpResponse<String> me(Browser browser, String slug) {
    return browser.json().get("/api/me?account=" + slug);
  }

  private static HttpResponse<String> eventPage(Browser browser, String slug, String event) {
    return browser.get("/spaces/" + slug + "/events/" + event);
  }

  /** The embedded plugin: no cookies, the token in {@code X-Foyer-Session}. */
  private static Browser plugin(FoyerServer server, String token) {
    return server.browser().json().withHeader("X-Foyer-Session", token);
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
