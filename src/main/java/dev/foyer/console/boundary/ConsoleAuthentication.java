package dev.foyer.console.boundary;

import dev.foyer.console.control.Operators;
import dev.foyer.console.entity.ConsoleProblem;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.spaces.boundary.AdminAccess;
import dev.foyer.spaces.boundary.AdminCaller;
import dev.foyer.web.Origins;
import dev.foyer.web.PublicAddress;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Set;

/**
 * Lets an operator's console session call the admin API as an admin token would: a request to
 * {@code /api/admin/} without an {@code Authorization} header but with the console's cookie is
 * signed in with the session's role before {@link AdminAccess} checks the role. A request that
 * changes something must also echo the session's CSRF token in {@value #CSRF_HEADER} and come from
 * Foyer's own pages. A bearer token always wins: scripts never meet the cookie's rules.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class ConsoleAuthentication implements ContainerRequestFilter {
  public static final String CSRF_HEADER = "X-Foyer-CSRF";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Inject Operators operators;
  @Inject AdminCaller caller;
  @Inject ConsoleCookies cookies;
  @Inject PublicAddress address;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!AdminAccess.adminPath(AdminAccess.matchedPath(request.getUriInfo()))
        || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
      return;
    }
    var token = cookies.token(request.getCookies());
    var session = token.flatMap(operators::session);
    if (session.isEmpty()) {
      return;
    }
    if (!SAFE.contains(request.getMethod())) {
      refuseForeign(token.get(), request.getHeaderString(CSRF_HEADER));
    }
    var role = session.get().role();
    var operator =
        new AdminCaller.Operator(session.get().subject(), Set.of(role.role()), role.space());
    caller.signedIn(operator);
    var secure = request.getSecurityContext().isSecure();
    request.setSecurityContext(new OperatorContext(operator, secure));
  }

  private void refuseForeign(String token, String csrf) {
    if (!Operators.csrfMatches(token, csrf)) {
      throw new GatewayProblem(
          ConsoleProblem.CSRF_MISSING,
          "Reload the console: this request did not carry the session's " + CSRF_HEADER + ".");
    }
    Origins.foreign(servletRequest, address.origin(servletRequest))
        .ifPresent(
            origin -> {
              throw new GatewayProblem(
                  ConsoleProblem.ORIGIN_REFUSED, "A page of another origin sent this request.");
            });
  }

  /** The operator as JAX-RS's security context shows them. */
  record OperatorContext(AdminCaller.Operator operator, boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return operator::subject;
    }

    @Override
    public boolean isUserInRole(String role) {
      return operator.groups().contains(role);
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return "FOYER-CONSOLE";
    }
  }
}
