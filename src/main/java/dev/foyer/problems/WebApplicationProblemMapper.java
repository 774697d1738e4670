package dev.foyer.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own refusals (404, 405, 415, unreadable bodies) keep their status and get a code. */
@Provider
public class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {
  @Context HttpServletRequest request;

  private static boolean unreadableBody(Throwable exception) {
    for (var cause = exception.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof jakarta.ws.rs.core.NoContentException
          || cause instanceof jakarta.json.bind.JsonbException
          || cause instanceof jakarta.json.JsonException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Response toResponse(WebApplicationException exception) {
    int status = exception.getResponse().getStatus();
    if (status < 400) {
      return exception.getResponse();
    }
    if (status == 400 && unreadableBody(exception)) {
      return ProblemMapper.render(
          new GatewayProblem(
              ProblemType.MALFORMED_BODY,
              "The body is missing or not valid JSON of the expected shape."),
          request.getHeader(HttpHeaders.ACCEPT));
    }
    // A 403 the server makes itself when no one signed in (RESTEasy's answer to a role check) is
    // 401 on both servers, as Jersey would say. Foyer's own admin checks (AdminAccess) answer
    // with their codes before this.
    if (status == 403 && request.getUserPrincipal() == null) {
      status = 401;
    }
    var type = ProblemType.forStatus(status);
    var problem =
        new GatewayProblem(
            type, type == ProblemType.INTERNAL ? "Something went wrong" : type.title());
    var response = ProblemMapper.render(problem, request.getHeader(HttpHeaders.ACCEPT));
    var allow = exception.getResponse().getHeaderString(HttpHeaders.ALLOW);
    if (allow != null) {
      return Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
    }
    return response;
  }
}
