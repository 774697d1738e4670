package dev.foyer.uriauth.boundary;

import dev.foyer.doors.SignInResponses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The doors under {@code /auth}: {@code uri}, {@code programmatic} and {@code password}. By the
 * time a request gets here its client has checked it; what is left is the one pipeline.
 */
@jakarta.enterprise.context.RequestScoped
@Path("/")
public class UriAuthResource {
  @Inject SignInResponses responses;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @GET
  @Path("auth/uri")
  public Response viaLink() {
    return responses.redirect(request, uriInfo);
  }

  @POST
  @Path("auth/uri")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response viaForm() {
    return responses.redirect(request, uriInfo);
  }

  /** Email and password (members created with one); the door is the password client. */
  @POST
  @Path("auth/password")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response viaPassword() {
    return responses.redirect(request, uriInfo);
  }

  @POST
  @Path("auth/programmatic")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response programmatic() {
    return responses.json(request);
  }
}
