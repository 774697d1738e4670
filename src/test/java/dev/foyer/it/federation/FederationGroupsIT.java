package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.MockProvider;
import dev.foyer.it.support.SsoSpace;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A provider's groups synced to the space's groups at every sign-in (README "Federation", the
 * {@code groups} attribute key): matched by id or by name, unknown values ignored, groups the
 * provider stops naming left, groups given another way (the JWT SSO door) kept, and Test
 * Integration saying what would be joined and left without changing anything.
 */
@ExtendWith(FoyerServer.class)
class FederationGroupsIT {
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
  void joinsTheGroupsTheProviderNamesByIdOrNameAndLeavesThoseItStopsNaming(FoyerServer server) {
    var space = SsoSpace.create(server);
    space.createGroup("Staff");
    var ops = space.createGroup("Ops");
    space.createGroup("Caf\u00e9 Team");
    space.createGroup("Guests");
    addProvider(server, space.slug, true);

    // By name ignoring case, by id, by name sent decomposed (NFD); an unknown value is no error.
    signIn(
        server,
        space.slug,
        "emp-1",
        List.of("staff", ops, "CAFE\u0301 team", "Domain Users", "cn=vpn,ou=groups"));

    assertThat(groupNames(member(server, space.slug, "emp-1")))
        .containsExactly("Caf\u00e9 Team", "Ops", "Staff");

    signIn(server, space.slug, "emp-1", List.of("Staff", "Guests"));

    assertThat(groupNames(member(server, space.slug, "emp-1"))).containsExactly("Guests", "Staff");

    // The person is in none of the space's groups any more: the provider sends no groups claim.
    signIn(server, space.slug, "emp-1", null);

    assertThat(groupNames(member(server, space.slug, "emp-1"))).isEmpty();
  }

  @Test
  void neverTakesAwayAGroupGivenAnotherWayEvenWhenItGaveItToo(FoyerServer server) {
    var space = SsoSpace.create(server);
    var staff = space.createGroup("Staff");
    var ops = space.createGroup("Ops");
    space.createGroup("Guests");
    addProvider(server, space.slug, true);
    var email = "grace." + System.nanoTime() + "@corp.example";
    // The provider first: it gives Ops.
    signIn(server, space.slug, "emp-2", List.of("Ops"), email);
    // The JWT SSO door (same verified email, so the same member) then gives Staff, and Ops too.
    var claims = SsoSpace.claims(SsoSpace.newSub());
    claims.put("email", email);
    claims.put("groups:join", List.of(staff, ops));
    space.signInOk(claims);
    assertThat(groupNames(member(server, space.slug, "emp-2"))).containsExactly("Ops", "Staff");

    // The provider names Staff (already the door's) and Guests, and no longer Ops.
    signIn(server, space.slug, "emp-2", List.of("Staff", "Guests"), email);

    assertThat(groupNames(member(server, space.slug, "emp-2")))
        .containsExactly("Guests", "Ops", "Staff");

    signIn(server, space.slug, "emp-2", List.of(), email);

    // Only Guests was the provider's alone.
    assertThat(groupNames(member(server, space.slug, "emp-2"))).containsExactly("Ops", "Staff");
  }

  @Test
  void leavesGroupsAloneWithoutAGroupsKey(FoyerServer server) {
    var space = SsoSpace.create(server);
    var staff = space.createGroup("Staff");
    space.createGroup("Ops");
    addProvider(server, space.slug, false);
    var email = "hedy." + System.nanoTime() + "@corp.example";
    var claims = SsoSpace.claims(SsoSpace.newSub());
    claims.put("email", email);
    claims.put("groups:join", List.of(staff));
    space.signInOk(claims);

    signIn(server, space.slug, "emp-3", List.of("Ops"), email);

    assertThat(groupNames(member(server, space.slug, "emp-3"))).containsExactly("Staff");
  }

  @Test
  void testIntegrationShowsWhichValuesMatchedAndWhatWouldBeJoinedAndLeft(FoyerServer server) {
    var space = SsoSpace.create(server);
    var staff = space.createGroup("Staff");
    var ops = space.createGroup("Ops");
    var guests = space.createGroup("Guests");
    addProvider(server, space.slug, true);
    signIn(server, space.slug, "emp-4", List.of("Ops", "Guests"));
    provider.nextSignIn(
        space.slug,
        "emp-4",
        Map.of("email_verified", true, "groups", List.of("STAFF", guests, "Domain Users")));

    var report = runTest(server, space.slug);

    assertThat(report.statusCode()).as(describe(report)).isEqualTo(200);
    var json = Json.parse(report);
    assertThat(json.path("outcome").asText()).isEqualTo("would-sign-in");
    var groups = json.path("attributes").path("groups");
    assertThat(groups.path("key").asText()).isEqualTo("groups");
    assertThat(groups.path("matched")).hasSize(2);
    assertThat(groups.path("matched").path(0).path("value").asText()).isEqualTo("STAFF");
    assertThat(groups.path("matched").path(0).path("by").asText()).isEqualTo("name");
    assertThat(groups.path("matched").path(0).path("group").path("id").asText()).isEqualTo(staff);
    assertThat(groups.path("matched").path(0).path("group").path("name").asText())
        .isEqualTo("Staff");
    assertThat(groups.path("matched").path(1).path("value").asText()).isEqualTo(guests);
    assertThat(groups.path("matched").path(1).path("by").asText()).isEqualTo("id");
    assertThat(groups.path("matched").path(1).path("group").path("name").asText())
        .isEqualTo("Guests");
    assertThat(groups.path("ignored")).hasSize(1);
    assertThat(groups.path("ignored").path(0).asText()).isEqualTo("Domain Users");
    var member = json.path("member");
    assertThat(member.path("new").asBoolean()).isFalse();
    assertThat(member.path("groupsJoined")).hasSize(1);
    assertThat(member.path("groupsJoined").path(0).path("name").asText()).isEqualTo("Staff");
    assertThat(member.path("groupsLeft")).hasSize(1);
    assertThat(member.path("groupsLeft").path(0).path("id").asText()).isEqualTo(ops);
    // A preview: the member's groups are as they were.
    assertThat(groupNames(member(server, space.slug, "emp-4"))).containsExactly("Guests", "Ops");

    // The page a browser gets says the same.
    provider.nextSignIn(
        space.slug,
        "emp-4",
        Map.of("email_verified", true, "groups", List.of("STAFF", "Domain Users")));
    var page = runTest(server, server.browser(), space.slug);

    assertThat(page.statusCode()).as(describe(page)).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body())
        .contains("Matched: STAFF \u2192 Staff (by name)")
        .contains("Ignored (no such group): Domain Users")
        .contains("Groups it would join: Staff.")
        .contains("Groups it would leave: Guests, Ops.");
  }

  @Test
  void appliesTheGroupsWhenASignInHeldForAUsernameChoiceFinishes(FoyerServer server) {
    var space = SsoSpace.create(server);
    var patched =
        send(
            server,
            server.adminToken(),
            "PATCH",
            "/api/admin/spaces/" + space.slug,
            "{\"conflicts\":{\"changeUsername\":true}}");
    assertThat(patched.statusCode()).as(describe(patched)).isEqualTo(200);
    space.createGroup("Staff");
    space.createGroup("Ops");
    addProvider(server, space.slug, true);
    var first =
        answer(server, server.browser(), space.slug, "emp-5", Map.of("preferred_username", "kim"));
    assertThat(first.statusCode()).as(describe(first)).isEqualTo(302);
    var browser = server.browser();
    var held =
        answer(
            server,
            browser,
            space.slug,
            "emp-6",
            Map.of("preferred_username", "Kim", "groups", List.of("Ops", "Staff", "Domain Users")));
    assertThat(held.statusCode()).as(describe(held)).isEqualTo(200);
    assertThat(held.body()).contains("Choose another username");

    var chosen = browser.postForm("/auth/federation/choose", "value", "kim-two");

    assertThat(chosen.statusCode()).as(describe(chosen)).isEqualTo(302);
    var member = member(server, space.slug, "emp-6");
    assertThat(member.path("username").asText()).isEqualTo("kim-two");
    assertThat(groupNames(member)).containsExactly("Ops", "Staff");
    assertThat(groupNames(member(server, space.slug, "emp-5"))).isEmpty();
  }

  private static HttpResponse<String> answer(
      FoyerServer server,
      Browser browser,
      String slug,
      String subject,
      Map<String, Object> claims) {
    provider.nextSignIn(slug, subject, claims);
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    return browser.get(callback.toString());
  }

  private static void signIn(FoyerServer server, String slug, String subject, List<String> groups) {
    signIn(server, slug, subject, groups, subject + "@corp.example");
  }

  private static void signIn(
      FoyerServer server, String slug, String subject, List<String> groups, String email) {
    var claims = new LinkedHashMap<String, Object>();
    claims.put("email", email);
    claims.put("email_verified", true);
    claims.put("given_name", "Ada");
    if (groups != null) {
      claims.put("groups", groups);
    }
    var signedIn = answer(server, server.browser(), slug, subject, claims);
    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/spaces/" + slug);
  }

  private static HttpResponse<String> runTest(FoyerServer server, String slug) {
    return runTest(server, server.browser().json(), slug);
  }

  private static HttpResponse<String> runTest(FoyerServer server, Browser browser, String slug) {
    var started =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers/corp/tests",
            "{}");
    assertThat(started.statusCode()).as(describe(started)).isEqualTo(201);
    var entry = browser.get(Json.parse(started).path("url").asText());
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    return browser.get(callback.toString());
  }

  private static JsonNode member(FoyerServer server, String slug, String subject) {
    var found = reconcile(server, slug, subject, "corp");
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static List<String> groupNames(JsonNode member) {
    var names = new ArrayList<String>();
    member.path("groups").forEach(group -> names.add(group.path("name").asText()));
    return names;
  }

  private static void addProvider(FoyerServer server, String slug, boolean groupsKey) {
    var body =
        Json.object()
            .put("alias", "corp")
            .put("kind", "OIDC")
            .put("buttonLabel", "Sign in with corp")
            .put("issuer", provider.issuer(slug))
            .put("clientId", "foyer")
            .put("clientSecret", "corp-secret");
    if (groupsKey) {
      body.set("attributeKeys", Json.object().put("groups", "groups"));
    }
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers",
            Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }
}
