package dev.foyer.platform;

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

  @Override
  public Response toResponse(WebApplicationException exception) {
    int status = exception.getResponse().getStatus();
    if (status < 400) {
      return exception.getResponse();
    }
    var type = ProblemType.forStatus(status);
    var problem = new GatewayProblem(type, type == ProblemType.INTERNAL ? "Something went wrong" : type.title());
    var response = ProblemMapper.render(problem, request.getHeader(HttpHeaders.ACCEPT));
    var allow = exception.getResponse().getHeaderString(HttpHeaders.ALLOW);
    if (allow != null) {
      return Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
    }
    return response;
  }
}
