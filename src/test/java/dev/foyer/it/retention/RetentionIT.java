package dev.foyer.it.retention;

import static dev.foyer.it.support.AdminApi.createEvent;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.memberPath;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.AdminApi.signInMember;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.Names;
import dev.foyer.it.support.SsoSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention on a Payara Micro of its own, on an empty database, with every period at one minute and
 * a run every second (README "Retention"). Two cohorts of sign-ins, half a minute apart: the first
 * ages out while the second is still young, and the run that deletes the last of the first cohort
 * comes after the second is complete. What the runs deleted must then be exactly the first cohort,
 * counted from the runs' log lines and seen through the admin API, and everything of the second
 * cohort must still be there and still work.
 */
@ExtendWith(FoyerServer.class)
class RetentionIT {
  private static final Duration PERIOD = Duration.ofSeconds(60);
  private static final Duration GAP = Duration.ofSeconds(30);
  private static final Pattern RUN =
      Pattern.compile(
          "Retention removed (\\d+) expired session\\(s\\), (\\d+) guest member\\(s\\),"
              + " (\\d+) login record\\(s\\) and (\\d+) used credential\\(s\\)");

  private static FoyerServer.Extra extra;
  private static FoyerServer server;

  @BeforeAll
  static void startWithPeriodsOfAMinute(FoyerServer shared) {
    extra =
        shared.startExtra(
            "retention",
            Map.of(
                "foyer.session.ttl", "PT60S",
                "foyer.retention.interval", "PT1S",
                "foyer.retention.sessions", "PT0S",
                "foyer.retention.guest-members", "PT60S",
                "foyer.retention.login-records", "PT60S"));
    server = extra.server();
  }

  @AfterAll
  static void stop() {
    if (extra != null) {
      extra.close();
    }
  }

  /** What the runs logged as removed, summed: sessions, guests, login records, credentials. */
  record Removed(int sessions, int guestMembers, int loginRecords, int usedCredentials) {
    boolean reached(Removed expected) {
      return sessions >= expected.sessions
          && guestMembers >= expected.guestMembers
          && loginRecords >= expected.loginRecords
          && usedCredentials >= expected.usedCredentials;
    }
  }

  @Test
  void deletesExactlyWhatAgedOutAndKeepsEverythingElse() throws InterruptedException {
    var slug = createSpace(server);
    var event = createEvent(server, slug, "Chat", "NICKNAME");
    var sso = SsoSpace.create(server);

    // The first cohort: two guests (one joined the event), a member with a uid (joined too), a
    // refused attempt, a JWT SSO member whose token expires within seconds.
    var oldGuestInEvent = guest(server.browser(), slug, event);
    var oldGuest = guest(server.browser(), slug, null);
    var oldMember = signInMember(server, slug, Names.uid(), event);
    refuse(slug);
    var shortLived = SsoSpace.claims(SsoSpace.newSub());
    shortLived.put("exp", (Long) shortLived.get("iat") + 5);
    var lastOfTheFirst = Instant.now();
    var oldSsoMember = sso.signInOk(shortLived);
    var firstDone = Instant.now();
    assertThat(member(slug, oldGuestInEvent).path("guest").asBoolean()).isTrue();
    assertThat(eventIds(member(slug, oldGuestInEvent))).containsExactly(event);
    var expected = new Removed(4, 2, 5, 1);

    Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstDone.plus(GAP)).toMillis()));

    // The second cohort, while the first is still within its minute.
    var youngStart = Instant.now();
    var youngBrowser = server.browser();
    var youngGuest = guest(youngBrowser, slug, event);
    refuse(slug);
    var youngToken = sso.token(SsoSpace.claims(SsoSpace.newSub()));
    var youngSignIn = sso.signIn(server.browser(), youngToken);
    assertThat(youngSignIn.statusCode()).as(describe(youngSignIn)).isEqualTo(302);
    assertThat(Instant.now())
        .as("the second cohort complete before the first ages out (machine too slow?)")
        .isBefore(lastOfTheFirst.plus(PERIOD));

    var removed = awaitRemoved(expected, youngStart.plus(PERIOD).minusSeconds(10));
    Thread.sleep(3000);

    assertThat(removed).isEqualTo(expected);
    assertThat(removed()).as("three more runs delete nothing more").isEqualTo(expected);
    assertProblem(adminGet(memberPath(slug, oldGuestInEvent)), 404, "ADM6");
    assertProblem(adminGet(memberPath(slug, oldGuest)), 404, "ADM6");
    assertThat(eventIds(member(slug, oldMember))).containsExactly(event);
    assertThat(sso.memberById(oldSsoMember).path("id").asText()).isEqualTo(oldSsoMember);
    assertThat(member(slug, youngGuest).path("guest").asBoolean()).isTrue();
    assertThat(eventIds(member(slug, youngGuest))).containsExactly(event);
    var me = youngBrowser.json().get("/api/me?account=" + slug);
    assertThat(me.statusCode()).as(describe(me)).isEqualTo(200);
    var kept = Json.parse(adminGet("/api/admin/spaces/" + slug + "/events/" + event));
    assertThat(kept.path("title").asText()).isEqualTo("Chat");
    var records = Json.parse(adminGet("/api/admin/spaces/" + slug + "/login-records"));
    assertThat(records).hasSize(2);
    assertThat(records.path(0).path("code").asText()).isEqualTo("UAEV2");
    assertThat(records.path(1).path("memberId").asText()).isEqualTo(youngGuest);
    assertThat(sso.loginRecords()).hasSize(1);
    var replay = sso.signIn(server.browser().json(), youngToken);
    assertProblem(replay, 401, "JWT11");
    assertThat(Instant.now())
        .as("checked before the second cohort ages out (machine too slow?)")
        .isBefore(youngStart.plus(PERIOD));
  }

  /** A guest: URI Auth without uid, optionally into an event; returns the new member's id. */
  private static String guest(Browser browser, String slug, String event) {
    var link =
        "/auth/uri?account=" + slug + "&givenName=Gus" + (event == null ? "" : "&eventid=" + event);
    var signIn = browser.get(link);
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    var me = browser.json().get("/api/me?account=" + slug);
    assertThat(me.statusCode()).as(describe(me)).isEqualTo(200);
    return Json.parse(me).path("member").path("id").asText();
  }

  /** An attempt refused after the account was found, so recorded in its login records. */
  private static void refuse(String slug) {
    var refused =
        server.browser().json().get("/auth/uri?account=" + slug + "&givenName=Gus&eventid=none");
    assertProblem(refused, 404, "UAEV2");
  }

  private static JsonNode member(String slug, String id) {
    var response = adminGet(memberPath(slug, id));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return Json.parse(response);
  }

  private static List<String> eventIds(JsonNode member) {
    var ids = new ArrayList<String>();
    member.path("events").forEach(join -> ids.add(join.path("eventId").asText()));
    return ids;
  }

  private static HttpResponse<String> adminGet(String path) {
    return send(server, server.adminToken(), "GET", path, null);
  }

  private static Removed awaitRemoved(Removed expected, Instant deadline)
      throws InterruptedException {
    var removed = removed();
    while (!removed.reached(expected) && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      removed = removed();
    }
    return removed;
  }

  private static Removed removed() {
    try {
      var log = Files.readString(server.log(), StandardCharsets.ISO_8859_1);
      var matcher = RUN.matcher(log);
      var sessions = 0;
      var guests = 0;
      var records = 0;
      var credentials = 0;
      while (matcher.find()) {
        sessions += Integer.parseInt(matcher.group(1));
        guests += Integer.parseInt(matcher.group(2));
        records += Integer.parseInt(matcher.group(3));
        credentials += Integer.parseInt(matcher.group(4));
      }
      return new Removed(sessions, guests, records, credentials);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
