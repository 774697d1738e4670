package dev.foyer.it.uriauth;

import static dev.foyer.it.support.AdminApi.createEvent;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.Names.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 000's URI Auth as a participant's browser meets it: one link or form post, a cookie and a
 * 302 straight into the space, then the landing and event pages under the name the CRM sent.
 */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class UriAuthIT {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  @Test
  void linkWithEveryParameterRedirectsStraightToTheEvent(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var event = createEvent(server, slug, "Quarterly results chat", "NICKNAME");
    var browser = server.browser();

    var response =
        browser.get(
            uriAuth(
                Map.of(
                    "account",
                    slug,
                    "givenName",
                    "Sue",
                    "familyName",
                    "Doe",
                    "email",
                    "sue.doe@example.com",
                    "uid",
                    "crm-" + hex(5),
                    "eventid",
                    event)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(location(response)).isEqualTo(server.uri("/spaces/" + slug + "/events/" + event));
    assertThat(response.body()).isEmpty();
    assertThat(sessionCookieValue(response, slug)).matches(TOKEN);
  }

  @Test
  void formPostWithEveryParameterRedirectsStraightToTheEvent(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var event = createEvent(server, slug, "Town hall", "NICKNAME");
    var browser = server.browser();

    var response =
        browser.postForm(
            "/auth/uri",
            ordered(
                "account",
                slug,
                "givenName",
                "Sue",
                "familyName",
                "Doe",
                "email",
                "sue.doe@example.com",
                "uid",
                "crm-" + hex(5),
                "eventid",
                event));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(location(response)).isEqualTo(server.uri("/spaces/" + slug + "/events/" + event));
    assertThat(response.body()).isEmpty();
    assertThat(sessionCookieValue(response, slug)).matches(TOKEN);
    assertThat(browser.follow(response).body()).contains("Town hall");
  }

  @Test
  void linkWithoutEventRedirectsToTheLandingPage(FoyerServer server) {
    var slug = createSpace(server, Map.of());

    var response =
        server
            .browser()
            .get(uriAuth(Map.of("account", slug, "givenName", "Sue", "uid", "crm-" + hex(5))));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(location(response)).isEqualTo(server.uri("/spaces/" + slug));
    assertThat(response.body()).isEmpty();
  }

  @Test
  void formPostWithoutEventRedirectsToTheLandingPage(FoyerServer server) {
    var slug = createSpace(server, Map.of());

    var response = server.browser().postForm("/auth/uri", "account", slug, "givenName", "Sue");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(location(response)).isEqualTo(server.uri("/spaces/" + slug));
    assertThat(response.body()).isEmpty();
  }

  @Test
  void linkWithoutEventRedirectsToTheSpacesConfiguredLandingUrl(FoyerServer server) {
    var landing = "https://intranet-" + hex(5) + ".example.com/chat/welcome";
    var slug = createSpace(server, Map.of("landingUrl", landing));

    var viaLink = server.browser().get(uriAuth(Map.of("account", slug, "givenName", "Sue")));
    var viaForm = server.browser().postForm("/auth/uri", "account", slug, "givenName", "Sue");

    assertThat(viaLink.statusCode()).as(viaLink.body()).isEqualTo(302);
    assertThat(viaLink.headers().firstValue("Location")).contains(landing);
    assertThat(viaForm.statusCode()).as(viaForm.body()).isEqualTo(302);
    assertThat(viaForm.headers().firstValue("Location")).contains(landing);
  }

  @Test
  void linkWithEventIgnoresTheConfiguredLandingUrl(FoyerServer server) {
    var slug =
        createSpace(
            server, Map.of("landingUrl", "https://intranet-" + hex(5) + ".example.com/chat"));
    var event = createEvent(server, slug, "Ask the board", "NICKNAME");

    var response =
        server
            .browser()
            .get(uriAuth(Map.of("account", slug, "givenName", "Sue", "eventid", event)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(location(response)).isEqualTo(server.uri("/spaces/" + slug + "/events/" + event));
  }

  @Test
  void setsAnHttpOnlyLaxSessionCookieForTheWholeSite(FoyerServer server) {
    var slug = createSpace(server, Map.of());

    var response = server.browser().get(uriAuth(Map.of("account", slug, "givenName", "Sue")));

    var cookie = sessionCookie(response, slug);
    var attributes = attributes(cookie);
    assertThat(attributes).containsKey("httponly");
    assertThat(attributes.get("samesite")).isEqualToIgnoringCase("Lax");
    assertThat(attributes.get("path")).isEqualTo("/");
    // The default session lifetime, foyer.session.ttl = PT8H.
    assertThat(attributes.get("max-age")).isEqualTo("28800");
    assertThat(cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'))).matches(TOKEN);
  }

  @Test
  void issuesADifferentCookieValueAtEverySignIn(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var uid = "crm-" + hex(5);
    var link = uriAuth(Map.of("account", slug, "givenName", "Sue", "uid", uid));

    var first = sessionCookieValue(server.browser().get(link), slug);
    var second = sessionCookieValue(server.browser().get(link), slug);
    var third =
        sessionCookieValue(
            server.browser().postForm("/auth/uri", "account", slug, "givenName", "Sue", "uid", uid),
            slug);

    assertThat(List.of(first, second, third)).allMatch(value -> TOKEN.matcher(value).matches());
    assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
  }

  @Test
  void landingPageGreetsTheParticipantAndListsOnlyEventsAdmittingNickname(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var open = "Open chat " + hex(5);
    var both = "Mixed chat " + hex(5);
    var staff = "Staff only " + hex(5);
    var guests = "Guests only " + hex(5);
    createEvent(server, slug, open, "NICKNAME");
    createEvent(server, slug, both, "NICKNAME", "SSO");
    createEvent(server, slug, staff, "SSO");
    createEvent(server, slug, guests, "GUEST", "NICKNAME_EMAIL");
    var browser = server.browser();

    var signIn =
        browser.get(uriAuth(Map.of("account", slug, "givenName", "Sue", "familyName", "Doe")));
    var landing = browser.follow(signIn);

    assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
    assertThat(landing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(landing.body())
        .contains("Hello, Sue!")
        .contains(open)
        .contains(both)
        .doesNotContain(staff)
        .doesNotContain(guests);
  }

  @Test
  void eventPageShowsTheEventAndTheChatName(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var title = "Product launch " + hex(5);
    var event = createEvent(server, slug, title, "NICKNAME");
    var browser = server.browser();

    var signIn =
        browser.get(
            uriAuth(
                Map.of(
                    "account",
                    slug,
                    "givenName",
                    "Sue",
                    "familyName",
                    "Doe",
                    "email",
                    "sue@example.com",
                    "eventid",
                    event)));
    var page = browser.follow(signIn);

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains(title);
    // Seed 000: "her name appears as "Sue"" (the given name, not "Sue Doe").
    assertThat(chatName(page.body())).isEqualTo("Sue");
  }

  @Test
  void sessionCookieOpensAnyAdmittedEventOfTheSpaceWithoutSigningInAgain(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var later = "Later chat " + hex(5);
    var laterId = createEvent(server, slug, later, "NICKNAME");
    var browser = server.browser();
    browser.get(uriAuth(Map.of("account", slug, "givenName", "Sue")));

    var page = browser.get("/spaces/" + slug + "/events/" + laterId);

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains(later);
    assertThat(chatName(page.body())).isEqualTo("Sue");
  }

  @Test
  void sameUidTwiceIsOneMemberWithBothEventJoins(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var morning = createEvent(server, slug, "Morning chat", "NICKNAME");
    var evening = createEvent(server, slug, "Evening chat", "NICKNAME");
    var uid = "crm-" + hex(5);
    var before = Instant.now().minusSeconds(60);

    var first = server.browser();
    first.get(uriAuth(Map.of("account", slug, "givenName", "Sue", "uid", uid, "eventid", morning)));
    var second = server.browser();
    second.get(
        uriAuth(Map.of("account", slug, "givenName", "Sue", "uid", uid, "eventid", evening)));

    var found = reconcile(server, slug, uid);
    assertThat(found.isArray()).as(found.toString()).isTrue();
    assertThat(found).hasSize(1);
    var member = found.get(0);
    assertThat(me(first, slug).path("member").path("id").asText())
        .isEqualTo(me(second, slug).path("member").path("id").asText())
        .isEqualTo(member.path("id").asText());
    assertThat(member.path("identities").findValuesAsText("externalId")).containsExactly(uid);
    assertThat(member.path("events").findValuesAsText("eventId"))
        .containsExactlyInAnyOrder(morning, evening);
    for (var join : member.path("events")) {
      assertThat(Instant.parse(join.path("joinedAt").asText()))
          .isAfter(before)
          .isBefore(Instant.now().plusSeconds(60));
    }
  }

  @Test
  void newDetailsFromTheCrmReplaceTheStoredOnes(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var uid = "crm-" + hex(5);
    server
        .browser()
        .get(
            uriAuth(
                Map.of(
                    "account",
                    slug,
                    "givenName",
                    "Sue",
                    "familyName",
                    "Doe",
                    "email",
                    "sue.doe@example.com",
                    "uid",
                    uid)));

    var browser = server.browser();
    browser.postForm(
        "/auth/uri",
        ordered(
            "account",
            slug,
            "givenName",
            "Susan",
            "familyName",
            "Smith",
            "email",
            "susan.smith@example.org",
            "uid",
            uid));

    var found = reconcile(server, slug, uid);
    assertThat(found).hasSize(1);
    var member = found.get(0);
    assertThat(member.path("givenName").asText()).isEqualTo("Susan");
    assertThat(member.path("familyName").asText()).isEqualTo("Smith");
    assertThat(member.path("email").asText()).isEqualTo("susan.smith@example.org");
    assertThat(member.path("nickname").asText()).isEqualTo("Susan");
    assertThat(browser.get("/spaces/" + slug).body())
        .contains("Hello, Susan!")
        .doesNotContain("Hello, Sue!");
  }

  @Test
  void withoutUidEverySignInIsANewGuestMember(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var first = server.browser();
    var second = server.browser();
    var link = uriAuth(Map.of("account", slug, "givenName", "Sue", "familyName", "Doe"));

    first.get(link);
    second.get(link);

    var one = me(first, slug).path("member");
    var other = me(second, slug).path("member");
    assertThat(one.path("guest").asBoolean()).as(one.toString()).isTrue();
    assertThat(other.path("guest").asBoolean()).as(other.toString()).isTrue();
    assertThat(one.path("id").asText()).isNotBlank().isNotEqualTo(other.path("id").asText());
  }

  @Test
  void withUidTheMemberIsNotAGuest(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var browser = server.browser();

    browser.get(uriAuth(Map.of("account", slug, "givenName", "Sue", "uid", "crm-" + hex(5))));

    assertThat(me(browser, slug).path("member").path("guest").asBoolean()).isFalse();
  }

  @Test
  void escapesNamesOnTheLandingAndEventPages(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var event = createEvent(server, slug, "Security briefing", "NICKNAME");
    var browser = server.browser();

    var signIn =
        browser.get(
            uriAuth(
                Map.of(
                    "account",
                    slug,
                    "givenName",
                    "<script>alert(1)</script>",
                    "familyName",
                    "<img src=x onerror=alert(2)>",
                    "eventid",
                    event)));
    var eventPage = browser.follow(signIn);
    var landing = browser.get("/spaces/" + slug);

    assertThat(eventPage.statusCode()).as(eventPage.body()).isEqualTo(200);
    assertThat(eventPage.body())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)")
        .doesNotContain("<img src=x");
    assertThat(landing.body())
        .contains("Hello, &lt;script&gt;alert(1)&lt;/script&gt;!")
        .doesNotContain("<script>alert(1)")
        .doesNotContain("<img src=x");
  }

  @Test
  void escapesQuotesAndAmpersandsInNames(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var browser = server.browser();

    browser.get(uriAuth(Map.of("account", slug, "givenName", "Sue \"&\" <b>Bob</b>")));
    var landing = browser.get("/spaces/" + slug);

    assertThat(landing.body())
        .contains("Sue &quot;&amp;&quot; &lt;b&gt;Bob&lt;/b&gt;")
        .doesNotContain("<b>Bob</b>");
  }

  @Test
  void oneBrowserHoldsSessionsInTwoSpacesAtOnce(FoyerServer server) {
    var first = createSpace(server, Map.of());
    var second = createSpace(server, Map.of());
    var browser = server.browser();

    var intoFirst = browser.get(uriAuth(Map.of("account", first, "givenName", "Sue")));
    var intoSecond = browser.postForm("/auth/uri", "account", second, "givenName", "Ann");

    assertThat(sessionCookieValue(intoFirst, first))
        .isNotEqualTo(sessionCookieValue(intoSecond, second));
    assertThat(browser.cookie("foyer_" + first)).isPresent();
    assertThat(browser.cookie("foyer_" + second)).isPresent();
    assertThat(browser.get("/spaces/" + first).body())
        .contains("Hello, Sue!")
        .doesNotContain("Hello, Ann!");
    assertThat(browser.get("/spaces/" + second).body())
        .contains("Hello, Ann!")
        .doesNotContain("Hello, Sue!");
  }

  @Test
  void sessionOfOneSpaceDoesNotOpenAnother(FoyerServer server) {
    var mine = createSpace(server, Map.of());
    var other = createSpace(server, Map.of());
    var otherEvent = createEvent(server, other, "Elsewhere", "NICKNAME");
    var browser = server.browser();
    browser.get(uriAuth(Map.of("account", mine, "givenName", "Sue")));

    var landing = browser.get("/spaces/" + other);
    var eventPage = browser.get("/spaces/" + other + "/events/" + otherEvent);

    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.body()).doesNotContain("Hello, Sue!").contains("not signed in");
    assertThat(eventPage.statusCode()).as(eventPage.body()).isEqualTo(401);
    assertThat(eventPage.body()).contains("SES1");
  }

  @Test
  void browserWithoutSessionSeesTheSignedOutLandingPage(FoyerServer server) {
    var name = "Signed out space " + hex(5);
    var slug = createSpace(server, Map.of("name", name));

    var landing = server.browser().get("/spaces/" + slug);

    assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
    assertThat(landing.body()).contains(name).contains("not signed in").doesNotContain("Hello,");
  }

  @Test
  void browserWithoutSessionIsRefusedTheEventPageWithSes1(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var event = createEvent(server, slug, "Members only", "NICKNAME");

    var page = server.browser().get("/spaces/" + slug + "/events/" + event);

    assertThat(page.statusCode()).as(page.body()).isEqualTo(401);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("SES1").doesNotContain("Members only");
  }

  @Test
  void apiCallerWithoutSessionGetsSes1AsProblemJsonOnTheEventPage(FoyerServer server) {
    var slug = createSpace(server, Map.of());
    var event = createEvent(server, slug, "Members only", "NICKNAME");

    var response = server.browser().json().get("/spaces/" + slug + "/events/" + event);

    // README "Error codes": every refusal has its code; non-browsers get application/problem+json.
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(Json.parse(response).path("code").asText()).isEqualTo("SES1");
  }

  // --- helpers ---

  private static JsonNode me(Browser browser, String slug) {
    var response = browser.json().get("/api/me?account=" + slug);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response);
  }

  private static String uriAuth(Map<String, String> parameters) {
    return "/auth/uri?"
        + parameters.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  private static Map<String, String> ordered(String... pairs) {
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** The redirect's target, resolved against the request, so relative and absolute both compare. */
  private static URI location(HttpResponse<String> response) {
    var location = response.headers().firstValue("Location");
    assertThat(location).as("Location of %d %s", response.statusCode(), response.uri()).isPresent();
    return response.uri().resolve(location.get());
  }

  /** The raw {@code Set-Cookie} header of the space's session cookie. */
  private static String sessionCookie(HttpResponse<String> response, String slug) {
    var cookies = response.headers().allValues("Set-Cookie");
    Optional<String> cookie =
        cookies.stream().filter(c -> c.startsWith("foyer_" + slug + "=")).findFirst();
    assertThat(cookie)
        .as(
            "Set-Cookie foyer_%s among %s (%d: %s)",
            slug, cookies, response.statusCode(), response.body())
        .isPresent();
    return cookie.get() + ";";
  }

  private static String sessionCookieValue(HttpResponse<String> response, String slug) {
    var cookie = sessionCookie(response, slug);
    var value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    return value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  /** Cookie attributes by lower-case name; flags such as HttpOnly map to "". */
  private static Map<String, String> attributes(String setCookie) {
    var attributes = new LinkedHashMap<String, String>();
    Arrays.stream(setCookie.split(";"))
        .skip(1)
        .map(String::strip)
        .filter(a -> !a.isEmpty())
        .forEach(
            a -> {
              int eq = a.indexOf('=');
              var name = (eq < 0 ? a : a.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
              attributes.put(name, eq < 0 ? "" : a.substring(eq + 1).strip());
            });
    return attributes;
  }

  private static String chatName(String page) {
    var matcher = Pattern.compile("class=\"chat-name\"[^>]*>([^<]*)<").matcher(page);
    assertThat(matcher.find()).as("chat name in %s", page).isTrue();
    return matcher.group(1);
  }
}
