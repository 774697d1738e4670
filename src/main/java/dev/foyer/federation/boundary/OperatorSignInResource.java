package dev.foyer.federation.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.foyer.console.boundary.ConsoleCookies;
import dev.foyer.console.control.Operators;
import dev.foyer.console.entity.ConsoleProblem;
import dev.foyer.console.entity.OperatorRole;
import dev.foyer.console.entity.OperatorSession;
import dev.foyer.federation.control.FlowSessionStore;
import dev.foyer.federation.control.OperatorProvider;
import dev.foyer.federation.control.ProviderClients;
import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.signin.control.FlowStates;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.web.PublicAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.exception.TechnicalException;
import org.pac4j.core.exception.http.WithLocationAction;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.profile.OidcProfile;

/**
 * Operators sign in to the console at the organisation's OpenID Connect provider ({@link
 * OperatorProvider}): the same pac4j client, flow state, state, nonce, PKCE and ID token checks as
 * a space's OpenID Connect provider, ending in an operator's console session instead of a member's.
 * The operator's role is read from the ID token: {@code foyer-admin} in the roles claim, or {@code
 * foyer-space-admin} with the space claim naming an existing space; anyone else is refused ({@code
 * CON5}) with no session.
 *
 * <p>Redirect URI to register at the provider: {@value #PATH}{@code /callback} on Foyer's origin.
 */
@Path(OperatorSignInResource.PATH)
public class OperatorSignInResource {
  public static final String PATH = "/auth/federation/operators";

  /** The flows of operator sign-ins: no other callback takes them. */
  static final String DOOR = "console-operator";

  private static final System.Logger LOGGER =
      System.getLogger(OperatorSignInResource.class.getName());

  @Inject OperatorProvider operator;
  @Inject ProviderClients clients;
  @Inject FlowStates flows;
  @Inject FlowCookies flowCookies;
  @Inject Operators operators;
  @Inject ConsoleCookies consoleCookies;
  @Inject Spaces spaces;
  @Inject PublicAddress address;
  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  /** Sends the operator to the provider, holding a flow cookie for the callback. */
  @GET
  public Response start() {
    var client = client();
    var started = flows.begin(null, DOOR, null, null, null);
    WithLocationAction action;
    try {
      action =
          (WithLocationAction)
              client
                  .getRedirectionAction(
                      new CallContext(
                          new JEEContext(request, response), new FlowSessionStore(started.flow())))
                  .orElseThrow();
    } catch (TechnicalException e) {
      throw FederationAuthenticator.unwrapped(e, FederationProblem.DISCOVERY_FAILED);
    }
    flows.save(started.flow());
    return Response.status(Response.Status.FOUND)
        .location(URI.create(action.getLocation()))
        .cookie(flowCookies.issueOperatorFlow(started.id(), flows.ttl()))
        .build();
  }

  /** The provider's answer: the code exchanged, the ID token checked, the operator's session. */
  @GET
  @Path("callback")
  public Response callback() {
    var flow =
        FederationFlows.take(
            flows,
            flowCookies.operatorFlow(request).orElse(null),
            Set.of(DOOR),
            "This browser has no console sign-in waiting for the provider's answer (it expired"
                + " after "
                + flows.ttl().toMinutes()
                + " minutes, or was finished). Start again from the console.");
    var client = client();
    var ctx = new CallContext(new JEEContext(request, response), new FlowSessionStore(flow));
    var credentials = FederationAuthenticator.credentials(ctx, client);
    OidcProfile profile;
    JWTClaimsSet claims;
    try {
      profile =
          (OidcProfile)
              client
                  .getUserProfile(ctx, credentials)
                  .orElseThrow(() -> new TechnicalException("no profile"));
      if (profile.getIdToken() == null) {
        throw new TechnicalException("the token response holds no ID token");
      }
      claims = profile.getIdToken().getJWTClaimsSet();
    } catch (TechnicalException | ParseException e) {
      LOGGER.log(System.Logger.Level.INFO, "An operator's ID token was refused: {0}", e.toString());
      throw new GatewayProblem(
          ConsoleProblem.SIGN_IN_FAILED, "The provider's ID token was refused.");
    }
    var role = role(claims);
    var name = Optional.ofNullable(profile.getDisplayName()).orElse(profile.getUsername());
    var opened = operators.open(claims.getSubject(), name, role, OperatorSession.Source.OIDC);
    return Response.seeOther(URI.create("/console/"))
        .cookie(
            consoleCookies.issue(opened.token(), operators.sessionTtl()),
            flowCookies.expireOperatorFlow())
        .build();
  }

  private OperatorRole role(JWTClaimsSet claims) {
    var roles = strings(claims.getClaim(operator.rolesClaim()));
    if (roles.contains(OperatorRole.ADMIN)) {
      return OperatorRole.admin();
    }
    if (roles.contains(OperatorRole.SPACE_ADMIN)
        && claims.getClaim(operator.spaceClaim()) instanceof String space
        && spaces.bySlug(space).isPresent()) {
      return OperatorRole.spaceAdmin(space);
    }
    throw new GatewayProblem(
        ConsoleProblem.NO_ROLE,
        "Your identity provider says you are neither a foyer-admin nor the foyer-space-admin of"
            + " a space here. Ask its administrator for a role in the '"
            + operator.rolesClaim()
            + "' claim.");
  }

  private static List<String> strings(Object claim) {
    if (claim instanceof String one) {
      return List.of(one);
    }
    if (claim instanceof Collection<?> many) {
      return many.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }

  private OidcClient client() {
    if (!operator.configured()) {
      throw new GatewayProblem(
          ConsoleProblem.SIGN_IN_OFF,
          "This Foyer has no OpenID Connect provider for operators: set foyer.console.oidc.issuer.");
    }
    var callback = address.origin(request) + PATH + "/callback";
    try {
      return (OidcClient) clients.client(operator.provider(), operator.clientSecret(), callback);
    } catch (TechnicalException e) {
      throw FederationAuthenticator.unwrapped(e, FederationProblem.DISCOVERY_FAILED);
    }
  }
}
