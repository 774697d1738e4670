package dev.foyer.console.boundary;

import dev.foyer.console.control.Operators;
import dev.foyer.console.entity.OperatorRole;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.boundary.AdminCaller;
import dev.foyer.spaces.boundary.AdminScope;
import dev.foyer.web.PublicAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * Single-use console sign-in links, for whoever holds an admin token: the link opens a console
 * session with the token's own role (a space admin's link administers that space only). {@code
 * bin/run} asks for one so a newcomer reaches the console with one click.
 */
@Path("/api/admin/console-links")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleLinksResource {
  @Inject AdminScope scope;
  @Inject AdminCaller caller;
  @Inject Operators operators;
  @Inject PublicAddress address;
  @Context HttpServletRequest servletRequest;

  public record ConsoleLinkView(String url, Instant expiresAt) {}

  @POST
  public Response create() {
    if (caller.operator().isPresent()) {
      // Else a console session could renew itself for ever, beyond any token's lifetime.
      throw new GatewayProblem(
          ProblemType.FORBIDDEN, "A console link is asked for with an admin token, not a console.");
    }
    var role =
        scope.global()
            ? OperatorRole.admin()
            : OperatorRole.spaceAdmin(scope.space(scope.ownSpace().orElse(null)).slug());
    var link = operators.link(scope.subject(), role);
    var url = address.origin(servletRequest) + ConsoleResource.SIGN_IN + "?code=" + link.code();
    return Response.status(Response.Status.CREATED)
        .entity(new ConsoleLinkView(url, link.link().expiresAt()))
        .build();
  }
}
