package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.MockProvider;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signing in through a space's identity provider (README "Federation"), against a real OpenID
 * Connect / OAuth 2.0 provider on loopback: the whole flow, the flow state's single use, and the
 * callbacks an attacker would forge, each refused with its code and nothing written.
 */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class FederationIT {
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
  void signsInThroughOpenIdConnectWithStateNonceAndPkceAndLandsInTheSpace(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    provider.nextSignIn(
        slug,
        "emp-1001",
        Map.of(
            "email", "ada@corp.example",
            "email_verified", true,
            "given_name", "Ada",
            "family_name", "Lovelace",
            "nickname", "ada"));
    var browser = server.browser();
    provider.received();

    var entry = browser.get("/auth/federation/" + slug + "/corp");

    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    var authorize = URI.create(entry.headers().firstValue("Location").orElseThrow());
    assertThat(authorize.toString()).startsWith(provider.issuer(slug));
    var query = query(authorize);
    assertThat(query).containsKeys("state", "nonce", "code_challenge");
    assertThat(query.get("code_challenge_method")).isEqualTo("S256");
    assertThat(query.get("redirect_uri"))
        .isEqualTo(server.uri("/auth/federation/callback/" + slug + "/corp").toString());
    assertThat(entry.headers().allValues("Set-Cookie"))
        .anySatisfy(
            cookie ->
                assertThat(cookie)
                    .startsWith("foyer-flow=")
                    .contains("HttpOnly")
                    .containsIgnoringCase("SameSite=Lax")
                    .contains("Path=/auth/federation/callback"));

    var callback = provider.approve(browser, authorize.toString());
    var signedIn = browser.get(callback.toString());

    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/spaces/" + slug);
    var member = reconcile(server, slug, "emp-1001", "corp");
    assertThat(member).hasSize(1);
    assertThat(member.path(0).path("nickname").asText()).isEqualTo("ada");
    assertThat(member.path(0).path("givenName").asText()).isEqualTo("Ada");
    assertThat(member.path(0).path("email").asText()).isEqualTo("ada@corp.example");
    assertThat(member.path(0).path("emailVerified").asBoolean()).isTrue();
    var calls =
        provider.received().stream().filter(call -> !call.line().contains("/authorize")).toList();
    assertThat(calls)
        .extracting(MockProvider.Received::line)
        .anyMatch(line -> line.startsWith("GET /" + slug + "/.well-known/openid-configuration"))
        .anyMatch(line -> line.startsWith("GET /" + slug + "/jwks"))
        .anyMatch(line -> line.startsWith("POST /" + slug + "/token"))
        .anyMatch(line -> line.startsWith("GET /" + slug + "/userinfo"));
    assertThat(calls)
        .allSatisfy(call -> assertThat(call.headers()).containsEntry("foyer-gateway", "foyer"));
    var me = browser.json().get("/api/me?account=" + slug);
    assertThat(me.statusCode()).as(describe(me)).isEqualTo(200);
    assertThat(me.body()).contains("Lovelace");
  }

  @Test
  void finishesAFlowOnceEvenWhenItsCallbackArrivesTwiceAtOnce(FoyerServer server) throws Exception {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    provider.nextSignIn(slug, "emp-2002", Map.of("given_name", "Bo"));
    var browser = server.browser();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());

    var tasks = new ArrayList<Callable<HttpResponse<String>>>();
    for (int i = 0; i < 4; i++) {
      tasks.add(() -> browser.get(callback.toString()));
    }
    List<HttpResponse<String>> answers = new ArrayList<>();
    var pool = Executors.newFixedThreadPool(4);
    try {
      for (var future : pool.invokeAll(tasks)) {
        answers.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(answers.stream().filter(answer -> answer.statusCode() == 302))
        .as(answers.stream().map(answer -> describe(answer)).toList().toString())
        .hasSize(1);
    assertThat(answers.stream().filter(answer -> answer.statusCode() != 302))
        .allSatisfy(
            answer ->
                assertThat(answer.body()).as(describe(answer)).containsAnyOf("FLOW1", "FLOW2"));
    var replay = browser.json().get(callback.toString());
    assertProblem(replay, 400, "FLOW1");
    assertThat(reconcile(server, slug, "emp-2002", "corp")).hasSize(1);
  }

  @Test
  void startsEveryOfManyConcurrentSignInsAtANewProvider(FoyerServer server) throws Exception {
    // A cold provider's first requests arrive together (a morning's first sign-ins): each one is
    // sent to the provider, none meets a discovery document still being read.
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    var tasks = new ArrayList<Callable<HttpResponse<String>>>();
    for (int i = 0; i < 16; i++) {
      var browser = server.browser();
      tasks.add(() -> browser.get("/auth/federation/" + slug + "/corp"));
    }
    List<HttpResponse<String>> answers = new ArrayList<>();
    var pool = Executors.newFixedThreadPool(16);
    try {
      for (var future : pool.invokeAll(tasks)) {
        answers.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(answers)
        .allSatisfy(
            answer -> {
              assertThat(answer.statusCode()).as(describe(answer)).isEqualTo(302);
              assertThat(answer.headers().firstValue("Location").orElseThrow())
                  .startsWith(provider.authorizationUrl(slug));
            });
  }

  @Test
  void refusesAnAnswerWithAnotherStateAndSpendsTheFlow(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    var browser = server.browser().json();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    var callback =
        provider.approve(browser, entry.headers().firstValue("Location").orElseThrow()).toString();
    var state = query(URI.create(callback)).get("state");

    var forged = browser.get(callback.replace("state=" + state, "state=" + state + "x"));

    assertProblem(forged, 400, "FLOW3");
    assertProblem(browser.get(callback), 400, "FLOW1");
    assertNothingAccepted(server, slug);
  }

  @Test
  void refusesACallbackWithoutTheFlowCookieOfTheBrowserThatStartedIt(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    var victim = server.browser();
    var entry = victim.get("/auth/federation/" + slug + "/corp");
    var callback = provider.approve(victim, entry.headers().firstValue("Location").orElseThrow());

    var attacker = server.browser().json().get(callback.toString());

    assertProblem(attacker, 400, "FLOW1");
    assertNothingAccepted(server, slug);
  }

  @Test
  void refusesAnAnswerNamingAnotherIssuer(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    var browser = server.browser().json();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());

    var mixedUp = browser.get(callback + "&iss=" + provider.issuer("other"));

    assertProblem(mixedUp, 400, "FLOW4");
    assertNothingAccepted(server, slug);
  }

  @Test
  void refusesAnAnswerAtAnotherProvidersAddressWithoutCallingAnyTokenEndpoint(FoyerServer server) {
    // Mix-up (RFC 9700 §4.4): the person starts at "evil", a plain OAuth 2.0 provider whose
    // authorization endpoint sends them on to "corp" with the attacker's own corp request. corp
    // answers where it was registered, at its own address, and sends no iss to tell it apart.
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    var evil = addOAuth2(server, slug, "evil", slug + "-evil", Json.object().put("unique", "sub"));
    assertThat(evil.statusCode()).as(describe(evil)).isEqualTo(201);
    var victim = server.browser().json();
    var victimEntry = victim.get("/auth/federation/" + slug + "/evil");
    assertThat(victimEntry.statusCode()).as(describe(victimEntry)).isEqualTo(302);
    var attackersRequest =
        server
            .browser()
            .get("/auth/federation/" + slug + "/corp")
            .headers()
            .firstValue("Location")
            .orElseThrow();
    var answer = provider.approve(victim, attackersRequest);
    assertThat(answer.getPath()).isEqualTo("/auth/federation/callback/" + slug + "/corp");
    provider.received();

    var mixedUp =
        victim.get(answer.getRawPath() + "?" + answer.getRawQuery().replaceAll("&?iss=[^&]*", ""));

    assertProblem(mixedUp, 400, "FLOW4");
    assertThat(mixedUp.body()).contains("another identity provider");
    assertThat(provider.tokenRequests()).as("no code reached a token endpoint").isEmpty();
    assertNothingAccepted(server, slug);
    var again = victim.get(answer.getRawPath() + "?" + answer.getRawQuery());
    assertProblem(again, 400, "FLOW1");
  }

  @Test
  void answersNotFoundAtTheCallbackEndpointWithoutAProvidersAddress(FoyerServer server) {
    var bare = server.browser().json().get("/auth/federation/callback?code=x&state=y");

    assertThat(bare.statusCode()).as(describe(bare)).isEqualTo(404);
  }

  @Test
  void refusesTokensInTheCallbackUrlAndProviderErrors(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    var browser = server.browser().json();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    var state =
        query(URI.create(entry.headers().firstValue("Location").orElseThrow())).get("state");

    var implicit =
        browser.get(
            "/auth/federation/callback/" + slug + "/corp?state=" + state + "&id_token=eyJ.x.y");
    assertProblem(implicit, 400, "O1PACE");

    var entry2 = browser.get("/auth/federation/" + slug + "/corp");
    var state2 =
        query(URI.create(entry2.headers().firstValue("Location").orElseThrow())).get("state");
    var denied =
        browser.get(
            "/auth/federation/callback/" + slug + "/corp?state=" + state2 + "&error=access_denied");
    assertProblem(denied, 401, "FLOW5");
    assertThat(denied.body()).contains("access_denied");
  }

  @Test
  void neverCallsALinkLocalAddressSuchAsACloudMetadataService(FoyerServer server) {
    var slug = createSpace(server);
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            providers(slug),
            Json.write(
                Json.object()
                    .put("alias", "meta")
                    .put("kind", "OAUTH2")
                    .put("authorizationUrl", provider.authorizationUrl(slug))
                    .put("tokenUrl", provider.tokenUrl(slug))
                    .put("userInfoUrl", "https://169.254.169.254/latest/meta-data/")
                    .put("clientId", "foyer")
                    .put("clientSecret", "meta-secret")
                    .put("scopes", "openid")
                    .set("attributeKeys", Json.object().put("unique", "sub"))));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    provider.nextSignIn(slug, "emp-8008", Map.of());
    var browser = server.browser().json();
    var entry = browser.get("/auth/federation/" + slug + "/meta");
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());

    var refused = browser.get(callback.toString());

    assertProblem(refused, 400, "IOU2URL");
    assertThat(refused.body()).contains("169.254.169.254").contains("link-local");
    assertNothingAccepted(server, slug);
  }

  @Test
  void trustsNeitherOfTwoFlowCookies(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    var browser = server.browser().json();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    var flow = browser.cookie("foyer-flow").orElseThrow().getValue();
    var state =
        query(URI.create(entry.headers().firstValue("Location").orElseThrow())).get("state");

    var tossed =
        server
            .browser()
            .json()
            .get(
                "/auth/federation/callback/" + slug + "/corp?code=x&state=" + state,
                "Cookie",
                "foyer-flow=" + flow + "; foyer-flow=tossed-by-a-sibling-domain");

    assertProblem(tossed, 400, "FLOW1");
  }

  @Test
  void refusesAnEmptyUniqueValueWithUm1AndWritesNoMember(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of("unique", "employee.id"));
    provider.nextSignIn(slug, "emp-6006", Map.of("employee", Map.of("id", "")));
    var browser = server.browser().json();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());

    var refused = browser.get(callback.toString());

    assertProblem(refused, 502, "UM1");
    assertNothingAccepted(server, slug);
  }

  @Test
  void readsTheSeedsNestedUserInfoFromAGenericOAuth2ProviderWithPkce(FoyerServer server) {
    var slug = createSpace(server);
    var created =
        addOAuth2(
            server,
            slug,
            "intranet",
            slug,
            Json.object()
                .put("unique", "info.id")
                .put("nickname", "names.nicknames.0")
                .put("givenName", "names.first")
                .put("email", "info.email"));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    provider.nextSignIn(
        slug,
        "someone",
        Map.of(
            "info", Map.of("id", 48213, "email", "rob@intranet.example"),
            "names", Map.of("first", "Robert", "nicknames", List.of("Rob", "Robbie"))));
    var browser = server.browser();
    var entry = browser.get("/auth/federation/" + slug + "/intranet");
    assertThat(query(URI.create(entry.headers().firstValue("Location").orElseThrow())))
        .containsKeys("state", "code_challenge");

    provider.received();
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    var signedIn = browser.get(callback.toString());

    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    // Foyer's own calls (token, user info) say who they are, for the provider's firewall.
    var calls =
        provider.received().stream().filter(call -> !call.line().contains("/authorize")).toList();
    assertThat(calls)
        .extracting(MockProvider.Received::line)
        .anyMatch(line -> line.startsWith("POST /" + slug + "/token"))
        .anyMatch(line -> line.startsWith("GET /" + slug + "/userinfo"));
    assertThat(calls)
        .allSatisfy(
            call -> {
              assertThat(call.headers()).containsEntry("foyer-gateway", "foyer");
              assertThat(call.headers().get("user-agent")).startsWith("Foyer/");
            });
    var member = reconcile(server, slug, "48213", "intranet");
    assertThat(member).hasSize(1);
    assertThat(member.path(0).path("nickname").asText()).isEqualTo("Rob");
    assertThat(member.path(0).path("givenName").asText()).isEqualTo("Robert");
    // A generic OAuth 2.0 provider does not vouch for emails unless the space trusts it.
    assertThat(member.path(0).path("emailVerified").asBoolean()).isFalse();
  }

  @Test
  void linksByEmailOnlyWhenTheProviderVerifiedIt(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/members",
            "{\"givenName\":\"Ann\",\"email\":\"ann@corp.example\"}");
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    var existing = Json.parse(created).path("id").asText();

    provider.nextSignIn(
        slug, "emp-7007", Map.of("email", "ann@corp.example", "email_verified", false));
    var unverified = server.browser().json();
    var entry = unverified.get("/auth/federation/" + slug + "/corp");
    var refused =
        unverified.get(
            provider
                .approve(unverified, entry.headers().firstValue("Location").orElseThrow())
                .toString());
    signIn(server, slug, "emp-7008", Map.of("email", "ann@corp.example", "email_verified", true));

    // Unverified, the same email is another member's: a conflict (seed 002), not a link.
    assertProblem(refused, 409, "CNF2");
    assertThat(reconcile(server, slug, "emp-7007", "corp")).isEmpty();
    assertThat(reconcile(server, slug, "emp-7008", "corp").path(0).path("id").asText())
        .isEqualTo(existing);
  }

  @Test
  void showsOneButtonPerEnabledProviderOnTheLandingPageAndRefusesDisabledOnes(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    var off =
        send(
            server,
            server.adminToken(),
            "POST",
            providers(slug),
            Json.write(oidc(slug, "dormant", Map.of()).put("enabled", false)));
    assertThat(off.statusCode()).as(describe(off)).isEqualTo(201);

    var page = server.browser().get("/spaces/" + slug);

    assertThat(page.body()).contains("/auth/federation/" + slug + "/corp");
    assertThat(page.body()).doesNotContain("/auth/federation/" + slug + "/dormant");
    assertProblem(
        server.browser().json().get("/auth/federation/" + slug + "/dormant"), 404, "IDP2");
    assertProblem(
        server.browser().json().get("/auth/federation/no-such-space/corp"), 404, "UAACCT2");
  }

  @Test
  void refusesToHandAProvidersMembersToAnotherIssuerSoTheSameSubjectThereIsNotThem(
      FoyerServer server) {
    // An account takeover by configuration: whoever the new issuer calls "emp-9001" would sign in
    // as the member the old issuer called so.
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    signIn(server, slug, "emp-9001", Map.of("email", "vic@corp.example", "given_name", "Vic"));
    var victim = reconcile(server, slug, "emp-9001", "corp").path(0).path("id").asText();
    var attacker = slug + "-attacker";

    var moved = patch(server, slug, "corp", Json.object().put("issuer", provider.issuer(attacker)));

    assertProblem(moved, 409, "IDP4");
    assertThat(Json.parse(moved).path("detail").asText())
        .contains("1 linked identity", "issuer", "Add a new provider", "\"sameIdentities\": true");
    var kept = send(server, server.adminToken(), "GET", providers(slug) + "/corp", null);
    assertThat(Json.parse(kept).path("issuer").asText()).isEqualTo(provider.issuer(slug));

    // Sign-ins through the provider still go to the old issuer.
    var entry = server.browser().get("/auth/federation/" + slug + "/corp");
    assertThat(entry.headers().firstValue("Location").orElseThrow())
        .startsWith(provider.issuer(slug) + "/")
        .doesNotContain(attacker);
    // The new issuer as a provider of its own: its "emp-9001" is a new member, not the old one.
    addOidc(server, slug, "corp-b", attacker, Map.of());
    provider.nextSignIn(attacker, "emp-9001", Map.of("email", "mallory@evil.example"));
    var browser = server.browser();
    var authorize =
        browser
            .get("/auth/federation/" + slug + "/corp-b")
            .headers()
            .firstValue("Location")
            .orElseThrow();
    var signedIn = browser.get(provider.approve(browser, authorize).toString());
    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    var newcomer = reconcile(server, slug, "emp-9001", "corp-b");
    assertThat(newcomer.path(0).path("id").asText()).isNotBlank().isNotEqualTo(victim);
    var still = reconcile(server, slug, "emp-9001", "corp");
    assertThat(still.path(0).path("id").asText()).isEqualTo(victim);
    assertThat(still.path(0).path("email").asText()).isEqualTo("vic@corp.example");
  }

  @Test
  void refusesANewUniqueKeyOrAProviderRecreatedUnderAnAliasWithMembers(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    signIn(server, slug, "emp-9101", Map.of("email", "ida@corp.example"));

    var rekeyed =
        patch(
            server,
            slug,
            "corp",
            Json.object().set("attributeKeys", Json.object().put("unique", "email")));
    assertProblem(rekeyed, 409, "IDP4");
    assertThat(Json.parse(rekeyed).path("detail").asText()).contains("attributeKeys.unique");

    // Removing the provider leaves its members linked under the alias: a new one there is a move.
    var deleted = send(server, server.adminToken(), "DELETE", providers(slug) + "/corp", null);
    assertThat(deleted.statusCode()).as(describe(deleted)).isEqualTo(204);
    var elsewhere = oidc(slug + "-other", "corp", Map.of());
    var recreated =
        send(server, server.adminToken(), "POST", providers(slug), Json.write(elsewhere));
    assertProblem(recreated, 409, "IDP4");
    assertThat(Json.parse(recreated).path("detail").asText()).contains("sameIdentities");
    assertProblem(
        send(server, server.adminToken(), "GET", providers(slug) + "/corp", null), 404, "IDP2");
    var confirmed =
        send(
            server,
            server.adminToken(),
            "POST",
            providers(slug),
            Json.write(elsewhere.put("sameIdentities", true)));
    assertThat(confirmed.statusCode()).as(describe(confirmed)).isEqualTo(201);
  }

  @Test
  void letsCosmeticChangesThroughOnAProviderWithMembers(FoyerServer server) {
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    signIn(server, slug, "emp-9201", Map.of("email", "joe@corp.example"));

    var changed =
        patch(
            server,
            slug,
            "corp",
            Json.object()
                .put("displayName", "Corp directory")
                .put("buttonLabel", "Corp login")
                .put("scopes", "openid email")
                .put("clientSecret", "rotated-secret")
                .put("issuer", provider.issuer(slug))
                .put("enabled", false)
                .set("attributeKeys", Json.object().put("nickname", "given_name")));

    assertThat(changed.statusCode()).as(describe(changed)).isEqualTo(200);
    var view = Json.parse(changed);
    assertThat(view.path("buttonLabel").asText()).isEqualTo("Corp login");
    assertThat(view.path("scopes").asText()).isEqualTo("openid email");
    assertThat(view.path("enabled").asBoolean()).isFalse();
    assertThat(view.path("attributeKeys").path("nickname").asText()).isEqualTo("given_name");
  }

  @Test
  void movesAProvidersMembersToItsNewIssuerWhenTheAdministratorSaysTheyAreTheSamePeople(
      FoyerServer server) {
    // The same directory at a new hostname: its people keep their subjects and their members.
    var slug = createSpace(server);
    addOidc(server, slug, "corp", Map.of());
    signIn(server, slug, "emp-9301", Map.of("email", "liv@corp.example"));
    var member = reconcile(server, slug, "emp-9301", "corp").path(0).path("id").asText();
    var moved = slug + "-moved";

    var confirmed =
        patch(
            server,
            slug,
            "corp",
            Json.object().put("issuer", provider.issuer(moved)).put("sameIdentities", true));

    assertThat(confirmed.statusCode()).as(describe(confirmed)).isEqualTo(200);
    assertThat(Json.parse(confirmed).path("issuer").asText()).isEqualTo(provider.issuer(moved));
    provider.nextSignIn(moved, "emp-9301", Map.of("email", "liv@corp.example"));
    var browser = server.browser();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    var authorize = entry.headers().firstValue("Location").orElseThrow();
    assertThat(authorize).startsWith(provider.issuer(moved) + "/");
    var signedIn = browser.get(provider.approve(browser, authorize).toString());
    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(reconcile(server, slug, "emp-9301", "corp").path(0).path("id").asText())
        .isEqualTo(member);
  }

  @Test
  void refusesToPointAnOAuth2ProviderWithMembersAtAnotherUserInfoOrigin(FoyerServer server) {
    var slug = createSpace(server);
    var created = addOAuth2(server, slug, "intranet", slug, Json.object().put("unique", "sub"));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    provider.nextSignIn(slug, "emp-9401", Map.of("email", "ola@intranet.example"));
    var browser = server.browser();
    var entry = browser.get("/auth/federation/" + slug + "/intranet");
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    assertThat(browser.get(callback.toString()).statusCode()).isEqualTo(302);
    assertThat(reconcile(server, slug, "emp-9401", "intranet")).hasSize(1);

    var elsewhere =
        patch(
            server,
            slug,
            "intranet",
            Json.object().put("userInfoUrl", "https://idp.evil.example/userinfo"));
    assertProblem(elsewhere, 409, "IDP4");
    assertThat(Json.parse(elsewhere).path("detail").asText()).contains("userInfoUrl");

    // Another path at the same origin is the same directory (a new API version, say).
    var samePlace =
        patch(
            server,
            slug,
            "intranet",
            Json.object().put("userInfoUrl", provider.userInfoUrl(slug + "-v2")));
    assertThat(samePlace.statusCode()).as(describe(samePlace)).isEqualTo(200);
  }

  /**
   * No sign-in of the space was accepted (a refused one leaves its login record and nothing else).
   * Refusal tests queue no person at the provider: a queued one the refused flow never fetched
   * would be handed to the next test's token request.
   */
  private static void assertNothingAccepted(FoyerServer server, String slug) {
    var records =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/" + slug + "/login-records",
            null);
    assertThat(records.statusCode()).as(describe(records)).isEqualTo(200);
    var list = Json.parse(records);
    list.forEach(
        record -> assertThat(record.path("accepted").asBoolean()).as(records.body()).isFalse());
  }

  private static void signIn(
      FoyerServer server, String slug, String subject, Map<String, Object> claims) {
    provider.nextSignIn(slug, subject, claims);
    var browser = server.browser();
    var entry = browser.get("/auth/federation/" + slug + "/corp");
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    var signedIn = browser.get(callback.toString());
    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
  }

  /** A generic OAuth 2.0 provider on one of the mock provider's realms (PKCE, the seed's keys). */
  private static HttpResponse<String> addOAuth2(
      FoyerServer server, String slug, String alias, String realm, ObjectNode attributeKeys) {
    return send(
        server,
        server.adminToken(),
        "POST",
        providers(slug),
        Json.write(
            Json.object()
                .put("alias", alias)
                .put("kind", "OAUTH2")
                .put("authorizationUrl", provider.authorizationUrl(realm))
                .put("tokenUrl", provider.tokenUrl(realm))
                .put("userInfoUrl", provider.userInfoUrl(realm))
                .put("clientId", "foyer")
                .put("clientSecret", alias + "-secret")
                .put("scopes", "openid profile")
                .set("attributeKeys", attributeKeys)));
  }

  private static void addOidc(
      FoyerServer server, String slug, String alias, Map<String, String> keys) {
    addOidc(server, slug, alias, slug, keys);
  }

  private static void addOidc(
      FoyerServer server, String slug, String alias, String realm, Map<String, String> keys) {
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            providers(slug),
            Json.write(oidc(realm, alias, keys)));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }

  private static ObjectNode oidc(String realm, String alias, Map<String, String> keys) {
    var attributeKeys = Json.object();
    keys.forEach(attributeKeys::put);
    var body =
        Json.object()
            .put("alias", alias)
            .put("kind", "OIDC")
            .put("buttonLabel", "Sign in with " + alias)
            .put("issuer", provider.issuer(realm))
            .put("clientId", "foyer")
            .put("clientSecret", "corp-secret");
    if (!keys.isEmpty()) {
      body.set("attributeKeys", attributeKeys);
    }
    return body;
  }

  private static HttpResponse<String> patch(
      FoyerServer server, String slug, String alias, ObjectNode body) {
    return send(
        server, server.adminToken(), "PATCH", providers(slug) + "/" + alias, Json.write(body));
  }

  private static String providers(String slug) {
    return "/api/admin/spaces/" + slug + "/identity-providers";
  }

  private static Map<String, String> query(URI uri) {
    var map = new LinkedHashMap<String, String>();
    for (var pair : uri.getRawQuery().split("&")) {
      var at = pair.indexOf('=');
      map.put(
          URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
    }
    return map;
  }
}
