package dev.foyer.spaces.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JWT SSO's {@code referrerUrl}: only a plain path inside the space is followed. */
class SpacePathsTest {
  static final String ID = "3f2b8c1e-6d4a-4f0b-9a7e-2c5d8e1f0a9b";
  static final String OTHER_ID = "9a7e2c5d-8e1f-4a9b-b3f2-8c1e6d4a4f0b";
  static final List<String> PREFIXES = List.of("/spot/" + ID, "/spaces/demo");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/spot/" + ID,
        "/spot/" + ID + "/",
        "/spot/" + ID + "/lives",
        "/spot/" + ID + "/events/e-1?tab=agenda#top",
        "/spaces/demo",
        "/spaces/demo/events/x?tab=1"
      })
  void followsAPathInsideTheSpace(String requested) {
    assertThat(SpacePaths.inside(PREFIXES, requested)).contains(URI.create(requested));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.test/spot/" + ID,
        "http://evil.test",
        "//evil.test",
        "//evil.test/spot/" + ID,
        "///evil.test",
        "/\\evil.test",
        "\\\\evil",
        "/spot/" + ID + "\\..\\x",
        "/spot/" + OTHER_ID,
        "/spot/" + OTHER_ID + "/lives",
        "/spot/" + ID + "x",
        "/spot/" + ID + "x/lives",
        "/spaces/demo-other/events",
        "/spot/" + ID + "/../x",
        "/spot/" + ID + "/..",
        "/spot/" + ID + "/./x",
        "/spot/" + ID + "/%2e%2e/x",
        "/spot/" + ID + "/%2E%2E/" + OTHER_ID,
        "/spot/" + ID + "/%2F%2Fevil",
        "/spot/" + ID + "/%5Cevil",
        "/spot/" + ID + "/a b",
        "/spot/" + ID + "/a\tb",
        "/spot/" + ID + "/a\nb",
        "/spot/" + ID + "/\r\nSet-Cookie:x=1",
        "/spot/" + ID + "/a\u0000b",
        "/spot/" + ID + "/a\u007fb",
        "/spot/" + ID + "/a\u0085b",
        "/spot/" + ID + "/a\u00a0b",
        "\t/spot/" + ID,
        " /spot/" + ID,
        "javascript:alert(1)",
        "javascript://%0aalert(1)",
        "spot/" + ID,
        "",
        "/",
        "/spot",
        "/spot/"
      })
  void refusesAnythingElse(String requested) {
    assertThat(SpacePaths.inside(PREFIXES, requested)).isEmpty();
  }

  @Test
  void refusesNull() {
    assertThat(SpacePaths.inside(PREFIXES, null)).isEmpty();
  }

  @Test
  void followsAPathOfExactly2048Characters() {
    var prefix = "/spot/" + ID + "/";
    var requested = prefix + "a".repeat(SpacePaths.MAX_LENGTH - prefix.length());

    assertThat(requested).hasSize(2048);
    assertThat(SpacePaths.inside(PREFIXES, requested)).contains(URI.create(requested));
  }

  @Test
  void refusesAPathLongerThan2048Characters() {
    var prefix = "/spot/" + ID + "/";
    var requested = prefix + "a".repeat(SpacePaths.MAX_LENGTH + 1 - prefix.length());

    assertThat(SpacePaths.inside(PREFIXES, requested)).isEmpty();
  }
}
