package dev.foyer.members.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamesTest {

  @Test
  void keepsAUsernameOfThreeToSixtyFourCharactersInNfc() {
    assertThat(Usernames.shape("abc")).isEqualTo("abc");
    assertThat(Usernames.shape("Zoe\u0308.K")).isEqualTo("Zo\u00eb.K");
    assertThat(Usernames.shape("x".repeat(64))).hasSize(64);
    // Counted in characters, not UTF-16 units: 64 emoji fit.
    assertThat(Usernames.shape("\uD83D\uDE00".repeat(64))).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ab", " abc", "abc ", "a\u0000bc", "a\nbc", "ab\u200Bc", "a\u007Fbc"})
  void refusesAShortSpacedOrControlledUsernameWithCnf3(String username) {
    assertThatThrownBy(() -> Usernames.shape(username))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.type()).isEqualTo(ProblemType.USERNAME_INVALID));
  }

  @Test
  void refusesAMissingOrTooLongUsernameWithCnf3() {
    for (var username : new String[] {null, "x".repeat(65)}) {
      assertThatThrownBy(() -> Usernames.shape(username))
          .isInstanceOfSatisfying(
              GatewayProblem.class,
              problem -> assertThat(problem.type()).isEqualTo(ProblemType.USERNAME_INVALID));
    }
  }

  @Test
  void keepsAChosenEmailTrimmed() {
    assertThat(Usernames.chosenEmail(" ada@example.com ")).isEqualTo("ada@example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ada", "ada@", "@example.com", "a b@example.com"})
  void refusesAChosenEmailThatIsNoAddressWithCnf5(String email) {
    assertThatThrownBy(() -> Usernames.chosenEmail(email))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.type()).isEqualTo(ProblemType.EMAIL_INVALID));
  }
}
