package dev.foyer.sessions.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemCode;
import org.junit.jupiter.api.Test;

class MeResourceTest {

  @Test
  void readsEveryValueOfAFormFieldDecoded() {
    assertThat(MeResource.formFields("account=a%20b&x=1&account=c+d", "account"))
        .containsExactly("a b", "c d");
    assertThat(MeResource.formFields("acc%6Funt=lobby", "account")).containsExactly("lobby");
    assertThat(MeResource.formFields("account", "account")).containsExactly("");
    assertThat(MeResource.formFields("", "account")).isEmpty();
    assertThat(MeResource.formFields(null, "account")).isEmpty();
  }

  @Test
  void keepsAValueThatDoesNotDecodeAsItIs() {
    assertThat(MeResource.decoded("x%")).isEqualTo("x%");
    assertThat(MeResource.decoded("%zz")).isEqualTo("%zz");
    assertThat(MeResource.formFields("account=x%", "account")).containsExactly("x%");
  }

  @Test
  void readsTheNicknameOfAnObjectWithThatOneField() {
    assertThat(MeResource.nicknameRequest("{\"nickname\":\"Ada\"}")).isEqualTo("Ada");
    assertThat(MeResource.nicknameRequest(" { \"nickname\" : \"\" } ")).isEmpty();
  }

  @Test
  void refusesAnyOtherBodyWithReq400() {
    for (var body :
        new String[] {
          "",
          "{",
          "not json",
          "[\"Ada\"]",
          "\"Ada\"",
          "{}",
          "{\"nickname\":null}",
          "{\"nickname\":1}",
          "{\"nickname\":[\"Ada\"]}",
          "{\"nickname\":\"Ada\",\"email\":\"ada@example.com\"}",
          "{\"nickname\":\"Ada\"} {}"
        }) {
      assertThatThrownBy(() -> MeResource.nicknameRequest(body))
          .as(body)
          .isInstanceOfSatisfying(
              GatewayProblem.class, problem -> assertThat(code(problem)).isEqualTo("REQ400"));
    }
  }

  @Test
  void storesANicknameAsEveryName() {
    assertThat(MeResource.nickname("  Zoe\u0308 ")).isEqualTo("Zo\u00eb");
    assertThat(MeResource.nickname("x".repeat(255))).hasSize(255);
  }

  @Test
  void refusesABlankOrLongNicknameWithNick2AndAnInvisibleOneWithName1() {
    for (var nickname : new String[] {"", "   ", "x".repeat(256)}) {
      assertThatThrownBy(() -> MeResource.nickname(nickname))
          .isInstanceOfSatisfying(
              GatewayProblem.class, problem -> assertThat(code(problem)).isEqualTo("NICK2"));
    }
    assertThatThrownBy(() -> MeResource.nickname("\u200B\u00A0"))
        .isInstanceOfSatisfying(
            GatewayProblem.class, problem -> assertThat(code(problem)).isEqualTo("NAME1"));
  }

  private static String code(GatewayProblem problem) {
    return ((ProblemCode) problem.type()).code();
  }
}
