package dev.foyer.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayProblemTest {
  @ParameterizedTest(name = "{0} -> Retry-After: {1}")
  @CsvSource({"PT0S, 1", "PT0.001S, 1", "PT1S, 1", "PT1.2S, 2", "PT59.999S, 60", "PT1H, 3600"})
  void saysRetryAfterInWholeSecondsRoundedUp(Duration wait, String header) {
    var problem = new GatewayProblem(ProblemType.CREDENTIAL_RACED, "busy", wait);

    assertThat(problem.retryAfter()).hasValue(wait);
    assertThat(problem.retryAfterSeconds()).hasValue(header);
  }

  @Test
  void hasNoRetryAfterUnlessGivenOne() {
    var problem = new GatewayProblem(ProblemType.CREDENTIAL_RACED, "busy");

    assertThat(problem.retryAfter()).isEmpty();
    assertThat(problem.retryAfterSeconds()).isEmpty();
  }
}
