package dev.foyer.members.boundary;

import dev.foyer.FoyerApplication;
import dev.foyer.members.control.Admission;
import dev.foyer.members.entity.EventJoin;
import dev.foyer.members.entity.LinkedIdentity;
import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.MemberStatus;
import dev.foyer.platform.GatewayProblem;
import dev.foyer.platform.ProblemType;
import dev.foyer.signin.entity.Door;
import dev.foyer.signin.entity.LoginRecord;
import dev.foyer.spaces.boundary.AdminScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * Reconciliation (seed 000: "use the REST API to obtain information about ... Sue"): a member by
 * the {@code uid} the CRM sent, with the events they joined and when, and the space's login
 * records.
 */
@RequestScoped
@Path("/api/admin/spaces/{slug}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FoyerApplication.ADMIN_ROLE, FoyerApplication.SPACE_ADMIN_ROLE})
@Transactional
public class MembersResource {
  @PersistenceContext EntityManager em;
  @Inject AdminScope scope;
  @Inject Admission admission;
  @PathParam("slug") String slug;

  /** {@code ?uid=} finds the member URI Auth linked to that CRM id. */
  @GET
  @Path("members")
  public List<MemberView> find(@QueryParam("uid") String uid, @QueryParam("provider") String provider) {
    var space = scope.space(slug);
    if (uid == null || uid.isBlank()) {
      throw new GatewayProblem(ProblemType.ADMIN_INVALID, "uid: required");
    }
    return admission.linked(space, provider == null ? Door.URI_AUTH.alias() : provider, uid).map(this::view).stream().toList();
  }

  @GET
  @Path("members/{memberId}")
  public MemberView get(@PathParam("memberId") String memberId) {
    return view(member(memberId));
  }

  @PUT
  @Path("members/{memberId}/status")
  public MemberView changeStatus(@PathParam("memberId") String memberId, StatusRequest request) {
    var member = member(memberId);
    if (request == null || request.status() == null) {
      throw new GatewayProblem(ProblemType.ADMIN_INVALID, "status: one of " + List.of(MemberStatus.values()));
    }
    member.changeStatus(request.status());
    return view(member);
  }

  @GET
  @Path("login-records")
  public List<LoginRecordView> loginRecords(@QueryParam("limit") Integer limit) {
    var space = scope.space(slug);
    int max = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
    return em.createNamedQuery(LoginRecord.OF_ACCOUNT, LoginRecord.class)
        .setParameter("account", space.slug())
        .setMaxResults(max)
        .getResultStream()
        .map(LoginRecordView::of)
        .toList();
  }

  private Member member(String memberId) {
    var space = scope.space(slug);
    var member = em.find(Member.class, memberId);
    if (member == null || !member.space().id().equals(space.id())) {
      throw new GatewayProblem(ProblemType.MEMBER_UNKNOWN, "This space has no such member.");
    }
    return member;
  }

  private MemberView view(Member member) {
    var identities = em.createNamedQuery(LinkedIdentity.OF_MEMBER, LinkedIdentity.class).setParameter("member", member)
        .getResultStream().map(l -> new IdentityView(l.provider(), l.externalId(), l.createdAt())).toList();
    var joins = em.createNamedQuery(EventJoin.OF_MEMBER, EventJoin.class).setParameter("member", member)
        .getResultStream().map(j -> new JoinView(j.event().id(), j.event().title(), j.joinedAt())).toList();
    var profile = member.profile();
    return new MemberView(member.id(), profile.nickname(), profile.givenName(), profile.familyName(), profile.email(),
        member.status(), member.guest(), member.createdAt(), member.lastSignInAt().orElse(null), identities, joins);
  }

  public record StatusRequest(MemberStatus status) {}

  public record IdentityView(String provider, String externalId, Instant linkedAt) {}

  public record JoinView(String eventId, String title, Instant joinedAt) {}

  public record MemberView(String id, String nickname, String givenName, String familyName, String email, MemberStatus status,
      boolean guest, Instant createdAt, Instant lastSignInAt, List<IdentityView> identities, List<JoinView> events) {}

  public record LoginRecordView(String id, Instant at, String door, String account, boolean accepted, String code, String memberId, String eventId) {
    static LoginRecordView of(LoginRecord r) {
      return new LoginRecordView(r.id(), r.at(), r.door(), r.account().orElse(null), r.accepted(), r.code().orElse(null),
          r.memberId().orElse(null), r.eventId().orElse(null));
    }
  }
}
