package dev.foyer.doors;

import dev.foyer.spaces.control.Spaces;
import dev.foyer.web.Origins;
import dev.foyer.web.PublicAddress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * CORS for the doors the embedded plugin calls (programmatic logon). Only origins that some space
 * lists as an embed origin get CORS headers; the door then checks the origin against the one space
 * the call names, so a page allowed for space A cannot sign anyone in to space B. The session
 * endpoints the plugin calls ({@code /api/me}, {@code /auth/logout}) are not here: whether a page
 * may read those depends on whose session the request uses, which only the resource knows
 * (sessions.boundary.SessionCors).
 */
public class EmbedCors extends HttpFilter {
  private final Spaces spaces;
  private final PublicAddress address;

  public EmbedCors(Spaces spaces, PublicAddress address) {
    this.spaces = spaces;
    this.address = address;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    var origin = request.getHeader("Origin");
    boolean preflight =
        request.getMethod().equals("OPTIONS")
            && request.getHeader("Access-Control-Request-Method") != null;
    if (origin == null || Origins.sameOrigin(address.origin(request), origin)) {
      chain.doFilter(request, response);
      return;
    }
    response.addHeader("Vary", "Origin");
    boolean allowed = spaces.anySpaceAllowsOrigin(origin);
    if (allowed) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Allow-Credentials", "true");
    }
    if (preflight) {
      if (allowed) {
        response.setHeader("Access-Control-Allow-Methods", "GET, POST");
        response.setHeader(
            "Access-Control-Allow-Headers",
            "Content-Type, " + dev.foyer.sessions.control.Sessions.HEADER);
        response.setHeader("Access-Control-Max-Age", "600");
      }
      // Without the allow headers the browser stops here; nothing behind this filter runs.
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    chain.doFilter(request, response);
  }
}
