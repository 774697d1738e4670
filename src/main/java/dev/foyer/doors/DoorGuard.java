package dev.foyer.doors;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemBody;
import dev.foyer.problems.ProblemType;
import dev.foyer.problems.Refused;
import dev.foyer.signin.control.DoorAttempt;
import jakarta.enterprise.event.Event;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Stands in front of a door's pac4j filter. It marks the request as a sign-in attempt, refuses what
 * no door should parse (wrong method, oversized or unframed bodies, wrong media type, malformed
 * percent-encoding or UTF-8: {@link StrictParameters}), and renders the refusals a door's client
 * raises inside pac4j, where no JAX-RS mapper can see them.
 */
public class DoorGuard extends HttpFilter {
  /** Seed 000's parameters fit in far less; anything bigger is not a sign-in. */
  public static final int MAX_QUERY = 4096;

  /** A door's form body, unless its endpoint says otherwise (a SAML response is bigger). */
  public static final int MAX_BODY = 16384;

  private final DoorEndpoint endpoint;
  private final Event<Refused> refusals;

  DoorGuard(DoorEndpoint endpoint, Event<Refused> refusals) {
    this.endpoint = endpoint;
    this.refusals = refusals;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Named from the query alone, so that refusals raised before the body is read are recorded too.
    new DoorAttempt(endpoint.name(), endpoint.account().apply(request)).mark(request);
    try {
      check(request);
      var strict = StrictParameters.of(request, endpoint.maxBody());
      if (endpoint.accountInForm()) {
        DoorAttempt.account(strict, strict.getParameter("account"));
      }
      chain.doFilter(strict, response);
    } catch (GatewayProblem problem) {
      refuse(request, response, problem);
    } catch (ServletException | RuntimeException e) {
      if (e.getCause() instanceof GatewayProblem problem) {
        refuse(request, response, problem);
      } else {
        throw e;
      }
    }
  }

  public static String accountInQuery(HttpServletRequest request) {
    var query = request.getQueryString();
    if (query == null) {
      return null;
    }
    for (var pair : query.split("&", 64)) {
      if (pair.startsWith("account=")) {
        try {
          return java.net.URLDecoder.decode(
              pair.substring("account=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }
    }
    return null;
  }

  private void check(HttpServletRequest request) {
    var methods = endpoint.methods();
    var mediaType = endpoint.mediaType();
    if (!methods.contains(request.getMethod())) {
      throw new GatewayProblem(
          ProblemType.METHOD_NOT_ALLOWED,
          "This address accepts " + String.join(" and ", methods) + " only.");
    }
    var query = request.getQueryString();
    if (query != null && query.length() > MAX_QUERY) {
      throw new GatewayProblem(
          ProblemType.REQUEST_TOO_LARGE,
          "The query string is longer than " + MAX_QUERY + " bytes.");
    }
    if (request.getMethod().equals("POST")) {
      long length = request.getContentLengthLong();
      if (length < 0) {
        throw new GatewayProblem(
            ProblemType.LENGTH_REQUIRED, "Send the body with a Content-Length.");
      }
      if (length > endpoint.maxBody()) {
        throw new GatewayProblem(
            ProblemType.REQUEST_TOO_LARGE,
            "The body is longer than " + endpoint.maxBody() + " bytes.");
      }
      var contentType = request.getContentType();
      if (length > 0
          && (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(mediaType))) {
        throw new GatewayProblem(
            ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as " + mediaType + ".");
      }
    }
  }

  private void refuse(
      HttpServletRequest request, HttpServletResponse response, GatewayProblem problem)
      throws IOException {
    if (response.isCommitted()) {
      throw new IllegalStateException("refusal after the response was committed", problem);
    }
    refusals.fire(new Refused(problem, request));
    var body = ProblemBody.of(problem, request.getHeader("Accept"));
    response.resetBuffer();
    response.setStatus(body.status());
    response.setContentType(body.contentType());
    response.setHeader("Cache-Control", "no-store");
    if (problem.type() == ProblemType.METHOD_NOT_ALLOWED) {
      response.setHeader("Allow", String.join(", ", endpoint.methods()));
    }
    problem.retryAfterSeconds().ifPresent(seconds -> response.setHeader("Retry-After", seconds));
    var bytes = body.text().getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
