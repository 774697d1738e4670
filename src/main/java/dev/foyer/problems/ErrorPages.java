package dev.foyer.problems;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's own refusals (MP-JWT rejecting an expired or forged bearer token, an unknown path
 * outside JAX-RS) reach the caller through web.xml's error pages, rendered like every other refusal
 * instead of the server's HTML page.
 */
@WebServlet("/errors/status")
public class ErrorPages extends HttpServlet {
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    var status =
        request.getAttribute("jakarta.servlet.error.status_code") instanceof Integer code
            ? code
            : 500;
    var type = ProblemType.forStatus(status);
    var body =
        ProblemBody.of(
            new GatewayProblem(
                type, type == ProblemType.INTERNAL ? "Something went wrong" : type.title()),
            request.getHeader("Accept"));
    response.setStatus(status);
    response.setContentType(body.contentType());
    var bytes = body.text().getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
