package dev.foyer.spaces.boundary;

import dev.foyer.spaces.entity.SpaceGroup;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** A space's groups; JWT SSO's {@code groups:join}/{@code groups:leave} name them by id. */
@RequestScoped
@Path("/api/admin/spaces/{slug}/groups")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class GroupsResource {
  @PersistenceContext EntityManager em;
  @Inject AdminScope scope;

  @PathParam("slug")
  String slug;

  @GET
  public List<GroupView> list() {
    return em.createNamedQuery(SpaceGroup.OF_SPACE, SpaceGroup.class)
        .setParameter("space", scope.space(slug))
        .getResultStream()
        .map(GroupView::of)
        .toList();
  }

  @POST
  public Response create(GroupRequest request) {
    var space = scope.space(slug);
    if (request == null) {
      throw SpacesResource.invalid("name: required, at most 255 characters");
    }
    var group = new SpaceGroup(space, SpacesResource.name("name", request.name()));
    em.persist(group);
    return Response.created(URI.create("/api/admin/spaces/" + slug + "/groups/" + group.id()))
        .entity(GroupView.of(group))
        .build();
  }

  public record GroupRequest(String name) {}

  public record GroupView(String id, String name) {
    static GroupView of(SpaceGroup group) {
      return new GroupView(group.id(), group.name());
    }
  }
}
