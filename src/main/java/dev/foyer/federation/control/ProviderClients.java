package dev.foyer.federation.control;

import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.builder.api.DefaultApi20;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.AccessTokenRequestParams;
import com.github.scribejava.core.oauth.AuthorizationUrlBuilder;
import com.github.scribejava.core.oauth.OAuth10aService;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.oauth.OAuthService;
import com.github.scribejava.core.pkce.PKCEService;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.foyer.doors.DoorSecrets;
import dev.foyer.federation.entity.ClientAuthentication;
import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.federation.entity.IdentityProvider;
import dev.foyer.federation.saml.IdpMetadata;
import dev.foyer.federation.saml.SamlClient;
import dev.foyer.federation.saml.SamlProblem;
import dev.foyer.federation.saml.SpKey;
import dev.foyer.problems.GatewayProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pac4j.core.client.IndirectClient;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.credentials.Credentials;
import org.pac4j.core.exception.http.HttpAction;
import org.pac4j.core.exception.http.RedirectionAction;
import org.pac4j.core.http.ajax.AjaxRequestResolver;
import org.pac4j.core.http.callback.NoParameterCallbackUrlResolver;
import org.pac4j.core.redirect.RedirectionActionBuilder;
import org.pac4j.core.util.HttpActionHelper;
import org.pac4j.core.util.InitializableObject;
import org.pac4j.core.util.generator.RandomValueGenerator;
import org.pac4j.oauth.client.OAuth10Client;
import org.pac4j.oauth.client.OAuth20Client;
import org.pac4j.oauth.config.OAuth10Configuration;
import org.pac4j.oauth.config.OAuth20Configuration;
import org.pac4j.oauth.credentials.OAuth20Credentials;
import org.pac4j.oauth.credentials.authenticator.OAuth20Authenticator;
import org.pac4j.oauth.profile.generic.GenericOAuth20ProfileDefinition;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.config.OidcConfiguration;
import org.pac4j.oidc.exceptions.OidcException;
import org.pac4j.oidc.metadata.OidcOpMetadataResolver;
import org.pac4j.scribe.builder.api.GenericApi20;

/**
 * One pac4j indirect client per identity provider, made from its row and kept while the row is
 * unchanged (its version) and Foyer's callback address is the same. The clients only speak the
 * protocol (the redirect with state, nonce and PKCE, the code exchange, the ID token's signature
 * and claims); the user info call, the mapping and the identity rules are Foyer's.
 */
@ApplicationScoped
public class ProviderClients {
  /**
   * The request attribute holding an OpenID Connect token endpoint's answer as it came, for Test
   * Integration's masked report (pac4j's credentials keep only the three tokens).
   */
  public static final String TOKEN_RESPONSE = ProviderClients.class.getName() + ".tokenResponse";

  /** ID tokens must be signed with one of these: asymmetric only, never {@code none} or HMAC. */
  static final List<JWSAlgorithm> ID_TOKEN_ALGORITHMS =
      List.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.EdDSA);

  static final String PKCE_VERIFIER = "$pkceCodeVerifier";

  private static final AjaxRequestResolver NEVER_AJAX =
      new AjaxRequestResolver() {
        @Override
        public boolean isAjax(CallContext ctx) {
          return false;
        }

        @Override
        public HttpAction buildAjaxResponse(
            CallContext ctx, RedirectionActionBuilder redirectionActionBuilder) {
          throw new IllegalStateException("a sign-in is never an AJAX request");
        }
      };

  @Inject Outbound outbound;
  @Inject DoorSecrets secrets;
  @Inject Clock clock;

  /** The clock skew allowed on a SAML assertion's times. */
  @Inject
  @ConfigProperty(name = "foyer.saml.clock-skew", defaultValue = "PT2M")
  Duration samlSkew;

  /** How long a client (and the OpenID configuration it read) is used before it is made again. */
  static final Duration MAX_AGE = Duration.ofHours(1);

  private final Map<Key, Made> clients = new ConcurrentHashMap<>();
  private final Map<String, Object> building = new ConcurrentHashMap<>();

  private record Key(String providerId, long version, String callbackUrl) {}

  private record Made(IndirectClient client, Instant at) {}

  /**
   * @param clientSecret the opened client secret
   * @param callbackUrl Foyer's one callback address, as this request reached Foyer
   */
  public IndirectClient client(IdentityProvider provider, String clientSecret, String callbackUrl) {
    var key = new Key(provider.id(), provider.version(), callbackUrl);
    var made = clients.get(key);
    if (made != null && !made.at().plus(MAX_AGE).isBefore(Instant.now())) {
      return made.client();
    }
    // One build per provider at a time: a slow provider holds one thread, not one per request.
    synchronized (building.computeIfAbsent(provider.id(), id -> new Object())) {
      made = clients.get(key);
      var now = Instant.now();
      if (made == null || made.at().plus(MAX_AGE).isBefore(now)) {
        clients.keySet().removeIf(old -> old.providerId().equals(provider.id()));
        made = new Made(build(provider, clientSecret, callbackUrl), now);
        clients.put(key, made);
      }
      return made.client();
    }
  }

  private IndirectClient build(IdentityProvider provider, String secret, String callbackUrl) {
    IndirectClient client =
        switch (provider.kind().protocol()) {
          case OIDC -> oidc(provider, secret);
          case OAUTH2 -> oauth2(provider, secret);
          case OAUTH1 -> oauth1(provider, secret);
          case SAML -> saml(provider, callbackUrl);
        };
    client.setName(provider.alias());
    client.setCallbackUrl(callbackUrl);
    client.setCallbackUrlResolver(new NoParameterCallbackUrlResolver());
    // A sign-in is never an AJAX request: always the redirect, never a 401 instead.
    client.setAjaxRequestResolver(NEVER_AJAX);
    client.init();
    // pac4j initialises its parts lazily, and a part another thread is initialising counts as done
    // (InitializableObject): a cold client's first concurrent callbacks met an uninitialised
    // profile creator (500s under load, bench/federation.sh). Every part is ready before anyone
    // sees the client. pac4j initialises a metadata resolver only when it made it itself: Foyer's
    // own was read at its first load(), where the requests that lost its tryLock met a null
    // document (63 of 64 cold concurrent entries refused with OIDC2, bench/federation.sh).
    for (var part :
        new Object[] {
          client instanceof OidcClient oidc
              ? oidc.getConfiguration().getOpMetadataResolver()
              : null,
          client.getRedirectionActionBuilder(),
          client.getCredentialsExtractor(),
          client.getAuthenticator(),
          client.getProfileCreator()
        }) {
      if (part instanceof InitializableObject initializable) {
        initializable.init();
      }
    }
    return client;
  }

  private OidcClient oidc(IdentityProvider provider, String secret) {
    var endpoints = provider.effectiveEndpoints();
    var issuer =
        endpoints
            .issuer()
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        FederationProblem.INVALID_PROVIDER_URL, "The provider has no issuer."));
    var configuration = new FoyerOidcConfiguration(outbound);
    configuration.setClientId(provider.clientId().orElse(""));
    configuration.setSecret(secret);
    configuration.setDiscoveryURI(discovery(issuer));
    configuration.setScope(provider.effectiveScopes().orElse("openid"));
    configuration.setUseNonce(true);
    configuration.setWithState(true);
    configuration.setDisablePkce(false);
    configuration.setPkceMethod(CodeChallengeMethod.S256);
    configuration.setAllowUnsignedIdTokens(false);
    configuration.setResponseType("code");
    configuration.setClientAuthenticationMethod(
        provider.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_POST
            ? ClientAuthenticationMethod.CLIENT_SECRET_POST
            : ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
    // Foyer calls the user info endpoint itself, with its limits, and keeps the raw answer.
    configuration.setCallUserInfoEndpoint(false);
    configuration.setConnectTimeout(outbound.connectTimeoutMillis());
    configuration.setReadTimeout(outbound.readTimeoutMillis());
    configuration.setMaxClockSkew(60);
    var retriever =
        new DefaultResourceRetriever(
            outbound.connectTimeoutMillis(),
            outbound.readTimeoutMillis(),
            outbound.maxResponseBytes());
    retriever.setProxy(outbound.proxy());
    retriever.setHeaders(
        outbound.headers().entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Map.Entry::getKey, entry -> List.of(entry.getValue()))));
    configuration.setResourceRetriever(retriever);
    configuration.setOpMetadataResolver(new CheckedMetadata(configuration, issuer, outbound));
    var client = new OidcClient(configuration);
    client.setAuthenticator(new OutboundOidcAuthenticator(configuration, client, outbound));
    return client;
  }

  /**
   * SAML 2.0: the identity provider's metadata as last read, the service provider's opened keys
   * (current first), and this flow's assertion consumer service (the callback address).
   */
  private SamlClient saml(IdentityProvider provider, String acsUrl) {
    var saml = provider.saml();
    var metadata =
        IdpMetadata.parse(
            saml.metadata()
                .orElseThrow(
                    () ->
                        new GatewayProblem(
                            SamlProblem.METADATA_UNUSABLE,
                            "The provider has no identity provider metadata yet.")));
    var keys =
        secrets
            .open("the SAML keys of identity provider " + provider.alias(), provider.sealedSpKeys())
            .stream()
            .map(SpKey::decoded)
            .toList();
    if (keys.isEmpty()) {
      throw new GatewayProblem(
          SamlProblem.METADATA_UNUSABLE, "The provider's service provider keys cannot be opened.");
    }
    return new SamlClient(
        new SamlClient.Settings(
            metadata,
            saml.spEntityId().orElseThrow(),
            acsUrl,
            saml.nameIdFormat(),
            saml.postBinding(),
            saml.encryptedAssertions(),
            keys,
            samlSkew),
        clock);
  }

  private static String required(Optional<String> url, String field) {
    return url.orElseThrow(
        () ->
            new GatewayProblem(
                FederationProblem.INVALID_PROVIDER_URL,
                "The provider has no " + field + ": complete it before testing or enabling it."));
  }

  static String discovery(String issuer) {
    return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
        + "/.well-known/openid-configuration";
  }

  private OAuth20Client oauth2(IdentityProvider provider, String secret) {
    var endpoints = provider.effectiveEndpoints();
    var api =
        new GenericApi20(
            required(endpoints.authorizationUrl(), "authorizationUrl"),
            required(endpoints.tokenUrl(), "tokenUrl"));
    api.setClientAuthenticationMethod(
        provider.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_POST
            ? GenericApi20.REQUEST_BODY_AUTHENTICATION_METHOD
            : GenericApi20.BASIC_AUTH_AUTHENTICATION_METHOD);
    var configuration = new FoyerOAuth20Configuration(outbound);
    configuration.setApi(api);
    configuration.setKey(provider.clientId().orElse(""));
    configuration.setSecret(secret);
    configuration.setScope(provider.effectiveScopes().orElse(null));
    configuration.setWithState(true);
    configuration.setStateGenerator(new RandomValueGenerator(32));
    configuration.setProfileDefinition(new GenericOAuth20ProfileDefinition());
    configuration.init();
    var client = new OAuth20Client();
    client.setConfiguration(configuration);
    boolean pkce = provider.pkce();
    client.setRedirectionActionBuilder(
        ctx -> {
          var webContext = ctx.webContext();
          var state = configuration.getStateGenerator().generateValue(ctx);
          ctx.sessionStore().set(webContext, client.getStateSessionAttributeName(), state);
          var service = (OAuth20Service) configuration.buildService(webContext, client);
          var url = new AuthorizationUrlBuilder(service).state(state);
          if (pkce) {
            var challenge = PKCEService.defaultInstance().generatePKCE();
            ctx.sessionStore()
                .set(webContext, client.getName() + PKCE_VERIFIER, challenge.getCodeVerifier());
            url.pkce(challenge);
          }
          return Optional.<RedirectionAction>of(
              HttpActionHelper.buildRedirectUrlAction(webContext, url.build()));
        });
    client.setAuthenticator(new PkceAuthenticator(configuration, client, outbound));
    return client;
  }

  private OAuth10Client oauth1(IdentityProvider provider, String secret) {
    var endpoints = provider.effectiveEndpoints();
    var requestTokenUrl = required(endpoints.requestTokenUrl(), "requestTokenUrl");
    var accessTokenUrl = required(endpoints.tokenUrl(), "tokenUrl");
    var authorizationUrl = required(endpoints.authorizationUrl(), "authorizationUrl");
    var configuration = new FoyerOAuth10Configuration(outbound);
    configuration.setApi(
        new DefaultApi10a() {
          @Override
          public String getRequestTokenEndpoint() {
            return requestTokenUrl;
          }

          @Override
          public String getAccessTokenEndpoint() {
            return accessTokenUrl;
          }

          @Override
          protected String getAuthorizationBaseUrl() {
            return authorizationUrl;
          }
        });
    configuration.setKey(provider.clientId().orElse(""));
    configuration.setSecret(secret);
    configuration.setProfileDefinition(new GenericOAuth20ProfileDefinition());
    configuration.init();
    var client = new OAuth10Client();
    client.setConfiguration(configuration);
    return client;
  }

  /**
   * A GET of an OAuth 1.0a provider's user info, signed with the access token: the URL and the
   * {@code Authorization} header to send.
   */
  public record SignedGet(URI uri, Map<String, String> headers) {}

  public static SignedGet signedGet(
      OAuth10Client client, WebContext context, String url, OAuth1AccessToken token) {
    var service = (OAuth10aService) client.getConfiguration().buildService(context, client);
    var request = new OAuthRequest(Verb.GET, url);
    service.signRequest(token, request);
    return new SignedGet(URI.create(request.getCompleteUrl()), Map.copyOf(request.getHeaders()));
  }

  /** OAuth 2.0's code exchange, with the flow's PKCE verifier when it sent a challenge. */
  private static final class PkceAuthenticator extends OAuth20Authenticator {
    private final transient Outbound outbound;

    PkceAuthenticator(
        OAuth20Configuration configuration, IndirectClient client, Outbound outbound) {
      super(configuration, client);
      this.outbound = outbound;
    }

    @Override
    public Optional<Credentials> validate(CallContext ctx, Credentials credentials) {
      var oauth = (OAuth20Credentials) credentials;
      // Checked when it is called, not when the client is made: a sign-in that never gets this
      // far does not resolve the provider's host.
      outbound.checkTarget(
          URI.create(((DefaultApi20) configuration.getApi()).getAccessTokenEndpoint()));
      var params = AccessTokenRequestParams.create(oauth.getCode());
      ctx.sessionStore()
          .get(ctx.webContext(), client.getName() + PKCE_VERIFIER)
          .map(String.class::cast)
          .ifPresent(params::pkceCodeVerifier);
      try {
        var service = (OAuth20Service) configuration.buildService(ctx.webContext(), client);
        oauth.setAccessToken(
            OAuth20Credentials.OAuth20AccessToken.from(service.getAccessToken(params)));
      } catch (Outbound.Failed failed) {
        throw new GatewayProblem(
            FederationProblem.CODE_NOT_EXCHANGED,
            "The provider's token endpoint did not exchange the code: its answer "
                + failed.getMessage()
                + ".");
      } catch (IOException | InterruptedException | ExecutionException | RuntimeException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new GatewayProblem(
            FederationProblem.CODE_NOT_EXCHANGED,
            "The provider's token endpoint did not exchange the code ("
                + e.getClass().getSimpleName()
                + "). Check the client id and secret and the token URL.");
      }
      return Optional.of(oauth);
    }

    @Override
    protected void retrieveAccessToken(WebContext context, Credentials credentials) {
      throw new UnsupportedOperationException("validate() exchanges the code");
    }
  }

  /** scribejava's code exchange goes through {@link Outbound} ({@link ScribeThroughOutbound}). */
  private static final class FoyerOAuth20Configuration extends OAuth20Configuration {
    private final transient Outbound outbound;

    FoyerOAuth20Configuration(Outbound outbound) {
      this.outbound = outbound;
    }

    @Override
    public OAuthService buildService(WebContext context, IndirectClient client) {
      init();
      return new OAuth20Service(
          (DefaultApi20) getApi(),
          getKey(),
          getSecret(),
          client.computeFinalCallbackUrl(context),
          getScope(),
          getResponseType(),
          null,
          Outbound.USER_AGENT,
          null,
          new ScribeThroughOutbound(outbound));
    }
  }

  /**
   * scribejava's OAuth 1.0a calls (request and access token) go through {@link Outbound} ({@link
   * ScribeThroughOutbound}).
   */
  private static final class FoyerOAuth10Configuration extends OAuth10Configuration {
    private final transient Outbound outbound;

    FoyerOAuth10Configuration(Outbound outbound) {
      this.outbound = outbound;
    }

    @Override
    public OAuthService buildService(WebContext context, IndirectClient client) {
      init();
      return new OAuth10aService(
          (DefaultApi10a) getApi(),
          getKey(),
          getSecret(),
          client.computeFinalCallbackUrl(context),
          getScope(),
          null,
          Outbound.USER_AGENT,
          null,
          new ScribeThroughOutbound(outbound));
    }
  }

  /**
   * nimbus's calls carry Foyer's identifying headers and timeouts. The code exchange, the one
   * nimbus request Foyer lets pac4j make, is sent by {@link Outbound} ({@link
   * OutboundOidcAuthenticator}).
   */
  private static final class FoyerOidcConfiguration extends OidcConfiguration {
    private final transient Outbound outbound;

    FoyerOidcConfiguration(Outbound outbound) {
      this.outbound = outbound;
    }

    @Override
    public void configureHttpRequest(HTTPRequest request) {
      super.configureHttpRequest(request);
      outbound.headers().forEach(request::setHeader);
      request.setProxy(outbound.proxy());
    }
  }

  /**
   * The discovery document, fetched with Foyer's limits, must name the configured issuer exactly
   * (OpenID Connect Discovery §4.3), and only asymmetric ID token algorithms are kept.
   */
  private static final class CheckedMetadata extends OidcOpMetadataResolver {
    private final String issuer;
    private final transient Outbound outbound;

    CheckedMetadata(OidcConfiguration configuration, String issuer, Outbound outbound) {
      super(configuration);
      this.issuer = issuer;
      this.outbound = outbound;
    }

    /**
     * Read once, when the client is made: a changed configuration is read again when the provider
     * is saved or the client is made again ({@link #MAX_AGE}); keys rotate through the JWKS, which
     * is fetched again for an unknown {@code kid}.
     */
    @Override
    public boolean hasChanged() {
      return loaded == null;
    }

    @Override
    protected OIDCProviderMetadata retrieveMetadata() {
      Outbound.Answer answer;
      try {
        answer = outbound.get(URI.create(discovery(issuer)), Map.of());
      } catch (GatewayProblem problem) {
        throw new OidcException(
            new GatewayProblem(
                FederationProblem.DISCOVERY_FAILED,
                "The provider's discovery document could not be read: " + problem.getMessage()));
      }
      if (!answer.ok()) {
        throw discoveryFailed("it answered " + answer.status());
      }
      OIDCProviderMetadata metadata;
      try {
        metadata = OIDCProviderMetadata.parse(answer.body());
      } catch (com.nimbusds.oauth2.sdk.ParseException e) {
        throw discoveryFailed("it is not an OpenID provider configuration");
      }
      if (!metadata.getIssuer().getValue().equals(issuer)) {
        throw discoveryFailed(
            "it names the issuer " + metadata.getIssuer().getValue() + ", not " + issuer);
      }
      var algorithms =
          Optional.ofNullable(metadata.getIDTokenJWSAlgs()).orElse(List.of()).stream()
              .filter(ID_TOKEN_ALGORITHMS::contains)
              .toList();
      if (algorithms.isEmpty()) {
        throw discoveryFailed(
            "it offers no asymmetric ID token signature (Foyer accepts "
                + ID_TOKEN_ALGORITHMS
                + ")");
      }
      metadata.setIDTokenJWSAlgs(algorithms);
      // The endpoints the document names are called by Foyer: the same rules as saved URLs.
      try {
        for (var endpoint :
            new URI[] {
              metadata.getTokenEndpointURI(),
              metadata.getJWKSetURI(),
              metadata.getUserInfoEndpointURI()
            }) {
          if (endpoint != null) {
            outbound.checkTarget(endpoint);
          }
        }
      } catch (GatewayProblem refused) {
        throw new OidcException(refused);
      }
      return metadata;
    }

    private static OidcException discoveryFailed(String why) {
      return new OidcException(
          new GatewayProblem(
              FederationProblem.DISCOVERY_FAILED,
              "The provider's discovery document is unusable: " + why + "."));
    }
  }
}
