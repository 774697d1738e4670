package dev.foyer.federation.boundary;

import dev.foyer.doors.SignInResponses;
import dev.foyer.signin.control.DoorAttempt;
import dev.foyer.signin.control.FlowStates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pac4j.jee.context.JEEContext;

/**
 * The federation door's addresses: the entry a space's button leads to, and the one callback every
 * provider answers at (its pac4j client has checked the answer by the time it gets here).
 */
@RequestScoped
@Path("/auth/federation")
public class FederationResource {
  @Inject FederationAuthenticator authenticator;
  @Inject SignInResponses responses;
  @Inject FlowStates flows;

  @Inject
  @ConfigProperty(name = "foyer.session.cookie-secure", defaultValue = "true")
  boolean secureCookies;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;
  @Context UriInfo uriInfo;

  /**
   * Starts a sign-in through the provider: a flow in the database, its cookie, and the redirect to
   * the provider's authorization endpoint.
   *
   * @param eventId the event to join once signed in (as URI Auth's {@code eventid})
   * @param returnPath a path inside the space to land on
   */
  @GET
  @Path("{account}/{alias}")
  public Response start(
      @PathParam("account") String account,
      @PathParam("alias") String alias,
      @QueryParam("eventid") String eventId,
      @QueryParam("return") String returnPath) {
    // A refusal here (an unknown provider, an unusable discovery document) is an attempt too: the
    // administrator finds its code in the login records, as for the callback's refusals.
    new DoorAttempt(FederationDoor.NAME, account).mark(request);
    var started =
        authenticator.start(
            new JEEContext(request, response), request, account, alias, eventId, returnPath);
    var cache = new CacheControl();
    cache.setNoStore(true);
    return Response.status(Response.Status.FOUND)
        .location(started.location())
        .cookie(FlowCookies.issue(started.flowId(), flows.ttl(), secureCookies))
        .cacheControl(cache)
        .build();
  }

  @GET
  @Path("callback")
  public Response callback() {
    return responses.redirect(request, uriInfo);
  }
}
