package dev.foyer.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * With {@code foyer.public-url} set, JAX-RS sees every request as addressed to that origin, before
 * anything reads its URI: {@code UriInfo.getBaseUri()}, and the absolute {@code Location} JAX-RS
 * makes of a relative one, then never take the client's {@code Host}. One place, so no resource can
 * forget it.
 */
@Provider
@PreMatching
public class PublicBaseUri implements ContainerRequestFilter {
  @Inject PublicAddress address;

  @Override
  public void filter(ContainerRequestContext request) {
    address
        .origin()
        .ifPresent(
            origin -> {
              var uris = request.getUriInfo();
              request.setRequestUri(
                  PublicAddress.rebased(origin, uris.getBaseUri()),
                  PublicAddress.rebased(origin, uris.getRequestUri()));
            });
  }
}
