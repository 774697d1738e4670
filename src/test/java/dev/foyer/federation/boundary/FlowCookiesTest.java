package dev.foyer.federation.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The cookies' attributes (the ITs run over plain http, where only the unprefixed form is possible:
 * the secure form is checked here).
 */
class FlowCookiesTest {
  @Test
  void areHostCookiesForTheWholeHostWhenCookiesAreSecure() {
    assertThat(FlowCookies.name(FlowCookies.FLOW, true)).isEqualTo("__Host-foyer-flow");
    assertThat(FlowCookies.name(FlowCookies.CHOICE, true)).isEqualTo("__Host-foyer-choice");
    assertThat(FlowCookies.path(FederationDoor.CALLBACK, true)).isEqualTo("/");
    assertThat(FlowCookies.path(FederationDoor.CHOICE, true)).isEqualTo("/");
  }

  @Test
  void areSentToTheirOwnPathOnlyOverPlainHttp() {
    assertThat(FlowCookies.name(FlowCookies.FLOW, false)).isEqualTo("foyer-flow");
    assertThat(FlowCookies.path(FederationDoor.CALLBACK, false))
        .isEqualTo("/auth/federation/callback");
    assertThat(FlowCookies.path(FederationDoor.CHOICE, false)).isEqualTo("/auth/federation/choose");
  }

  @Test
  void keepsMaxAgeInsideWhatTheHeaderHolds() {
    assertThat(FlowCookies.maxAge(Duration.ofMinutes(10))).isEqualTo(600);
    assertThat(FlowCookies.maxAge(Duration.ofDays(365L * 100_000))).isEqualTo(Integer.MAX_VALUE);
    assertThat(FlowCookies.maxAge(Duration.ofSeconds(-5))).isZero();
  }
}
