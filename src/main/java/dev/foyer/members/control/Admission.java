package dev.foyer.members.control;

import dev.foyer.members.entity.LinkedIdentity;
import dev.foyer.members.entity.Member;
import dev.foyer.platform.GatewayProblem;
import dev.foyer.platform.ProblemType;
import dev.foyer.signin.entity.AssertedIdentity;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * Who an asserted identity is in a space: the member its linked identity points to; else, when
 * the door vouches for the email and the space allows it, the member holding that email (and the
 * identity gets linked to them); else a new member. Then the status rules of
 * {@link dev.foyer.members.entity.MemberStatus} apply.
 */
@ApplicationScoped
public class Admission {
  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Transactional(Transactional.TxType.MANDATORY)
  public Member admit(Space space, AssertedIdentity identity, boolean linkByEmail) {
    var now = clock.instant();
    var member = identity.externalId()
        .map(externalId -> linked(space, identity.provider(), externalId)
            .map(existing -> {
              if (identity.syncOnEveryLogin()) {
                existing.update(identity.profile());
              }
              return existing;
            })
            .orElseGet(() -> {
              var found = linkByEmail && identity.emailVerified() ? byEmail(space, identity.profile().email()) : Optional.<Member>empty();
              var target = found.orElseGet(() -> persist(new Member(space, identity.profile(), false, now)));
              em.persist(new LinkedIdentity(target, identity.provider(), externalId, now));
              // Surface a concurrent first sign-in of the same person here, where it can be retried.
              em.flush();
              return target;
            }))
        .orElseGet(() -> persist(new Member(space, identity.profile(), true, now)));
    if (member.mayNotSignIn()) {
      throw new GatewayProblem(
          member.status() == dev.foyer.members.entity.MemberStatus.REJECTED ? ProblemType.MEMBER_REJECTED : ProblemType.MEMBER_DEACTIVATED,
          "Your membership of this space does not allow signing in. Ask the space's administrators.");
    }
    member.signedIn(now);
    return member;
  }

  public Optional<Member> linked(Space space, String provider, String externalId) {
    return em.createNamedQuery(LinkedIdentity.FIND, LinkedIdentity.class)
        .setParameter("space", space)
        .setParameter("provider", provider)
        .setParameter("externalId", externalId)
        .getResultStream()
        .findFirst()
        .map(LinkedIdentity::member);
  }

  private Optional<Member> byEmail(Space space, String email) {
    if (email == null) {
      return Optional.empty();
    }
    return em.createNamedQuery(Member.BY_EMAIL, Member.class)
        .setParameter("space", space)
        .setParameter("email", email)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  private Member persist(Member member) {
    em.persist(member);
    return member;
  }
}
