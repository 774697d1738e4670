package dev.foyer.doors;

import dev.foyer.jwtsso.boundary.JwtSsoAuthenticator;
import dev.foyer.jwtsso.boundary.JwtSsoClients;
import dev.foyer.password.PasswordClients;
import dev.foyer.password.PasswordAuthenticator;
import dev.foyer.problems.Refused;
import dev.foyer.signin.entity.Door;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.uriauth.boundary.UriAuthAuthenticator;
import dev.foyer.uriauth.boundary.UriAuthClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.Set;
import org.pac4j.core.client.Clients;
import org.pac4j.core.config.Config;
import org.pac4j.core.matching.matcher.DefaultMatchers;
import org.pac4j.jee.filter.SecurityFilter;
import org.pac4j.jee.util.FilterHelper;

/**
 * The one pac4j {@link Config} and the filters in front of every door, registered in code. Each
 * door path gets, in order: CORS where the plugin calls it, the door's guard, and pac4j's security
 * filter for the door's client alone. Matchers are "none": pac4j's defaults would add a CSRF
 * token and an HTTP session to every sign-in.
 */
@ApplicationScoped
public class Pac4jConfiguration {
  @Inject UriAuthAuthenticator uriAuth;
  @Inject JwtSsoAuthenticator jwtSso;
  @Inject PasswordAuthenticator password;
  @Inject Spaces spaces;
  @Inject dev.foyer.jwtsso.control.JwtSsoSpaces ssoSpaces;
  @Inject Event<Refused> refusals;

  @Produces
  @ApplicationScoped
  Config config() {
    return new Config(new Clients(
        UriAuthClients.uriAuth(uriAuth),
        UriAuthClients.programmaticLogon(uriAuth),
        JwtSsoClients.jwtSso(jwtSso),
        PasswordClients.password(password)));
  }

  void registerFilters(@Observes @Initialized(ApplicationScoped.class) ServletContext context, Config config) {
    var filters = new FilterHelper(context);
    filters.addFilterMapping("embed-cors", new EmbedCors(spaces), "/auth/programmatic", "/api/me", "/auth/logout");
    door(filters, config, Door.URI_AUTH, "/auth/uri", Set.of("GET", "POST"), "application/x-www-form-urlencoded");
    door(filters, config, Door.PROGRAMMATIC_LOGON, "/auth/programmatic", Set.of("POST"), "application/json");
    door(filters, config, Door.PASSWORD, "/auth/password", Set.of("POST"), "application/x-www-form-urlencoded");
    var jwtGuard = new DoorGuard(Door.JWT_SSO, Set.of("GET", "POST"), "application/x-www-form-urlencoded", refusals, this::spaceInPath);
    filters.addFilterMapping(Door.JWT_SSO.alias() + "-guard", new PathScopedFilter(JwtSsoClients.PATHS, jwtGuard), "/spot/*");
    filters.addFilterMapping(Door.JWT_SSO.alias() + "-security", new PathScopedFilter(JwtSsoClients.PATHS, security(config, Door.JWT_SSO)), "/spot/*");
  }

  private void door(FilterHelper filters, Config config, Door door, String path, Set<String> methods, String mediaType) {
    filters.addFilterMapping(door.alias() + "-guard", new DoorGuard(door, methods, mediaType, refusals, DoorGuard::accountInQuery), path);
    filters.addFilterMapping(door.alias() + "-security", security(config, door), path);
  }

  /** The JWT door names its space by id in the path; login records keep the slug. */
  private String spaceInPath(jakarta.servlet.http.HttpServletRequest request) {
    var matcher = JwtSsoClients.PATHS.matcher(PathScopedFilter.normalized(request));
    return matcher.matches() ? ssoSpaces.find(matcher.group(1)).map(space -> space.slug()).orElse(null) : null;
  }

  private static SecurityFilter security(Config config, Door door) {
    return new SecurityFilter(config, door.alias(), null, DefaultMatchers.NONE);
  }
}
