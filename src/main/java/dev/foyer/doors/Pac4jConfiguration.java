package dev.foyer.doors;

import dev.foyer.problems.Refused;
import dev.foyer.signin.control.SignInMetrics;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.web.PublicAddress;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import org.pac4j.core.client.Clients;
import org.pac4j.core.config.Config;
import org.pac4j.core.matching.matcher.DefaultMatchers;
import org.pac4j.jee.filter.SecurityFilter;
import org.pac4j.jee.util.FilterHelper;

/**
 * The composition root of the doors: the one pac4j {@link Config}, made from the endpoints every
 * {@link Door} bean describes, and the filters in front of them, registered in code. Each door path
 * gets, in order: CORS where the plugin calls it (the session endpoints it also calls decide their
 * CORS per space themselves: sessions.boundary.SessionCors), the door's guard, and pac4j's security
 * filter for the endpoint's client alone; then, on every path, the strict query-string check
 * ({@link StrictQueries}). Matchers are "none": pac4j's defaults would add a CSRF token and an HTTP
 * session to every sign-in.
 */
@ApplicationScoped
public class Pac4jConfiguration {
  @Inject Instance<Door> doors;
  @Inject Spaces spaces;
  @Inject PublicAddress address;
  @Inject Event<Refused> refusals;
  @Inject SignInMetrics metrics;

  /**
   * Every door's endpoints, each with its one pac4j client: the Config and the filters share them.
   */
  private List<DoorEndpoint> endpoints;

  @PostConstruct
  void collectDoors() {
    endpoints = doors.stream().flatMap(door -> door.endpoints().stream()).toList();
    endpoints.forEach(endpoint -> metrics.door(endpoint.name()));
  }

  @Produces
  @ApplicationScoped
  Config config() {
    return new Config(new Clients(endpoints.stream().map(DoorEndpoint::client).toList()));
  }

  void registerFilters(
      @Observes @Initialized(ApplicationScoped.class) ServletContext context, Config config) {
    var filters = new FilterHelper(context);
    var embedded = new ArrayList<String>();
    endpoints.stream()
        .filter(DoorEndpoint::embedded)
        .forEach(endpoint -> embedded.addAll(endpoint.urlPatterns()));
    filters.addFilterMapping(
        "embed-cors", new EmbedCors(spaces, address), embedded.toArray(String[]::new));
    for (var endpoint : endpoints) {
      var patterns = endpoint.urlPatterns().toArray(String[]::new);
      filters.addFilterMapping(
          endpoint.name() + "-guard",
          scoped(endpoint, new DoorGuard(endpoint, refusals)),
          patterns);
      var security = new SecurityFilter(config, endpoint.name(), null, DefaultMatchers.NONE);
      filters.addFilterMapping(endpoint.name() + "-security", scoped(endpoint, security), patterns);
    }
    filters.addFilterMapping("strict-queries", new StrictQueries(refusals), "/*");
  }

  private static Filter scoped(DoorEndpoint endpoint, Filter filter) {
    return endpoint
        .paths()
        .<Filter>map(paths -> new PathScopedFilter(paths, filter))
        .orElse(filter);
  }
}
