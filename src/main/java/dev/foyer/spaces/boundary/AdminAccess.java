package dev.foyer.spaces.boundary;

import dev.foyer.FoyerApplication;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may call the admin API, decided once for every {@code /api/admin/} path and before anything
 * else looks at the request (before its method, media type or body; pre-matching), on every server
 * alike: no caller is 401 {@code GEN401}, a caller with neither admin role 403 {@code GEN403}.
 *
 * <p>A caller is an MP-JWT bearer token that MP-JWT accepted and that {@link AdminTokens}' policy
 * accepts too (audience, lifetime: refused with 401 and the reason in the detail), or the operator
 * console's session ({@link AdminCaller}, found by the console's filter just before this one).
 * Which space a space admin may touch is {@link AdminScope}'s to say, per resource.
 *
 * <p>This is instead of {@code @RolesAllowed}: Payara's check of that annotation knows only callers
 * that Jakarta Security signed in (the bearer token), so a console session could never pass it, and
 * WildFly ran it only after refusing a body's media type (415 before 401).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AdminAccess implements ContainerRequestFilter {
  private static final String METRICS = "api/admin/metrics";
  private static final Set<String> ROLES =
      Set.of(FoyerApplication.ADMIN_ROLE, FoyerApplication.SPACE_ADMIN_ROLE);

  @Inject AdminTokens tokens;
  @Inject AdminCaller caller;
  @Inject Clock clock;

  @Override
  public void filter(ContainerRequestContext request) {
    var path = matchedPath(request.getUriInfo());
    if (!adminPath(path) || scrape(path, request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
      return;
    }
    var operator = caller.operator();
    Set<String> groups;
    if (operator.isPresent()) {
      groups = operator.get().groups();
    } else if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token) {
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
      groups = token.getGroups();
    } else {
      throw new GatewayProblem(
          ProblemType.UNAUTHORIZED,
          "The admin API needs an admin bearer token (or the operator console's session).");
    }
    if (groups == null || groups.stream().noneMatch(ROLES::contains)) {
      throw new GatewayProblem(
          ProblemType.FORBIDDEN,
          "Only a foyer-admin or a foyer-space-admin may call the admin API.");
    }
  }

  /**
   * The path as JAX-RS matches it to a resource: each segment without its matrix parameters ({@code
   * /api;x/admin} reaches the admin API as {@code /api/admin} does) and decoded.
   */
  public static String matchedPath(UriInfo uri) {
    return uri.getPathSegments(true).stream()
        .map(PathSegment::getPath)
        .collect(Collectors.joining("/"));
  }

  /**
   * A scraper's request for the metrics with its own token ({@code Authorization: Metrics ...}),
   * which is no JWT: the metrics resource checks that token itself.
   */
  static boolean scrape(String path, String authorization) {
    return relative(path).equals(METRICS)
        && authorization != null
        && authorization.regionMatches(true, 0, "Metrics ", 0, "Metrics ".length());
  }

  /** {@code api/admin} and below, however the path is spelt. */
  public static boolean adminPath(String path) {
    var relative = relative(path);
    return relative.equals("api/admin") || relative.startsWith("api/admin/");
  }

  // Jersey gives the path relative to the application without a leading '/', RESTEasy with one.
  private static String relative(String path) {
    return path.replaceFirst("^/+", "");
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
