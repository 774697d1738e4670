package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.createMembers;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.memberPath;
import static dev.foyer.it.support.AdminApi.nextLink;
import static dev.foyer.it.support.AdminApi.pages;
import static dev.foyer.it.support.AdminApi.reconcile;
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
import dev.foyer.it.support.MockProvider;
import dev.foyer.it.support.SsoSpace;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/admin/spaces/{slug}/members?q=}: the operator console's member search, by every
 * field it covers, a page at a time through the {@code next} link, inside one space only; and what
 * a member's own view adds for it (status changes).
 */
@ExtendWith(FoyerServer.class)
class MemberSearchIT {
  private static String admin;
  private static MockProvider provider;

  @BeforeAll
  static void setUp(FoyerServer server) {
    admin = server.adminToken();
    provider = MockProvider.start();
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void findsMembersByNameEmailAndUidIgnoringCaseAndAccents(FoyerServer server) {
    var slug = createSpace(server);
    var tag = hex(4);
    var ids =
        createMembers(
            server,
            slug,
            List.of(
                member("Zoë", "Ölçer-" + tag, "zoe.olcer." + tag + "@example.org"),
                member("Mary Ann", "Smith" + tag, "mas." + tag + "@corp.example"),
                member("Peter", "Doe" + tag, "peter." + tag + "@example.org")));
    var zoe = ids.get(0);
    var mary = ids.get(1);
    var peter = ids.get(2);
    var uid = "CRM-" + hex(6).toUpperCase();
    var sue = signInMember(server, slug, uid);

    assertThat(search(server, slug, "zoe")).containsExactly(zoe);
    assertThat(search(server, slug, "ZOË")).containsExactly(zoe);
    assertThat(search(server, slug, "olcer-" + tag)).containsExactly(zoe);
    assertThat(search(server, slug, "mith" + tag)).isEmpty(); // inside a word: not a prefix
    assertThat(search(server, slug, "ann")).containsExactly(mary);
    assertThat(search(server, slug, "mary smith" + tag)).containsExactly(mary);
    assertThat(search(server, slug, "smith" + tag + " peter")).isEmpty(); // every word must match
    assertThat(search(server, slug, "peter." + tag + "@exa")).containsExactly(peter);
    assertThat(search(server, slug, "corp.example")).containsExactly(mary);
    assertThat(search(server, slug, "example.org")).containsExactlyInAnyOrder(peter, zoe);
    assertThat(search(server, slug, uid.toLowerCase().substring(0, 8))).containsExactly(sue);
    assertThat(search(server, slug, "sue doe")).containsExactly(sue); // URI Auth's names
    assertThat(search(server, slug, "nobody-" + hex(4))).isEmpty();
  }

  @Test
  void listsEveryMemberNewestFirstWithAnEmptyQuery(FoyerServer server) {
    var slug = createSpace(server);
    var first = createMembers(server, slug, List.of(member("First", "One", null))).get(0);
    var second = createMembers(server, slug, List.of(member("Second", "Two", null))).get(0);

    var found = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members?q=", null);

    assertThat(found.statusCode()).as(describe(found)).isEqualTo(200);
    assertThat(ids(Json.parse(found))).containsExactly(second, first);
    var summary = Json.parse(found).path(0);
    assertThat(summary.path("givenName").asText()).isEqualTo("Second");
    assertThat(summary.path("familyName").asText()).isEqualTo("Two");
    assertThat(summary.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(summary.path("createdAt").asText()).isNotBlank();
    assertThat(summary.has("identities")).as("a summary, not the member's view").isFalse();
    assertThat(nextLink(found)).isEmpty();
  }

  @Test
  void findsAFederatedMemberByUsernameAndByTheProvidersSubject(FoyerServer server) {
    var slug = createSpace(server);
    addProvider(server, slug);
    var subject = "Emp-" + hex(5);
    var username = "jdoe" + hex(3);
    signInThroughProvider(server, slug, subject, Map.of("preferred_username", username));
    var found = reconcile(server, slug, subject, "corp");
    assertThat(found).as(found.toString()).hasSize(1);
    var member = found.path(0).path("id").asText();

    assertThat(search(server, slug, username.toUpperCase())).containsExactly(member);
    assertThat(search(server, slug, subject.toLowerCase())).containsExactly(member);
    var view = Json.parse(send(server, admin, "GET", memberPath(slug, member), null));
    assertThat(view.path("identities").path(0).path("provider").asText()).isEqualTo("corp");
    assertThat(view.path("identities").path(0).path("externalId").asText()).isEqualTo(subject);
  }

  @Test
  void findsAJwtSsoMemberByTheSubOfTheirToken(FoyerServer server) {
    var sso = SsoSpace.create(server);
    var sub = "Sub-" + hex(6);
    var member = sso.signInOk(SsoSpace.claims(sub));

    assertThat(search(server, sso.slug, sub.toLowerCase())).containsExactly(member);
    assertThat(search(server, sso.slug, "ada lovelace")).containsExactly(member);
  }

  @Test
  void pagesThroughEveryMatchOnceNewestFirst(FoyerServer server) {
    var slug = createSpace(server);
    var family = "Pager" + hex(3);
    var bodies = new ArrayList<Map<String, Object>>();
    IntStream.range(0, 120).forEach(i -> bodies.add(member("Person" + i, family, null)));
    var created = new HashSet<>(createMembers(server, slug, bodies));
    createMembers(server, slug, List.of(member("Other", "Name", null)));

    var pages =
        pages(
            server,
            admin,
            "/api/admin/spaces/" + slug + "/members?q=" + family.toLowerCase() + "&limit=50",
            10);

    assertThat(pages).hasSize(3);
    var seen = new ArrayList<String>();
    var times = new ArrayList<Instant>();
    pages.forEach(
        page ->
            Json.parse(page)
                .forEach(
                    summary -> {
                      seen.add(summary.path("id").asText());
                      times.add(Instant.parse(summary.path("createdAt").asText()));
                    }));
    assertThat(Json.parse(pages.get(0))).hasSize(50);
    assertThat(Json.parse(pages.get(1))).hasSize(50);
    assertThat(Json.parse(pages.get(2))).hasSize(20);
    assertThat(seen).doesNotHaveDuplicates().hasSize(120);
    assertThat(new HashSet<>(seen)).isEqualTo(created);
    assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void aMemberCreatedBetweenPagesNeitherRepeatsNorHidesOthers(FoyerServer server) {
    var slug = createSpace(server);
    var bodies = new ArrayList<Map<String, Object>>();
    IntStream.range(0, 5).forEach(i -> bodies.add(member("Early" + i, "Member", null)));
    var early = new HashSet<>(createMembers(server, slug, bodies));
    var first =
        send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members?q=&limit=2", null);

    var late = createMembers(server, slug, List.of(member("Late", "Member", null))).get(0);
    var rest = pages(server, admin, nextLink(first).orElseThrow(), 5);

    var seen = new ArrayList<>(ids(Json.parse(first)));
    rest.forEach(page -> seen.addAll(ids(Json.parse(page))));
    assertThat(seen).doesNotHaveDuplicates().doesNotContain(late);
    assertThat(new HashSet<>(seen)).isEqualTo(early);
  }

  @Test
  void neverFindsAnotherSpacesMembers(FoyerServer server) {
    var slug = createSpace(server);
    var other = createSpace(server);
    var name = "Twin" + hex(3);
    var mine = createMembers(server, slug, List.of(member(name, "Here", null))).get(0);
    createMembers(server, other, List.of(member(name, "There", null)));
    var uid = "crm-" + hex(6);
    signInMember(server, other, uid);

    assertThat(search(server, slug, name)).containsExactly(mine);
    assertThat(search(server, slug, uid)).isEmpty();
    assertThat(search(server, slug, "")).containsExactly(mine);
  }

  @Test
  void refusesASpaceAdminOfAnotherSpace(FoyerServer server) {
    var slug = createSpace(server);
    var other = createSpace(server);
    var otherAdmin = server.token("--groups", "foyer-space-admin", "--space", other);
    var ownAdmin = server.token("--groups", "foyer-space-admin", "--space", slug);

    assertProblem(
        send(server, otherAdmin, "GET", "/api/admin/spaces/" + slug + "/members?q=", null),
        403,
        "ADM7");
    var own = send(server, ownAdmin, "GET", "/api/admin/spaces/" + slug + "/members?q=", null);
    assertThat(own.statusCode()).as(describe(own)).isEqualTo(200);
    var none = send(server, null, "GET", "/api/admin/spaces/" + slug + "/members?q=", null);
    assertThat(none.statusCode()).as(describe(none)).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "q=sue&uid=crm-1",
        "q=sue&provider=uri-auth",
        "q=sue&limit=0",
        "q=sue&limit=201",
        "q=sue&limit=ten",
        "q=sue&limit=-1",
        "q=sue&after=not-a-cursor",
        "q=sue&after=",
        "q=a+b+c+d+e+f+g+h+i",
        "limit=50",
        "after=abc",
        "uid=crm-1&limit=5",
      })
  void refusesBadSearchParametersWithAdm1(String query, FoyerServer server) {
    var slug = createSpace(server);

    assertProblem(
        send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members?" + query, null),
        400,
        "ADM1");
  }

  @Test
  void refusesAnOverlongQueryWithAdm1(FoyerServer server) {
    var slug = createSpace(server);
    var q = URLEncoder.encode("x".repeat(1001), StandardCharsets.UTF_8);

    assertProblem(
        send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members?q=" + q, null),
        400,
        "ADM1");
  }

  @Test
  void acceptsALimitOf200AndAQueryOfEightWords(FoyerServer server) {
    var slug = createSpace(server);

    var found =
        send(
            server,
            admin,
            "GET",
            "/api/admin/spaces/" + slug + "/members?q=a+b+c+d+e+f+g+h&limit=200",
            null);

    assertThat(found.statusCode()).as(describe(found)).isEqualTo(200);
    assertThat(Json.parse(found)).isEmpty();
  }

  @Test
  void showsAMembersStatusChangesOldestFirst(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);
    var invited =
        createMembers(
                server,
                slug,
                List.of(
                    Map.of(
                        "givenName",
                        "Ivy",
                        "email",
                        "ivy." + hex(4) + "@example.org",
                        "status",
                        "INVITED")))
            .get(0);

    send(server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"LEFT\"}");
    send(server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"LEFT\"}");
    var signIn = server.browser().get(uriAuth(slug, uid));
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);

    var changes =
        Json.parse(send(server, admin, "GET", memberPath(slug, member), null))
            .path("statusChanges");
    assertThat(changes).as(changes.toString()).hasSize(2); // the repeated LEFT changed nothing
    assertThat(changes.path(0).path("from").asText()).isEqualTo("ACTIVE");
    assertThat(changes.path(0).path("to").asText()).isEqualTo("LEFT");
    assertThat(changes.path(0).path("cause").asText()).isEqualTo("ADMIN");
    assertThat(changes.path(0).path("by").asText()).isEqualTo("operator");
    assertThat(changes.path(0).path("at").asText()).isNotBlank();
    assertThat(changes.path(1).path("from").asText()).isEqualTo("LEFT");
    assertThat(changes.path(1).path("to").asText()).isEqualTo("ACTIVE");
    assertThat(changes.path(1).path("cause").asText()).isEqualTo("SIGN_IN");
    assertThat(changes.path(1).path("by").asText()).isEqualTo("uri-auth");
    var created =
        Json.parse(send(server, admin, "GET", memberPath(slug, invited), null))
            .path("statusChanges");
    assertThat(created).as(created.toString()).hasSize(1);
    assertThat(created.path(0).path("from").asText("")).isEmpty();
    assertThat(created.path(0).path("to").asText()).isEqualTo("INVITED");
  }

  private static Map<String, Object> member(String givenName, String familyName, String email) {
    var body = new LinkedHashMap<String, Object>();
    body.put("givenName", givenName);
    body.put("familyName", familyName);
    body.put(
        "email",
        email == null
            ? givenName.toLowerCase().replace(' ', '.') + "." + hex(5) + "@example.test"
            : email);
    return body;
  }

  /** The ids a search finds, in the order of its first page. */
  private static List<String> search(FoyerServer server, String slug, String q) {
    var found =
        send(
            server,
            admin,
            "GET",
            "/api/admin/spaces/"
                + slug
                + "/members?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8),
            null);
    assertThat(found.statusCode()).as(describe(found)).isEqualTo(200);
    return ids(Json.parse(found));
  }

  private static List<String> ids(JsonNode summaries) {
    return StreamSupport.stream(summaries.spliterator(), false)
        .map(summary -> summary.path("id").asText())
        .toList();
  }

  /** The OpenID Connect provider {@code corp} of the mock provider, in the space. */
  private static void addProvider(FoyerServer server, String slug) {
    var created =
        send(
            server,
            admin,
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
  }

  private static void signInThroughProvider(
      FoyerServer server, String slug, String subject, Map<String, Object> claims) {
    var browser = server.browser().json();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    URI callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    provider.nextSignIn(slug, subject, claims);
    var signedIn = browser.get(callback.toString());
    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
  }
}
