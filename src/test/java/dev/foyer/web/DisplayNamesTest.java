package dev.foyer.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNamesTest {

  @Test
  void keepsANameInNfc() {
    assertThat(DisplayNames.of("Zoe\u0308")).isEqualTo(new DisplayNames.Name("Zo\u00eb"));
    assertThat(DisplayNames.of("\u00c5ngstr\u00f6m"))
        .isEqualTo(DisplayNames.of("A\u030angstro\u0308m"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t \u2003"})
  void treatsBlankAsAbsent(String blank) {
    assertThat(DisplayNames.of(blank)).isEqualTo(new DisplayNames.Absent());
    assertThat(DisplayNames.of(null)).isEqualTo(new DisplayNames.Absent());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u200B",
        "\u200C\u200D",
        "\u00A0",
        "\u202F",
        "\uFEFF",
        "\u2060",
        "\u00AD",
        "\u3164",
        "\u115F",
        "\uFFA0",
        "\u2800",
        "\u034F",
        "\uFE0F",
        " \u200B \u00A0 "
      })
  void refusesANameMadeOnlyOfInvisibleCharacters(String invisible) {
    assertThat(DisplayNames.of(invisible)).isEqualTo(new DisplayNames.Invisible());
  }

  @Test
  void cutsInvisibleCharactersAtTheEndsButKeepsThemInside() {
    assertThat(DisplayNames.normalized("\uFEFF\u00A0Jo\u200Dy\u200B ")).contains("Jo\u200Dy");
    assertThat(DisplayNames.normalized("\ud83d\udc69\u200d\ud83d\udcbb"))
        .contains("\ud83d\udc69\u200d\ud83d\udcbb");
  }

  @Test
  void findsSpacesAndInvisibleCharactersAtTheEndsOfAnId() {
    assertThat(DisplayNames.hasEdgeSpace("crm-42")).isFalse();
    assertThat(DisplayNames.hasEdgeSpace("crm 42")).isFalse();
    assertThat(DisplayNames.hasEdgeSpace("")).isFalse();
    assertThat(DisplayNames.hasEdgeSpace(" crm-42")).isTrue();
    assertThat(DisplayNames.hasEdgeSpace("crm-42\u00A0")).isTrue();
    assertThat(DisplayNames.hasEdgeSpace("\uFEFFcrm-42")).isTrue();
    assertThat(DisplayNames.hasEdgeSpace("crm-42\u200B")).isTrue();
  }
}
