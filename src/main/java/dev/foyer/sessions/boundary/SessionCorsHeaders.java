package dev.foyer.sessions.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes {@link SessionCors}'s decision on the answer, also on a refusal that an exception mapper
 * made (the plugin must read its {@code SES1}). Requests no session endpoint decided get nothing.
 */
@Provider
public class SessionCorsHeaders implements ContainerResponseFilter {
  @Inject SessionCors cors;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!cors.decided()) {
      return;
    }
    var headers = response.getHeaders();
    headers.add("Vary", "Origin");
    cors.allowedOrigin()
        .ifPresent(
            origin -> {
              headers.putSingle("Access-Control-Allow-Origin", origin);
              headers.putSingle("Access-Control-Allow-Credentials", "true");
              if (cors.isPreflight()) {
                headers.putSingle("Access-Control-Allow-Methods", SessionCors.METHODS);
                headers.putSingle("Access-Control-Allow-Headers", SessionCors.HEADERS);
                headers.putSingle("Access-Control-Max-Age", SessionCors.MAX_AGE);
              }
            });
  }
}
