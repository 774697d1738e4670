package dev.foyer.signin.control;

import dev.foyer.signin.entity.LoginRecord;
import dev.foyer.web.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The administrators' reads of a space's login records: filtered pages, newest first, and counts
 * per hour. Every read is a range of one of the indexes that begin with the account (V16).
 */
@ApplicationScoped
public class LoginRecordSearch {
  @PersistenceContext EntityManager em;

  /**
   * What to list; each filter may be absent.
   *
   * @param accepted true for sign-ins, false for refusals
   * @param from the first instant (inclusive)
   * @param to the instant the list stops at (exclusive)
   */
  public record Filter(
      Optional<String> door,
      Optional<String> provider,
      Optional<Boolean> accepted,
      Optional<String> code,
      Optional<Instant> from,
      Optional<Instant> to) {}

  /** One page, and where the next one starts if there is more. */
  public record Page(List<LoginRecord> records, Optional<PageCursor> next) {}

  /**
   * How many attempts of one kind an hour saw.
   *
   * @param hour the hour's first instant
   */
  public record HourCount(Instant hour, String door, boolean accepted, String code, long count) {}

  public Page find(String account, Filter filter, Optional<PageCursor> after, int limit) {
    var jpql = new StringBuilder("select r from LoginRecord r where r.account = :account");
    var parameters = new LinkedHashMap<String, Object>();
    parameters.put("account", account);
    // The order begins with the columns the chosen index begins with, though they are one value
    // here: H2 reads an index in order only when the ORDER BY starts with its first columns.
    var order = "r.account";
    if (filter.door().isPresent()) {
      jpql.append(" and r.door = :door");
      parameters.put("door", filter.door().get());
      order = "r.account, r.door";
    }
    if (filter.provider().isPresent()) {
      jpql.append(" and r.provider = :provider");
      parameters.put("provider", filter.provider().get());
      order = "r.account, r.provider";
    }
    if (filter.code().isPresent()) {
      jpql.append(" and r.code = :code");
      parameters.put("code", filter.code().get());
      order = "r.account, r.code";
    }
    filter
        .accepted()
        .ifPresent(
            accepted -> {
              jpql.append(" and r.accepted = :accepted");
              parameters.put("accepted", accepted);
            });
    filter
        .from()
        .ifPresent(
            from -> {
              jpql.append(" and r.at >= :from");
              parameters.put("from", from);
            });
    filter
        .to()
        .ifPresent(
            to -> {
              jpql.append(" and r.at < :to");
              parameters.put("to", to);
            });
    after.ifPresent(
        cursor -> {
          jpql.append(" and r.at <= :afterAt and (r.at < :afterAt or r.id < :afterId)");
          parameters.put("afterAt", cursor.at());
          parameters.put("afterId", cursor.id());
        });
    jpql.append(" order by ").append(order).append(", r.at desc, r.id desc");
    var query = em.createQuery(jpql.toString(), LoginRecord.class);
    parameters.forEach(query::setParameter);
    var found = query.setMaxResults(limit + 1).getResultList();
    if (found.size() <= limit) {
      return new Page(found, Optional.empty());
    }
    var page = found.subList(0, limit);
    var last = page.get(limit - 1);
    return new Page(page, Optional.of(new PageCursor(last.at(), last.id())));
  }

  /**
   * The space's attempts from {@code from} on, counted per hour, door, outcome and code, in SQL: a
   * range of the index (account, at) grouped by the hour's fields, which H2 and PostgreSQL both
   * extract alike ({@code date_trunc} differs between them). Instants are stored as timestamps in
   * the server's time zone (InstantConverter, and both drivers take the session's zone from the
   * JVM): the fields are that zone's, and are read back in it. Hours are UTC hours on a server that
   * runs in UTC, or in any zone a whole number of hours away from it.
   */
  public List<HourCount> hourly(String account, Instant from) {
    var hour =
        "EXTRACT(YEAR FROM r.at), EXTRACT(MONTH FROM r.at), EXTRACT(DAY FROM r.at),"
            + " EXTRACT(HOUR FROM r.at)";
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + hour
                    + ", r.door, r.accepted, r.code, COUNT(*) FROM login_record r"
                    + " WHERE r.account = ? AND r.at >= ?"
                    + " GROUP BY "
                    + hour
                    + ", r.door, r.accepted, r.code")
            .setParameter(1, account)
            .setParameter(2, from.atOffset(ZoneOffset.UTC))
            .getResultList();
    var counts = new ArrayList<HourCount>();
    var zone = ZoneId.systemDefault();
    for (var row : rows) {
      var start =
          LocalDateTime.of(number(row[0]), number(row[1]), number(row[2]), number(row[3]), 0)
              .atZone(zone)
              .toInstant();
      counts.add(
          new HourCount(
              start,
              (String) row[4],
              Boolean.TRUE.equals(row[5]),
              (String) row[6],
              ((Number) row[7]).longValue()));
    }
    return counts;
  }

  /** EXTRACT answers an integer on H2 and a numeric on PostgreSQL. */
  private static int number(Object value) {
    return ((Number) value).intValue();
  }
}
