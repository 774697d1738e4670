package dev.foyer.uriauth.boundary;

import dev.foyer.doors.SignInResponses;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Seed 000's addresses: {@code /auth/uri}, {@code /auth/programmatic} and the plugin script that
 * calls it. By the time a sign-in gets here its client has checked it; what is left is the one
 * pipeline.
 */
@RequestScoped
@Path("/")
public class UriAuthResource {
  private static final String PLUGIN = script("foyer-plugin.js");

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

  @POST
  @Path("auth/programmatic")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response programmatic() {
    return responses.json(request);
  }

  /** The script an embedding page loads to call programmatic logon (seed 000's plugin API). */
  @GET
  @Path("foyer-plugin.js")
  @Produces("text/javascript;charset=UTF-8")
  public Response plugin() {
    var cache = new CacheControl();
    cache.setMaxAge(300);
    return Response.ok(PLUGIN).cacheControl(cache).build();
  }

  private static String script(String name) {
    try (var script = UriAuthResource.class.getResourceAsStream(name)) {
      return new String(script.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
