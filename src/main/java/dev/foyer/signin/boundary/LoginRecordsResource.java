package dev.foyer.signin.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.signin.control.LoginRecordSearch;
import dev.foyer.signin.entity.LoginRecord;
import dev.foyer.spaces.boundary.AdminScope;
import dev.foyer.web.PageCursor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A space's sign-in attempts, accepted and refused, newest first: the audit trail, filtered and a
 * page at a time, and counted per hour for the console's chart.
 */
@RequestScoped
@Path("/api/admin/spaces/{slug}/login-records")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class LoginRecordsResource {
  /** Door names and aliases: lower-case letters, digits and {@code -}. */
  private static final Pattern ALIAS = Pattern.compile("[a-z0-9-]{1,64}");

  /** Error codes: upper-case letters and digits ({@code MBR1}, {@code SML2GCFE}). */
  private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,16}");

  static final int DEFAULT_HOURS = 72;
  static final int MAX_HOURS = 24 * 14;

  @Inject AdminScope scope;
  @Inject LoginRecordSearch search;
  @Inject Clock clock;

  @PathParam("slug")
  String slug;

  /**
   * Newest first, {@code limit} at a time (default 100, 1 to 1000 are used), each filter optional;
   * the answer links to the next page ({@code Link: <...>; rel="next"}).
   */
  @GET
  public Response list(
      @QueryParam("limit") String limit,
      @QueryParam("door") String door,
      @QueryParam("provider") String provider,
      @QueryParam("outcome") String outcome,
      @QueryParam("code") String code,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("after") String after,
      @Context UriInfo uriInfo) {
    var space = scope.space(slug);
    int max = limit == null ? 100 : Math.max(1, Math.min(number(limit), 1000));
    var filter =
        new LoginRecordSearch.Filter(
            matching("door", door, ALIAS, "lower-case letters, digits and -, at most 64"),
            matching("provider", provider, ALIAS, "lower-case letters, digits and -, at most 64"),
            outcome(outcome),
            matching("code", code, CODE, "an error code: upper-case letters and digits"),
            instant("from", from),
            instant("to", to));
    if (filter.from().isPresent()
        && filter.to().isPresent()
        && filter.from().get().isAfter(filter.to().get())) {
      throw new GatewayProblem(ProblemType.ADMIN_INVALID, "from: not after to");
    }
    var cursor = after == null ? Optional.<PageCursor>empty() : PageCursor.parse(after);
    if (after != null && cursor.isEmpty()) {
      throw new GatewayProblem(
          ProblemType.ADMIN_INVALID, "after: the value of a next link, unchanged");
    }
    var page = search.find(space.slug(), filter, cursor, max);
    return PageCursor.page(
        page.records().stream().map(LoginRecordView::of).toList(), page.next(), uriInfo);
  }

  /**
   * The last {@code hours} hours (default 72, at most 336), the current one included, each with its
   * sign-ins and refusals, by door and refusals by code. Every hour is there, those without
   * attempts too, oldest first.
   */
  @GET
  @Path("hourly")
  public Hourly hourly(@QueryParam("hours") String hours) {
    var space = scope.space(slug);
    int count = DEFAULT_HOURS;
    if (hours != null) {
      if (!hours.matches("[0-9]{1,3}")
          || Integer.parseInt(hours) < 1
          || Integer.parseInt(hours) > MAX_HOURS) {
        throw new GatewayProblem(
            ProblemType.ADMIN_INVALID, "hours: a whole number from 1 to " + MAX_HOURS);
      }
      count = Integer.parseInt(hours);
    }
    var to = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    var from = to.minus(Duration.ofHours(count));
    var buckets = new TreeMap<Instant, HourBuilder>();
    for (var start = from; start.isBefore(to); start = start.plus(Duration.ofHours(1))) {
      buckets.put(start, new HourBuilder(start));
    }
    for (var counted : search.hourly(space.slug(), from)) {
      var bucket = buckets.get(counted.hour());
      // An attempt of the hour after the clock was read waits for the next call.
      if (bucket != null) {
        bucket.add(counted);
      }
    }
    return new Hourly(from, to, buckets.values().stream().map(HourBuilder::view).toList());
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

  private static Optional<String> matching(
      String name, String value, Pattern pattern, String rule) {
    if (value == null) {
      return Optional.empty();
    }
    if (!pattern.matcher(value).matches()) {
      throw new GatewayProblem(ProblemType.ADMIN_INVALID, name + ": " + rule);
    }
    return Optional.of(value);
  }

  private static Optional<Boolean> outcome(String outcome) {
    if (outcome == null) {
      return Optional.empty();
    }
    return switch (outcome) {
      case "accepted" -> Optional.of(true);
      case "refused" -> Optional.of(false);
      default ->
          throw new GatewayProblem(ProblemType.ADMIN_INVALID, "outcome: accepted or refused");
    };
  }

  private static Optional<Instant> instant(String name, String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw new GatewayProblem(
          ProblemType.ADMIN_INVALID, name + ": an ISO-8601 instant, 2026-12-01T08:00:00Z");
    }
  }

  /**
   * @param provider the alias the identity is linked under, when the door got far enough to know it
   */
  public record LoginRecordView(
      String id,
      Instant at,
      String door,
      String account,
      String provider,
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
          r.provider().orElse(null),
          r.accepted(),
          r.code().orElse(null),
          r.memberId().orElse(null),
          r.eventId().orElse(null));
    }
  }

  /**
   * @param from the first hour's start
   * @param to the end of the last hour (the current one)
   */
  public record Hourly(Instant from, Instant to, List<Hour> hours) {}

  /**
   * @param doors per door, its sign-ins and refusals
   * @param codes per error code, its refusals
   */
  public record Hour(
      Instant hour,
      long accepted,
      long refused,
      Map<String, Outcomes> doors,
      Map<String, Long> codes) {}

  public record Outcomes(long accepted, long refused) {}

  private static final class HourBuilder {
    private final Instant hour;
    private long accepted;
    private long refused;
    private final Map<String, long[]> doors = new TreeMap<>();
    private final Map<String, Long> codes = new TreeMap<>();

    HourBuilder(Instant hour) {
      this.hour = hour;
    }

    void add(LoginRecordSearch.HourCount counted) {
      var door = doors.computeIfAbsent(counted.door(), name -> new long[2]);
      if (counted.accepted()) {
        accepted += counted.count();
        door[0] += counted.count();
      } else {
        refused += counted.count();
        door[1] += counted.count();
        if (counted.code() != null) {
          codes.merge(counted.code(), counted.count(), Long::sum);
        }
      }
    }

    Hour view() {
      var byDoor = new TreeMap<String, Outcomes>();
      doors.forEach((name, outcomes) -> byDoor.put(name, new Outcomes(outcomes[0], outcomes[1])));
      return new Hour(hour, accepted, refused, byDoor, codes);
    }
  }
}
