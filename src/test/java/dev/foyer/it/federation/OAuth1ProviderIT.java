package dev.foyer.it.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.httpclient.HttpClientConfig;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.OAuth1Provider;
import dev.foyer.it.support.OAuth1Provider.Fault;
import dev.foyer.it.support.OAuth1Provider.Step;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OAuth 1.0a provider the federation ITs sign in against, driven by scribejava 8.3.3 (the
 * library under pac4j-oauth, so the consumer Foyer runs) as a consumer: the three-legged flow ends
 * in the chosen user's nested JSON, the provider refuses what RFC 5849 says to refuse, and each
 * fault switch shows its fault. No Foyer server: only the provider is started.
 */
@ExtendWith(OAuth1Provider.class)
class OAuth1ProviderIT {
  // Nothing listens there: the consumer never follows the callback, it only reads it.
  private static final String CALLBACK = "http://127.0.0.1:9/callback?client_name=acme-oauth1";
  private static final java.net.http.HttpClient HTTP =
      java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @AfterEach
  void workAgain(OAuth1Provider provider) {
    provider.clearFaults();
  }

  @Test
  void signsInThroughAllThreeLegsAndAnswersTheUsersNestedJson(OAuth1Provider provider)
      throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);

    var requestToken = consumer.getRequestToken();
    assertThat(requestToken.isOauthCallbackConfirmed()).isTrue();
    var authorizeUrl = URI.create(consumer.getAuthorizationUrl(requestToken));
    assertThat(authorizeUrl.toString())
        .startsWith(provider.authorizeUrl() + "?oauth_token=" + requestToken.getToken());

    var callback = provider.approve(authorizeUrl, "rob");
    assertThat(callback.toString()).startsWith(CALLBACK + "&");
    var params = query(callback);
    assertThat(params).containsEntry("oauth_token", requestToken.getToken());
    assertThat(params.get("oauth_verifier")).isNotBlank();

    var accessToken = consumer.getAccessToken(requestToken, params.get("oauth_verifier"));
    assertThat(accessToken.getToken()).isNotBlank().isNotEqualTo(requestToken.getToken());
    var response = userInfo(consumer, accessToken);

    assertThat(response.getCode()).as(response.getBody()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    var user = Json.parse(response.getBody());
    assertThat(user.path("id").isIntegralNumber()).as(user.toString()).isTrue();
    assertThat(user.path("id").asLong()).isEqualTo(12345);
    assertThat(user.path("screen_name").asText()).isEqualTo("rob");
    assertThat(user.at("/profile/name").asText()).isEqualTo("Robert Example");
    assertThat(user.at("/profile/email").asText()).isEqualTo("rob@example.test");
    assertThat(user.at("/profile/nicknames"))
        .extracting(JsonNode::asText)
        .containsExactly("Rob", "Robbie");
    assertThat(user.path("verified").isBoolean()).isTrue();
    assertThat(user.path("followers").isIntegralNumber()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "zoe, 67890, Zoë Ångström, zoe@example.test",
    "anon, 424242, Anonymous Without Email,"
  })
  void answersTheUserChosenAtTheAuthorizeStep(
      String screenName, long id, String name, String email, OAuth1Provider provider)
      throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);

    var user = Json.parse(userInfo(consumer, signIn(consumer, provider, screenName)).getBody());

    assertThat(user.path("id").asLong()).isEqualTo(id);
    assertThat(user.path("screen_name").asText()).isEqualTo(screenName);
    assertThat(user.at("/profile/name").asText()).isEqualTo(name);
    if (email == null) {
      assertThat(user.at("/profile/email").isMissingNode()).as(user.toString()).isTrue();
    } else {
      assertThat(user.at("/profile/email").asText()).isEqualTo(email);
    }
  }

  @Test
  void authorizesTheFirstUserWhenTheTestNamesNone(OAuth1Provider provider) throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);
    var requestToken = consumer.getRequestToken();

    var answer = get(URI.create(consumer.getAuthorizationUrl(requestToken)));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    var verifier = query(URI.create(answer.headers().firstValue("Location").orElseThrow()));
    var accessToken = consumer.getAccessToken(requestToken, verifier.get("oauth_verifier"));

    var user = Json.parse(userInfo(consumer, accessToken).getBody());
    assertThat(user.path("screen_name").asText()).isEqualTo("rob");
  }

  @Test
  void refusesAWrongConsumerSecretAtTheRequestToken(OAuth1Provider provider) throws Exception {
    var wrong = consumer(provider, provider.consumerSecret() + "0", CALLBACK);

    var response = wrong.execute(wrong.requestTokenRequest());

    assertThat(response.getCode()).as(response.getBody()).isEqualTo(401);
    assertThatThrownBy(wrong::getRequestToken).isInstanceOf(RuntimeException.class);
    var right = consumer(provider, provider.consumerSecret(), CALLBACK);
    assertThat(right.execute(right.requestTokenRequest()).getCode()).isEqualTo(200);
  }

  @Test
  void refusesAnUnknownConsumerKey(OAuth1Provider provider) throws Exception {
    var stranger =
        (Consumer)
            new ServiceBuilder("someone-else")
                .apiSecret(provider.consumerSecret())
                .callback(CALLBACK)
                .build(new Api(provider));

    assertThat(stranger.execute(stranger.requestTokenRequest()).getCode()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://foyer.example/callback", "http://localhost:8080/cb", "oob"})
  void refusesACallbackThatIsNeitherHttpsNorLoopback(String callback, OAuth1Provider provider)
      throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), callback);

    assertThat(consumer.execute(consumer.requestTokenRequest()).getCode()).isEqualTo(401);
  }

  @Test
  void acceptsAnHttpsCallback(OAuth1Provider provider) throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), "https://foyer.example/callback");

    var requestToken = consumer.getRequestToken();

    var callback = provider.approve(URI.create(consumer.getAuthorizationUrl(requestToken)), "rob");
    assertThat(callback.toString()).startsWith("https://foyer.example/callback?oauth_token=");
  }

  @Test
  void refusesTheSameSignedRequestTheSecondTime(OAuth1Provider provider) throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);
    var accessToken = signIn(consumer, provider, "rob");
    var signed = new OAuthRequest(Verb.GET, provider.userInfoUrl().toString());
    consumer.signRequest(accessToken, signed);
    var request = HttpRequest.newBuilder(URI.create(signed.getCompleteUrl()));
    signed.getHeaders().forEach(request::header);

    var first = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    var replay = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(401);
    // A fresh nonce with the same token is welcome: only the replay was refused.
    assertThat(userInfo(consumer, accessToken).getCode()).isEqualTo(200);
  }

  @Test
  void refusesAWrongVerifierAndStillHonoursTheRightOne(OAuth1Provider provider) throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);
    var requestToken = consumer.getRequestToken();
    var verifier =
        query(provider.approve(URI.create(consumer.getAuthorizationUrl(requestToken)), "rob"))
            .get("oauth_verifier");
    // As long as oauthlib's verifier format (20-30 letters and digits): refused by value.
    var wrong = "A".repeat(verifier.length());

    var refused = consumer.execute(consumer.accessTokenRequest(requestToken, wrong));

    assertThat(refused.getCode()).as(refused.getBody()).isEqualTo(401);
    var accessToken = consumer.getAccessToken(requestToken, verifier);
    assertThat(userInfo(consumer, accessToken).getCode()).isEqualTo(200);
  }

  @Test
  void exchangesARequestTokenOnlyOnce(OAuth1Provider provider) throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);
    var requestToken = consumer.getRequestToken();
    var verifier =
        query(provider.approve(URI.create(consumer.getAuthorizationUrl(requestToken)), "rob"))
            .get("oauth_verifier");
    consumer.getAccessToken(requestToken, verifier);

    var again = consumer.execute(consumer.accessTokenRequest(requestToken, verifier));

    assertThat(again.getCode()).as(again.getBody()).isEqualTo(401);
  }

  @Test
  void authorizesARequestTokenOnceAndNoUnknownOne(OAuth1Provider provider) throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);
    var authorizeUrl = URI.create(consumer.getAuthorizationUrl(consumer.getRequestToken()));
    provider.approve(authorizeUrl, "rob");

    assertThat(get(URI.create(authorizeUrl + "&user=rob")).statusCode()).isEqualTo(400);
    assertThat(
            get(URI.create(provider.authorizeUrl() + "?oauth_token=NoSuchToken0123456789"))
                .statusCode())
        .isEqualTo(400);
    var fresh = URI.create(consumer.getAuthorizationUrl(consumer.getRequestToken()));
    assertThat(get(URI.create(fresh + "&user=nobody")).statusCode()).isEqualTo(400);
  }

  @Test
  void refusesUserInfoSignedWithAWrongTokenSecret(OAuth1Provider provider) throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);
    var accessToken = signIn(consumer, provider, "rob");

    var forged = new OAuth1AccessToken(accessToken.getToken(), accessToken.getTokenSecret() + "x");

    assertThat(userInfo(consumer, forged).getCode()).isEqualTo(401);
    assertThat(userInfo(consumer, accessToken).getCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({"STATUS_500, 500", "GARBAGE, 200", "EMPTY, 200"})
  void failsTheRequestTokenStepWhenTold(Fault fault, int status, OAuth1Provider provider) {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);
    provider.setFaults(Map.of(Step.REQUEST_TOKEN, fault));

    var response = execute(consumer, consumer.requestTokenRequest());

    assertThat(response.getCode()).isEqualTo(status);
    assertThat(body(response)).doesNotContain("oauth_token");
    assertThatThrownBy(consumer::getRequestToken).isInstanceOf(RuntimeException.class);
  }

  @ParameterizedTest
  @CsvSource({"STATUS_500, 500", "GARBAGE, 200", "EMPTY, 200"})
  void failsTheAccessTokenStepWhenTold(Fault fault, int status, OAuth1Provider provider)
      throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);
    var requestToken = consumer.getRequestToken();
    var verifier =
        query(provider.approve(URI.create(consumer.getAuthorizationUrl(requestToken)), "rob"))
            .get("oauth_verifier");
    provider.setFaults(Map.of(Step.ACCESS_TOKEN, fault));

    var response = consumer.execute(consumer.accessTokenRequest(requestToken, verifier));

    assertThat(response.getCode()).isEqualTo(status);
    assertThat(response.getBody()).doesNotContain("oauth_token");
    assertThatThrownBy(() -> consumer.getAccessToken(requestToken, verifier))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void failsTheAuthorizeStepWhenTold(OAuth1Provider provider) throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);

    provider.setFaults(Map.of(Step.AUTHORIZE, Fault.NO_VERIFIER));
    var requestToken = consumer.getRequestToken();
    var noVerifier =
        query(provider.approve(URI.create(consumer.getAuthorizationUrl(requestToken)), "rob"));
    assertThat(noVerifier).containsEntry("oauth_token", requestToken.getToken());
    assertThat(noVerifier).doesNotContainKey("oauth_verifier");

    provider.setFaults(Map.of(Step.AUTHORIZE, Fault.DENIED));
    var denied = consumer.getRequestToken();
    var refusal = query(provider.approve(URI.create(consumer.getAuthorizationUrl(denied)), "rob"));
    assertThat(refusal).containsEntry("denied", denied.getToken());
    assertThat(refusal).doesNotContainKeys("oauth_token", "oauth_verifier");

    provider.setFaults(Map.of(Step.AUTHORIZE, Fault.STATUS_500));
    var failing = URI.create(consumer.getAuthorizationUrl(consumer.getRequestToken()));
    assertThat(get(failing).statusCode()).isEqualTo(500);
  }

  @Test
  void failsTheUserInfoStepWhenTold(OAuth1Provider provider) throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);
    var accessToken = signIn(consumer, provider, "rob");

    provider.setFaults(Map.of(Step.USER_INFO, Fault.STATUS_500));
    assertThat(userInfo(consumer, accessToken).getCode()).isEqualTo(500);

    provider.setFaults(Map.of(Step.USER_INFO, Fault.GARBAGE));
    var garbage = userInfo(consumer, accessToken);
    assertThat(garbage.getCode()).isEqualTo(200);
    assertThat(garbage.getHeader("Content-Type")).isEqualTo("application/json");
    assertThatThrownBy(() -> Json.parse(garbage.getBody())).isInstanceOf(AssertionError.class);

    provider.setFaults(Map.of(Step.USER_INFO, Fault.EMPTY));
    var empty = userInfo(consumer, accessToken);
    assertThat(empty.getCode()).isEqualTo(200);
    assertThat(empty.getBody()).isEmpty();

    provider.setFaults(Map.of(Step.USER_INFO, Fault.ARRAY));
    var array = Json.parse(userInfo(consumer, accessToken).getBody());
    assertThat(array.isArray()).isTrue();
    assertThat(array.path(0).path("screen_name").asText()).isEqualTo("rob");

    provider.setFaults(Map.of(Step.USER_INFO, Fault.NO_ID));
    var noId = Json.parse(userInfo(consumer, accessToken).getBody());
    assertThat(noId.has("id")).as(noId.toString()).isFalse();
    assertThat(noId.path("screen_name").asText()).isEqualTo("rob");

    provider.clearFaults();
    assertThat(Json.parse(userInfo(consumer, accessToken).getBody()).path("id").asLong())
        .isEqualTo(12345);
  }

  @Test
  void refusesAFaultItsStepCannotShow(OAuth1Provider provider) {
    assertThatThrownBy(() -> provider.setFaults(Map.of(Step.REQUEST_TOKEN, Fault.NO_VERIFIER)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("400");
  }

  @Test
  void keepsOtherStepsWorkingWhileOneFails(OAuth1Provider provider) throws Exception {
    var consumer = consumer(provider, provider.consumerSecret(), CALLBACK);
    provider.setFaults(Map.of(Step.USER_INFO, Fault.STATUS_500));

    var accessToken = signIn(consumer, provider, "zoe");

    assertThat(userInfo(consumer, accessToken).getCode()).isEqualTo(500);
    provider.clearFaults();
    assertThat(userInfo(consumer, accessToken).getCode()).isEqualTo(200);
  }

  private static OAuth1AccessToken signIn(
      Consumer consumer, OAuth1Provider provider, String screenName) throws Exception {
    var requestToken = consumer.getRequestToken();
    var callback =
        provider.approve(URI.create(consumer.getAuthorizationUrl(requestToken)), screenName);
    return consumer.getAccessToken(requestToken, query(callback).get("oauth_verifier"));
  }

  private static Response userInfo(Consumer consumer, OAuth1AccessToken accessToken)
      throws Exception {
    var request = new OAuthRequest(Verb.GET, consumer.provider.userInfoUrl().toString());
    consumer.signRequest(accessToken, request);
    return consumer.execute(request);
  }

  private static Consumer consumer(OAuth1Provider provider, String secret, String callback) {
    return (Consumer)
        new ServiceBuilder(provider.consumerKey())
            .apiSecret(secret)
            .callback(callback)
            .build(new Api(provider));
  }

  private static Response execute(Consumer consumer, OAuthRequest request) {
    try {
      return consumer.execute(request);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String body(Response response) {
    try {
      return response.getBody();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> query(URI uri) {
    var params = new LinkedHashMap<String, String>();
    for (var pair : uri.getRawQuery().split("&")) {
      var cut = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, cut), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(cut + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** The provider's endpoints, as a consumer library is configured with them. */
  private static final class Api extends DefaultApi10a {
    private final OAuth1Provider provider;

    Api(OAuth1Provider provider) {
      this.provider = provider;
    }

    @Override
    public String getRequestTokenEndpoint() {
      return provider.requestTokenUrl().toString();
    }

    @Override
    public String getAccessTokenEndpoint() {
      return provider.accessTokenUrl().toString();
    }

    @Override
    protected String getAuthorizationBaseUrl() {
      return provider.authorizeUrl().toString();
    }

    @Override
    public OAuth10aService createService(
        String apiKey,
        String apiSecret,
        String callback,
        String scope,
        OutputStream debugStream,
        String userAgent,
        HttpClientConfig httpClientConfig,
        HttpClient httpClient) {
      return new Consumer(
          this,
          provider,
          apiKey,
          apiSecret,
          callback,
          scope,
          debugStream,
          userAgent,
          httpClientConfig,
          httpClient);
    }
  }

  /**
   * scribejava's own service, with the token requests it signs opened up, so a test can send one
   * and read the provider's status, or send a step again.
   */
  private static final class Consumer extends OAuth10aService {
    final OAuth1Provider provider;

    Consumer(
        DefaultApi10a api,
        OAuth1Provider provider,
        String apiKey,
        String apiSecret,
        String callback,
        String scope,
        OutputStream debugStream,
        String userAgent,
        HttpClientConfig httpClientConfig,
        HttpClient httpClient) {
      super(
          api,
          apiKey,
          apiSecret,
          callback,
          scope,
          debugStream,
          userAgent,
          httpClientConfig,
          httpClient);
      this.provider = provider;
    }

    OAuthRequest requestTokenRequest() {
      return prepareRequestTokenRequest();
    }

    OAuthRequest accessTokenRequest(OAuth1RequestToken requestToken, String verifier) {
      return prepareAccessTokenRequest(requestToken, verifier);
    }
  }
}
