package dev.foyer.signin.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.metrics.control.Exposition;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SignInMetricsTest {
  private static SignInMetrics metrics(String spacesSetting) {
    var metrics = new SignInMetrics();
    metrics.spacesSetting = Optional.ofNullable(spacesSetting);
    metrics.create();
    return metrics;
  }

  private static String counted(SignInMetrics metrics) {
    var exposition = new Exposition();
    metrics.writeCounted(exposition);
    return exposition.text();
  }

  @Test
  void countsAttemptsByDoorAndOutcomeAndRefusalsByCodeWithoutASpaceLabel() {
    var metrics = metrics(null);

    metrics.recorded("uri-auth", "acme", null, Optional.of(Duration.ofMillis(30)));
    metrics.recorded("uri-auth", "no-such-space", "UAACCT2", Optional.of(Duration.ofMillis(2)));
    metrics.recorded("uri-auth", "acme", "UAEV2", Optional.empty());

    assertThat(counted(metrics))
        .contains("foyer_signins_total{door=\"uri-auth\",outcome=\"accepted\"} 1\n")
        .contains("foyer_signins_total{door=\"uri-auth\",outcome=\"refused\"} 2\n")
        .contains("foyer_signin_refusals_total{door=\"uri-auth\",code=\"UAACCT2\"} 1\n")
        .contains("foyer_signin_refusals_total{door=\"uri-auth\",code=\"UAEV2\"} 1\n")
        // Only attempts whose start is known are timed.
        .contains(
            "foyer_signin_duration_seconds_bucket{door=\"uri-auth\",outcome=\"accepted\",le=\"0.05\"}"
                + " 1\n")
        .contains("foyer_signin_duration_seconds_count{door=\"uri-auth\",outcome=\"refused\"} 1\n")
        .contains(
            "foyer_signin_duration_seconds_sum{door=\"uri-auth\",outcome=\"accepted\"} 0.03\n")
        .doesNotContain("space=")
        .doesNotContain("acme");
  }

  @Test
  void labelsListedSpacesAndPutsEveryOtherAccountUnderOther() {
    var metrics = metrics(" acme , globex");

    metrics.recorded("jwt-sso", "acme", null, Optional.empty());
    metrics.recorded("jwt-sso", "initech", null, Optional.empty());
    metrics.recorded("jwt-sso", "<script>", "JWT16", Optional.empty());
    metrics.recorded("jwt-sso", null, "JWT16", Optional.empty());

    assertThat(counted(metrics))
        .contains("foyer_signins_total{door=\"jwt-sso\",outcome=\"accepted\",space=\"acme\"} 1\n")
        .contains("foyer_signins_total{door=\"jwt-sso\",outcome=\"accepted\",space=\"_other\"} 1\n")
        .contains("foyer_signins_total{door=\"jwt-sso\",outcome=\"refused\",space=\"_other\"} 2\n")
        .contains(
            "foyer_signin_refusals_total{door=\"jwt-sso\",code=\"JWT16\",space=\"_other\"} 2\n")
        .doesNotContain("initech")
        .doesNotContain("script");
  }

  @Test
  void showsEveryDoorAtZeroBeforeItsFirstAttempt() {
    var metrics = metrics("acme");

    metrics.door("password");

    assertThat(counted(metrics))
        .contains(
            "foyer_signins_total{door=\"password\",outcome=\"accepted\",space=\"_other\"} 0\n")
        .contains("foyer_signins_total{door=\"password\",outcome=\"refused\",space=\"acme\"} 0\n")
        .contains(
            "foyer_signin_duration_seconds_count{door=\"password\",outcome=\"accepted\"} 0\n");
  }

  @Test
  void refusesASpacesSettingThatNamesNoSlugOrTooManySpaces() {
    assertThatThrownBy(() -> metrics("acme,Not A Slug"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not A Slug");
    var tooMany =
        IntStream.rangeClosed(1, SignInMetrics.MAX_SPACES + 1)
            .mapToObj(i -> "space-" + i)
            .collect(Collectors.joining(","));
    assertThatThrownBy(() -> metrics(tooMany)).isInstanceOf(IllegalArgumentException.class);
    assertThat(SignInMetrics.watched(Optional.of(" , "))).isEmpty();
  }
}
