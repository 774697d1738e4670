package dev.foyer.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionPeriodsTest {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void eachRuleLooksBackItsOwnPeriodFromTheRun() {
    var periods =
        new RetentionPeriods(Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(90));

    assertThat(periods.sessionsExpiredBefore(NOW)).isEqualTo("2026-11-30T11:00:00Z");
    assertThat(periods.guestsLastSignedInBefore(NOW)).isEqualTo("2026-10-31T12:00:00Z");
    assertThat(periods.loginRecordsBefore(NOW)).isEqualTo("2026-09-01T12:00:00Z");
  }

  @Test
  void aZeroPeriodDeletesFromTheMomentOfTheRun() {
    var periods = new RetentionPeriods(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    assertThat(periods.sessionsExpiredBefore(NOW)).isEqualTo(NOW);
  }

  @Test
  void refusesANegativePeriodNamingItsKey() {
    assertThatThrownBy(
            () -> new RetentionPeriods(Duration.ZERO, Duration.ofDays(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("foyer.retention.guest-members");
  }

  @Test
  void aJobRunIsTakenOnceUntilItsNextRunIsDue() {
    var job = new ScheduledJob("retention", NOW);

    assertThat(job.claim(NOW, NOW.plusSeconds(1800))).isTrue();
    assertThat(job.claim(NOW.plusSeconds(1799), NOW.plusSeconds(3600))).isFalse();
    assertThat(job.claim(NOW.plusSeconds(1800), NOW.plusSeconds(3600))).isTrue();
  }
}
