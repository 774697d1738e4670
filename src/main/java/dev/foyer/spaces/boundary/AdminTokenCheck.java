package dev.foyer.spaces.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Holds every admin token MP-JWT accepted to {@link AdminTokens}' policy before any role is
 * checked: a token it refuses is 401 {@code GEN401}, like one MP-JWT refuses, with the reason in
 * the detail.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenCheck implements ContainerRequestFilter {
  @Inject AdminTokens tokens;
  @Inject Clock clock;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token) {
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
    }
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
