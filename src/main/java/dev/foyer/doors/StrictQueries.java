package dev.foyer.doors;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemBody;
import dev.foyer.problems.ProblemType;
import dev.foyer.problems.Refused;
import dev.foyer.web.FormEncoding;
import jakarta.enterprise.event.Event;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Every address's query string decoded as strictly as a door's ({@link StrictParameters}): a
 * malformed escape or bytes that are not UTF-8 are {@code ENC1} (400) on the pages, the session
 * endpoints and the admin API too, where JAX-RS would otherwise decode them leniently (U+FFFD) or
 * fail outside Foyer's refusals. Mapped after the doors' filters, which have checked their own
 * requests (with a login record) by the time one gets here.
 */
final class StrictQueries extends HttpFilter {
  private final Event<Refused> refusals;

  StrictQueries(Event<Refused> refusals) {
    this.refusals = refusals;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      FormEncoding.parseQuery(request.getQueryString());
    } catch (FormEncoding.MalformedException e) {
      var problem = new GatewayProblem(ProblemType.MALFORMED_ENCODING, e.getMessage());
      refusals.fire(new Refused(problem, request));
      var body = ProblemBody.of(problem, request.getHeader("Accept"));
      response.setStatus(body.status());
      response.setContentType(body.contentType());
      response.setHeader("Cache-Control", "no-store");
      var bytes = body.text().getBytes(StandardCharsets.UTF_8);
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
      return;
    }
    chain.doFilter(request, response);
  }
}
