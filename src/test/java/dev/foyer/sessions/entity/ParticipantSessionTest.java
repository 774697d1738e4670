package dev.foyer.sessions.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.MemberStatus;
import dev.foyer.spaces.entity.Space;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** When a session still opens pages: its own state and its member's standing. */
class ParticipantSessionTest {
  static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
  static final Space SPACE = new Space("demo", "Demo Space", NOW.minusSeconds(86_400));

  @Test
  void isValidUntilItExpires() {
    var session = session(member());

    assertThat(session.isValid(NOW)).isTrue();
    assertThat(session.isValid(NOW.plus(Duration.ofHours(8)).minusMillis(1))).isTrue();
    assertThat(session.isValid(NOW.plus(Duration.ofHours(8)))).isFalse();
  }

  @Test
  void isInvalidOnceRevokedAndStaysRevokedAtTheFirstTime() {
    var session = session(member());

    session.revoke(NOW.plusSeconds(10));
    session.revoke(NOW.plusSeconds(20));

    assertThat(session.isValid(NOW.plusSeconds(30))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(MemberStatus.class)
  void followsTheMembersStatus(MemberStatus status) {
    var member = member();
    var session = session(member);

    member.changeStatus(status);

    assertThat(session.isValid(NOW)).isEqualTo(!status.refusesSignIn());
  }

  @Test
  void aRevokedSessionStaysInvalidWhenTheMemberIsReactivated() {
    var member = member();
    var session = session(member);
    member.changeStatus(MemberStatus.DEACTIVATED);
    session.revoke(NOW);

    member.changeStatus(MemberStatus.ACTIVE);

    assertThat(session.isValid(NOW.plusSeconds(1))).isFalse();
  }

  private static Member member() {
    return new Member(SPACE, Member.Profile.named("Sue", "Sue"), false, false, NOW);
  }

  private static ParticipantSession session(Member member) {
    return new ParticipantSession(
        "0".repeat(64), member, "uri-auth", "NICKNAME", NOW, NOW.plus(Duration.ofHours(8)));
  }
}
