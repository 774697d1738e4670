package dev.foyer.password;

import dev.foyer.doors.SignInResponses;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code POST /auth/password}: by the time a request gets here the password client has checked it.
 */
@RequestScoped
@Path("/auth/password")
public class PasswordResource {
  @Inject SignInResponses responses;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn() {
    return responses.redirect(request, uriInfo);
  }
}
