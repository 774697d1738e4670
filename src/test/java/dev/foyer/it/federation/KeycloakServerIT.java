package dev.foyer.it.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Keycloak the federation ITs sign in through, checked for what Foyer relies on: the issuer and
 * keys it publishes, the authorization-code flow with state, nonce and PKCE through {@link
 * KeycloakServer#signIn}, and the claims of the imported users (a nested {@code org.department},
 * {@code groups}, verified and unverified email). Speaks to Keycloak only, like Foyer's OIDC client
 * will; Foyer itself is not involved.
 */
// The Keycloak fixture is the same whichever database Foyer runs on.
@EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
@ExtendWith(KeycloakServer.class)
class KeycloakServerIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Test
  void publishesTheRealmIssuerAndReachableKeys(KeycloakServer keycloak) throws Exception {
    var discovery = getJson(keycloak.discoveryUri());

    assertThat(keycloak.issuer()).matches("http://127\\.0\\.0\\.1:\\d+/realms/foyer");
    assertThat(discovery.path("issuer").asText()).isEqualTo(keycloak.issuer());
    assertThat(discovery.path("authorization_endpoint").asText()).startsWith(keycloak.issuer());
    assertThat(texts(discovery.path("code_challenge_methods_supported"))).contains("S256");
    // RFC 9207: the callback carries iss, which a client checks against mix-up.
    assertThat(discovery.path("authorization_response_iss_parameter_supported").asBoolean())
        .isTrue();
    var keys = JWKSet.parse(get(URI.create(discovery.path("jwks_uri").asText())).body());
    assertThat(keys.getKeys())
        .anySatisfy(key -> assertThat(key.getAlgorithm().getName()).isEqualTo("RS256"));
  }

  @Test
  void signsAliceInWithPkceAndIssuesHerNestedDepartmentGroupsAndVerifiedEmail(
      KeycloakServer keycloak) throws Exception {
    var request = new AuthorizationRequest(keycloak, keycloak.client());

    var callback = keycloak.signIn(request.uri(), "alice", keycloak.password("alice"));

    assertThat(callback.getScheme() + "://" + callback.getAuthority() + callback.getPath())
        .isEqualTo(request.redirectUri);
    var parameters = query(callback);
    assertThat(parameters).containsEntry("state", request.state).containsKey("code");
    assertThat(parameters).containsEntry("iss", keycloak.issuer());
    var tokens = request.exchange(parameters.get("code"), true);
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    var claims = verifiedIdToken(keycloak, Json.parse(tokens).path("id_token").asText());
    assertThat(claims.getIssuer()).isEqualTo(keycloak.issuer());
    assertThat(claims.getAudience()).containsExactly("foyer");
    assertThat(claims.getStringClaim("nonce")).isEqualTo(request.nonce);
    assertThat(claims.getStringClaim("preferred_username")).isEqualTo("alice");
    assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.test");
    assertThat(claims.getBooleanClaim("email_verified")).isTrue();
    assertThat(claims.getStringClaim("given_name")).isEqualTo("Alice");
    assertThat(claims.getStringClaim("family_name")).isEqualTo("Liddell");
    assertThat(claims.getJSONObjectClaim("org")).containsEntry("department", "Research");
    assertThat(claims.getStringListClaim("groups")).contains("staff");
    var userinfo = userinfo(keycloak, Json.parse(tokens).path("access_token").asText());
    assertThat(userinfo.path("sub").asText()).isEqualTo(claims.getSubject());
    assertThat(userinfo.path("org").path("department").asText()).isEqualTo("Research");
    assertThat(texts(userinfo.path("groups"))).contains("staff");
  }

  @Test
  void reportsBobsEmailAsUnverified(KeycloakServer keycloak) throws Exception {
    var request = new AuthorizationRequest(keycloak, keycloak.client());
    var callback = keycloak.signIn(request.uri(), "bob", keycloak.password("bob"));

    var tokens = request.exchange(query(callback).get("code"), true);

    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    var claims = verifiedIdToken(keycloak, Json.parse(tokens).path("id_token").asText());
    assertThat(claims.getStringClaim("email")).isEqualTo("bob@example.test");
    assertThat(claims.getBooleanClaim("email_verified")).isFalse();
    assertThat(claims.getClaim("org")).isNull();
    assertThat(claims.getClaim("groups")).isIn(null, List.of());
  }

  @Test
  void refusesACodeWithoutItsPkceVerifier(KeycloakServer keycloak) {
    var request = new AuthorizationRequest(keycloak, keycloak.client());
    var callback = keycloak.signIn(request.uri(), "carol", keycloak.password("carol"));

    var tokens = request.exchange(query(callback).get("code"), false);

    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(400);
    assertThat(Json.parse(tokens).path("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void acceptsTheCallbackOnAnyLoopbackPortButNoOtherPath(KeycloakServer keycloak) {
    var elsewhere = new AuthorizationRequest(keycloak, keycloak.client(), "/auth/elsewhere");

    assertThatThrownBy(() -> keycloak.signIn(elsewhere.uri(), "alice", "irrelevant"))
        .hasMessageContaining("Invalid parameter: redirect_uri");
  }

  @Test
  void showsTheFormAgainForAWrongPassword(KeycloakServer keycloak) {
    var request = new AuthorizationRequest(keycloak, keycloak.client());

    assertThatThrownBy(() -> keycloak.signIn(request.uri(), "alice", "not-her-password"))
        .hasMessageContaining("Invalid username or password");
  }

  @Test
  void signsInWithoutTheFormWhileTheUserAgentHoldsAKeycloakSession(KeycloakServer keycloak) {
    var agent = keycloak.userAgent();
    var first = new AuthorizationRequest(keycloak, keycloak.client());
    agent.signIn(first.uri(), "carol", keycloak.password("carol"));
    var second = new AuthorizationRequest(keycloak, keycloak.client("other"));

    var callback = agent.signIn(second.uri(), "carol", "unused-while-signed-in");

    assertThat(query(callback)).containsEntry("state", second.state).containsKey("code");
  }

  @Test
  void signsInAUserCreatedThroughTheAdminApi(KeycloakServer keycloak) throws Exception {
    var username = "dave-" + UUID.randomUUID().toString().substring(0, 8);
    var user = Json.object().put("username", username).put("enabled", true);
    user.put("email", username + "@example.test").put("emailVerified", true);
    user.put("firstName", "Dave").put("lastName", "Lister");
    user.putObject("attributes").putArray("department").add("Mining");
    user.putArray("groups").add("/staff");
    user.putArray("credentials")
        .addObject()
        .put("type", "password")
        .put("value", "secret-" + username)
        .put("temporary", false);
    var id = keycloak.createUser(user);
    var request = new AuthorizationRequest(keycloak, keycloak.client("other"));

    var callback = keycloak.signIn(request.uri(), username, "secret-" + username);

    var tokens = request.exchange(query(callback).get("code"), true);
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    var claims = verifiedIdToken(keycloak, Json.parse(tokens).path("id_token").asText());
    assertThat(claims.getSubject()).isEqualTo(id);
    assertThat(claims.getAudience()).containsExactly("other");
    assertThat(claims.getStringClaim("preferred_username")).isEqualTo(username);
    var stored = Json.parse(keycloak.admin("GET", "/users/" + id, null));
    assertThat(texts(stored.path("attributes").path("department"))).containsExactly("Mining");
  }

  /** An authorization request as an OIDC client sends it: state, nonce and PKCE S256. */
  private static final class AuthorizationRequest {
    final KeycloakServer keycloak;
    final KeycloakServer.Client client;
    // Nothing listens there: the test reads the redirect and never follows it.
    final String redirectUri;
    final String state = random();
    final String nonce = random();
    final String verifier = random();

    AuthorizationRequest(KeycloakServer keycloak, KeycloakServer.Client client) {
      this(keycloak, client, "/auth/federation/callback/acme/keycloak");
    }

    AuthorizationRequest(KeycloakServer keycloak, KeycloakServer.Client client, String path) {
      this.keycloak = keycloak;
      this.client = client;
      this.redirectUri = "http://127.0.0.1:" + (20000 + RANDOM.nextInt(30000)) + path;
    }

    URI uri() {
      var parameters = new LinkedHashMap<String, String>();
      parameters.put("response_type", "code");
      parameters.put("client_id", client.id());
      parameters.put("redirect_uri", redirectUri);
      parameters.put("scope", "openid email profile");
      parameters.put("state", state);
      parameters.put("nonce", nonce);
      parameters.put("code_challenge", challenge(verifier));
      parameters.put("code_challenge_method", "S256");
      return URI.create(keycloak.issuer() + "/protocol/openid-connect/auth?" + form(parameters));
    }

    /** The token request, authenticated with client_secret_basic (RFC 6749 §2.3.1). */
    HttpResponse<String> exchange(String code, boolean withVerifier) {
      var parameters = new LinkedHashMap<String, String>();
      parameters.put("grant_type", "authorization_code");
      parameters.put("code", code);
      parameters.put("redirect_uri", redirectUri);
      if (withVerifier) {
        parameters.put("code_verifier", verifier);
      }
      var basic = encode(client.id()) + ":" + encode(client.secret());
      return send(
          HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/token"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
              .POST(BodyPublishers.ofString(form(parameters))));
    }
  }

  /** The ID token's claims once its signature checks out against the realm's published keys. */
  private static JWTClaimsSet verifiedIdToken(KeycloakServer keycloak, String idToken)
      throws Exception {
    var jwt = SignedJWT.parse(idToken);
    var discovery = getJson(keycloak.discoveryUri());
    var keys = JWKSet.parse(get(URI.create(discovery.path("jwks_uri").asText())).body());
    var key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key).as("key %s in the JWKS", jwt.getHeader().getKeyID()).isNotNull();
    assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
    return jwt.getJWTClaimsSet();
  }

  private static JsonNode userinfo(KeycloakServer keycloak, String accessToken) {
    var response =
        send(
            HttpRequest.newBuilder(
                    URI.create(keycloak.issuer() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken)
                .GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response);
  }

  private static JsonNode getJson(URI uri) {
    var response = get(uri);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response);
  }

  private static HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(URI uri) {
    return Arrays.stream(uri.getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)));
  }

  private static List<String> texts(JsonNode array) {
    var texts = new ArrayList<String>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static String form(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String random() {
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))).
  private static String challenge(String verifier) {
    try {
      var digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
