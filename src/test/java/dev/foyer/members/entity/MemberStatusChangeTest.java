package dev.foyer.members.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.spaces.entity.Space;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which administrator decisions end a member's sessions. */
class MemberStatusChangeTest {
  static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
  static final Space SPACE = new Space("demo", "Demo Space", NOW.minusSeconds(86_400));

  @ParameterizedTest(name = "{0} -> {1}: ends sessions {2}")
  @CsvSource({
    "ACTIVE,      DEACTIVATED, true",
    "ACTIVE,      REJECTED,    true",
    "PENDING,     REJECTED,    true",
    "INVITED,     DEACTIVATED, true",
    "DEACTIVATED, REJECTED,    true",
    "DEACTIVATED, DEACTIVATED, true",
    "DEACTIVATED, ACTIVE,      true",
    "REJECTED,    PENDING,     true",
    "ACTIVE,      ACTIVE,      false",
    "ACTIVE,      LEFT,        false",
    "ACTIVE,      DECLINED,    false",
    "INVITED,     PENDING,     false",
    "LEFT,        ACTIVE,      false",
  })
  void endsSessionsWhenEitherSideRefusesSignIn(
      MemberStatus from, MemberStatus to, boolean endsSessions) {
    var member = new Member(SPACE, Member.Profile.named("Sue", "Sue"), false, false, NOW);
    member.changeStatus(from);

    var change = member.changeStatus(to);

    assertThat(change.member()).isSameAs(member);
    assertThat(change.from()).isEqualTo(from);
    assertThat(change.to()).isEqualTo(to);
    assertThat(member.status()).isEqualTo(to);
    assertThat(change.endsSessions()).isEqualTo(endsSessions);
  }
}
