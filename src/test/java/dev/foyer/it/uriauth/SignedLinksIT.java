package dev.foyer.it.uriauth;

import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.uid;
import static dev.foyer.it.support.Refusals.assertNoMember;
import static dev.foyer.it.support.Refusals.assertRefused;
import static dev.foyer.it.support.Refusals.describe;
import static dev.foyer.it.support.SignedLinks.encoded;
import static dev.foyer.it.support.SignedLinks.signature;
import static dev.foyer.it.support.SignedLinks.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.Refusals;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signed links (README "Signed links"), from the integrator's side: the test signs requests the way
 * the README tells integrators to, and sends them through each way in, a link ({@code GET
 * /auth/uri}), a form post ({@code POST /auth/uri}) and programmatic logon ({@code POST
 * /auth/programmatic}).
 */
@ExtendWith(FoyerServer.class)
class SignedLinksIT {

  /** The ways a signed request comes in; all three take the same fields and the same signature. */
  enum Via {
    LINK,
    FORM,
    PROGRAMMATIC;

    HttpResponse<String> send(Browser browser, Map<String, String> fields) {
      return switch (this) {
        case LINK -> browser.get("/auth/uri?" + encoded(fields));
        case FORM ->
            browser.send(
                browser
                    .request("/auth/uri")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString(encoded(fields))));
        case PROGRAMMATIC -> browser.postJson("/auth/programmatic", Json.write(fields));
      };
    }

    /** Programmatic logon answers JSON whatever the caller accepts; the others render pages too. */
    List<Boolean> audiences() {
      return this == PROGRAMMATIC ? List.of(false) : List.of(false, true);
    }
  }

  private final FoyerServer server;

  SignedLinksIT(FoyerServer server) {
    this.server = server;
  }

  // ---------------------------------------------------------------------------------------------
  // Accepted.

  @ParameterizedTest
  @EnumSource(Via.class)
  void signsInWithAValidSignature(Via via) {
    var space = SignedSpace.create(server, true, false);
    var event = space.createEvent();
    var uid = uid();
    // Raw values with a space and URL-special characters: the canonical form holds them as they
    // are, not URL-encoded.
    var fields = fields(space.slug(), uid, "sue+doe@example.com");
    fields.put("givenName", "Sue Ann");
    fields.put("familyName", "O'Doe & Co=1");
    fields.put("eventid", event);
    var browser = server.browser();

    var response = via.send(browser, signed(space.secret(), fields, now()));

    var target = "/spaces/" + space.slug() + "/events/" + event;
    var member = assertSignedIn(via, response, space.slug(), target, uid);
    assertThat(member.path("givenName").asText()).isEqualTo("Sue Ann");
    assertThat(member.path("familyName").asText()).isEqualTo("O'Doe & Co=1");
    assertThat(member.path("email").asText()).isEqualTo("sue+doe@example.com");
    var records = loginRecords(space.slug());
    assertThat(records)
        .as(records.toString())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.path("accepted").asBoolean()).isTrue();
              assertThat(record.path("memberId").asText()).isEqualTo(member.path("id").asText());
              assertThat(record.path("eventId").asText()).isEqualTo(event);
            });
  }

  /** The canonical form holds the raw UTF-8 text, which the link and the form carry as UTF-8. */
  @ParameterizedTest
  @EnumSource(Via.class)
  void signsNonAsciiValuesAsTheyAre(Via via) {
    var space = SignedSpace.create(server, true, false);
    var uid = uid();
    var fields = fields(space.slug(), uid, null);
    fields.put("givenName", "Zoë");
    fields.put("familyName", "Ørsted-李");

    var response = via.send(server.browser(), signed(space.secret(), fields, now()));

    var member = assertSignedIn(via, response, space.slug(), "/spaces/" + space.slug(), uid);
    assertThat(member.path("givenName").asText()).isEqualTo("Zoë");
    assertThat(member.path("familyName").asText()).isEqualTo("Ørsted-李");
  }

  /** Valid for 5 minutes from ts, and up to 60 s of the integrator's clock running ahead. */
  @ParameterizedTest(name = "ts = now {0} s")
  @ValueSource(longs = {-240, 30})
  void acceptsASignatureWithinItsValidity(long offsetSeconds) {
    var space = SignedSpace.create(server, true, false);
    var uid = uid();

    var response =
        Via.LINK.send(
            server.browser(),
            signed(space.secret(), fields(space.slug(), uid, null), now() + offsetSeconds));

    assertSignedIn(Via.LINK, response, space.slug(), "/spaces/" + space.slug(), uid);
  }

  // ---------------------------------------------------------------------------------------------
  // Refused: unsigned, badly signed, out of date.

  /** How to spoil a request: from the space and correctly signable fields, what gets sent. */
  record Spoiled(
      String description,
      String code,
      BiFunction<SignedSpace, Map<String, String>, Map<String, String>> fields) {
    @Override
    public String toString() {
      return description + " → " + code;
    }
  }

  static Stream<Spoiled> spoiledRequests() {
    return Stream.of(
        new Spoiled("unsigned", "UASIG1", (space, fields) -> fields),
        new Spoiled(
            "ts but no sig", "UASIG1", (space, fields) -> with(fields, "ts", Long.toString(now()))),
        new Spoiled(
            "a random signature",
            "UASIG2",
            (space, fields) -> with(with(fields, "ts", Long.toString(now())), "sig", hex(32))),
        new Spoiled(
            "givenName changed after signing",
            "UASIG2",
            (space, fields) -> with(signed(space.secret(), fields, now()), "givenName", "Eve")),
        new Spoiled(
            "uid changed after signing",
            "UASIG2",
            (space, fields) ->
                with(signed(space.secret(), fields, now()), "uid", fields.get("uid") + "-x")),
        new Spoiled(
            "a parameter added after signing",
            "UASIG2",
            (space, fields) -> with(signed(space.secret(), fields, now()), "familyName", "Doe")),
        new Spoiled(
            "a parameter removed after signing",
            "UASIG2",
            (space, fields) ->
                without(
                    signed(space.secret(), with(fields, "familyName", "Doe"), now()),
                    "familyName")),
        new Spoiled(
            "ts changed after signing",
            "UASIG2",
            (space, fields) -> {
              var signed = signed(space.secret(), fields, now());
              return with(signed, "ts", Long.toString(Long.parseLong(signed.get("ts")) - 1));
            }),
        new Spoiled(
            "signed with a wrong secret",
            "UASIG2",
            (space, fields) -> signed("not-" + space.secret(), fields, now())),
        new Spoiled(
            "signed with another space's secret",
            "UASIG2",
            (space, fields) -> signed(space.otherSpaceSecret(), fields, now())),
        new Spoiled(
            "signed without ts",
            "UASIG2",
            (space, fields) -> with(fields, "sig", signature(space.secret(), fields))),
        new Spoiled(
            "signed over URL-encoded values",
            "UASIG2",
            (space, fields) -> {
              var all = with(with(fields, "givenName", "Zoë Ann"), "ts", Long.toString(now()));
              var encoded = new TreeMap<String, String>();
              all.forEach(
                  (name, value) ->
                      encoded.put(name, URLEncoder.encode(value, StandardCharsets.UTF_8)));
              return with(all, "sig", signature(space.secret(), encoded));
            }),
        new Spoiled(
            "a truncated signature",
            "UASIG2",
            (space, fields) -> {
              var signed = signed(space.secret(), fields, now());
              return with(signed, "sig", signed.get("sig").substring(1));
            }),
        new Spoiled(
            "a signature that is not hex",
            "UASIG2",
            (space, fields) ->
                with(with(fields, "ts", Long.toString(now())), "sig", "z".repeat(64))),
        new Spoiled(
            "a ts that is not a number",
            "UASIG2",
            (space, fields) -> {
              var dated = with(fields, "ts", "yesterday");
              return with(dated, "sig", signature(space.secret(), dated));
            }),
        new Spoiled(
            "ts 10 minutes ago",
            "UASIG3",
            (space, fields) -> signed(space.secret(), fields, now() - 600)),
        new Spoiled(
            "ts 6 minutes ago",
            "UASIG3",
            (space, fields) -> signed(space.secret(), fields, now() - 360)),
        new Spoiled(
            "ts 10 minutes ahead",
            "UASIG3",
            (space, fields) -> signed(space.secret(), fields, now() + 600)),
        new Spoiled(
            "ts 2 minutes ahead",
            "UASIG3",
            (space, fields) -> signed(space.secret(), fields, now() + 120)));
  }

  static Stream<Arguments> spoiledRequestsViaEveryDoor() {
    return Stream.of(Via.values())
        .flatMap(via -> spoiledRequests().map(spoiled -> Arguments.of(via, spoiled)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("spoiledRequestsViaEveryDoor")
  void refusesUnsignedBadlySignedAndOutdatedRequests(Via via, Spoiled spoiled) {
    var space = SignedSpace.create(server, true, false);
    var uids = new ArrayList<String>();
    for (var asBrowser : via.audiences()) {
      var uid = uid();
      uids.add(uid);
      var browser = asBrowser ? server.browser() : server.browser().json();

      var response =
          via.send(browser, spoiled.fields().apply(space, fields(space.slug(), uid, null)));

      assertRefused(response, browser, asBrowser, spoiled.code(), 401);
    }
    assertNoMember(server, space.slug(), uids);
    assertOnlyRefusals(space.slug(), via, spoiled.code(), uids.size());
  }

  // ---------------------------------------------------------------------------------------------
  // Once only.

  @ParameterizedTest
  @EnumSource(Via.class)
  void refusesTheSecondUseOfASignedRequestWithUASIG4(Via via) {
    var space = SignedSpace.create(server, true, false);
    var uid = uid();
    var request = signed(space.secret(), fields(space.slug(), uid, null), now());

    var first = via.send(server.browser(), request);
    var replays = new ArrayList<HttpResponse<String>>();
    for (var asBrowser : via.audiences()) {
      var browser = asBrowser ? server.browser() : server.browser().json();
      var replay = via.send(browser, request);
      assertRefused(replay, browser, asBrowser, "UASIG4", 401);
      replays.add(replay);
    }

    var member = assertSignedIn(via, first, space.slug(), "/spaces/" + space.slug(), uid);
    var records = loginRecords(space.slug());
    assertThat(records).as(records.toString()).hasSize(1 + replays.size());
    assertThat(records)
        .filteredOn(record -> record.path("accepted").asBoolean())
        .singleElement()
        .satisfies(
            record ->
                assertThat(record.path("memberId").asText()).isEqualTo(member.path("id").asText()));
    assertThat(records)
        .filteredOn(record -> !record.path("accepted").asBoolean())
        .hasSize(replays.size())
        .allSatisfy(record -> assertThat(record.path("code").asText()).isEqualTo("UASIG4"));
  }

  @Test
  void refusesASignedLinkReplayedThroughAnotherDoorWithUASIG4() {
    var space = SignedSpace.create(server, true, false);
    var uid = uid();
    var request = signed(space.secret(), fields(space.slug(), uid, null), now());

    var first = Via.LINK.send(server.browser(), request);
    assertSignedIn(Via.LINK, first, space.slug(), "/spaces/" + space.slug(), uid);

    for (var via : List.of(Via.FORM, Via.PROGRAMMATIC)) {
      var browser = server.browser().json();
      assertRefused(via.send(browser, request), browser, false, "UASIG4", 401);
    }
  }

  /**
   * The JWT replay fault, checked here too: the replay guard keys on the 32 bytes the hex signature
   * stands for, so the other spellings of one signature (upper or mixed case, escaped, padded with
   * spaces, under an escaped name) are the same use, through every way in.
   */
  @Test
  void refusesEveryOtherSpellingOfAUsedSignatureWithUASIG4() {
    var space = SignedSpace.create(server, true, false);
    var uid = uid();
    var request = signed(space.secret(), fields(space.slug(), uid, null), now());
    var sig = request.get("sig");
    var unsigned = without(request, "sig");
    var escapedSig = sig.chars().mapToObj(c -> "%%%02X".formatted(c)).collect(Collectors.joining());

    var first = Via.LINK.send(server.browser(), request);
    assertSignedIn(Via.LINK, first, space.slug(), "/spaces/" + space.slug(), uid);

    var respelled =
        List.of(
            with(unsigned, "sig", sig.toUpperCase(Locale.ROOT)),
            with(
                unsigned, "sig", sig.substring(0, 32).toUpperCase(Locale.ROOT) + sig.substring(32)),
            with(unsigned, "sig", " " + sig + " "));
    var replays = new ArrayList<HttpResponse<String>>();
    for (var via : Via.values()) {
      for (var fields : respelled) {
        var browser = server.browser().json();
        var replay = via.send(browser, fields);
        assertRefused(replay, browser, false, "UASIG4", 401);
        replays.add(replay);
      }
    }
    for (var query :
        List.of(
            encoded(unsigned) + "&sig=" + escapedSig,
            encoded(unsigned) + "&%73%69%67=" + sig,
            encoded(unsigned) + "&sig=" + sig.toUpperCase(Locale.ROOT))) {
      var browser = server.browser().json();
      var replay = browser.get("/auth/uri?" + query);
      assertRefused(replay, browser, false, "UASIG4", 401);
      replays.add(replay);
    }

    assertThat(reconcile(server, space.slug(), uid)).hasSize(1);
    var records = loginRecords(space.slug());
    assertThat(records).as(records.toString()).hasSize(1 + replays.size());
    assertThat(records).filteredOn(record -> record.path("accepted").asBoolean()).hasSize(1);
  }

  /** Copies of one signed request sent at the same moment, in several spellings: one signs in. */
  @Test
  void admitsExactlyOneOfParallelUsesOfASignedRequest() throws Exception {
    var space = SignedSpace.create(server, true, false);
    var uid = uid();
    var request = signed(space.secret(), fields(space.slug(), uid, null), now());
    var upper = with(request, "sig", request.get("sig").toUpperCase(Locale.ROOT));
    var sends = new ArrayList<Map.Entry<Via, Map<String, String>>>();
    for (int i = 0; i < 12; i++) {
      sends.add(Map.entry(Via.values()[i % 3], i % 2 == 0 ? request : upper));
    }
    var pool = Executors.newFixedThreadPool(sends.size());
    var responses = new ArrayList<HttpResponse<String>>();
    try {
      var start = new CountDownLatch(1);
      var futures = new ArrayList<Future<HttpResponse<String>>>();
      for (var send : sends) {
        futures.add(
            pool.submit(
                () -> {
                  var browser = server.browser().json();
                  start.await();
                  return send.getKey().send(browser, send.getValue());
                }));
      }
      start.countDown();
      for (var future : futures) {
        responses.add(future.get(2, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(responses)
        .as(responses.stream().map(Refusals::describe).toList().toString())
        .filteredOn(response -> response.statusCode() == 302 || response.statusCode() == 200)
        .hasSize(1);
    assertThat(responses)
        .filteredOn(response -> response.statusCode() != 302 && response.statusCode() != 200)
        .hasSize(sends.size() - 1)
        .allSatisfy(
            response -> {
              var code = Json.parse(response).path("code").asText();
              assertThat(code).as(describe(response)).isIn("UASIG4", "REQ409");
              assertThat(response.statusCode())
                  .as(describe(response))
                  .isEqualTo(code.equals("UASIG4") ? 401 : 409);
              assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
            });
    assertThat(reconcile(server, space.slug(), uid)).hasSize(1);
    var records = loginRecords(space.slug());
    assertThat(records).as(records.toString()).hasSize(sends.size());
    assertThat(records).filteredOn(record -> record.path("accepted").asBoolean()).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Secret rotation.

  @ParameterizedTest
  @EnumSource(Via.class)
  void acceptsBothTheNewAndThePreviousSecretAfterARotation(Via via) {
    var space = SignedSpace.create(server, true, false);
    var previous = space.secret();

    var rotated = space.rotate();

    assertThat(rotated.path("signingSecret").asText()).isNotBlank().isNotEqualTo(previous);
    assertThat(Instant.parse(rotated.path("previousSecretValidUntil").asText()))
        .isAfter(Instant.now().plus(Duration.ofHours(23)));
    var current = rotated.path("signingSecret").asText();
    var newUid = uid();
    var previousUid = uid();
    var withNew =
        via.send(server.browser(), signed(current, fields(space.slug(), newUid, null), now()));
    var withPrevious =
        via.send(
            server.browser(), signed(previous, fields(space.slug(), previousUid, null), now()));
    var browser = server.browser().json();
    var withOther =
        via.send(browser, signed("other-" + current, fields(space.slug(), uid(), null), now()));

    assertSignedIn(via, withNew, space.slug(), "/spaces/" + space.slug(), newUid);
    assertSignedIn(via, withPrevious, space.slug(), "/spaces/" + space.slug(), previousUid);
    assertRefused(withOther, browser, false, "UASIG2", 401);
  }

  /** Only the one previous secret overlaps: two rotations later the first secret is refused. */
  @Test
  void refusesTheSecretOfTwoRotationsAgo() {
    var space = SignedSpace.create(server, true, false);
    var first = space.secret();
    var second = space.rotate().path("signingSecret").asText();
    var third = space.rotate().path("signingSecret").asText();
    var browser = server.browser().json();

    var firstUid = uid();
    var secondUid = uid();
    var thirdUid = uid();

    var withFirst =
        Via.LINK.send(browser, signed(first, fields(space.slug(), firstUid, null), now()));
    var withSecond =
        Via.LINK.send(
            server.browser(), signed(second, fields(space.slug(), secondUid, null), now()));
    var withThird =
        Via.LINK.send(server.browser(), signed(third, fields(space.slug(), thirdUid, null), now()));

    assertRefused(withFirst, browser, false, "UASIG2", 401);
    assertNoMember(server, space.slug(), List.of(firstUid));
    assertSignedIn(Via.LINK, withSecond, space.slug(), "/spaces/" + space.slug(), secondUid);
    assertSignedIn(Via.LINK, withThird, space.slug(), "/spaces/" + space.slug(), thirdUid);
  }

  // ---------------------------------------------------------------------------------------------
  // Linking by email.

  @ParameterizedTest
  @EnumSource(Via.class)
  void linksASignedSignInToTheMemberWithTheSameEmailWhenTheSpaceLinksByEmail(Via via) {
    var space = SignedSpace.create(server, true, true);
    var email = "sue-" + hex(4) + "@example.com";
    var crmUid = uid();
    var intranetUid = uid();

    var first =
        via.send(
            server.browser(), signed(space.secret(), fields(space.slug(), crmUid, email), now()));
    var existing = assertSignedIn(via, first, space.slug(), "/spaces/" + space.slug(), crmUid);
    var second =
        via.send(
            server.browser(),
            signed(space.secret(), fields(space.slug(), intranetUid, email), now()));
    var linked = assertSignedIn(via, second, space.slug(), "/spaces/" + space.slug(), intranetUid);

    assertThat(linked.path("id").asText()).isEqualTo(existing.path("id").asText());
    var byCrmUid = reconcile(server, space.slug(), crmUid);
    assertThat(byCrmUid)
        .as(byCrmUid.toString())
        .singleElement()
        .satisfies(
            member -> {
              assertThat(member.path("id").asText()).isEqualTo(existing.path("id").asText());
              assertThat(member.path("identities").findValuesAsText("externalId"))
                  .containsExactlyInAnyOrder(crmUid, intranetUid);
            });
  }

  /** README: "With a uid, the name and email sent replace the stored ones at each sign-in". */
  @Test
  void takesTheNameSentWhenASignedSignInLinksByEmail() {
    var space = SignedSpace.create(server, true, true);
    var email = "sue-" + hex(4) + "@example.com";
    var crmUid = uid();
    var intranetUid = uid();
    assertSignedIn(
        Via.LINK,
        Via.LINK.send(
            server.browser(), signed(space.secret(), fields(space.slug(), crmUid, email), now())),
        space.slug(),
        "/spaces/" + space.slug(),
        crmUid);

    var second =
        Via.LINK.send(
            server.browser(),
            signed(
                space.secret(),
                with(
                    with(fields(space.slug(), intranetUid, email), "givenName", "Susan"),
                    "familyName",
                    "Doe"),
                now()));

    var linked =
        assertSignedIn(Via.LINK, second, space.slug(), "/spaces/" + space.slug(), intranetUid);
    assertThat(linked.path("identities").findValuesAsText("externalId"))
        .containsExactlyInAnyOrder(crmUid, intranetUid);
    assertThat(linked.path("givenName").asText()).isEqualTo("Susan");
    assertThat(linked.path("nickname").asText()).isEqualTo("Susan");
    assertThat(linked.path("familyName").asText()).isEqualTo("Doe");
  }

  /**
   * README: "Unsigned links never link to an existing member by email", even in a space that links
   * by email and does not require signatures; a signed request there does link.
   */
  @ParameterizedTest
  @EnumSource(Via.class)
  void neverLinksAnUnsignedSignInByEmail(Via via) {
    var space = SignedSpace.create(server, false, true);
    var email = "sue-" + hex(4) + "@example.com";
    var signedUid = uid();
    var alsoSignedUid = uid();
    var unsignedUid = uid();

    var existing =
        assertSignedIn(
            via,
            via.send(
                server.browser(),
                signed(space.secret(), fields(space.slug(), signedUid, email), now())),
            space.slug(),
            "/spaces/" + space.slug(),
            signedUid);
    var alsoSigned =
        assertSignedIn(
            via,
            via.send(
                server.browser(),
                signed(space.secret(), fields(space.slug(), alsoSignedUid, email), now())),
            space.slug(),
            "/spaces/" + space.slug(),
            alsoSignedUid);
    var unsigned =
        assertSignedIn(
            via,
            via.send(server.browser(), fields(space.slug(), unsignedUid, email)),
            space.slug(),
            "/spaces/" + space.slug(),
            unsignedUid);

    assertThat(alsoSigned.path("id").asText()).isEqualTo(existing.path("id").asText());
    assertThat(unsigned.path("id").asText()).isNotEqualTo(existing.path("id").asText());
    var byUnsignedUid = reconcile(server, space.slug(), unsignedUid);
    assertThat(byUnsignedUid)
        .as(byUnsignedUid.toString())
        .singleElement()
        .satisfies(
            member -> {
              assertThat(member.path("email").asText()).isEqualTo(email);
              assertThat(member.path("identities").findValuesAsText("externalId"))
                  .containsExactly(unsignedUid);
            });
    var bySignedUid = reconcile(server, space.slug(), signedUid);
    assertThat(bySignedUid.get(0).path("identities").findValuesAsText("externalId"))
        .containsExactlyInAnyOrder(signedUid, alsoSignedUid);
  }

  // ---------------------------------------------------------------------------------------------
  // The integrator's side, per README "Signed links" (the signing itself is in
  // support.SignedLinks).

  private static Map<String, String> fields(String slug, String uid, String email) {
    var fields = new LinkedHashMap<String, String>();
    fields.put("account", slug);
    fields.put("givenName", "Sue");
    fields.put("uid", uid);
    if (email != null) {
      fields.put("email", email);
    }
    return fields;
  }

  private static Map<String, String> with(Map<String, String> fields, String name, String value) {
    var copy = new LinkedHashMap<>(fields);
    copy.put(name, value);
    return copy;
  }

  private static Map<String, String> without(Map<String, String> fields, String name) {
    var copy = new LinkedHashMap<>(fields);
    copy.remove(name);
    return copy;
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  // ---------------------------------------------------------------------------------------------
  // Assertions and the admin API.

  /**
   * A sign-in: a 302 to {@code target} on this server (or, programmatic logon, 200 naming it) with
   * the space's session cookie, for the member the reconciliation API finds by {@code uid}, which
   * this returns.
   */
  private JsonNode assertSignedIn(
      Via via, HttpResponse<String> response, String slug, String target, String uid) {
    var what = describe(response);
    if (via == Via.PROGRAMMATIC) {
      assertThat(response.statusCode()).as(what).isEqualTo(200);
      var body = Json.parse(response);
      assertThat(body.path("redirect").asText()).as(what).isEqualTo(target);
      assertThat(body.path("session").path("token").asText()).as(what).isNotBlank();
    } else {
      assertThat(response.statusCode()).as(what).isEqualTo(302);
      var location =
          response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
      assertThat(location.getHost()).as(what).isEqualTo(server.baseUri().getHost());
      assertThat(location.getPort()).as(what).isEqualTo(server.baseUri().getPort());
      assertThat(location.getRawPath()).as(what).isEqualTo(target);
    }
    assertThat(response.headers().allValues("Set-Cookie"))
        .as(what)
        .anySatisfy(cookie -> assertThat(cookie).startsWith("foyer_" + slug + "="));
    var members = reconcile(server, slug, uid);
    assertThat(members).as("members with uid %s: %s", uid, members).hasSize(1);
    if (via == Via.PROGRAMMATIC) {
      assertThat(Json.parse(response).path("member").path("id").asText())
          .isEqualTo(members.get(0).path("id").asText());
    }
    return members.get(0);
  }

  private void assertOnlyRefusals(String slug, Via via, String code, int count) {
    var records = loginRecords(slug);
    var door = via == Via.PROGRAMMATIC ? "programmatic-logon" : "uri-auth";
    assertThat(records)
        .as("login records of %s: %s", slug, records)
        .hasSize(count)
        .allSatisfy(
            record -> {
              assertThat(record.path("accepted").asBoolean(true)).isFalse();
              assertThat(record.path("code").asText()).isEqualTo(code);
              assertThat(record.path("door").asText()).isEqualTo(door);
              assertThat(record.hasNonNull("memberId")).isFalse();
            });
  }

  private JsonNode loginRecords(String slug) {
    var response =
        server
            .browser()
            .json()
            .bearer(server.adminToken())
            .get("/api/admin/spaces/" + slug + "/login-records");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response);
  }

  /** A fresh space and its current signing secret. */
  static final class SignedSpace {
    private final FoyerServer server;
    private final String slug;
    private String secret;

    private SignedSpace(FoyerServer server, String slug, String secret) {
      this.server = server;
      this.slug = slug;
      this.secret = secret;
    }

    static SignedSpace create(
        FoyerServer server, boolean signedLinksRequired, boolean linkByEmail) {
      var slug = "t-" + hex(8);
      var body =
          Json.object()
              .put("slug", slug)
              .put("name", "Signed " + slug)
              .put("signedLinksRequired", signedLinksRequired)
              .put("linkByEmail", linkByEmail);
      var response =
          server
              .browser()
              .bearer(server.adminToken())
              .postJson("/api/admin/spaces", Json.write(body));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      var created = Json.parse(response);
      assertThat(created.path("signedLinksRequired").asBoolean()).isEqualTo(signedLinksRequired);
      assertThat(created.path("linkByEmail").asBoolean()).isEqualTo(linkByEmail);
      var secret = created.path("signingSecret").asText();
      assertThat(secret).as(response.body()).isNotBlank();
      return new SignedSpace(server, slug, secret);
    }

    String slug() {
      return slug;
    }

    String secret() {
      return secret;
    }

    /** Rotates the secret; the answer is the space with its new secret. */
    JsonNode rotate() {
      var response =
          server
              .browser()
              .bearer(server.adminToken())
              .postJson("/api/admin/spaces/" + slug + "/signing-secret", "");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      var space = Json.parse(response);
      secret = space.path("signingSecret").asText();
      return space;
    }

    /** The secret of another space, made for the purpose. */
    String otherSpaceSecret() {
      return create(server, true, false).secret();
    }

    String createEvent() {
      var body = Json.object().put("title", "Welcome");
      body.putArray("admittedLevels").add("NICKNAME");
      var response =
          server
              .browser()
              .bearer(server.adminToken())
              .postJson("/api/admin/spaces/" + slug + "/events", Json.write(body));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return Json.parse(response).path("id").asText();
    }
  }
}
