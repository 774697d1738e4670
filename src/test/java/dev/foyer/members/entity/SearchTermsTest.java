package dev.foyer.members.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.members.entity.Member.Profile;
import org.junit.jupiter.api.Test;

class SearchTermsTest {
  @Test
  void foldsCaseAccentsAndCompatibilityForms() {
    assertThat(SearchTerms.fold("Zoë")).isEqualTo("zoe");
    assertThat(SearchTerms.fold("Zoe\u0308")).isEqualTo("zoe");
    assertThat(SearchTerms.fold("ÖLÇER")).isEqualTo("olcer");
    assertThat(SearchTerms.fold("İstanbul")).isEqualTo("istanbul");
    assertThat(SearchTerms.fold("ﬁona")).isEqualTo("fiona");
    assertThat(SearchTerms.fold("ＳＵＥ")).isEqualTo("sue");
    assertThat(SearchTerms.fold("  Mary \t Ann  ")).isEqualTo("mary ann");
  }

  @Test
  void keepsLettersOfOtherScripts() {
    assertThat(SearchTerms.fold("김철수")).isEqualTo("김철수");
    assertThat(SearchTerms.fold("Ольга")).isEqualTo("ольга");
    assertThat(SearchTerms.fold("田中")).isEqualTo("田中");
  }

  @Test
  void termsAreEachValueWholeAndWordByWord() {
    var profile =
        Profile.named("Sue D.", "Mary-Sue")
            .withFamilyName("O'Brien")
            .withUsername("sue_42")
            .withEmail("Sue.OBrien@Example.com");

    assertThat(SearchTerms.of(profile))
        .containsExactlyInAnyOrder(
            "mary-sue",
            "mary",
            "sue",
            "o'brien",
            "o",
            "brien",
            "sue d.",
            "d",
            "sue_42",
            "42",
            "sue.obrien@example.com",
            "sue.obrien",
            "example.com",
            "obrien",
            "example",
            "com");
  }

  @Test
  void leavesOutWhatIsAbsent() {
    assertThat(SearchTerms.of(Profile.named("Sue", "Sue"))).containsExactly("sue");
  }

  @Test
  void splitsAQueryAtWhiteSpaceOnly() {
    assertThat(SearchTerms.words(" Sue   DOE ")).containsExactly("sue", "doe");
    assertThat(SearchTerms.words("sue.doe@Example")).containsExactly("sue.doe@example");
    assertThat(SearchTerms.words("Zoë")).containsExactly("zoe");
    assertThat(SearchTerms.words("")).isEmpty();
    assertThat(SearchTerms.words("   ")).isEmpty();
    assertThat(SearchTerms.words("sue\u00a0doe\u3000ann")).containsExactly("sue", "doe", "ann");
    assertThat(SearchTerms.words("x".repeat(300) + " doe"))
        .containsExactly("x".repeat(SearchTerms.MAX), "doe");
  }

  @Test
  void escapesLikeWildcardsInAPrefix() {
    assertThat(SearchTerms.prefixPattern("sue")).isEqualTo("sue%");
    assertThat(SearchTerms.prefixPattern("100%_a\\b")).isEqualTo("100\\%\\_a\\\\b%");
  }

  @Test
  void cutsALongValueOutsideASurrogatePair() {
    var value = "a".repeat(SearchTerms.MAX - 1) + "😀";

    var folded = SearchTerms.fold(value);

    assertThat(folded).hasSize(SearchTerms.MAX - 1);
    assertThat(SearchTerms.fold("b".repeat(1000))).hasSize(SearchTerms.MAX);
  }
}
