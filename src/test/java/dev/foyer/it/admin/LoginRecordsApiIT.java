package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.find;
import static dev.foyer.it.support.AdminApi.memberPath;
import static dev.foyer.it.support.AdminApi.pages;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.AdminApi.signInMember;
import static dev.foyer.it.support.AdminApi.uriAuth;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.SsoSpace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/admin/spaces/{slug}/login-records}: sign-in attempts, newest first, filtered and a
 * page at a time; {@code .../hourly}: the same counted per hour for the console's chart.
 */
@ExtendWith(FoyerServer.class)
class LoginRecordsApiIT {
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  @Test
  void listsLoginRecordsNewestFirst(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);
    send(
        server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"DEACTIVATED\"}");
    server.browser().json().get(uriAuth(slug, uid));

    var all = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/login-records", null);
    var newest =
        send(server, admin, "GET", "/api/admin/spaces/" + slug + "/login-records?limit=1", null);

    assertThat(all.statusCode()).as(describe(all)).isEqualTo(200);
    var records = Json.parse(all);
    assertThat(records).hasSize(2);
    assertThat(records.path(0).path("accepted").asBoolean(true)).isFalse();
    assertThat(records.path(0).path("code").asText()).isEqualTo("MBR1");
    assertThat(records.path(1).path("accepted").asBoolean()).isTrue();
    assertThat(records.path(1).path("memberId").asText()).isEqualTo(member);
    assertThat(Json.parse(newest)).hasSize(1);
    assertThat(Json.parse(newest).path(0).path("id")).isEqualTo(records.path(0).path("id"));
  }

  @Test
  void recordsTheProviderAndFiltersByDoorProviderOutcomeAndCode(FoyerServer server) {
    var sso = SsoSpace.create(server);
    var slug = sso.slug;
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);
    send(
        server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"DEACTIVATED\"}");
    server.browser().json().get(uriAuth(slug, uid));
    var jwt = sso.signIn(server.browser().json(), "not-a-token");
    assertThat(jwt.statusCode()).as(describe(jwt)).isBetween(400, 499);
    var jwtCode = Json.parse(jwt).path("code").asText();

    var all = records(server, slug, "");
    assertThat(all).hasSize(3);
    assertThat(find(all, "code", jwtCode).path("door").asText()).isEqualTo("jwt-sso");
    assertThat(find(all, "code", jwtCode).path("provider").asText()).isEqualTo("jwt-sso");
    assertThat(find(all, "code", "MBR1").path("provider").asText()).isEqualTo("uri-auth");
    assertThat(find(all, "memberId", member).path("provider").asText()).isEqualTo("uri-auth");

    assertThat(codes(records(server, slug, "door=uri-auth"))).containsExactly("MBR1", "");
    assertThat(codes(records(server, slug, "door=jwt-sso"))).containsExactly(jwtCode);
    assertThat(codes(records(server, slug, "provider=uri-auth"))).containsExactly("MBR1", "");
    assertThat(codes(records(server, slug, "provider=corp"))).isEmpty();
    assertThat(codes(records(server, slug, "outcome=refused"))).containsExactly(jwtCode, "MBR1");
    assertThat(codes(records(server, slug, "outcome=accepted"))).containsExactly("");
    assertThat(codes(records(server, slug, "code=MBR1"))).containsExactly("MBR1");
    assertThat(codes(records(server, slug, "door=uri-auth&outcome=refused")))
        .containsExactly("MBR1");
    assertThat(codes(records(server, slug, "door=uri-auth&code=" + jwtCode))).isEmpty();
  }

  @Test
  void filtersByTime(FoyerServer server) {
    var slug = createSpace(server);
    var before = Instant.now().minusSeconds(1);
    signInMember(server, slug, "crm-" + hex(4));
    var after = Instant.now().plusSeconds(1);

    assertThat(records(server, slug, "from=" + before)).hasSize(1);
    assertThat(records(server, slug, "from=" + before + "&to=" + after)).hasSize(1);
    assertThat(records(server, slug, "from=" + after)).isEmpty();
    assertThat(records(server, slug, "to=" + before)).isEmpty();
    assertThat(records(server, slug, "from=" + before + "&to=" + before)).isEmpty();
  }

  @Test
  void pagesThroughEveryRecordOnceKeepingTheFilters(FoyerServer server) {
    var slug = createSpace(server);
    for (var i = 0; i < 5; i++) {
      // No givenName: refused (UAGN1) before any member exists, the cheapest attempt there is.
      server.browser().json().get("/auth/uri?account=" + slug + "&uid=crm-" + i);
    }
    signInMember(server, slug, "crm-" + hex(4));
    signInMember(server, slug, "crm-" + hex(4));

    var all = pages(server, admin, "/api/admin/spaces/" + slug + "/login-records?limit=3", 5);
    var refused =
        pages(
            server,
            admin,
            "/api/admin/spaces/" + slug + "/login-records?limit=2&outcome=refused",
            5);

    assertThat(all).hasSize(3);
    var ids = new ArrayList<String>();
    var times = new ArrayList<Instant>();
    all.forEach(
        page ->
            Json.parse(page)
                .forEach(
                    record -> {
                      ids.add(record.path("id").asText());
                      times.add(Instant.parse(record.path("at").asText()));
                    }));
    assertThat(ids).hasSize(7).doesNotHaveDuplicates();
    assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(refused).hasSize(3);
    var refusedCodes = new ArrayList<String>();
    refused.forEach(page -> refusedCodes.addAll(codes(Json.parse(page))));
    assertThat(refusedCodes).hasSize(5).containsOnly("UAGN1");
  }

  @Test
  void countsTheAttemptsOfEachHourByDoorAndCode(FoyerServer server) {
    var slug = createSpace(server);
    var other = createSpace(server);
    signInMember(server, other, "crm-" + hex(4));
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);
    signInMember(server, slug, uid);
    server.browser().json().get("/auth/uri?account=" + slug + "&uid=" + uid);
    send(
        server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"DEACTIVATED\"}");
    server.browser().json().get(uriAuth(slug, uid));

    var answer = send(server, admin, "GET", hourly(slug, "?hours=3"), null);
    var byDefault = send(server, admin, "GET", hourly(slug, ""), null);

    assertThat(answer.statusCode()).as(describe(answer)).isEqualTo(200);
    var chart = Json.parse(answer);
    var hours = chart.path("hours");
    assertThat(hours).hasSize(3);
    var starts = new ArrayList<Instant>();
    hours.forEach(hour -> starts.add(Instant.parse(hour.path("hour").asText())));
    assertThat(starts.get(0)).isEqualTo(Instant.parse(chart.path("from").asText()));
    assertThat(starts.get(1)).isEqualTo(starts.get(0).plus(Duration.ofHours(1)));
    assertThat(starts.get(2)).isEqualTo(starts.get(1).plus(Duration.ofHours(1)));
    assertThat(starts.get(2).plus(Duration.ofHours(1)))
        .isEqualTo(Instant.parse(chart.path("to").asText()))
        .isAfter(Instant.now());
    assertThat(starts.get(0).getEpochSecond() % 3600).isZero();
    // The attempts were made a moment ago: in the last hour, or the one before when the hour
    // turned meanwhile.
    assertThat(sum(hours, hour -> hour.path("accepted").asLong())).isEqualTo(2);
    assertThat(sum(hours, hour -> hour.path("refused").asLong())).isEqualTo(2);
    assertThat(sum(hours, hour -> hour.path("doors").path("uri-auth").path("accepted").asLong()))
        .isEqualTo(2);
    assertThat(sum(hours, hour -> hour.path("doors").path("uri-auth").path("refused").asLong()))
        .isEqualTo(2);
    assertThat(sum(hours, hour -> hour.path("codes").path("UAGN1").asLong())).isEqualTo(1);
    assertThat(sum(hours, hour -> hour.path("codes").path("MBR1").asLong())).isEqualTo(1);
    assertThat(byDefault.statusCode()).as(describe(byDefault)).isEqualTo(200);
    assertThat(Json.parse(byDefault).path("hours")).hasSize(72);
    assertThat(sum(Json.parse(byDefault).path("hours"), hour -> hour.path("accepted").asLong()))
        .isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "door=URI_AUTH",
        "door=uri%20auth",
        "provider=",
        "provider=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "outcome=maybe",
        "outcome=",
        "code=mbr1",
        "code=MBR-1",
        "from=yesterday",
        "from=2026-12-01",
        "to=2026-13-01T00:00:00Z",
        "from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
        "after=garbage",
        "after=",
        "limit=ten",
      })
  void refusesBadFiltersWithAdm1(String query, FoyerServer server) {
    var slug = createSpace(server);
    var path = "/api/admin/spaces/" + slug + "/login-records?" + query;

    assertProblem(send(server, admin, "GET", path, null), 400, "ADM1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "337", "-1", "ten", "", "1e2"})
  void refusesABadNumberOfHoursWithAdm1(String hours, FoyerServer server) {
    var slug = createSpace(server);

    assertProblem(send(server, admin, "GET", hourly(slug, "?hours=" + hours), null), 400, "ADM1");
  }

  @Test
  void acceptsTwoWeeksOfHours(FoyerServer server) {
    var slug = createSpace(server);

    var answer = send(server, admin, "GET", hourly(slug, "?hours=336"), null);

    assertThat(answer.statusCode()).as(describe(answer)).isEqualTo(200);
    assertThat(Json.parse(answer).path("hours")).hasSize(336);
  }

  @Test
  void refusesASpaceAdminOfAnotherSpace(FoyerServer server) {
    var slug = createSpace(server);
    var otherAdmin = server.token("--groups", "foyer-space-admin", "--space", createSpace(server));

    assertProblem(
        send(server, otherAdmin, "GET", "/api/admin/spaces/" + slug + "/login-records", null),
        403,
        "ADM7");
    assertProblem(send(server, otherAdmin, "GET", hourly(slug, ""), null), 403, "ADM7");
  }

  private static JsonNode records(FoyerServer server, String slug, String query) {
    var found =
        send(server, admin, "GET", "/api/admin/spaces/" + slug + "/login-records?" + query, null);
    assertThat(found.statusCode()).as(describe(found)).isEqualTo(200);
    return Json.parse(found);
  }

  /** Each record's code, newest first; "" for a sign-in. */
  private static List<String> codes(JsonNode records) {
    var codes = new ArrayList<String>();
    records.forEach(record -> codes.add(record.path("code").asText("")));
    return codes;
  }

  private static String hourly(String slug, String query) {
    return "/api/admin/spaces/" + slug + "/login-records/hourly" + query;
  }

  private static long sum(JsonNode hours, ToLongFunction<JsonNode> count) {
    var total = 0L;
    for (var hour : hours) {
      total += count.applyAsLong(hour);
    }
    return total;
  }
}
