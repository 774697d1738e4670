package dev.foyer.spaces.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authenticates every call of the admin API before anything else about it is looked at: a request
 * under {@code /api/admin} without a token MP-JWT accepted, and every token MP-JWT accepted that
 * {@link AdminTokens}' policy refuses, is 401 {@code GEN401}, with the reason in the detail for the
 * latter. Only then are roles checked ({@code @RolesAllowed}) and the resource method chosen.
 *
 * <p>Pre-matching, because matching refuses first otherwise, and differently per server: RESTEasy
 * (WildFly) answers a POST without a content type with 415 before any role is checked, Jersey
 * (Payara) a wrong content type, and both a method or path the API lacks with 405 or 404; an
 * unauthenticated caller learns none of that. MP-JWT has read the bearer token before JAX-RS runs
 * on both servers, so the security context already holds its principal here.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenCheck implements ContainerRequestFilter {
  private static final String ADMIN_API = "api/admin";

  @Inject AdminTokens tokens;
  @Inject Clock clock;

  @Override
  public void filter(ContainerRequestContext request) {
    var principal = request.getSecurityContext().getUserPrincipal();
    if (principal instanceof JsonWebToken token) {
      tokens
          .policy()
          .refusal(
              clock.instant(),
              token.getAudience(),
              seconds(token.getClaim(Claims.iat.name())),
              seconds(token.getClaim(Claims.exp.name())))
          .ifPresent(
              reason -> {
                throw new GatewayProblem(ProblemType.UNAUTHORIZED, reason);
              });
    } else if (principal == null && adminApi(request.getUriInfo().getPath())) {
      throw new GatewayProblem(
          ProblemType.UNAUTHORIZED, "The admin API needs an admin's bearer token.");
    }
  }

  // Jersey gives the path relative to the application without a leading '/', RESTEasy with one.
  static boolean adminApi(String path) {
    var relative = path.replaceFirst("^/+", "");
    return relative.equals(ADMIN_API) || relative.startsWith(ADMIN_API + "/");
  }

  // MP-JWT hands numeric claims over as Long or as a JSON-P number, depending on the server.
  private static Long seconds(Object claim) {
    if (claim instanceof Number number) {
      return number.longValue();
    }
    if (claim instanceof JsonNumber number) {
      return number.longValue();
    }
    return null;
  }
}
