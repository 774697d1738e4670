package dev.foyer.jwtsso.boundary;

import dev.foyer.doors.SignInResponses;
import dev.foyer.jwtsso.control.JwtSsoSpaces;
import dev.foyer.jwtsso.entity.JwtSsoProblem;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.spaces.control.Spaces;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.stream.Collectors;

/** Seeds 001/003's URLs under {@code /spot/{spaceId}}. */
@RequestScoped
@Path("/spot/{spaceId}")
public class JwtSsoResource {
  @Inject SignInResponses responses;
  @Inject JwtSsoSpaces ssoSpaces;
  @Inject Spaces spaces;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @PathParam("spaceId")
  String spaceId;

  /** "Your app redirects the user to your Spot and passes the token along." */
  @GET
  @Path("sso/jwt")
  public Response viaLink() {
    return responses.redirect(request, uriInfo);
  }

  /** The same with the token in a form body, out of URLs, logs and history. */
  @POST
  @Path("sso/jwt")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response viaForm() {
    return responses.redirect(request, uriInfo);
  }

  /**
   * The embed and widget scripts' {@code authToken}: signs in inside a frame of an allowed origin.
   */
  @GET
  @Path("embed")
  public Response embedded() {
    var space = ssoSpaces.space(spaceId);
    var referer = request.getHeader("Referer");
    if (referer != null
        && !space.allowsOrigin(origin(referer))
        && !uriInfo.getBaseUri().toString().startsWith(origin(referer) + "/")) {
      throw new GatewayProblem(
          JwtSsoProblem.EMBED_ORIGIN_NOT_ALLOWED,
          "This page's origin is not among the space's allowed embed origins.");
    }
    var ancestors =
        space.allowedOrigins().stream().collect(Collectors.joining(" ", "'self' ", "")).strip();
    return responses.redirectEmbedded(request, uriInfo, ancestors);
  }

  private static String origin(String url) {
    try {
      var uri = URI.create(url);
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /**
   * "From your Spot": Login or Join sends the participant to the space's authorization URL with a
   * {@code redirectUrl} back to this space's JWT endpoint, carrying where they were.
   */
  @GET
  @Path("sso/login")
  public Response login(@QueryParam("referrerUrl") String referrerUrl) {
    var space = ssoSpaces.space(spaceId);
    var settings = ssoSpaces.enabledSettings(space);
    var authorizationUrl =
        settings
            .authorizationUrl()
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        JwtSsoProblem.SSO_DISABLED,
                        "This space has no authorization URL configured."));
    var back =
        UriBuilder.fromUri(uriInfo.getBaseUri())
            .path("spot")
            .path(space.id())
            .path("sso")
            .path("jwt");
    spaces
        .inside(space, referrerUrl)
        .ifPresent(path -> back.queryParam("referrerUrl", path.toString()));
    URI target =
        UriBuilder.fromUri(authorizationUrl)
            .queryParam("redirectUrl", back.build().toString())
            .build();
    return Response.status(Response.Status.FOUND).location(target).build();
  }

  /** {@code /spot/{id}[/...]} is the space's home in seeds 001/003's URL scheme. */
  @GET
  public Response home() {
    return Response.status(Response.Status.FOUND)
        .location(uriInfo.getBaseUri().resolve(Spaces.home(ssoSpaces.space(spaceId))))
        .build();
  }

  @GET
  @Path("{rest: .+}")
  public Response page(@PathParam("rest") String rest) {
    var space = ssoSpaces.space(spaceId);
    var target =
        spaces.inside(space, Spaces.home(space) + "/" + rest).orElseGet(() -> Spaces.home(space));
    return Response.status(Response.Status.FOUND)
        .location(uriInfo.getBaseUri().resolve(target))
        .build();
  }
}
