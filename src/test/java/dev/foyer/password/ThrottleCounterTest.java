package dev.foyer.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottleCounterTest {
  static final ThrottlePolicy POLICY =
      new ThrottlePolicy(
          5, 100, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1));
  static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void letsFailuresUpToTheLimitThroughAndLocksAtTheLimit() {
    var counter = new ThrottleCounter("k", T0);
    for (int i = 1; i <= 4; i++) {
      assertThat(counter.lockedFor(T0)).as("before failure %d", i).isEmpty();
      counter.charge(T0, 5, POLICY);
    }
    assertThat(counter.lockedFor(T0)).isEmpty();

    counter.charge(T0, 5, POLICY);

    assertThat(counter.failures()).isEqualTo(5);
    assertThat(counter.lockedFor(T0)).hasValue(Duration.ofMinutes(1));
    assertThat(counter.lockedFor(T0.plusSeconds(59))).hasValue(Duration.ofSeconds(1));
    assertThat(counter.lockedFor(T0.plusSeconds(60))).isEmpty();
  }

  @Test
  void doublesTheLockWithEveryFailureAfterALockEnds() {
    var counter = new ThrottleCounter("k", T0);
    for (int i = 0; i < 5; i++) {
      counter.charge(T0, 5, POLICY);
    }
    var t = T0.plusSeconds(60);

    counter.charge(t, 5, POLICY);

    assertThat(counter.lockedFor(t)).hasValue(Duration.ofMinutes(2));
    t = t.plus(Duration.ofMinutes(2));
    counter.charge(t, 5, POLICY);
    assertThat(counter.lockedFor(t)).hasValue(Duration.ofMinutes(4));
  }

  @Test
  void forgetsFailuresAWindowAfterTheLastOne() {
    var counter = new ThrottleCounter("k", T0);
    for (int i = 0; i < 4; i++) {
      counter.charge(T0, 5, POLICY);
    }
    var later = T0.plus(Duration.ofMinutes(15));

    counter.charge(later, 5, POLICY);

    assertThat(counter.failures()).isEqualTo(1);
    assertThat(counter.lockedFor(later)).isEmpty();
  }

  @Test
  void keepsFailuresWhileTheyComeWithinTheWindow() {
    var counter = new ThrottleCounter("k", T0);
    var t = T0;
    for (int i = 0; i < 4; i++) {
      counter.charge(t, 5, POLICY);
      t = t.plus(Duration.ofMinutes(14));
    }

    counter.charge(t, 5, POLICY);

    assertThat(counter.failures()).isEqualTo(5);
    assertThat(counter.lockedFor(t)).hasValue(Duration.ofMinutes(1));
  }

  @Test
  void countsTheWindowFromTheEndOfTheLock() {
    var counter = new ThrottleCounter("k", T0);
    for (int i = 0; i < 5; i++) {
      counter.charge(T0, 5, POLICY);
    }
    assertThat(counter.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(16)));
    var afterLock = T0.plus(Duration.ofMinutes(15));

    counter.charge(afterLock, 5, POLICY);

    assertThat(counter.failures())
        .as("not forgotten within a window of the lock's end")
        .isEqualTo(6);
    assertThat(counter.lockedFor(afterLock)).hasValue(Duration.ofMinutes(2));
  }

  @Test
  void aRefundBelowTheLimitLiftsTheLockItsChargeSet() {
    var counter = new ThrottleCounter("k", T0);
    for (int i = 0; i < 5; i++) {
      counter.charge(T0, 5, POLICY);
    }

    counter.refund(5);

    assertThat(counter.failures()).isEqualTo(4);
    assertThat(counter.lockedFor(T0)).isEmpty();
  }

  @Test
  void aRefundOverTheLimitKeepsTheLock() {
    var counter = new ThrottleCounter("k", T0);
    for (int i = 0; i < 6; i++) {
      counter.charge(T0.plus(Duration.ofMinutes(i < 5 ? 0 : 1)), 5, POLICY);
    }

    counter.refund(5);

    assertThat(counter.failures()).isEqualTo(5);
    assertThat(counter.lockedFor(T0.plus(Duration.ofMinutes(1)))).isPresent();
  }

  @Test
  void aNewCounterIsNeitherLockedNorCounting() {
    var counter = new ThrottleCounter("k", T0);

    assertThat(counter.lockedFor(T0)).isEmpty();
    assertThat(counter.failures()).isZero();
  }
}
