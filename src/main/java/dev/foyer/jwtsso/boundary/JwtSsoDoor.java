package dev.foyer.jwtsso.boundary;

import dev.foyer.doors.Door;
import dev.foyer.doors.DoorEndpoint;
import dev.foyer.doors.PathScopedFilter;
import dev.foyer.jwtsso.control.JwtSsoSpaces;
import dev.foyer.jwtsso.entity.JwtSsoProblem;
import dev.foyer.pages.SignInOptions;
import dev.foyer.problems.ProblemCode;
import dev.foyer.problems.ProblemCodes;
import dev.foyer.spaces.control.SpaceAddresses;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Seeds 001/003's door: its endpoint under {@code /spot/*}, the space's {@code /spot/{id}} paths,
 * and "Continue with SSO" on the landing page of a space whose JWT SSO has an authorization URL.
 */
@ApplicationScoped
public class JwtSsoDoor implements Door, SignInOptions, SpaceAddresses, ProblemCodes {
  public static final String NAME = "jwt-sso";

  @Inject JwtSsoAuthenticator authenticator;
  @Inject JwtSsoSpaces ssoSpaces;

  @Override
  public List<DoorEndpoint> endpoints() {
    return List.of(
        new DoorEndpoint(
            NAME,
            JwtSsoClients.jwtSso(authenticator),
            List.of("/spot/*"),
            Optional.of(JwtSsoClients.PATHS),
            Set.of("GET", "POST"),
            DoorEndpoint.FORM,
            this::spaceInPath,
            false,
            false));
  }

  /** The door names its space by id in the path; login records keep the slug. */
  private String spaceInPath(HttpServletRequest request) {
    var matcher = JwtSsoClients.PATHS.matcher(PathScopedFilter.normalized(request));
    return matcher.matches()
        ? ssoSpaces.find(matcher.group(1)).map(Space::slug).orElse(null)
        : null;
  }

  @Override
  public List<SignInOption> offered(Space space) {
    return ssoSpaces
        .settings(space)
        .filter(settings -> settings.enabled() && settings.authorizationUrl().isPresent())
        .map(
            settings ->
                new SignInOption(
                    "sso-login",
                    "Continue with SSO",
                    // The referrer fully percent-encoded, '/' too: the link as it always was.
                    URI.create(
                        "/spot/"
                            + space.id()
                            + "/sso/login?referrerUrl="
                            + URLEncoder.encode(
                                Spaces.home(space).toString(), StandardCharsets.UTF_8))))
        .stream()
        .toList();
  }

  @Override
  public List<String> prefixes(Space space) {
    return List.of("/spot/" + space.id());
  }

  @Override
  public List<? extends ProblemCode> codes() {
    return List.of(JwtSsoProblem.values());
  }
}
