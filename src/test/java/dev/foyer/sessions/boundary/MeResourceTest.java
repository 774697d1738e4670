package dev.foyer.sessions.boundary;

import static org.assertj.core.api.Assertions.assertThat;

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
}
