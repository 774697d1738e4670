package dev.foyer.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Anything unexpected: 500 with a reference, the cause only in the log. */
@Provider
public class FallbackProblemMapper implements ExceptionMapper<Throwable> {
  static final System.Logger LOGGER = System.getLogger(FallbackProblemMapper.class.getName());
  @Context HttpServletRequest request;

  @Override
  public Response toResponse(Throwable cause) {
    for (var c = cause; c != null; c = c.getCause()) {
      if (c instanceof jakarta.json.bind.JsonbException
          || c instanceof jakarta.json.JsonException) {
        // An unreadable request body (wrong type, unknown enum constant, broken JSON): the caller's
        // fault.
        return ProblemMapper.render(
            new GatewayProblem(
                ProblemType.MALFORMED_BODY, "The body is not valid JSON of the expected shape."),
            request.getHeader(HttpHeaders.ACCEPT));
      }
    }
    var problem = new GatewayProblem(ProblemType.INTERNAL, "Something went wrong on our side");
    var body = ProblemBody.of(problem, request.getHeader(HttpHeaders.ACCEPT));
    LOGGER.log(System.Logger.Level.ERROR, body.instance().toString(), cause);
    return Response.status(500).type(body.contentType()).entity(body.text()).build();
  }
}
