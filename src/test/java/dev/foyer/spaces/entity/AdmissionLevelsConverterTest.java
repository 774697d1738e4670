package dev.foyer.spaces.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionLevelsConverterTest {
  private final AdmissionLevelsConverter converter = new AdmissionLevelsConverter();

  @Test
  void writesNamesSortedAndCommaSeparated() {
    var column =
        converter.convertToDatabaseColumn(
            EnumSet.of(AdmissionLevel.SSO, AdmissionLevel.NICKNAME, AdmissionLevel.GUEST));

    assertThat(column).isEqualTo("GUEST,NICKNAME,SSO");
  }

  @Test
  void writesOneLevelWithoutSeparator() {
    assertThat(converter.convertToDatabaseColumn(EnumSet.of(AdmissionLevel.NICKNAME)))
        .isEqualTo("NICKNAME");
  }

  @Test
  void writesNoLevelsAsEmptyText() {
    assertThat(converter.convertToDatabaseColumn(EnumSet.noneOf(AdmissionLevel.class))).isEmpty();
  }

  @Test
  void readsLevelsInAnyOrder() {
    assertThat(converter.convertToEntityAttribute("SSO,NICKNAME_EMAIL,NICKNAME"))
        .containsExactlyInAnyOrder(
            AdmissionLevel.SSO, AdmissionLevel.NICKNAME_EMAIL, AdmissionLevel.NICKNAME);
  }

  @Test
  void readsNullAndBlankAsNoLevels() {
    assertThat(converter.convertToEntityAttribute(null)).isEmpty();
    assertThat(converter.convertToEntityAttribute("")).isEmpty();
    assertThat(converter.convertToEntityAttribute("  ")).isEmpty();
  }

  @Test
  void roundTripsEveryCombination() {
    var all = AdmissionLevel.values();
    for (int mask = 0; mask < 1 << all.length; mask++) {
      var levels = EnumSet.noneOf(AdmissionLevel.class);
      for (int i = 0; i < all.length; i++) {
        if ((mask & 1 << i) != 0) {
          levels.add(all[i]);
        }
      }
      assertThat(converter.convertToEntityAttribute(converter.convertToDatabaseColumn(levels)))
          .isEqualTo(levels);
    }
  }

  @Test
  void fitsTheColumnWithEveryLevel() {
    assertThat(converter.convertToDatabaseColumn(EnumSet.allOf(AdmissionLevel.class)))
        .hasSizeLessThanOrEqualTo(128);
  }

  @Test
  void returnsASetTheEntityMayChange() {
    Set<AdmissionLevel> levels = converter.convertToEntityAttribute("NICKNAME");

    levels.add(AdmissionLevel.SSO);

    assertThat(levels).containsExactlyInAnyOrder(AdmissionLevel.NICKNAME, AdmissionLevel.SSO);
  }

  @Test
  void refusesAnUnknownLevelInTheColumn() {
    assertThatThrownBy(() -> converter.convertToEntityAttribute("NICKNAME,ADMIN"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
