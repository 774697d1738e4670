package dev.foyer.spaces.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminTokenPolicyTest {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static final long now = NOW.getEpochSecond();
  static final AdminTokenPolicy POLICY =
      new AdminTokenPolicy(
          List.of("foyer", " https://foyer.example.com "),
          Duration.ofHours(2),
          Duration.ofSeconds(60));

  @Test
  void acceptsATokenForFoyerOfAnHour() {
    assertThat(POLICY.refusal(NOW, Set.of("foyer"), now, now + 3600)).isEmpty();
  }

  @Test
  void acceptsATokenNamingFoyerAmongOtherAudiences() {
    assertThat(
            POLICY.refusal(
                NOW, Set.of("https://crm.example.com", "https://foyer.example.com"), now, now + 60))
        .isEmpty();
  }

  @Test
  void refusesATokenWithoutAudience() {
    assertThat(POLICY.refusal(NOW, null, now, now + 60))
        .hasValueSatisfying(reason -> assertThat(reason).contains("aud"));
    assertThat(POLICY.refusal(NOW, Set.of(), now, now + 60)).isPresent();
  }

  @Test
  void refusesATokenForAnotherApplication() {
    assertThat(POLICY.refusal(NOW, Set.of("https://crm.example.com"), now, now + 60))
        .hasValueSatisfying(reason -> assertThat(reason).contains("not for Foyer"));
  }

  @Test
  void acceptsALifetimeOfExactlyTheMaximum() {
    assertThat(POLICY.refusal(NOW, Set.of("foyer"), now, now + 7200)).isEmpty();
  }

  @Test
  void refusesALifetimeOneSecondOverTheMaximum() {
    assertThat(POLICY.refusal(NOW, Set.of("foyer"), now, now + 7201))
        .hasValueSatisfying(reason -> assertThat(reason).contains("lifetime").contains("PT2H"));
  }

  @Test
  void refusesATokenValidForTenYearsEvenWhenIssuedLongAgo() {
    long tenYears = Duration.ofDays(3650).getSeconds();

    assertThat(POLICY.refusal(NOW, Set.of("foyer"), now - 3600, now - 3600 + tenYears)).isPresent();
  }

  @Test
  void acceptsAnIssueTimeAheadWithinTheClockSkew() {
    assertThat(POLICY.refusal(NOW, Set.of("foyer"), now + 60, now + 660)).isEmpty();
  }

  @Test
  void refusesAnIssueTimeAheadBeyondTheClockSkew() {
    assertThat(POLICY.refusal(NOW, Set.of("foyer"), now + 61, now + 661))
        .hasValueSatisfying(reason -> assertThat(reason).contains("future"));
  }

  @Test
  void refusesATokenWithoutIssueOrExpiryTime() {
    assertThat(POLICY.refusal(NOW, Set.of("foyer"), null, now + 60)).isPresent();
    assertThat(POLICY.refusal(NOW, Set.of("foyer"), now, null)).isPresent();
  }

  @Test
  void refusesToStartWithoutAnAudience() {
    assertThatThrownBy(
            () -> new AdminTokenPolicy(List.of(" ", ""), Duration.ofHours(1), Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mp.jwt.verify.audiences");
  }

  @Test
  void refusesToStartWithoutAPositiveLifetimeCap() {
    assertThatThrownBy(() -> new AdminTokenPolicy(List.of("foyer"), Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("foyer.admin-token.max-lifetime");
  }
}
