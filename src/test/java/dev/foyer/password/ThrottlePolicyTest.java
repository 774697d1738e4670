package dev.foyer.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThrottlePolicyTest {
  static final ThrottlePolicy POLICY =
      new ThrottlePolicy(
          5, 100, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1));

  @ParameterizedTest(name = "failure {0} of limit 5 locks for {1}")
  @CsvSource({
    "1, PT0S",
    "4, PT0S",
    "5, PT1M",
    "6, PT2M",
    "7, PT4M",
    "10, PT32M",
    "11, PT1H",
    "12, PT1H",
    "2147483647, PT1H"
  })
  void locksFromTheLimitOnDoublingUpToTheMaximum(int failures, Duration lock) {
    assertThat(POLICY.lock(failures, 5)).isEqualTo(lock);
  }

  @Test
  void raisesSettingsThatWouldSwitchTheThrottleOff() {
    var policy = new ThrottlePolicy(0, -3, Duration.ZERO, Duration.ofSeconds(-1), Duration.ZERO);

    assertThat(policy.emailFailures()).isEqualTo(1);
    assertThat(policy.addressFailures()).isEqualTo(1);
    assertThat(policy.window()).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.lock(1, policy.emailFailures())).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void neverLocksLongerThanTheMaximumEvenWhenTheBackoffIsLonger() {
    var policy =
        new ThrottlePolicy(3, 3, Duration.ofMinutes(1), Duration.ofHours(2), Duration.ofHours(1));

    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofHours(2));
    assertThat(policy.lock(3, 3)).isEqualTo(Duration.ofHours(2));
  }
}
