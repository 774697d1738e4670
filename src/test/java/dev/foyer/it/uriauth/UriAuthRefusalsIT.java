package dev.foyer.it.uriauth;

import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.uid;
import static dev.foyer.it.support.Refusals.assertNoMember;
import static dev.foyer.it.support.Refusals.assertRefused;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.AdminApi;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal of the URI Auth door (README "Error codes", issue 2 "Every refusal, tested"). Each
 * refused attempt must answer its code and status (problem+json for API callers, an HTML page for
 * browsers), never redirect, set no cookie, write no member (each attempt carries a fresh {@code
 * uid}, which the reconciliation API must not know afterwards) and leave exactly one refused login
 * record with its code in the space's records.
 */
@ExtendWith(FoyerServer.class)
class UriAuthRefusalsIT {
  private static final String FORM = "application/x-www-form-urlencoded";

  private final FoyerServer server;

  UriAuthRefusalsIT(FoyerServer server) {
    this.server = server;
  }

  // ---------------------------------------------------------------------------------------------
  // Parameter refusals: the same on GET (query) and POST (form), for browsers and API callers.

  static Stream<Refusal> parameterRefusals() {
    var tooLong = "x".repeat(256);
    return Stream.of(
        refusal(
            "givenName missing",
            "UAGN1",
            400,
            (space, uid) -> space.params(uid).without("givenName")),
        refusal(
            "givenName empty",
            "UAGN1",
            400,
            (space, uid) -> space.params(uid).with("givenName", "")),
        refusal(
            "givenName blank",
            "UAGN1",
            400,
            (space, uid) -> space.params(uid).with("givenName", "   ")),
        refusal(
            "givenName of 256 characters",
            "UALEN1",
            400,
            (space, uid) -> space.params(uid).with("givenName", tooLong)),
        refusal(
            "familyName of 256 characters",
            "UALEN1",
            400,
            (space, uid) -> space.params(uid).with("familyName", tooLong)),
        refusal(
            "uid of 256 characters",
            "UALEN1",
            400,
            (space, uid) ->
                space.params(uid).with("uid", uid + "-" + "u".repeat(255 - uid.length()))),
        refusal(
            "email of 256 characters",
            "UALEN1",
            400,
            (space, uid) -> space.params(uid).with("email", "a".repeat(244) + "@example.com")),
        refusal(
            "eventid of 256 characters",
            "UALEN1",
            400,
            (space, uid) -> space.params(uid).with("eventid", "e".repeat(256))),
        refusal(
            "an ignored parameter of 256 characters",
            "UALEN1",
            400,
            (space, uid) -> space.params(uid).with("note", tooLong)),
        refusal(
            "a parameter name of 256 characters",
            "UALEN1",
            400,
            (space, uid) -> space.params(uid).with("n".repeat(256), "1")),
        refusal(
            "givenName of 256 non-ASCII characters",
            "UALEN1",
            400,
            (space, uid) -> space.params(uid).with("givenName", "é".repeat(256))),
        refusal(
            "email without @",
            "UAMAIL1",
            400,
            (space, uid) -> space.params(uid).with("email", "sue.example.com")),
        refusal(
            "email without domain",
            "UAMAIL1",
            400,
            (space, uid) -> space.params(uid).with("email", "sue@")),
        refusal(
            "email without local part",
            "UAMAIL1",
            400,
            (space, uid) -> space.params(uid).with("email", "@example.com")),
        refusal(
            "email with a space",
            "UAMAIL1",
            400,
            (space, uid) -> space.params(uid).with("email", "sue doe@example.com")),
        refusal(
            "email with two @",
            "UAMAIL1",
            400,
            (space, uid) -> space.params(uid).with("email", "sue@doe@example.com")),
        refusal(
            "email with an empty domain label",
            "UAMAIL1",
            400,
            (space, uid) -> space.params(uid).with("email", "sue@example..com")),
        refusal(
            "two emails",
            "UAMAIL1",
            400,
            (space, uid) -> space.params(uid).with("email", "sue@example.com,eve@evil.example")),
        refusal(
            "email with a display name",
            "UAMAIL1",
            400,
            (space, uid) -> space.params(uid).with("email", "Sue <sue@example.com>")),
        refusal(
            "NUL (%00) in givenName",
            "UACTL1", 400, (space, uid) -> space.params(uid).with("givenName", "Sue\u0000")),
        refusal(
            "line feed (%0A) in givenName",
            "UACTL1", 400, (space, uid) -> space.params(uid).with("givenName", "Sue\nEve")),
        refusal(
            "DEL (%7F) in givenName",
            "UACTL1", 400, (space, uid) -> space.params(uid).with("givenName", "Sue\u007F")),
        refusal(
            "right-to-left override U+202E in givenName",
            "UACTL1",
            400,
            (space, uid) -> space.params(uid).with("givenName", "\u202Eeus")),
        refusal(
            "carriage return in familyName",
            "UACTL1",
            400,
            (space, uid) -> space.params(uid).with("familyName", "Doe\r")),
        refusal(
            "tab in uid",
            "UACTL1",
            400,
            (space, uid) -> space.params(uid).with("uid", uid + "\t1")),
        refusal(
            "line feed (%0A) in email",
            "UACTL1", 400, (space, uid) -> space.params(uid).with("email", "sue@example.com\n")),
        refusal(
            "C1 control U+0085 in familyName",
            "UACTL1",
            400,
            (space, uid) -> space.params(uid).with("familyName", "Doe\u0085")),
        refusal(
            "bidi isolate U+2066 in givenName",
            "UACTL1",
            400,
            (space, uid) -> space.params(uid).with("givenName", "\u2066Sue")),
        refusal(
            "control character in an ignored parameter",
            "UACTL1",
            400,
            (space, uid) -> space.params(uid).with("note", "a\u0001b")),
        refusal(
            "eventid unknown",
            "UAEV2",
            404,
            (space, uid) -> space.params(uid).with("eventid", "no-such-" + hex(6))),
        refusal(
            "eventid of another space's event, answered like an unknown one",
            "UAEV2",
            404,
            (space, uid) -> space.params(uid).with("eventid", space.otherSpaceEvent())),
        refusal(
            "eventid of an event that does not admit NICKNAME",
            "UAEV4",
            403,
            (space, uid) -> space.params(uid).with("eventid", space.eventWithoutNickname())),
        refusal(
            "eventid ../x",
            "UAEV1",
            400,
            (space, uid) -> space.params(uid).with("eventid", "../x")),
        refusal(
            "eventid /x", "UAEV1", 400, (space, uid) -> space.params(uid).with("eventid", "/x")),
        refusal(
            "eventid https://evil.example",
            "UAEV1",
            400,
            (space, uid) -> space.params(uid).with("eventid", "https://evil.example")),
        refusal(
            "eventid %2F%2Fevil",
            "UAEV1", 400, (space, uid) -> space.params(uid).with("eventid", "//evil")),
        refusal(
            "eventid %252F%252Fevil (double-encoded)",
            "UAEV1", 400, (space, uid) -> space.params(uid).with("eventid", "%2F%2Fevil")),
        refusal(
            "eventid of a real event with a path after it",
            "UAEV1",
            400,
            (space, uid) -> space.params(uid).with("eventid", space.event() + "/../../evil")),
        refusal(
            "eventid with a backslash",
            "UAEV1",
            400,
            (space, uid) -> space.params(uid).with("eventid", "\\\\evil.example")),
        refusal(
            "eventid with a query",
            "UAEV1",
            400,
            (space, uid) ->
                space.params(uid).with("eventid", space.event() + "?next=https://evil.example")),
        refusal(
            "account given twice",
            "UADUP1",
            400,
            (space, uid) -> space.params(uid).add("account", space.slug())),
        refusal(
            "givenName given twice",
            "UADUP1",
            400,
            (space, uid) -> space.params(uid).add("givenName", "Eve")),
        refusal(
            "uid given twice",
            "UADUP1",
            400,
            (space, uid) -> space.params(uid).add("uid", uid + "-2")),
        refusal(
            "uid given twice, once empty",
            "UADUP1",
            400,
            (space, uid) -> space.params(uid).add("uid", "")),
        refusal(
            "eventid given twice",
            "UADUP1",
            400,
            (space, uid) ->
                space.params(uid).with("eventid", space.event()).add("eventid", space.event())),
        refusal(
            "an ignored parameter given twice",
            "UADUP1",
            400,
            (space, uid) -> space.params(uid).add("note", "1").add("note", "2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parameterRefusals")
  void refusesBadParametersOnGetAndPostWithTheirCodeAndWritesOnlyALoginRecord(Refusal refusal) {
    var space = TestSpace.create(server);
    var uids = new ArrayList<String>();
    for (var method : List.of("GET", "POST")) {
      for (var asBrowser : List.of(false, true)) {
        var uid = uid();
        uids.add(uid);
        var params = refusal.params().apply(space, uid);
        var browser = asBrowser ? server.browser() : server.browser().json();
        var response =
            method.equals("GET") ? get(browser, params) : postForm(browser, "/auth/uri", params);
        assertRefused(response, browser, asBrowser, refusal.code(), refusal.status());
      }
    }
    assertNoMember(server, space.slug(), uids);
    assertOnlyRefusals(space.slug(), "uri-auth", refusal.code(), 4);
  }

  // ---------------------------------------------------------------------------------------------
  // The account.

  static Stream<Arguments> missingAccounts() {
    return Stream.of(
        Arguments.of("account missing", null),
        Arguments.of("account empty", ""),
        Arguments.of("account blank", "   "));
  }

  /** Such an attempt names no space, so no space's records or members can show it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("missingAccounts")
  void refusesMissingOrEmptyAccountWithUAACCT1(String description, String account) {
    for (var method : List.of("GET", "POST")) {
      for (var asBrowser : List.of(false, true)) {
        var params = new Params().with("givenName", "Sue").with("uid", uid());
        if (account != null) {
          params.with("account", account);
        }
        var browser = asBrowser ? server.browser() : server.browser().json();
        var response =
            method.equals("GET") ? get(browser, params) : postForm(browser, "/auth/uri", params);
        assertRefused(response, browser, asBrowser, "UAACCT1", 400);
      }
    }
  }

  /**
   * Login records keep the account as sent, so the refusals of an account that does not exist yet
   * show in its records once it is created; they must be there, and no member with their uids.
   */
  @Test
  void refusesUnknownAccountWithUAACCT2AndRecordsTheAttemptUnderTheAccountSent() {
    var slug = newSlug();
    var uids = new ArrayList<String>();
    for (var method : List.of("GET", "POST")) {
      for (var asBrowser : List.of(false, true)) {
        var uid = uid();
        uids.add(uid);
        var params = new Params().with("account", slug).with("givenName", "Sue").with("uid", uid);
        var browser = asBrowser ? server.browser() : server.browser().json();
        var response =
            method.equals("GET") ? get(browser, params) : postForm(browser, "/auth/uri", params);
        assertRefused(response, browser, asBrowser, "UAACCT2", 404);
      }
    }
    AdminApi.createSpace(server, Map.of("slug", slug));
    assertNoMember(server, slug, uids);
    assertOnlyRefusals(slug, "uri-auth", "UAACCT2", 4);
  }

  // ---------------------------------------------------------------------------------------------
  // Lengths that are allowed.

  @Test
  void acceptsValuesOfExactly255Characters() {
    var space = TestSpace.create(server);
    var uid = uid();
    var longUid = uid + "-" + "u".repeat(255 - uid.length() - 1);
    var givenName = "G" + "i".repeat(254);
    var familyName = "D" + "o".repeat(254);
    // 64 + 1 + 190: a valid address of 255 characters, every label at most 63.
    var email =
        "s".repeat(64)
            + "@"
            + "a".repeat(63)
            + "."
            + "b".repeat(63)
            + "."
            + "c".repeat(58)
            + ".com";
    var params =
        new Params()
            .with("account", space.slug())
            .with("givenName", givenName)
            .with("familyName", familyName)
            .with("email", email)
            .with("uid", longUid)
            .with("n".repeat(255), "v".repeat(255));
    assertThat(longUid).hasSize(255);
    assertThat(email).hasSize(255);

    var response = get(server.browser(), params);

    assertSignedInTo(response, space.slug(), "/spaces/" + space.slug());
    var members = reconcile(server, space.slug(), longUid);
    assertThat(members).as(members.toString()).hasSize(1);
    assertThat(members.get(0).path("givenName").asText()).isEqualTo(givenName);
    assertThat(members.get(0).path("familyName").asText()).isEqualTo(familyName);
    assertThat(members.get(0).path("email").asText()).isEqualTo(email);
  }

  /**
   * Links and forms carry UTF-8 (RFC 3986 §2.5, WHATWG URL and HTML forms); the limit counts
   * characters, so 255 two-byte letters are allowed and come out as they went in.
   */
  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST"})
  void keepsNonAsciiNamesIntactAndCountsTheirCharactersNotBytes(String method) {
    var space = TestSpace.create(server);
    var uid = uid();
    var familyName = "é".repeat(255);
    var params = space.params(uid).with("givenName", "Zoë").with("familyName", familyName);
    var browser = server.browser();

    var response =
        method.equals("GET") ? get(browser, params) : postForm(browser, "/auth/uri", params);

    assertSignedInTo(response, space.slug(), "/spaces/" + space.slug());
    var members = reconcile(server, space.slug(), uid);
    assertThat(members).as(members.toString()).hasSize(1);
    assertThat(members.get(0).path("givenName").asText()).isEqualTo("Zoë");
    assertThat(members.get(0).path("familyName").asText()).isEqualTo(familyName);
  }

  // ---------------------------------------------------------------------------------------------
  // Requests refused before their parameters are looked at.

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})
  void refusesOtherMethodsWithREQ405AndAnAllowHeader(String method) {
    var space = TestSpace.create(server);
    var uids = new ArrayList<String>();
    for (var asBrowser : List.of(false, true)) {
      var uid = uid();
      uids.add(uid);
      var params = space.params(uid);
      var browser = asBrowser ? server.browser() : server.browser().json();
      var body =
          method.equals("PUT") || method.equals("PATCH")
              ? BodyPublishers.ofString(params.encoded())
              : BodyPublishers.noBody();
      var response =
          browser.send(
              browser
                  .request("/auth/uri?" + params.encoded(), "Content-Type", FORM)
                  .method(method, body));

      if (method.equals("HEAD")) {
        assertThat(response.statusCode()).as(describe(response)).isEqualTo(405);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("Location")).isEmpty();
      } else {
        assertRefused(response, browser, asBrowser, "REQ405", 405);
      }
      var allow = response.headers().firstValue("Allow").orElse("");
      assertThat(Arrays.stream(allow.split(",")).map(String::strip).toList())
          .as("Allow: " + allow)
          .containsExactlyInAnyOrder("GET", "POST");
    }
    assertNoMember(server, space.slug(), uids);
  }

  @Test
  void refusesQueryOver4096CharactersWithREQ413() {
    var space = TestSpace.create(server);
    var uids = new ArrayList<String>();
    for (var asBrowser : List.of(false, true)) {
      var uid = uid();
      uids.add(uid);
      // Many short parameters, so no single value is over 255 characters.
      var params = padded(space.params(uid), 4097);
      var browser = asBrowser ? server.browser() : server.browser().json();

      var response = get(browser, params);

      assertRefused(response, browser, asBrowser, "REQ413", 413);
    }
    assertNoMember(server, space.slug(), uids);
  }

  @Test
  void acceptsQueryOfExactly4096Characters() {
    var space = TestSpace.create(server);
    var params = padded(space.params(uid()), 4096);
    assertThat(params.encoded()).hasSize(4096);

    var response = get(server.browser(), params);

    assertSignedInTo(response, space.slug(), "/spaces/" + space.slug());
  }

  @Test
  void refusesFormBodyOver16384BytesWithREQ413() {
    var space = TestSpace.create(server);
    var uids = new ArrayList<String>();
    for (var asBrowser : List.of(false, true)) {
      var uid = uid();
      uids.add(uid);
      var browser = asBrowser ? server.browser() : server.browser().json();
      // The account is in the query, so the refusal can be recorded for it.
      var query = new Params().with("account", space.slug());
      var body = padded(new Params().with("givenName", "Sue").with("uid", uid), 16385);

      var response = postForm(browser, "/auth/uri?" + query.encoded(), body);

      assertRefused(response, browser, asBrowser, "REQ413", 413);
    }
    assertNoMember(server, space.slug(), uids);
  }

  @Test
  void acceptsFormBodyOfExactly16384Bytes() {
    var space = TestSpace.create(server);
    var body = padded(space.params(uid()), 16384);
    assertThat(body.encoded()).hasSize(16384);

    var response = postForm(server.browser(), "/auth/uri", body);

    assertSignedInTo(response, space.slug(), "/spaces/" + space.slug());
  }

  @Test
  void refusesProgrammaticLogonBodyOver16384BytesWithREQ413() {
    var space = TestSpace.create(server);
    var uid = uid();
    var fields = Json.object().put("account", space.slug()).put("givenName", "Sue").put("uid", uid);
    fields.put("note", "n".repeat(16400));
    var browser = server.browser().json();

    var response = browser.postJson("/auth/programmatic", Json.write(fields));

    assertRefused(response, browser, false, "REQ413", 413);
    assertNoMember(server, space.slug(), List.of(uid));
  }

  static Stream<Arguments> wrongContentTypes() {
    return Stream.of(
        Arguments.of("application/json", "{\"givenName\":\"Sue\",\"uid\":\"%s\"}"),
        Arguments.of("text/plain", "givenName=Sue&uid=%s"),
        Arguments.of(
            "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"givenName\"\r\n\r\nSue\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"uid\"\r\n\r\n%s\r\n--b--\r\n"),
        Arguments.of("application/xml", "<signIn givenName=\"Sue\" uid=\"%s\"/>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongContentTypes")
  void refusesPostWithAWrongContentTypeWithREQ415(String contentType, String bodyTemplate) {
    var space = TestSpace.create(server);
    var uids = new ArrayList<String>();
    for (var asBrowser : List.of(false, true)) {
      var uid = uid();
      uids.add(uid);
      var browser = asBrowser ? server.browser() : server.browser().json();
      var query = new Params().with("account", space.slug());

      var response =
          browser.send(
              browser
                  .request("/auth/uri?" + query.encoded(), "Content-Type", contentType)
                  .POST(BodyPublishers.ofString(bodyTemplate.formatted(uid))));

      assertRefused(response, browser, asBrowser, "REQ415", 415);
    }
    assertNoMember(server, space.slug(), uids);
  }

  @Test
  void refusesProgrammaticLogonPostedAsAFormWithREQ415() {
    var space = TestSpace.create(server);
    var uid = uid();
    var browser = server.browser().json();

    var response = postForm(browser, "/auth/programmatic", space.params(uid));

    assertRefused(response, browser, false, "REQ415", 415);
    assertNoMember(server, space.slug(), List.of(uid));
  }

  /**
   * A request refused before its parameters are read still names its account in the query; the
   * refusal belongs in that account's login records, where its administrators look.
   */
  static Stream<Arguments> refusalsBeforeParsing() {
    return Stream.of(
        Arguments.of(
            "PUT",
            "REQ405",
            (BiFunction<TestSpace, Browser, HttpResponse<String>>)
                (space, browser) ->
                    browser.send(
                        browser
                            .request("/auth/uri?" + space.params(uid()).encoded())
                            .method("PUT", BodyPublishers.noBody()))),
        Arguments.of(
            "query over 4096 characters",
            "REQ413",
            (BiFunction<TestSpace, Browser, HttpResponse<String>>)
                (space, browser) -> get(browser, padded(space.params(uid()), 4097))),
        Arguments.of(
            "form body over 16384 bytes",
            "REQ413",
            (BiFunction<TestSpace, Browser, HttpResponse<String>>)
                (space, browser) ->
                    postForm(
                        browser,
                        "/auth/uri?" + new Params().with("account", space.slug()).encoded(),
                        padded(new Params().with("givenName", "Sue").with("uid", uid()), 16385))),
        Arguments.of(
            "JSON posted to /auth/uri",
            "REQ415",
            (BiFunction<TestSpace, Browser, HttpResponse<String>>)
                (space, browser) ->
                    browser.send(
                        browser
                            .request(
                                "/auth/uri?" + new Params().with("account", space.slug()).encoded(),
                                "Content-Type",
                                "application/json")
                            .POST(BodyPublishers.ofString("{\"givenName\":\"Sue\"}")))));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("refusalsBeforeParsing")
  void recordsARequestRefusedBeforeParsingUnderTheAccountInItsQuery(
      String description, String code, BiFunction<TestSpace, Browser, HttpResponse<String>> send) {
    var space = TestSpace.create(server);
    var browser = server.browser().json();

    var response = send.apply(space, browser);

    assertThat(Json.parse(response).path("code").asText()).as(describe(response)).isEqualTo(code);
    assertOnlyRefusals(space.slug(), "uri-auth", code, 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Repeated across the query and the form of one POST.

  static Stream<String> parametersRepeatedAcrossQueryAndForm() {
    return Stream.of("account", "givenName", "uid");
  }

  @ParameterizedTest(name = "{0} in the query and in the form")
  @MethodSource("parametersRepeatedAcrossQueryAndForm")
  void refusesAParameterInBothQueryAndFormWithUADUP1(String name) {
    var space = TestSpace.create(server);
    var uids = new ArrayList<String>();
    for (var asBrowser : List.of(false, true)) {
      var uid = uid();
      uids.add(uid);
      var form = space.params(uid);
      var value = name.equals("uid") ? uid + "-q" : form.value(name);
      if (name.equals("uid")) {
        uids.add(value);
      }
      var browser = asBrowser ? server.browser() : server.browser().json();

      var response =
          postForm(browser, "/auth/uri?" + new Params().with(name, value).encoded(), form);

      assertRefused(response, browser, asBrowser, "UADUP1", 400);
    }
    assertNoMember(server, space.slug(), uids);
    assertOnlyRefusals(space.slug(), "uri-auth", "UADUP1", 2);
  }

  // ---------------------------------------------------------------------------------------------
  // Where a sign-in may send the browser.

  static Stream<Arguments> foreignTargets() {
    return Stream.of(
        Arguments.of("redirect", "https://evil.example/"),
        Arguments.of("redirect_uri", "https://evil.example/callback"),
        Arguments.of("returnTo", "//evil.example"),
        Arguments.of("next", "https://evil.example"),
        Arguments.of("url", "http://evil.example"),
        Arguments.of("service", "https://evil.example/login"),
        Arguments.of("RelayState", "https://evil.example"),
        Arguments.of("landingUrl", "https://evil.example"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("foreignTargets")
  void redirectsOnlyInsideTheSpaceWhateverTheRequestAsks(String name, String target) {
    var space = TestSpace.create(server);
    var headers = new String[] {"X-Forwarded-Host", "evil.example", "Referer", target};

    var toLanding = get(server.browser(), space.params(uid()).with(name, target), headers);
    var toEvent =
        postForm(
            server.browser(),
            "/auth/uri",
            space.params(uid()).with(name, target).with("eventid", space.event()),
            headers);

    assertSignedInTo(toLanding, space.slug(), "/spaces/" + space.slug());
    assertSignedInTo(toEvent, space.slug(), "/spaces/" + space.slug() + "/events/" + space.event());
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  /** A 302 to {@code path} on this server (never another host) with the space's session cookie. */
  private void assertSignedInTo(HttpResponse<String> response, String slug, String path) {
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(302);
    var location = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    assertThat(location.getScheme())
        .as(location.toString())
        .isEqualTo(server.baseUri().getScheme());
    assertThat(location.getHost()).as(location.toString()).isEqualTo(server.baseUri().getHost());
    assertThat(location.getPort()).as(location.toString()).isEqualTo(server.baseUri().getPort());
    assertThat(location.getRawPath()).as(location.toString()).isEqualTo(path);
    assertThat(location.getRawQuery()).as(location.toString()).isNull();
    assertThat(response.headers().allValues("Set-Cookie"))
        .as(describe(response))
        .anySatisfy(cookie -> assertThat(cookie).startsWith("foyer_" + slug + "="));
  }

  /** The space's login records are exactly {@code count} refusals with that code. */
  private void assertOnlyRefusals(String slug, String door, String code, int count) {
    var records =
        server
            .browser()
            .json()
            .bearer(server.adminToken())
            .get("/api/admin/spaces/" + slug + "/login-records");
    assertThat(records.statusCode()).as(records.body()).isEqualTo(200);
    var list = Json.parse(records);
    assertThat(list)
        .as("login records of %s: %s", slug, list)
        .hasSize(count)
        .allSatisfy(
            record -> {
              assertThat(record.path("accepted").asBoolean(true)).isFalse();
              assertThat(record.path("code").asText()).isEqualTo(code);
              assertThat(record.path("door").asText()).isEqualTo(door);
              assertThat(record.path("account").asText()).isEqualTo(slug);
              assertThat(record.hasNonNull("memberId")).isFalse();
            });
  }

  private static HttpResponse<String> get(Browser browser, Params params, String... headers) {
    return browser.get("/auth/uri?" + params.encoded(), headers);
  }

  private static HttpResponse<String> postForm(
      Browser browser, String path, Params params, String... headers) {
    return browser.send(
        browser
            .request(path, headers)
            .header("Content-Type", FORM)
            .POST(BodyPublishers.ofString(params.encoded())));
  }

  /** Adds short ignored parameters until the encoded form is exactly {@code length} characters. */
  private static Params padded(Params params, int length) {
    int i = 0;
    while (length - params.encoded().length() > 200) {
      params.add("p" + i++, "x".repeat(100));
    }
    var missing = length - params.encoded().length() - ("&pad=").length();
    params.add("pad", "x".repeat(missing));
    return params;
  }

  private static Refusal refusal(
      String description, String code, int status, BiFunction<TestSpace, String, Params> params) {
    return new Refusal(description, code, status, params);
  }

  private static String newSlug() {
    return "t-" + hex(8);
  }

  /** One refusal: what to send (given the space and a fresh uid) and the code it must get. */
  record Refusal(
      String description, String code, int status, BiFunction<TestSpace, String, Params> params) {
    @Override
    public String toString() {
      return description + " → " + code;
    }
  }

  /** Request parameters in order, repeats allowed, values raw (encoded when sent). */
  static final class Params {
    private final List<String[]> list = new ArrayList<>();

    /** Sets the parameter, replacing every value it had. */
    Params with(String name, String value) {
      without(name);
      return add(name, value);
    }

    /** Adds one more value, keeping those the parameter has. */
    Params add(String name, String value) {
      list.add(new String[] {name, value});
      return this;
    }

    Params without(String name) {
      list.removeIf(pair -> pair[0].equals(name));
      return this;
    }

    String value(String name) {
      return list.stream()
          .filter(pair -> pair[0].equals(name))
          .map(pair -> pair[1])
          .findFirst()
          .orElseThrow();
    }

    String encoded() {
      return list.stream()
          .map(pair -> encode(pair[0]) + "=" + encode(pair[1]))
          .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  /** A fresh space with one event that admits NICKNAME; other events are made when asked for. */
  static final class TestSpace {
    private final FoyerServer server;
    private final String slug;
    private final String event;

    private TestSpace(FoyerServer server, String slug, String event) {
      this.server = server;
      this.slug = slug;
      this.event = event;
    }

    static TestSpace create(FoyerServer server) {
      var slug = newSlug();
      AdminApi.createSpace(server, Map.of("slug", slug));
      return new TestSpace(
          server, slug, AdminApi.createEvent(server, slug, "Event in " + slug, "NICKNAME"));
    }

    String slug() {
      return slug;
    }

    String event() {
      return event;
    }

    Params params(String uid) {
      return new Params()
          .with("account", slug)
          .with("givenName", "Sue")
          .with("familyName", "Doe")
          .with("uid", uid);
    }

    /** An event that admits NICKNAME, in a space of its own. */
    String otherSpaceEvent() {
      var other = newSlug();
      AdminApi.createSpace(server, Map.of("slug", other));
      return AdminApi.createEvent(server, other, "Event in " + other, "NICKNAME");
    }

    /** An event of this space that admits every level but NICKNAME. */
    String eventWithoutNickname() {
      return AdminApi.createEvent(
          server, slug, "Event in " + slug, "NICKNAME_EMAIL", "GUEST", "SOCIAL", "SSO");
    }
  }
}
