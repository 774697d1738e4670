package dev.foyer.retention;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs retention every {@code foyer.retention.interval} on the container's managed scheduled
 * executor (Jakarta Concurrency, no EJB timer), from a minute after start-up or sooner. Every node
 * does; the job row decides which one sweeps (see the package note). A failed run is logged and the
 * next one tries again: an exception must never reach the executor, which would cancel the
 * schedule.
 */
@ApplicationScoped
public class RetentionSchedule {
  static final System.Logger LOGGER = System.getLogger(RetentionSchedule.class.getName());
  static final String JOB = "retention";
  static final int BATCH = 500;
  private static final Duration FIRST_RUN_AT_LATEST = Duration.ofMinutes(1);

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService executor;

  @Inject Retention retention;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "foyer.retention.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "foyer.retention.interval", defaultValue = "PT1H")
  Duration interval;

  @Inject
  @ConfigProperty(name = "foyer.retention.sessions", defaultValue = "PT1H")
  Duration sessions;

  @Inject
  @ConfigProperty(name = "foyer.retention.guest-members", defaultValue = "P30D")
  Duration guestMembers;

  @Inject
  @ConfigProperty(name = "foyer.retention.login-records", defaultValue = "P90D")
  Duration loginRecords;

  private RetentionPeriods periods;
  private ScheduledFuture<?> schedule;

  /** What one run deleted, kind by kind. */
  record Removed(
      int sessions,
      int guestMembers,
      int loginRecords,
      int usedCredentials,
      int flows,
      int consoleSessions) {
    boolean any() {
      return sessions + guestMembers + loginRecords + usedCredentials + flows + consoleSessions > 0;
    }
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!enabled) {
      LOGGER.log(INFO, "Retention is off on this node (foyer.retention.enabled=false)");
      return;
    }
    try {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "foyer.retention.interval must be positive: " + interval);
      }
      periods = new RetentionPeriods(sessions, guestMembers, loginRecords);
    } catch (IllegalArgumentException e) {
      LOGGER.log(ERROR, "Retention does not run on this node: " + e.getMessage());
      return;
    }
    var first = interval.compareTo(FIRST_RUN_AT_LATEST) < 0 ? interval : FIRST_RUN_AT_LATEST;
    schedule =
        executor.scheduleWithFixedDelay(
            this::runGuarded, first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    LOGGER.log(
        INFO,
        "Retention runs every {0}: sessions {1} after expiry, guests {2} after their last sign-in,"
            + " login records {3}, used credentials until they expire",
        interval,
        sessions,
        guestMembers,
        loginRecords);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  private void runGuarded() {
    try {
      run();
    } catch (RuntimeException e) {
      LOGGER.log(WARNING, "Retention run failed; the next run tries again", e);
    }
  }

  /** One run, if this node gets it: every kind of row, oldest first, batch after batch. */
  void run() {
    var now = clock.instant();
    // Half an interval: nodes scheduled a little apart still let one of them run each interval.
    if (!retention.claim(JOB, now, now.plus(interval.dividedBy(2)))) {
      LOGGER.log(DEBUG, "Retention: another node has this run");
      return;
    }
    var started = System.nanoTime();
    var removed =
        new Removed(
            drain(size -> retention.expiredSessions(periods.sessionsExpiredBefore(now), size)),
            drain(size -> retention.guestMembers(periods.guestsLastSignedInBefore(now), size)),
            drain(size -> retention.loginRecords(periods.loginRecordsBefore(now), size)),
            drain(size -> retention.usedCredentials(now, size)),
            drain(size -> retention.expiredFlows(now, size)),
            drain(size -> retention.expiredConsoleSessions(now, size)));
    LOGGER.log(
        removed.any() ? INFO : DEBUG,
        "Retention removed {0,number,#} expired session(s), {1,number,#} guest member(s),"
            + " {2,number,#} login record(s) and {3,number,#} used credential(s), {4,number,#}"
            + " expired sign-in flow(s) and {5,number,#} expired console session(s) and link(s)"
            + " in {6,number,#} ms",
        removed.sessions(),
        removed.guestMembers(),
        removed.loginRecords(),
        removed.usedCredentials(),
        removed.flows(),
        removed.consoleSessions(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Batches until one comes back short: then nothing older was left when it looked. */
  private static int drain(IntFunction<Retention.Batch> batch) {
    var total = 0;
    Retention.Batch last;
    do {
      last = batch.apply(BATCH);
      total += last.deleted();
    } while (last.found() == BATCH);
    return total;
  }
}
