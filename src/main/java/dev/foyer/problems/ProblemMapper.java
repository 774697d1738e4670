package dev.foyer.problems;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ProblemMapper implements ExceptionMapper<GatewayProblem> {
  @Context HttpServletRequest request;
  @Inject Event<Refused> refusals;

  @Override
  public Response toResponse(GatewayProblem problem) {
    refusals.fire(new Refused(problem, request));
    return render(problem, request.getHeader(HttpHeaders.ACCEPT));
  }

  static Response render(GatewayProblem problem, String accept) {
    var body = ProblemBody.of(problem, accept);
    var response = Response.status(body.status()).type(body.contentType()).entity(body.text());
    if (problem.type() == ProblemType.METHOD_NOT_ALLOWED) {
      response.header(HttpHeaders.ALLOW, "GET, POST");
    }
    problem
        .retryAfterSeconds()
        .ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
    return response.build();
  }
}
