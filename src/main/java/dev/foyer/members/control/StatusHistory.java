package dev.foyer.members.control;

import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.MemberStatus;
import dev.foyer.members.entity.MemberStatusChange;
import dev.foyer.members.entity.StatusChangeRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** A member's status changes, written with the change itself and read oldest first. */
@ApplicationScoped
public class StatusHistory {
  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** A change of status; a decision that left the status as it was changes nothing. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void changed(MemberStatusChange change, StatusChangeRecord.Cause cause, String by) {
    if (change.from() != change.to()) {
      em.persist(
          new StatusChangeRecord(
              change.member(), change.from(), change.to(), cause, by, clock.instant()));
    }
  }

  /** The status an administrator created a member with. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void createdWith(Member member, MemberStatus status, String by) {
    em.persist(
        new StatusChangeRecord(
            member, null, status, StatusChangeRecord.Cause.ADMIN, by, clock.instant()));
  }

  public List<StatusChangeRecord> of(Member member) {
    return em.createNamedQuery(StatusChangeRecord.OF_MEMBER, StatusChangeRecord.class)
        .setParameter("member", member)
        .getResultList();
  }
}
