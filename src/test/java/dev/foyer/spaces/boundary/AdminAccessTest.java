package dev.foyer.spaces.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminAccessTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"api/admin", "/api/admin", "api/admin/", "api/admin/spaces", "//api/admin/x/y"})
  void takesEveryPathUnderTheAdminApiAsOneOfItsOwn(String path) {
    assertThat(AdminAccess.adminPath(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "api/me", "api/administrators", "auth/uri", "spaces/api/admin"})
  void leavesEveryOtherPathAlone(String path) {
    assertThat(AdminAccess.adminPath(path)).isFalse();
  }
}
