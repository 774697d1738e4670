package dev.foyer.jwtsso.boundary;

import dev.foyer.doors.DoorClients;
import dev.foyer.doors.PathScopedFilter;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.signin.control.DoorAttempt;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pac4j.core.client.DirectClient;

/**
 * The JWT SSO door as a pac4j direct client. It serves two paths: {@code /spot/{id}/sso/jwt} with
 * {@code ms_token} (seeds 001/003's redirect target) and {@code /spot/{id}/embed} with {@code
 * authToken} (the embed and widget scripts).
 */
final class JwtSsoClients {
  static final Pattern PATHS = Pattern.compile("/spot/([^/]+)/(sso/jwt|embed)");

  private JwtSsoClients() {}

  static DirectClient jwtSso(JwtSsoAuthenticator authenticator) {
    return DoorClients.direct(
        JwtSsoDoor.NAME,
        request -> {
          DoorAttempt.provider(request, JwtSsoDoor.NAME);
          var matcher = PATHS.matcher(PathScopedFilter.normalized(request));
          if (!matcher.matches()) {
            return Optional.empty();
          }
          var tokenParameter = matcher.group(2).equals("embed") ? "authToken" : "ms_token";
          return Optional.of(
              new JwtSsoAuthenticator.JwtSsoRequest(
                  matcher.group(1),
                  single(request, tokenParameter).orElse(null),
                  single(request, "referrerUrl")));
        },
        authenticator::authenticate);
  }

  private static Optional<String> single(HttpServletRequest request, String name) {
    var values = request.getParameterValues(name);
    if (values == null || values.length == 0) {
      return Optional.empty();
    }
    if (values.length > 1) {
      throw new GatewayProblem(
          ProblemType.PARAMETER_REPEATED,
          "The parameter \"" + name + "\" is given more than once.");
    }
    return Optional.of(values[0]).filter(value -> !value.isBlank());
  }
}
