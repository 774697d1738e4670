package dev.foyer.metrics.boundary;

import dev.foyer.FoyerApplication;
import dev.foyer.metrics.control.Exposition;
import dev.foyer.metrics.control.MetricSource;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.boundary.AdminScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Comparator;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The operators' metrics in Prometheus' text format, for a {@code foyer-admin} token or the scrape
 * token. The method cannot carry {@code @RolesAllowed} (a scraper has no JWT, so no role), so it
 * applies the admin API's rules itself, with its codes: no token 401 {@code GEN401}, a space
 * administrator 403 {@code ADM7} (the figures are every space's), another token 403 {@code GEN403}.
 * {@code AdminTokenCheck} has held a JWT to the admin token policy before this runs.
 */
@RequestScoped
@Path("/api/admin/metrics")
public class MetricsResource {
  @Inject ScrapeToken scrapeToken;
  @Inject AdminScope scope;
  @Inject Instance<MetricSource> sources;
  @Context SecurityContext security;

  /**
   * No {@code @Produces}: JAX-RS would refuse an {@code Accept} without text/plain (406) before the
   * caller is authenticated; authentication comes first, and the type is set on the answer.
   */
  @GET
  public Response scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    if (!scrapeToken.admits(authorization)) {
      requireAdmin();
    }
    var exposition = new Exposition();
    // In a fixed order, so that two scrapes read alike.
    sources.stream()
        .sorted(Comparator.comparing(source -> source.getClass().getName()))
        .forEach(source -> source.writeTo(exposition));
    return Response.ok(exposition.text(), Exposition.CONTENT_TYPE).build();
  }

  private void requireAdmin() {
    if (!(security.getUserPrincipal() instanceof JsonWebToken)) {
      throw new GatewayProblem(
          ProblemType.UNAUTHORIZED,
          "Send a foyer-admin token, or the scrape token as \"Authorization: "
              + ScrapeToken.SCHEME
              + " <token>\".");
    }
    // As @RolesAllowed({foyer-admin, foyer-space-admin}) would, then the admin API's rule for
    // what concerns every space.
    if (!security.isUserInRole(FoyerApplication.ADMIN_ROLE)
        && !security.isUserInRole(FoyerApplication.SPACE_ADMIN_ROLE)) {
      throw new GatewayProblem(ProblemType.FORBIDDEN, ProblemType.FORBIDDEN.title());
    }
    scope.requireGlobal();
  }
}
