package dev.foyer.federation.boundary;

import dev.foyer.doors.SignInResponses;
import dev.foyer.federation.control.SamlServiceProvider;
import dev.foyer.federation.control.SamlSingleLogout;
import dev.foyer.federation.saml.SamlClient;
import dev.foyer.members.entity.ConflictField;
import dev.foyer.members.entity.SignInConflict;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.signin.control.DoorAttempt;
import dev.foyer.signin.control.FlowStates;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.web.PublicAddress;
import dev.foyer.web.SecurityHeaders;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.pac4j.jee.context.JEEContext;

/**
 * The federation door's addresses: the entry a space's button leads to, and the callback every
 * provider answers at, each at its own address (the door has checked the answer by the time it gets
 * here).
 */
@RequestScoped
@Path("/auth/federation")
public class FederationResource {
  @Inject FederationAuthenticator authenticator;
  @Inject SignInResponses responses;
  @Inject FlowStates flows;
  @Inject ConflictChoices choices;
  @Inject Spaces spaces;
  @Inject FlowCookies cookies;
  @Inject SamlServiceProvider serviceProvider;
  @Inject SamlSingleLogout singleLogout;
  @Inject PublicAddress address;

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
    new DoorAttempt(FederationDoor.NAME, account, alias).mark(request);
    return toProvider(
        authenticator.start(
            new JEEContext(request, response), request, account, alias, eventId, returnPath));
  }

  /** Test Integration: the administrator's single-use link starts a sign-in in test mode. */
  @GET
  @Path("tests/{ticket}")
  public Response test(@PathParam("ticket") String ticket) {
    return toProvider(authenticator.startTest(new JEEContext(request, response), request, ticket));
  }

  /**
   * The browser leaves for the provider, holding the flow's cookie: redirected, or (SAML's
   * HTTP-POST binding) by a page whose form posts the signed request to the identity provider.
   */
  private Response toProvider(FederationAuthenticator.Started started) {
    if (started.page() != null) {
      SecurityHeaders.formActionTo(request, SamlClient.origin(started.postTo()));
      return Response.ok(started.page(), MediaType.TEXT_HTML + ";charset=UTF-8")
          .cookie(cookies.issueFlow(started.flowId(), flows.ttl()))
          .cacheControl(noStore())
          .build();
    }
    return Response.status(Response.Status.FOUND)
        .location(started.location())
        .cookie(cookies.issueFlow(started.flowId(), flows.ttl()))
        .cacheControl(noStore())
        .build();
  }

  /** The script of the page that posts a SAML request (no inline script is allowed). */
  @GET
  @Path("saml-post.js")
  @Produces("text/javascript;charset=UTF-8")
  public Response samlPostScript() {
    var cache = new CacheControl();
    cache.setMaxAge(300);
    return Response.ok("document.getElementById('saml-post').submit();\n")
        .cacheControl(cache)
        .build();
  }

  /**
   * A SAML provider's service provider metadata, for the identity provider's administrator to
   * import: the entity id, the assertion consumer service, the logout service and the keys.
   */
  @GET
  @Path("metadata/{account}/{alias}")
  @Produces("application/samlmetadata+xml")
  public Response metadata(@PathParam("account") String account, @PathParam("alias") String alias) {
    return Response.ok(
            serviceProvider.metadata(
                account,
                alias,
                SamlServiceProvider.Addresses.of(address.origin(request), account, alias)),
            "application/samlmetadata+xml")
        .header("Content-Disposition", "inline; filename=\"" + alias + "-sp-metadata.xml\"")
        .build();
  }

  /**
   * A provider's answer, at its own address (checked by the door against the flow's provider): by
   * GET for OAuth, posted for SAML (the assertion consumer service).
   */
  @GET
  @Path("callback/{account}/{alias}")
  public Response callback() {
    if (request.getAttribute(TestReport.ATTRIBUTE) instanceof TestReport report) {
      var accept = request.getHeader("Accept");
      var html = accept != null && accept.contains("text/html");
      return Response.ok(
              html ? report.html() : report.text(),
              html ? MediaType.TEXT_HTML + ";charset=UTF-8" : MediaType.APPLICATION_JSON)
          .cacheControl(noStore())
          .build();
    }
    return admitted();
  }

  /** SAML's assertion consumer service: the door has validated the posted response. */
  @POST
  @Path("callback/{account}/{alias}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response posted() {
    return callback();
  }

  /**
   * A SAML provider's single logout address, HTTP-Redirect: the identity provider's LogoutRequest
   * (Foyer ends the sessions it names and answers) or its LogoutResponse to Foyer's own.
   */
  @GET
  @Path("logout/{account}/{alias}")
  public Response logoutByRedirect(
      @PathParam("account") String account, @PathParam("alias") String alias) {
    var parameters = new java.util.LinkedHashMap<String, String>();
    uriInfo
        .getQueryParameters()
        .forEach(
            (name, values) -> {
              if (values.size() != 1) {
                throw new GatewayProblem(
                    ProblemType.PARAMETER_REPEATED, "The parameter " + name + " is repeated.");
              }
              parameters.put(name, values.get(0));
            });
    return singleLogout(account, alias, parameters, request.getQueryString());
  }

  /** The same address, HTTP-POST: the message carries its own signature. */
  @POST
  @Path("logout/{account}/{alias}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logoutByPost(
      @PathParam("account") String account,
      @PathParam("alias") String alias,
      MultivaluedMap<String, String> form) {
    var parameters = new java.util.LinkedHashMap<String, String>();
    form.forEach(
        (name, values) -> {
          if (values.size() != 1) {
            throw new GatewayProblem(
                ProblemType.PARAMETER_REPEATED, "The parameter " + name + " is repeated.");
          }
          parameters.put(name, values.get(0));
        });
    return singleLogout(account, alias, parameters, null);
  }

  private Response singleLogout(
      String account, String alias, Map<String, String> parameters, String rawQuery) {
    var next = singleLogout.receive(account, alias, parameters, rawQuery, address.origin(request));
    if (next.page().isPresent()) {
      SecurityHeaders.formActionTo(request, SamlClient.origin(next.postTo().orElseThrow()));
      return Response.ok(next.page().get(), MediaType.TEXT_HTML + ";charset=UTF-8")
          .cacheControl(noStore())
          .build();
    }
    return Response.seeOther(uriInfo.getBaseUri().resolve(next.redirect().orElseThrow()))
        .cacheControl(noStore())
        .build();
  }

  /** The person's choice after a conflict: the held sign-in goes through again with it. */
  @POST
  @Path("choose")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response choose() {
    if (request.getAttribute(ConflictChoices.RETRY) instanceof ConflictChoices.Retry retry) {
      // The value was refused: the page again, with the reason, under the sign-in held anew.
      return Response.status(retry.problem().type().status())
          .entity(ConflictChoices.page(retry))
          .type(MediaType.TEXT_HTML + ";charset=UTF-8")
          .cookie(cookies.issueChoice(retry.heldId(), flows.ttl()))
          .cacheControl(noStore())
          .build();
    }
    return admitted();
  }

  /**
   * The pipeline's answer; a username or email conflict the space lets the person resolve becomes
   * the page asking for another value (browsers only: API callers get the problem, {@code
   * mayChoose} in it).
   */
  private Response admitted() {
    try {
      // The flow is finished: its cookie goes too.
      return Response.fromResponse(responses.redirect(request, uriInfo))
          .cookie(cookies.expireFlow())
          .build();
    } catch (SignInConflict conflict) {
      if (!conflict.mayChoose() || !FederationDoor.acceptsHtml(request)) {
        throw conflict;
      }
      var stopped = SignInResponses.profile(request);
      var held = choices.tryHold(stopped, conflict.field()).orElseThrow(() -> conflict);
      var profile = stopped.identity().profile();
      var taken = conflict.field() == ConflictField.USERNAME ? profile.username() : profile.email();
      var space = spaces.bySlug(stopped.identity().spaceSlug()).orElseThrow(() -> conflict);
      return Response.ok(
              ConflictChoices.page(space.name(), conflict.field(), taken),
              MediaType.TEXT_HTML + ";charset=UTF-8")
          .cookie(cookies.issueChoice(held, flows.ttl()))
          .cacheControl(noStore())
          .build();
    }
  }

  private static CacheControl noStore() {
    var cache = new CacheControl();
    cache.setNoStore(true);
    return cache;
  }
}
