package dev.foyer.spaces.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** An event's admitted levels as one column ("NICKNAME,SSO"): read on every login, never joined. */
@Converter
public class AdmissionLevelsConverter implements AttributeConverter<Set<AdmissionLevel>, String> {
  @Override
  public String convertToDatabaseColumn(Set<AdmissionLevel> levels) {
    return levels.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  @Override
  public Set<AdmissionLevel> convertToEntityAttribute(String column) {
    var levels = EnumSet.noneOf(AdmissionLevel.class);
    if (column != null && !column.isBlank()) {
      Arrays.stream(column.split(",")).map(AdmissionLevel::valueOf).forEach(levels::add);
    }
    return levels;
  }
}
