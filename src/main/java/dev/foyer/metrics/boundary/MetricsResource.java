package dev.foyer.metrics.boundary;

import dev.foyer.metrics.control.Exposition;
import dev.foyer.metrics.control.MetricSource;
import dev.foyer.spaces.boundary.AdminScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;

/**
 * The operators' metrics in Prometheus' text format, for a {@code foyer-admin} token or the scrape
 * token. {@code AdminAccess} lets a request with the scrape token's scheme through to this
 * resource, which checks that token itself; any other caller passed the admin API's rules there (no
 * token 401 {@code GEN401}, another token 403 {@code GEN403}), and here a space administrator gets
 * 403 {@code ADM7}: the figures are every space's.
 */
@RequestScoped
@Path("/api/admin/metrics")
public class MetricsResource {
  @Inject ScrapeToken scrapeToken;
  @Inject AdminScope scope;
  @Inject Instance<MetricSource> sources;

  /**
   * No {@code @Produces}: JAX-RS would refuse an {@code Accept} without text/plain (406) before the
   * caller is authenticated; authentication comes first, and the type is set on the answer.
   */
  @GET
  public Response scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    if (!scrapeToken.admits(authorization)) {
      // AdminAccess let in an admin caller (token or console); the figures are every space's.
      scope.requireGlobal();
    }
    var exposition = new Exposition();
    // In a fixed order, so that two scrapes read alike.
    sources.stream()
        .sorted(Comparator.comparing(source -> source.getClass().getName()))
        .forEach(source -> source.writeTo(exposition));
    return Response.ok(exposition.text(), Exposition.CONTENT_TYPE).build();
  }
}
