package dev.foyer.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OAuth 2.0 / OpenID Connect provider in the test JVM ({@code mock-oauth2-server}), on
 * loopback: it signs ID tokens with its own keys, checks PKCE, and answers user info with the
 * claims of the access token it issued. Each test names the person it signs in next with {@link
 * #nextSignIn}. Start one per test class and close it in {@code @AfterAll}.
 */
public final class MockProvider implements AutoCloseable {
  private final MockOAuth2Server server = new MockOAuth2Server();

  private MockProvider() {}

  public static MockProvider start() {
    var provider = new MockProvider();
    try {
      provider.server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return provider;
  }

  /**
   * The issuer of one of its realms (any name; give each test its own, since a realm's queue of
   * next sign-ins is its own): {@code http://127.0.0.1:<port>/<realm>}. The provider names itself
   * after the Host it is called at, so every URL here says 127.0.0.1, as Foyer will.
   */
  public String issuer(String realm) {
    return "http://127.0.0.1:" + server.baseUrl().port() + "/" + realm;
  }

  public String authorizationUrl(String realm) {
    return issuer(realm) + "/authorize";
  }

  public String tokenUrl(String realm) {
    return issuer(realm) + "/token";
  }

  public String userInfoUrl(String realm) {
    return issuer(realm) + "/userinfo";
  }

  /**
   * The person the realm's next token (and so its user info) describes: {@code subject} and the
   * claims, nested maps and lists as they are.
   */
  public void nextSignIn(String realm, String subject, Map<String, Object> claims) {
    nextSignIn(realm, subject, claims, 3600);
  }

  /**
   * As {@link #nextSignIn(String, String, Map)}, with tokens (the ID token too) that expire {@code
   * expirySeconds} after they are issued; a negative value issues them expired. (The callback's
   * audience list is the access token's only: the ID token's {@code aud} is always the client id of
   * the token request.)
   */
  public void nextSignIn(
      String realm, String subject, Map<String, Object> claims, long expirySeconds) {
    server.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            realm, subject, "JWT", List.of("foyer"), claims, expirySeconds));
  }

  /** {@code http://127.0.0.1:<port>}, the root every realm's issuer is under. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.baseUrl().port();
  }

  /**
   * The browser's visit to the authorization endpoint: the provider signs the person in at once and
   * redirects back to Foyer's callback; returns that callback URI.
   */
  public URI approve(Browser browser, String authorizationUrl) {
    var answer = browser.get(authorizationUrl);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    return URI.create(answer.headers().firstValue("Location").orElseThrow());
  }

  /** A request the provider received: its request line and headers (names lower case). */
  public record Received(String line, Map<String, String> headers, String body) {}

  /** Every request the provider received since the last call, oldest first. */
  public List<Received> received() {
    var received = new java.util.ArrayList<Received>();
    while (true) {
      okhttp3.mockwebserver.RecordedRequest request;
      try {
        request = server.takeRequest(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (RuntimeException none) {
        // mock-oauth2-server says "no request found in queue" with an exception.
        return received;
      }
      var headers = new java.util.TreeMap<String, String>();
      request
          .getHeaders()
          .forEach(pair -> headers.put(pair.getFirst().toLowerCase(), pair.getSecond()));
      received.add(new Received(request.getRequestLine(), headers, request.getBody().readUtf8()));
    }
  }

  /**
   * The form bodies of the token requests (code exchanges) received since the last call, oldest
   * first: what Foyer sent with the code, such as {@code redirect_uri} and {@code code_verifier}.
   * The provider itself does not compare the {@code redirect_uri} with the authorization request's.
   */
  public List<String> tokenRequests() {
    return received().stream()
        .filter(call -> call.line().startsWith("POST ") && call.line().contains("/token "))
        .map(Received::body)
        .toList();
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
