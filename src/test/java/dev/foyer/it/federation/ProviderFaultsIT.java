package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FaultyPeer;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.MockProvider;
import dev.foyer.it.support.OAuth1Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 002's error table for OAuth 2.0 and OpenID Connect, provoked against real faulty endpoints:
 * a {@link FaultyPeer} answers what each test chooses where Foyer expects a user info, token or
 * discovery answer, and mock-oauth2-server does the rest of the flow. Each refusal has its code and
 * status, and leaves a refused login record carrying the code and nothing accepted.
 *
 * <p>A person is queued at the mock provider only where the flow reaches its token endpoint (see
 * {@link MockProvider}).
 */
// Faults of the provider's side (timeouts, trickles, sizes, redirects) meet Foyer's outbound limits
// the same way on either database; the trickles alone wait out the read timeout for over a minute.
@EnabledIfSystemProperty(
    named = "foyer.it.db",
    matches = "h2",
    disabledReason =
        "Database-independent outbound faults: run once, on H2, to keep the suite's time")
@ExtendWith({FoyerServer.class, OAuth1Provider.class})
class ProviderFaultsIT {
  /** Foyer's shipped {@code foyer.federation.read-timeout}; the shared server runs with it. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private static final int CAP = 1024 * 1024;

  private static MockProvider provider;
  private static FaultyPeer peer;

  @BeforeAll
  static void start() {
    provider = MockProvider.start();
    peer = FaultyPeer.start();
  }

  @AfterAll
  static void stop() {
    peer.close();
    provider.close();
  }

  @Test
  void aUserInfoEndpointAnswering500IsTo2(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/userinfo", FaultyPeer.json(500, "{\"error\":\"server_error\"}"));

    var refused = signInThroughOAuth2(server, slug, peer.url("/" + slug + "/userinfo"));

    assertRefused(server, slug, refused, 502, "TO2");
  }

  @Test
  void aUserInfoEndpointRefusingTheAccessTokenIsTo2(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/userinfo", FaultyPeer.json(401, "{\"error\":\"invalid_token\"}"));

    var refused = signInThroughOAuth2(server, slug, peer.url("/" + slug + "/userinfo"));

    assertRefused(server, slug, refused, 502, "TO2");
  }

  @Test
  void aUserInfoEndpointNobodyListensAtIsTo1(FoyerServer server) {
    var slug = createSpace(server);

    var refused = signInThroughOAuth2(server, slug, FaultyPeer.nobodyListensAt("/userinfo"));

    assertRefused(server, slug, refused, 502, "TO1");
  }

  @Test
  void aUserInfoEndpointSilentBeyondTheReadTimeoutIsTo1(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/userinfo", peer.silence(READ_TIMEOUT.multipliedBy(4)));

    var started = System.nanoTime();
    var refused = signInThroughOAuth2(server, slug, peer.url("/" + slug + "/userinfo"));
    var took = Duration.ofNanos(System.nanoTime() - started);

    assertRefused(server, slug, refused, 502, "TO1");
    assertThat(took).isLessThan(READ_TIMEOUT.multipliedBy(2));
  }

  @Test
  void aUserInfoBodyThatStallsBeyondTheReadTimeoutIsTo1(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/userinfo", peer.stalledBody(READ_TIMEOUT.multipliedBy(4)));

    var started = System.nanoTime();
    var refused = signInThroughOAuth2(server, slug, peer.url("/" + slug + "/userinfo"));
    var took = Duration.ofNanos(System.nanoTime() - started);

    assertRefused(server, slug, refused, 502, "TO1");
    assertThat(took).isLessThan(READ_TIMEOUT.multipliedBy(2));
  }

  @Test
  void aUserInfoThatIsNotJsonIsDeo1(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer(
        "/" + slug + "/userinfo",
        FaultyPeer.body(
            200, "text/html", "<html>Sign in first</html>".getBytes(StandardCharsets.UTF_8)));

    var refused = signInThroughOAuth2(server, slug, peer.url("/" + slug + "/userinfo"));

    assertRefused(server, slug, refused, 502, "DEO1");
  }

  @Test
  void aUserInfoThatIsAJsonArrayIsDeo2(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/userinfo", FaultyPeer.json(200, "[{\"id\":\"emp-1\"}]"));

    var refused = signInThroughOAuth2(server, slug, peer.url("/" + slug + "/userinfo"));

    assertRefused(server, slug, refused, 502, "DEO2");
  }

  @Test
  void aUniqueKeyFindingAnObjectIsDeo3(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/userinfo", FaultyPeer.json(200, "{\"id\":{\"value\":\"emp-1\"}}"));

    var refused = signInThroughOAuth2(server, slug, peer.url("/" + slug + "/userinfo"));

    assertRefused(server, slug, refused, 502, "DEO3");
  }

  @Test
  void aUserInfoLargerThanTheCapIsRr1(FoyerServer server) {
    var slug = createSpace(server);
    var padding = "a".repeat(CAP);
    peer.answer(
        "/" + slug + "/userinfo",
        FaultyPeer.json(200, "{\"id\":\"emp-1\",\"padding\":\"" + padding + "\"}"));

    var refused = signInThroughOAuth2(server, slug, peer.url("/" + slug + "/userinfo"));

    assertRefused(server, slug, refused, 502, "RR1");
  }

  @Test
  void aUserInfoJustUnderTheCapIsRead(FoyerServer server) {
    var slug = createSpace(server);
    var head = "{\"id\":\"emp-cap\",\"padding\":\"";
    var padding = "a".repeat(CAP - head.length() - 2);
    peer.answer("/" + slug + "/userinfo", FaultyPeer.json(200, head + padding + "\"}"));

    var accepted = signInThroughOAuth2(server, slug, peer.url("/" + slug + "/userinfo"));

    assertThat(accepted.statusCode()).as(describe(accepted)).isEqualTo(302);
    assertThat(records(server, slug).path(0).path("accepted").asBoolean()).isTrue();
  }

  @Test
  void aUserInfoThatIsNotUtf8IsRr1(FoyerServer server) {
    var slug = createSpace(server);
    var body = new ByteArrayOutputStream();
    body.writeBytes("{\"id\":\"emp-".getBytes(StandardCharsets.UTF_8));
    body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
    peer.answer(
        "/" + slug + "/userinfo",
        FaultyPeer.body(200, "application/json; charset=utf-8", body.toByteArray()));

    var refused = signInThroughOAuth2(server, slug, peer.url("/" + slug + "/userinfo"));

    assertRefused(server, slug, refused, 502, "RR1");
  }

  @Test
  void aTokenEndpointRefusingTheCodeIsCo1(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer(
        "/" + slug + "/token",
        FaultyPeer.json(
            400, "{\"error\":\"invalid_grant\",\"error_description\":\"secret-ish detail\"}"));
    createOAuth2(server, slug, peer.url("/" + slug + "/token"), provider.userInfoUrl(slug));

    // No person queued: the code never reaches the mock provider's token endpoint.
    var refused = callback(server, slug, "intranet", () -> {});

    assertRefused(server, slug, refused, 502, "CO1");
    assertThat(refused.body()).doesNotContain("secret-ish");
  }

  @Test
  void aTokenEndpointStallingItsAnswerIsCo1WithinTheReadTimeout(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/token", peer.stalledBody(READ_TIMEOUT.multipliedBy(4)));
    createOAuth2(server, slug, peer.url("/" + slug + "/token"), provider.userInfoUrl(slug));

    var started = System.nanoTime();
    var refused = callback(server, slug, "intranet", () -> {});
    var took = Duration.ofNanos(System.nanoTime() - started);

    assertRefused(server, slug, refused, 502, "CO1");
    assertThat(took).isLessThan(READ_TIMEOUT.multipliedBy(2));
  }

  @Test
  void anOpenIdTokenEndpointRefusingTheCodeIsCo1(FoyerServer server) {
    var slug = createSpace(server);
    peer.proxy("/" + slug + "/", provider.baseUrl());
    peer.answer(
        "/" + slug + "/token",
        FaultyPeer.json(
            400, "{\"error\":\"invalid_client\",\"error_description\":\"secret-ish detail\"}"));
    createOidc(server, slug, peer.url("/" + slug));

    var refused = callback(server, slug, "corp", () -> {});

    assertRefused(server, slug, refused, 502, "CO1");
    assertThat(refused.body()).doesNotContain("secret-ish");
  }

  @Test
  void anOpenIdTokenEndpointSilentBeyondTheReadTimeoutIsCo1(FoyerServer server) {
    var slug = createSpace(server);
    peer.proxy("/" + slug + "/", provider.baseUrl());
    peer.answer("/" + slug + "/token", peer.silence(READ_TIMEOUT.multipliedBy(4)));
    createOidc(server, slug, peer.url("/" + slug));

    var started = System.nanoTime();
    var refused = callback(server, slug, "corp", () -> {});
    var took = Duration.ofNanos(System.nanoTime() - started);

    assertRefused(server, slug, refused, 502, "CO1");
    assertThat(took).isLessThan(READ_TIMEOUT.multipliedBy(2));
  }

  // Token answers get the same limits as Foyer's own calls: the size cap, the whole-call deadline
  // (a provider sending a byte now and then is not waited for) and no redirects followed.

  @Test
  void anOpenIdTokenAnswerLargerThanTheCapIsCo1(FoyerServer server) {
    var slug = createSpace(server);
    peer.proxy("/" + slug + "/", provider.baseUrl());
    peer.answer("/" + slug + "/token", oversizedTokenAnswer());
    createOidc(server, slug, peer.url("/" + slug));

    var refused = callback(server, slug, "corp", () -> {});

    assertRefused(server, slug, refused, 502, "CO1");
    assertDetail(refused, "larger than " + CAP + " bytes");
  }

  @Test
  void anOpenIdTokenAnswerTricklingPastTheReadTimeoutIsCo1WithinIt(FoyerServer server) {
    var slug = createSpace(server);
    peer.proxy("/" + slug + "/", provider.baseUrl());
    peer.answer("/" + slug + "/token", peer.trickle(READ_TIMEOUT.multipliedBy(4)));
    createOidc(server, slug, peer.url("/" + slug));

    var started = System.nanoTime();
    var refused = callback(server, slug, "corp", () -> {});
    var took = Duration.ofNanos(System.nanoTime() - started);

    assertRefused(server, slug, refused, 502, "CO1");
    assertDetail(refused, "within " + READ_TIMEOUT.toMillis() + " ms");
    assertThat(took).isLessThan(READ_TIMEOUT.multipliedBy(2));
  }

  @Test
  void anOpenIdTokenEndpointRedirectingElsewhereIsNotFollowed(FoyerServer server) {
    var slug = createSpace(server);
    var elsewhere = new AtomicInteger();
    peer.proxy("/" + slug + "/", provider.baseUrl());
    peer.answer("/" + slug + "/token", FaultyPeer.redirect(302, movedTo(slug, elsewhere)));
    createOidc(server, slug, peer.url("/" + slug));

    var refused = callback(server, slug, "corp", () -> {});

    assertRefused(server, slug, refused, 502, "CO1");
    assertDetail(refused, "redirect (302)");
    assertThat(elsewhere).as("calls to the redirect's target").hasValue(0);
  }

  @Test
  void anOAuth2TokenAnswerLargerThanTheCapIsCo1(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/token", oversizedTokenAnswer());
    createOAuth2(server, slug, peer.url("/" + slug + "/token"), provider.userInfoUrl(slug));

    var refused = callback(server, slug, "intranet", () -> {});

    assertRefused(server, slug, refused, 502, "CO1");
    assertDetail(refused, "larger than " + CAP + " bytes");
  }

  @Test
  void anOAuth2TokenAnswerTricklingPastTheReadTimeoutIsCo1WithinIt(FoyerServer server) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/token", peer.trickle(READ_TIMEOUT.multipliedBy(4)));
    createOAuth2(server, slug, peer.url("/" + slug + "/token"), provider.userInfoUrl(slug));

    var started = System.nanoTime();
    var refused = callback(server, slug, "intranet", () -> {});
    var took = Duration.ofNanos(System.nanoTime() - started);

    assertRefused(server, slug, refused, 502, "CO1");
    assertDetail(refused, "within " + READ_TIMEOUT.toMillis() + " ms");
    assertThat(took).isLessThan(READ_TIMEOUT.multipliedBy(2));
  }

  @Test
  void anOAuth2TokenEndpointRedirectingElsewhereIsNotFollowed(FoyerServer server) {
    var slug = createSpace(server);
    var elsewhere = new AtomicInteger();
    peer.answer("/" + slug + "/token", FaultyPeer.redirect(302, movedTo(slug, elsewhere)));
    createOAuth2(server, slug, peer.url("/" + slug + "/token"), provider.userInfoUrl(slug));

    var refused = callback(server, slug, "intranet", () -> {});

    assertRefused(server, slug, refused, 502, "CO1");
    assertDetail(refused, "redirect (302)");
    assertThat(elsewhere).as("calls to the redirect's target").hasValue(0);
  }

  @Test
  void anOAuth1RequestTokenAnswerLargerThanTheCapIsO1rse(FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/request_token", oversizedFormAnswer());
    createOAuth1(server, idp, slug, peer.url("/" + slug + "/request_token"), idp.accessTokenUrl());

    var browser = server.browser().json();
    var refused = browser.get("/auth/federation/" + slug + "/tweets");

    assertRefusedAtEntry(server, slug, browser, refused, "O1RSE");
    assertDetail(refused, "larger than " + CAP + " bytes");
  }

  @Test
  void anOAuth1RequestTokenAnswerTricklingPastTheReadTimeoutIsO1rseWithinIt(
      FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/request_token", peer.trickle(READ_TIMEOUT.multipliedBy(4)));
    createOAuth1(server, idp, slug, peer.url("/" + slug + "/request_token"), idp.accessTokenUrl());

    var browser = server.browser().json();
    var started = System.nanoTime();
    var refused = browser.get("/auth/federation/" + slug + "/tweets");
    var took = Duration.ofNanos(System.nanoTime() - started);

    assertRefusedAtEntry(server, slug, browser, refused, "O1RSE");
    assertDetail(refused, "within " + READ_TIMEOUT.toMillis() + " ms");
    assertThat(took).isLessThan(READ_TIMEOUT.multipliedBy(2));
  }

  @Test
  void anOAuth1RequestTokenEndpointRedirectingElsewhereIsNotFollowed(
      FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    var elsewhere = new AtomicInteger();
    peer.answer("/" + slug + "/request_token", FaultyPeer.redirect(302, movedTo(slug, elsewhere)));
    createOAuth1(server, idp, slug, peer.url("/" + slug + "/request_token"), idp.accessTokenUrl());

    var browser = server.browser().json();
    var refused = browser.get("/auth/federation/" + slug + "/tweets");

    assertRefusedAtEntry(server, slug, browser, refused, "O1RSE");
    assertDetail(refused, "redirect (302)");
    assertThat(elsewhere).as("calls to the redirect's target").hasValue(0);
  }

  @Test
  void anOAuth1AccessTokenAnswerLargerThanTheCapIsO1gate(FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/access_token", oversizedFormAnswer());
    createOAuth1(server, idp, slug, idp.requestTokenUrl().toString(), peerAccessToken(slug));

    var browser = server.browser().json();
    var refused = browser.get(throughOAuth1Provider(browser, idp, slug).toString());

    assertRefused(server, slug, refused, 502, "O1GATE");
    assertDetail(refused, "larger than " + CAP + " bytes");
    assertNoSession(browser, slug, refused);
    assertThat(reconcile(server, slug, OAUTH1_ROB, "tweets")).isEmpty();
  }

  @Test
  void anOAuth1AccessTokenAnswerTricklingPastTheReadTimeoutIsO1gateWithinIt(
      FoyerServer server, OAuth1Provider idp) {
    var slug = createSpace(server);
    peer.answer("/" + slug + "/access_token", peer.trickle(READ_TIMEOUT.multipliedBy(4)));
    createOAuth1(server, idp, slug, idp.requestTokenUrl().toString(), peerAccessToken(slug));

    var browser = server.browser().json();
    var callback = throughOAuth1Provider(browser, idp, slug);
    var started = System.nanoTime();
    var refused = browser.get(callback.toString());
    var took = Duration.ofNanos(System.nanoTime() - started);

    assertRefused(server, slug, refused, 502, "O1GATE");
    assertDetail(refused, "within " + READ_TIMEOUT.toMillis() + " ms");
    assertThat(took).isLessThan(READ_TIMEOUT.multipliedBy(2));
    assertNoSession(browser, slug, refused);
    assertThat(reconcile(server, slug, OAUTH1_ROB, "tweets")).isEmpty();
  }

  @Test
  void aDiscoveryDocumentNamingAnotherIssuerIsOidc2(FoyerServer server) {
    var slug = createSpace(server);
    var issuer = peer.url("/" + slug);
    peer.answer(
        "/" + slug + "/.well-known/openid-configuration",
        FaultyPeer.json(200, Json.write(discovery(provider.issuer(slug), slug, "RS256"))));
    createOidc(server, slug, issuer);

    var refused = server.browser().json().get("/auth/federation/" + slug + "/corp");

    assertRefused(server, slug, refused, 502, "OIDC2");
    assertThat(Json.parse(refused).path("detail").asText()).contains(provider.issuer(slug));
  }

  @Test
  void aDiscoveryDocumentOfferingOnlyHs256IsOidc2(FoyerServer server) {
    var slug = createSpace(server);
    var issuer = peer.url("/" + slug);
    peer.answer(
        "/" + slug + "/.well-known/openid-configuration",
        FaultyPeer.json(200, Json.write(discovery(issuer, slug, "HS256"))));
    createOidc(server, slug, issuer);

    var refused = server.browser().json().get("/auth/federation/" + slug + "/corp");

    assertRefused(server, slug, refused, 502, "OIDC2");
    assertThat(Json.parse(refused).path("detail").asText()).contains("asymmetric");
  }

  @Test
  void anExpiredIdTokenIsOidc1(FoyerServer server) {
    var slug = createSpace(server);
    createOidc(server, slug, provider.issuer(slug));

    var refused =
        callback(
            server, slug, "corp", () -> provider.nextSignIn(slug, "emp-expired", Map.of(), -3600));

    assertRefused(server, slug, refused, 401, "OIDC1");
  }

  @Test
  void anIdTokenFromAnotherIssuerIsOidc1(FoyerServer server) {
    var slug = createSpace(server);
    // The peer passes discovery and JWKS on in its own name, but the token request unchanged:
    // the mock provider then signs an ID token in its own name, not the configured issuer's.
    peer.proxy("/" + slug + "/", provider.baseUrl());
    peer.answer("/" + slug + "/token", exchange -> passOnUnchanged(exchange, slug));
    createOidc(server, slug, peer.url("/" + slug));

    var refused =
        callback(server, slug, "corp", () -> provider.nextSignIn(slug, "emp-elsewhere", Map.of()));

    assertRefused(server, slug, refused, 401, "OIDC1");
  }

  @Test
  void aUserInfoAboutAnotherSubjectThanTheIdTokenIsOidc3(FoyerServer server) {
    var slug = createSpace(server);
    var issuer = peer.url("/" + slug);
    peer.proxy("/" + slug + "/", provider.baseUrl());
    peer.answer(
        "/" + slug + "/.well-known/openid-configuration",
        peer.edited(
            provider.baseUrl(),
            document -> {
              var edited = (ObjectNode) Json.parse(document);
              edited.put("userinfo_endpoint", peer.url("/" + slug + "/other-userinfo"));
              return Json.write(edited);
            }));
    peer.answer(
        "/" + slug + "/other-userinfo",
        FaultyPeer.json(200, "{\"sub\":\"emp-someone-else\",\"email\":\"eve@corp.example\"}"));
    createOidc(server, slug, issuer);

    var refused =
        callback(server, slug, "corp", () -> provider.nextSignIn(slug, "emp-3003", Map.of()));

    assertRefused(server, slug, refused, 502, "OIDC3");
  }

  @Test
  void theSameProxiedProviderWithItsOwnUserInfoSignsIn(FoyerServer server) {
    // The control of the two tests above: the peer itself changes nothing.
    var slug = createSpace(server);
    peer.proxy("/" + slug + "/", provider.baseUrl());
    createOidc(server, slug, peer.url("/" + slug));

    var accepted =
        callback(server, slug, "corp", () -> provider.nextSignIn(slug, "emp-3004", Map.of()));

    assertThat(accepted.statusCode()).as(describe(accepted)).isEqualTo(302);
    assertThat(records(server, slug).path(0).path("accepted").asBoolean()).isTrue();
  }

  /** The token request sent to the mock provider as it came, without the peer's forwarding. */
  private static void passOnUnchanged(HttpExchange exchange, String realm) throws IOException {
    var request =
        HttpRequest.newBuilder(URI.create(provider.tokenUrl(realm)))
            .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
    var authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      var direct =
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      FaultyPeer.body(direct.statusCode(), "application/json", direct.body()).send(exchange);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The id of the OAuth 1.0a provider's user {@code rob}. */
  private static final String OAUTH1_ROB = "12345";

  /** A token answer one byte and more over the cap (JSON, as OAuth 2.0 answers). */
  private static FaultyPeer.Answer oversizedTokenAnswer() {
    return FaultyPeer.json(
        200,
        "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"padding\":\""
            + "a".repeat(CAP)
            + "\"}");
  }

  /** A token answer over the cap, form-encoded as OAuth 1.0a answers. */
  private static FaultyPeer.Answer oversizedFormAnswer() {
    return FaultyPeer.body(
        200,
        "application/x-www-form-urlencoded",
        ("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true&padding="
                + "a".repeat(CAP))
            .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A path on the peer under another host name ({@code localhost}, not {@code 127.0.0.1}) that
   * counts the calls it gets and would answer a token.
   */
  private static String movedTo(String slug, AtomicInteger calls) {
    peer.answer(
        "/" + slug + "/moved",
        exchange -> {
          calls.incrementAndGet();
          FaultyPeer.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}")
              .send(exchange);
        });
    return peer.url("/" + slug + "/moved").replace("127.0.0.1", "localhost");
  }

  private static String peerAccessToken(String slug) {
    return peer.url("/" + slug + "/access_token");
  }

  private static void assertDetail(HttpResponse<String> refused, String says) {
    assertThat(Json.parse(refused).path("detail").asText()).as(describe(refused)).contains(says);
  }

  /** No session cookie was set, and the browser holds none. */
  private static void assertNoSession(Browser browser, String slug, HttpResponse<String> refused) {
    assertThat(refused.headers().allValues("Set-Cookie"))
        .as(describe(refused))
        .noneMatch(cookie -> cookie.startsWith("foyer_" + slug + "="));
    assertThat(browser.cookie("foyer_" + slug)).isEmpty();
  }

  /** Refused where the sign-in starts: the code, no session, nothing accepted. */
  private static void assertRefusedAtEntry(
      FoyerServer server, String slug, Browser browser, HttpResponse<String> refused, String code) {
    assertProblem(refused, 502, code);
    assertNoSession(browser, slug, refused);
    assertNothingAccepted(server, slug);
  }

  /** The OAuth 1.0a provider's consent for {@code rob}: Foyer's callback with the verifier. */
  private static URI throughOAuth1Provider(Browser browser, OAuth1Provider idp, String slug) {
    var entry = browser.get("/auth/federation/" + slug + "/tweets");
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    return idp.approve(URI.create(entry.headers().firstValue("Location").orElseThrow()), "rob");
  }

  private static void createOAuth1(
      FoyerServer server,
      OAuth1Provider idp,
      String slug,
      String requestTokenUrl,
      Object accessTokenUrl) {
    var body =
        Json.object()
            .put("alias", "tweets")
            .put("kind", "OAUTH1")
            .put("requestTokenUrl", requestTokenUrl)
            .put("authorizationUrl", idp.authorizeUrl().toString())
            .put("tokenUrl", accessTokenUrl.toString())
            .put("userInfoUrl", idp.userInfoUrl().toString())
            .put("clientId", idp.consumerKey())
            .put("clientSecret", idp.consumerSecret());
    body.set("attributeKeys", Json.object().put("unique", "id"));
    var created = send(server, server.adminToken(), "POST", providers(slug), Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }

  /** A sign-in through an OAuth 2.0 provider whose user info endpoint is {@code userInfoUrl}. */
  private static HttpResponse<String> signInThroughOAuth2(
      FoyerServer server, String slug, String userInfoUrl) {
    createOAuth2(server, slug, provider.tokenUrl(slug), userInfoUrl);
    return callback(server, slug, "intranet", () -> provider.nextSignIn(slug, "someone", Map.of()));
  }

  /**
   * Starts a sign-in, lets the mock provider approve it, and returns the callback's answer; {@code
   * queue} runs just before the callback, once nothing before the token request can fail.
   */
  private static HttpResponse<String> callback(
      FoyerServer server, String slug, String alias, Runnable queue) {
    var browser = server.browser().json();
    var entry = browser.get("/auth/federation/" + slug + "/" + alias);
    assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
    var callback = provider.approve(browser, entry.headers().firstValue("Location").orElseThrow());
    queue.run();
    return browser.get(callback.toString());
  }

  private static void createOAuth2(
      FoyerServer server, String slug, String tokenUrl, String userInfoUrl) {
    var body =
        Json.object()
            .put("alias", "intranet")
            .put("kind", "OAUTH2")
            .put("authorizationUrl", provider.authorizationUrl(slug))
            .put("tokenUrl", tokenUrl)
            .put("userInfoUrl", userInfoUrl)
            .put("clientId", "foyer")
            .put("clientSecret", "intranet-secret")
            .put("scopes", "openid profile");
    body.set("attributeKeys", Json.object().put("unique", "id"));
    var created = send(server, server.adminToken(), "POST", providers(slug), Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }

  private static void createOidc(FoyerServer server, String slug, String issuer) {
    var body =
        Json.object()
            .put("alias", "corp")
            .put("kind", "OIDC")
            .put("issuer", issuer)
            .put("clientId", "foyer")
            .put("clientSecret", "corp-secret");
    var created = send(server, server.adminToken(), "POST", providers(slug), Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }

  /** A discovery document naming {@code issuer}, the mock realm's endpoints and the algorithms. */
  private static ObjectNode discovery(String issuer, String realm, String... algorithms) {
    var document =
        Json.object()
            .put("issuer", issuer)
            .put("authorization_endpoint", provider.authorizationUrl(realm))
            .put("token_endpoint", provider.tokenUrl(realm))
            .put("userinfo_endpoint", provider.userInfoUrl(realm))
            .put("jwks_uri", provider.issuer(realm) + "/jwks");
    document.putArray("response_types_supported").add("code");
    document.putArray("subject_types_supported").add("public");
    var algs = document.putArray("id_token_signing_alg_values_supported");
    List.of(algorithms).forEach(algs::add);
    return document;
  }

  /**
   * The problem's status and code, and the space's login records: the newest is this refusal with
   * its code, and none was accepted.
   */
  private static void assertRefused(
      FoyerServer server, String slug, HttpResponse<String> response, int status, String code) {
    assertProblem(response, status, code);
    assertThat(response.headers().allValues("Set-Cookie"))
        .as(describe(response))
        .noneMatch(cookie -> cookie.startsWith("foyer_" + slug + "="));
    var records = records(server, slug);
    assertThat(records.size()).as(records.toString()).isPositive();
    assertThat(records.path(0).path("code").asText()).as(records.toString()).isEqualTo(code);
    assertNothingAccepted(server, slug);
  }

  private static void assertNothingAccepted(FoyerServer server, String slug) {
    var records = records(server, slug);
    records.forEach(
        record -> assertThat(record.path("accepted").asBoolean()).as(records.toString()).isFalse());
  }

  private static JsonNode records(FoyerServer server, String slug) {
    var response =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/" + slug + "/login-records",
            null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return Json.parse(response);
  }

  private static String providers(String slug) {
    return "/api/admin/spaces/" + slug + "/identity-providers";
  }
}
