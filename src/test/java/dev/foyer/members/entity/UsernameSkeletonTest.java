package dev.foyer.members.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsernameSkeletonTest {
  @Test
  void cyrillicLettersLookingLatinMeetTheLatinName() {
    // "раypal": Cyrillic р (U+0440) and а (U+0430), then Latin.
    var cyrillic = "\u0440\u0430ypal";
    assertThat(cyrillic).isNotEqualTo("paypal");
    assertThat(UsernameSkeleton.of(cyrillic)).isEqualTo(UsernameSkeleton.of("paypal"));
    // All Cyrillic capitals: СОКО.
    assertThat(UsernameSkeleton.of("\u0421\u041E\u041A\u041E"))
        .isEqualTo(UsernameSkeleton.of("coko"));
    assertThat(UsernameSkeleton.of("\u0455\u0430\u0440\u0440\u043E"))
        .isEqualTo(UsernameSkeleton.of("sappo"));
  }

  @Test
  void greekLettersLookingLatinMeetTheLatinName() {
    // Greek ο, κ, ν, τ, ι against Latin.
    assertThat(UsernameSkeleton.of("\u03BF\u03BA")).isEqualTo(UsernameSkeleton.of("ok"));
    assertThat(UsernameSkeleton.of("\u03BD\u03B1\u03C4\u03B9"))
        .isEqualTo(UsernameSkeleton.of("vati"));
  }

  @Test
  void caseWidthAndTheClassicPairsDoNotCount() {
    assertThat(UsernameSkeleton.of("ALICE")).isEqualTo(UsernameSkeleton.of("alice"));
    assertThat(UsernameSkeleton.of("a1ice")).isEqualTo(UsernameSkeleton.of("alice"));
    assertThat(UsernameSkeleton.of("aIice")).isEqualTo(UsernameSkeleton.of("alice"));
    assertThat(UsernameSkeleton.of("b0b")).isEqualTo(UsernameSkeleton.of("bob"));
    assertThat(UsernameSkeleton.of("rnary")).isEqualTo(UsernameSkeleton.of("mary"));
    assertThat(UsernameSkeleton.of("vvendy")).isEqualTo(UsernameSkeleton.of("wendy"));
    // Fullwidth forms, by NFKC.
    assertThat(UsernameSkeleton.of("\uFF41\uFF4C\uFF49\uFF43\uFF45"))
        .isEqualTo(UsernameSkeleton.of("alice"));
    // An invisible character does not hide a lookalike.
    assertThat(UsernameSkeleton.of("ali\u200Bce")).isEqualTo(UsernameSkeleton.of("alice"));
    assertThat(UsernameSkeleton.of("stra\u00DFe")).isEqualTo(UsernameSkeleton.of("STRASSE"));
  }

  @Test
  void differentNamesKeepDifferentSkeletons() {
    assertThat(UsernameSkeleton.of("alice")).isNotEqualTo(UsernameSkeleton.of("alicia"));
    assertThat(UsernameSkeleton.of("bob")).isNotEqualTo(UsernameSkeleton.of("bab"));
    assertThat(UsernameSkeleton.of("田中")).isNotEqualTo(UsernameSkeleton.of("田村"));
    assertThat(UsernameSkeleton.of(null)).isNull();
  }

  @Test
  void aSkeletonFitsItsColumn() {
    // U+FDFA expands to 18 characters under NFKC.
    assertThat(UsernameSkeleton.of("\uFDFA".repeat(64))).hasSize(UsernameSkeleton.MAX);
  }

  @Test
  void lettersOfTwoScriptsAreMixedExceptLatinWithHanAndKana() {
    assertThat(UsernameSkeleton.mixesScripts("\u0440\u0430ypal")).isTrue();
    assertThat(UsernameSkeleton.mixesScripts("p\u03B1ypal")).isTrue();
    assertThat(UsernameSkeleton.mixesScripts("paypal")).isFalse();
    assertThat(UsernameSkeleton.mixesScripts("a1ice_2024-x")).isFalse();
    assertThat(UsernameSkeleton.mixesScripts("田中")).isFalse();
    assertThat(UsernameSkeleton.mixesScripts("Ελένη")).isFalse();
    assertThat(UsernameSkeleton.mixesScripts("Иван")).isFalse();
    assertThat(UsernameSkeleton.mixesScripts("tanaka田中さん")).isFalse();
    assertThat(UsernameSkeleton.mixesScripts("kim김철수")).isFalse();
    assertThat(UsernameSkeleton.mixesScripts("田中Иван")).isTrue();
    // Combining marks are Inherited: an accent does not make a second script.
    assertThat(UsernameSkeleton.mixesScripts("Jose\u0301")).isFalse();
  }
}
