package dev.foyer.federation.control;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.problems.GatewayProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.credentials.Credentials;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.config.OidcConfiguration;
import org.pac4j.oidc.credentials.OidcCredentials;
import org.pac4j.oidc.credentials.authenticator.OidcAuthenticator;
import org.pac4j.oidc.exceptions.OidcException;
import org.pac4j.oidc.exceptions.OidcTokenException;

/**
 * pac4j's OpenID Connect code exchange, sent by {@link Outbound} (nimbus's {@link
 * HTTPRequestSender}) instead of nimbus's own connection: the target check, a whole-call deadline,
 * the size cap, no redirects. pac4j 6.3.1 sends the token request in a private method with no
 * sender to plug, so this authenticator does what {@link OidcAuthenticator#validate} does, through
 * Outbound. An answer that does not come whole within the limits, or a redirect, is {@code CO1},
 * saying which.
 */
final class OutboundOidcAuthenticator extends OidcAuthenticator {
  private final transient Outbound outbound;

  OutboundOidcAuthenticator(OidcConfiguration configuration, OidcClient client, Outbound outbound) {
    super(configuration, client);
    this.outbound = outbound;
  }

  @Override
  public Optional<Credentials> validate(CallContext ctx, Credentials cred) {
    if (cred instanceof OidcCredentials credentials) {
      var code = credentials.toAuthorizationCode();
      if (code != null) {
        try {
          var callbackUrl = client.computeFinalCallbackUrl(ctx.webContext());
          var verifier =
              (CodeVerifier)
                  configuration
                      .getValueRetriever()
                      .retrieve(ctx, client.getCodeVerifierSessionAttributeName(), client)
                      .orElse(null);
          var answer =
              exchange(
                  createTokenRequest(
                      new AuthorizationCodeGrant(code, new URI(callbackUrl), verifier)),
                  credentials);
          ctx.webContext().setRequestAttribute(ProviderClients.TOKEN_RESPONSE, answer);
        } catch (URISyntaxException e) {
          throw new OidcException(e);
        }
      }
    }
    return Optional.ofNullable(cred);
  }

  @Override
  public void refresh(OidcCredentials credentials) {
    var refreshToken = credentials.toRefreshToken();
    if (refreshToken != null) {
      exchange(createTokenRequest(new RefreshTokenGrant(refreshToken)), credentials);
    }
  }

  /** Returns the token endpoint's answer body. */
  private String exchange(TokenRequest request, OidcCredentials credentials) {
    var httpRequest = request.toHTTPRequest();
    configuration.configureHttpRequest(httpRequest);
    HTTPResponse answer;
    try {
      answer = httpRequest.send(this::send);
    } catch (Outbound.Failed failed) {
      throw refused("its answer " + failed.getMessage());
    } catch (java.io.IOException e) {
      throw refused("the call failed (" + e.getClass().getSimpleName() + ")");
    }
    try {
      var response = OIDCTokenResponseParser.parse(answer);
      if (response instanceof TokenErrorResponse error) {
        // As pac4j's: the provider's own text is logged for the operator, not shown to the person.
        var errorObject = error.getErrorObject();
        throw new OidcTokenException(
            "Bad token response, error="
                + errorObject.getCode()
                + ", description="
                + errorObject.getDescription()
                + ", status="
                + errorObject.getHTTPStatusCode());
      }
      var tokens = ((OIDCTokenResponse) response).getOIDCTokens();
      if (tokens.getAccessToken() != null) {
        credentials.setAccessToken(tokens.getAccessToken().toJSONObject());
      }
      if (tokens.getRefreshToken() != null) {
        credentials.setRefreshToken(tokens.getRefreshToken().toJSONObject());
      }
      if (tokens.getIDToken() != null) {
        credentials.setIdToken(tokens.getIDToken().serialize());
      }
      return answer.getBody();
    } catch (ParseException e) {
      throw new OidcException(e);
    }
  }

  private HTTPResponse send(ReadOnlyHTTPRequest request) throws Outbound.Failed {
    var body = request.getBody();
    var reply =
        Outbound.Failed.notRedirected(
            outbound.exchange(
                request.getMethod().name(),
                request.getURI(),
                request.getHeaderMap(),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    var response = new HTTPResponse(reply.status());
    reply
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.startsWith(":") && !values.isEmpty()) {
                response.setHeader(name, values.toArray(String[]::new));
              }
            });
    response.setBody(reply.text());
    return response;
  }

  private static GatewayProblem refused(String why) {
    return new GatewayProblem(
        FederationProblem.CODE_NOT_EXCHANGED,
        "The provider's token endpoint did not exchange the code: " + why + ".");
  }
}
