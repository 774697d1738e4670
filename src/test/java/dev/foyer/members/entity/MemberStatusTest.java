package dev.foyer.members.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MemberStatusTest {

  @ParameterizedTest(name = "{0}: refuses sign-in {1}, becomes {2}")
  @CsvSource({
    "INVITED,     false, ACTIVE",
    "PENDING,     false, ACTIVE",
    "ACTIVE,      false, ACTIVE",
    "DECLINED,    false, ACTIVE",
    "REJECTED,    true,  REJECTED",
    "DEACTIVATED, true,  DEACTIVATED",
    "LEFT,        false, ACTIVE",
  })
  void appliesTheSignInRules(MemberStatus status, boolean refuses, MemberStatus afterSignIn) {
    assertThat(status.refusesSignIn()).isEqualTo(refuses);
    assertThat(status.onSignIn()).isEqualTo(afterSignIn);
  }

  @ParameterizedTest
  @EnumSource(MemberStatus.class)
  void neverTurnsARefusedMemberActive(MemberStatus status) {
    if (status.refusesSignIn()) {
      assertThat(status.onSignIn()).isSameAs(status);
    } else {
      assertThat(status.onSignIn()).isEqualTo(MemberStatus.ACTIVE);
    }
  }

  @ParameterizedTest
  @EnumSource(MemberStatus.class)
  void settlesInOneSignIn(MemberStatus status) {
    assertThat(status.onSignIn().onSignIn()).isEqualTo(status.onSignIn());
  }
}
