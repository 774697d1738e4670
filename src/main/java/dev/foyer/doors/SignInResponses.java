package dev.foyer.doors;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.sessions.control.SessionCookies;
import dev.foyer.signin.control.SignIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Map;
import org.pac4j.core.util.Pac4jConstants;

/** Completes a door's request: runs the pipeline and answers the way the door's callers expect. */
@ApplicationScoped
public class SignInResponses {
  @Inject SignIn signIn;
  @Inject SessionCookies cookies;

  /** Seed 000: "302 redirected ... without rendering a page in between". */
  public Response redirect(HttpServletRequest request, UriInfo uriInfo) {
    var result = admit(request);
    return found(result, uriInfo).cookie(cookies.issue(result.session())).build();
  }

  /**
   * The same for a space shown in a frame of one of its allowed origins (the caller lets the answer
   * be framed: web.SecurityHeaders).
   */
  public Response redirectEmbedded(HttpServletRequest request, UriInfo uriInfo) {
    var result = admit(request);
    return found(result, uriInfo).cookie(cookies.issueEmbedded(result.session())).build();
  }

  private static Response.ResponseBuilder found(SignIn.Result result, UriInfo uriInfo) {
    return Response.status(Response.Status.FOUND)
        .location(uriInfo.getBaseUri().resolve(result.target()))
        .cacheControl(noStore());
  }

  /** The embedded plugin's answer: the member and a session token its page can use. */
  public Response json(HttpServletRequest request) {
    var result = admit(request);
    var profile = result.profile();
    var body =
        new SignedIn(
            new SignedIn.MemberView(
                result.memberId(),
                result.nickname(),
                profile.givenName(),
                profile.familyName(),
                profile.email(),
                result.guest()),
            new SignedIn.SessionView(result.session().token(), result.session().expiresAt()),
            result.target().toString());
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
        .cookie(cookies.issue(result.session()))
        .cacheControl(noStore())
        .build();
  }

  private SignIn.Result admit(HttpServletRequest request) {
    var profile = profile(request);
    return signIn.admit(profile.identity(), profile.destination());
  }

  /** The identity a door's client asserted for this request. */
  public static AssertedProfile profile(HttpServletRequest request) {
    if (request.getAttribute(Pac4jConstants.USER_PROFILES) instanceof Map<?, ?> profiles) {
      for (var profile : profiles.values()) {
        if (profile instanceof AssertedProfile asserted) {
          return asserted;
        }
      }
    }
    // A door address its filters did not recognise (a variant of the path): not a door, then.
    throw new GatewayProblem(ProblemType.NOT_FOUND, "There is no sign-in door at this address.");
  }

  private static CacheControl noStore() {
    var cache = new CacheControl();
    cache.setNoStore(true);
    cache.setNoCache(true);
    return cache;
  }

  public record SignedIn(MemberView member, SessionView session, String redirect) {
    public record MemberView(
        String id,
        String nickname,
        String givenName,
        String familyName,
        String email,
        boolean guest) {}

    public record SessionView(String token, Instant expiresAt) {}
  }
}
