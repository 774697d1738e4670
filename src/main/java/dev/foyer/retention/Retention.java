package dev.foyer.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The deletes of a retention run. Each method is one short transaction of its own: it selects at
 * most {@code size} rows by the rule and deletes those rows, re-checking the rule in the delete, so
 * rows that changed or went in between (another node's run) are simply not counted.
 */
@ApplicationScoped
public class Retention {
  /** What one batch found and what of it this call deleted. */
  public record Batch(int found, int deleted) {
    static final Batch NONE = new Batch(0, 0);
  }

  /** The tables holding a member's rows besides the member's own; all refer to member(id). */
  private static final List<String> MEMBER_ROWS =
      List.of(
          "event_join",
          "member_group_source",
          "member_group",
          "member_property",
          "member_domain",
          "member_term",
          "member_status_change",
          "linked_identity");

  @PersistenceContext EntityManager em;

  /**
   * Takes the run due at {@code now} for this node, under the job row's lock: a node that waited
   * for the lock finds the next run moved on and skips.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean claim(String job, Instant now, Instant next) {
    var row = em.find(ScheduledJob.class, job, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      // The migration inserts the row; should it be gone, the first node to run puts it back (a
      // second one fails on the primary key and skips this run).
      em.persist(new ScheduledJob(job, next));
      em.flush();
      return true;
    }
    return row.claim(now, next);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Batch expiredSessions(Instant expiredBefore, int size) {
    return selectThenDelete(
        "select s.tokenHash from ParticipantSession s where s.expiresAt < :before"
            + " order by s.expiresAt",
        "delete from ParticipantSession s where s.tokenHash in :keys and s.expiresAt < :before",
        expiredBefore,
        size);
  }

  /**
   * Guests who last signed in before {@code signedInBefore} and hold no session row at all (not
   * even an expired one, which the session rule deletes first). A guest has no linked identity, so
   * nobody can sign in as them again: no session can appear between the select and the delete, and
   * should one all the same, its foreign key fails the delete and the batch rolls back whole.
   * Candidates that still have a session are left out in a second query rather than by a {@code NOT
   * EXISTS} subquery: with the subquery EclipseLink sent the statement unbound and wrote the guest
   * flag as 1, which H2 2 refuses to compare with a boolean. They can only be there when the guest
   * period is shorter than a session's lifetime; the run then stops at them until their sessions
   * expire.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Batch guestMembers(Instant signedInBefore, int size) {
    var candidates =
        em.createQuery(
                "select m.id from Member m where m.guest = :guest"
                    + " and (m.lastSignInAt < :before"
                    + " or (m.lastSignInAt is null and m.createdAt < :before))"
                    + " order by m.lastSignInAt",
                String.class)
            .setParameter("guest", true)
            .setParameter("before", signedInBefore)
            .setMaxResults(size)
            .getResultList();
    if (candidates.isEmpty()) {
      return Batch.NONE;
    }
    var withSession =
        em.createQuery(
                "select distinct s.member.id from ParticipantSession s where s.member.id in :ids",
                String.class)
            .setParameter("ids", candidates)
            .getResultList();
    var ids = candidates.stream().filter(id -> !withSession.contains(id)).toList();
    if (ids.isEmpty()) {
      return Batch.NONE;
    }
    // The member's collections and join rows are tables without entities of their own (element
    // collections, the group join table): plain SQL reaches them all alike.
    var in = placeholders(ids.size());
    for (var table : MEMBER_ROWS) {
      bind(em.createNativeQuery("DELETE FROM " + table + " WHERE member_id IN (" + in + ")"), ids)
          .executeUpdate();
    }
    var deleted =
        bind(
                em.createNativeQuery(
                    "DELETE FROM member WHERE guest = TRUE AND id IN (" + in + ")"),
                ids)
            .executeUpdate();
    return new Batch(ids.size(), deleted);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Batch loginRecords(Instant before, int size) {
    return selectThenDelete(
        "select r.id from LoginRecord r where r.at < :before order by r.at",
        "delete from LoginRecord r where r.id in :keys and r.at < :before",
        before,
        size);
  }

  /** Used single-use credentials that would be refused as expired anyway. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Batch usedCredentials(Instant now, int size) {
    return selectThenDelete(
        "select u.credentialHash from UsedCredential u where u.expiresAt < :before"
            + " order by u.expiresAt",
        "delete from UsedCredential u where u.credentialHash in :keys and u.expiresAt < :before",
        now,
        size);
  }

  /** Sign-ins that left for an identity provider and never came back before their flow expired. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Batch expiredFlows(Instant now, int size) {
    return selectThenDelete(
        "select f.idHash from FlowState f where f.expiresAt < :before order by f.expiresAt",
        "delete from FlowState f where f.idHash in :keys and f.expiresAt < :before",
        now,
        size);
  }

  /**
   * Operator console sessions and console sign-in links past their time: worthless once expired.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Batch expiredConsoleSessions(Instant now, int size) {
    var links =
        selectThenDelete(
            "select l.codeHash from ConsoleLink l where l.expiresAt < :before order by l.expiresAt",
            "delete from ConsoleLink l where l.codeHash in :keys and l.expiresAt < :before",
            now,
            size);
    var sessions =
        selectThenDelete(
            "select s.idHash from OperatorSession s where s.expiresAt < :before"
                + " order by s.expiresAt",
            "delete from OperatorSession s where s.idHash in :keys and s.expiresAt < :before",
            now,
            size);
    return new Batch(
        Math.max(links.found(), sessions.found()), links.deleted() + sessions.deleted());
  }

  /**
   * One batch of a rule: at most {@code size} keys of the rows matching it, oldest first, then a
   * delete of those keys that re-checks the rule ({@code :before}), so a row another node deleted
   * or changed meanwhile is not counted.
   */
  private Batch selectThenDelete(String select, String delete, Instant before, int size) {
    var keys =
        em.createQuery(select, String.class)
            .setParameter("before", before)
            .setMaxResults(size)
            .getResultList();
    if (keys.isEmpty()) {
      return Batch.NONE;
    }
    var deleted =
        em.createQuery(delete)
            .setParameter("keys", keys)
            .setParameter("before", before)
            .executeUpdate();
    return new Batch(keys.size(), deleted);
  }

  private static String placeholders(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> "?" + i).collect(Collectors.joining(", "));
  }

  private static Query bind(Query query, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      query.setParameter(i + 1, values.get(i));
    }
    return query;
  }
}
