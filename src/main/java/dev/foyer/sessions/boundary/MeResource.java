package dev.foyer.sessions.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.sessions.control.SessionCookies;
import dev.foyer.sessions.control.Sessions;
import dev.foyer.sessions.entity.ParticipantSession;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/** The signed-in participant ({@code GET /api/me}) and sign-out ({@code POST /auth/logout}). */
@jakarta.enterprise.context.RequestScoped
@jakarta.transaction.Transactional
@Path("/")
public class MeResource {
  @Inject Sessions sessions;
  @Inject SessionCookies cookies;
  @Context HttpHeaders headers;
  @Context UriInfo uriInfo;

  @GET
  @Path("api/me")
  @Produces(MediaType.APPLICATION_JSON)
  public Response me(
      @QueryParam("account") String account, @HeaderParam(Sessions.HEADER) String token) {
    var session =
        find(account, token)
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        ProblemType.SESSION_REQUIRED, "Sign in first; no valid session was sent."));
    var cache = new CacheControl();
    cache.setNoStore(true);
    return Response.ok(Me.of(session)).cacheControl(cache).build();
  }

  /**
   * Ends the session server-side and drops the cookie. Browsers (a form post) go on to the space's
   * page; API callers get 204. The form's {@code account} field or the query's names the space. The
   * body is read as text and parsed here: a @FormParam makes Jersey fail on a bodiless POST, and
   * the servlet's own form parsing is not reliable once JAX-RS owns the request.
   */
  @POST
  @Path("auth/logout")
  public Response logout(
      @QueryParam("account") String queryAccount,
      @HeaderParam(Sessions.HEADER) String token,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String body) {
    var formAccount =
        contentType != null
                && contentType
                    .toLowerCase(java.util.Locale.ROOT)
                    .startsWith(MediaType.APPLICATION_FORM_URLENCODED)
            ? formField(body, "account")
            : null;
    return logout(formAccount != null ? formAccount : queryAccount, token);
  }

  static String formField(String body, String name) {
    if (body == null || body.length() > 4096) {
      return null;
    }
    for (var pair : body.split("&")) {
      var eq = pair.indexOf('=');
      var key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        try {
          return java.net.URLDecoder.decode(
              eq < 0 ? "" : pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }
    }
    return null;
  }

  private Response logout(String account, String token) {
    var ended = new ArrayList<ParticipantSession>();
    find(account, token).ifPresent(ended::add);
    sessions.end(ended);
    var slug =
        account != null
            ? account
            : ended.stream().map(s -> s.space().slug()).findFirst().orElse(null);
    Response.ResponseBuilder response;
    if (slug != null
        && headers.getAcceptableMediaTypes().stream()
            .anyMatch(t -> t.isCompatible(MediaType.TEXT_HTML_TYPE) && !t.isWildcardType())) {
      response = Response.seeOther(uriInfo.getBaseUri().resolve("/spaces/" + slug));
    } else {
      response = Response.noContent();
    }
    if (slug != null && dev.foyer.spaces.control.Spaces.SLUG.matcher(slug).matches()) {
      response.cookie(cookies.expire(slug));
    }
    return response.build();
  }

  private Optional<ParticipantSession> find(String account, String token) {
    if (account != null) {
      return sessions.current(account, headers.getCookies(), token);
    }
    return sessions.only(headers.getCookies(), token);
  }

  public record Me(String account, MemberView member, SessionView session) {
    static Me of(ParticipantSession session) {
      var member = session.member();
      var profile = member.profile();
      return new Me(
          session.space().slug(),
          new MemberView(
              member.id(),
              profile.nickname(),
              profile.givenName(),
              profile.familyName(),
              profile.email(),
              member.guest(),
              member.status().name()),
          new SessionView(session.door(), session.createdAt(), session.expiresAt()));
    }
  }

  public record MemberView(
      String id,
      String nickname,
      String givenName,
      String familyName,
      String email,
      boolean guest,
      String status) {}

  public record SessionView(String door, Instant signedInAt, Instant expiresAt) {}
}
