package dev.foyer.jwtsso.boundary;

import dev.foyer.doors.SignInResponses;
import dev.foyer.jwtsso.control.JwtSsoSpaces;
import dev.foyer.jwtsso.entity.JwtSsoProblem;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.web.SecurityHeaders;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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
    // The sign-in's answer and the space's pages it leads to: web.SecurityHeaders writes the
    // frame-ancestors policy.
    SecurityHeaders.frameableBy(request, space.allowedOrigins());
    var referer = request.getHeader("Referer");
    if (referer != null
        && !space.allowsOrigin(origin(referer))
        && !uriInfo.getBaseUri().toString().startsWith(origin(referer) + "/")) {
      throw new GatewayProblem(
          JwtSsoProblem.EMBED_ORIGIN_NOT_ALLOWED,
          "This page's origin is not among the space's allowed embed origins.");
    }
    return responses.redirectEmbedded(request, uriInfo);
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
    var redirectUrl =
        UriBuilder.fromUri(uriInfo.getBaseUri())
                .path("spot")
                .path(space.id())
                .path("sso")
                .path("jwt")
                .build()
                .toString()
            + spaces
                .inside(space, referrerUrl)
                .map(path -> "?referrerUrl=" + queryEncoded(path.toString()))
                .orElse("");
    var target = withQueryParameter(authorizationUrl, "redirectUrl", redirectUrl);
    return Response.status(Response.Status.FOUND).location(target).build();
  }

  /**
   * Appends {@code name=value} to the URL's query, the value percent-encoded whole (RFC 3986 §3.4),
   * so no {@code &} or {@code =} in it can add a parameter of its own. JAX-RS's {@code
   * UriBuilder.queryParam} keeps percent-escapes it finds in a value, so a {@code redirectUrl}
   * whose own query is escaped came out of it escaped only once: {@code
   * referrerUrl=/x?a=1&ms_token=} then put a second {@code ms_token} on the way back.
   */
  static URI withQueryParameter(URI url, String name, String value) {
    var query = url.getRawQuery();
    return URI.create(
        url.getScheme()
            + "://"
            + url.getRawAuthority()
            + (url.getRawPath() == null ? "" : url.getRawPath())
            + "?"
            + (query == null || query.isEmpty() ? "" : query + "&")
            + queryEncoded(name)
            + "="
            + queryEncoded(value));
  }

  /** Every character but RFC 3986's unreserved ones percent-encoded, spaces as {@code %20}. */
  static String queryEncoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  /** {@code /spot/{id}[/...]} is the space's home in seeds 001/003's URL scheme. */
  @GET
  public Response home() {
    var space = ssoSpaces.space(spaceId);
    SecurityHeaders.frameableBy(request, space.allowedOrigins());
    return Response.status(Response.Status.FOUND)
        .location(uriInfo.getBaseUri().resolve(Spaces.home(space)))
        .build();
  }

  @GET
  @Path("{rest: .+}")
  public Response page(@PathParam("rest") String rest) {
    var space = ssoSpaces.space(spaceId);
    SecurityHeaders.frameableBy(request, space.allowedOrigins());
    var target =
        spaces.inside(space, Spaces.home(space) + "/" + rest).orElseGet(() -> Spaces.home(space));
    return Response.status(Response.Status.FOUND)
        .location(uriInfo.getBaseUri().resolve(target))
        .build();
  }
}
