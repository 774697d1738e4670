package dev.foyer.signin.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.signin.entity.LoginRecord;
import dev.foyer.spaces.boundary.AdminScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** A space's sign-in attempts, accepted and refused, newest first: the audit trail. */
@RequestScoped
@Path("/api/admin/spaces/{slug}/login-records")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class LoginRecordsResource {
  @PersistenceContext EntityManager em;
  @Inject AdminScope scope;

  @PathParam("slug")
  String slug;

  @GET
  public List<LoginRecordView> list(@QueryParam("limit") String limit) {
    var space = scope.space(slug);
    int max = limit == null ? 100 : Math.max(1, Math.min(number(limit), 1000));
    return em.createNamedQuery(LoginRecord.OF_ACCOUNT, LoginRecord.class)
        .setParameter("account", space.slug())
        .setMaxResults(max)
        .getResultStream()
        .map(LoginRecordView::of)
        .toList();
  }

  /**
   * Read as text: JAX-RS answers a query parameter that does not convert with a bare 404, as if the
   * space did not exist.
   */
  private static int number(String limit) {
    if (limit.matches("[0-9]{1,9}")) {
      return Integer.parseInt(limit);
    }
    throw new GatewayProblem(ProblemType.ADMIN_INVALID, "limit: a whole number from 1 to 1000");
  }

  public record LoginRecordView(
      String id,
      Instant at,
      String door,
      String account,
      boolean accepted,
      String code,
      String memberId,
      String eventId) {
    static LoginRecordView of(LoginRecord r) {
      return new LoginRecordView(
          r.id(),
          r.at(),
          r.door(),
          r.account().orElse(null),
          r.accepted(),
          r.code().orElse(null),
          r.memberId().orElse(null),
          r.eventId().orElse(null));
    }
  }
}
