package dev.foyer.uriauth.boundary;

import dev.foyer.spaces.boundary.AdminScope;
import dev.foyer.spaces.boundary.SpaceViews;
import dev.foyer.spaces.boundary.SpacesResource.SpaceView;
import dev.foyer.uriauth.control.UriAuthSpaces;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Rotates a space's signing secret for signed links; the answer is the space, with the new secret
 * shown once.
 */
@RequestScoped
@Path("/api/admin/spaces/{slug}/signing-secret")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class SigningSecretsResource {
  @Inject AdminScope scope;
  @Inject UriAuthSpaces uriAuthSpaces;
  @Inject SpaceViews views;

  @POST
  public SpaceView rotate(@PathParam("slug") String slug) {
    var space = scope.space(slug);
    var secret = uriAuthSpaces.rotate(space);
    return views.view(space).withSecret(secret);
  }
}
