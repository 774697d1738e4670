package dev.foyer.federation.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttributeKeyTest {
  /** Seed 002's example, as written. */
  private static final JsonValue SEED_EXAMPLE =
      json(
          """
          {
          "id": 123,
          "names": {
          "full_name": "Robert Smith",
          "first": "Robert",
          "last": "Smith",
          "nicknames": ["Rob", "Robbie"]
          }
          }
          """);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          id                | 123
          names.full_name   | Robert Smith
          names.first       | Robert
          names.last        | Smith
          names.nicknames.0 | Rob
          names.nicknames.1 | Robbie
          """)
  void findsEveryValueOfTheSeedsTable(String key, String result) {
    assertThat(new AttributeKey(key).valueIn(SEED_EXAMPLE).value()).contains(result);
  }

  @Test
  void followsNestedObjects() {
    assertThat(
            new AttributeKey("info.username")
                .valueIn(json("{\"info\":{\"username\":\"John\"}}"))
                .value())
        .contains("John");
  }

  @Test
  void saysWhyAKeyFindsNothing() {
    assertThat(new AttributeKey("names.middle").valueIn(SEED_EXAMPLE).reason())
        .contains("no member 'middle' in 'names'");
    assertThat(new AttributeKey("names.nicknames.2").valueIn(SEED_EXAMPLE).reason())
        .contains("'names.nicknames' has 2 elements, so there is no 2");
    assertThat(new AttributeKey("names.nicknames.first").valueIn(SEED_EXAMPLE).reason())
        .contains(
            "'names.nicknames' is a list: the next part must be a number from 0, not 'first'");
    assertThat(new AttributeKey("names").valueIn(SEED_EXAMPLE).reason())
        .contains("'names' is an object, not a value: add a part to the key");
    assertThat(new AttributeKey("id.value").valueIn(SEED_EXAMPLE).reason())
        .contains("'id' is a value, so it has no 'value'");
    assertThat(new AttributeKey("email").valueIn(json("{\"email\":null}")).reason())
        .contains("'email' is null");
    assertThat(new AttributeKey("email").valueIn(json("{\"email\":null}")).value()).isEmpty();
  }

  @Test
  void readsNumbersAndBooleansAsTheirJsonText() {
    var json = json("{\"n\":1.50,\"big\":12345678901234567890,\"verified\":true}");
    assertThat(new AttributeKey("n").valueIn(json).value()).contains("1.50");
    assertThat(new AttributeKey("big").valueIn(json).value()).contains("12345678901234567890");
    assertThat(new AttributeKey("verified").valueIn(json).value()).contains("true");
  }

  @Test
  void keepsAnEmptyValueForTheCallerToRefuse() {
    assertThat(new AttributeKey("sub").valueIn(json("{\"sub\":\"\"}")).value()).contains("");
  }

  @Test
  void findsClaimNamesThatContainDots() {
    var json = json("{\"https://example.com/roles\":[\"admin\",\"staff\"],\"https://example\":{}}");
    assertThat(new AttributeKey("https://example.com/roles").valuesIn(json))
        .containsExactly("admin", "staff");
    assertThat(new AttributeKey("https://example.com/roles.1").valueIn(json).value())
        .contains("staff");
  }

  @Test
  void readsAListOfValuesForGroupsAndSkipsWhatIsNotAValue() {
    var json = json("{\"groups\":[\"a\",{\"x\":1},7,null],\"one\":\"b\",\"none\":{}}");
    assertThat(new AttributeKey("groups").valuesIn(json)).containsExactly("a", "7");
    assertThat(new AttributeKey("one").valuesIn(json)).containsExactly("b");
    assertThat(new AttributeKey("none").valuesIn(json)).isEmpty();
    assertThat(new AttributeKey("missing").valuesIn(json)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "a\tb"})
  void refusesTextThatIsNoKey(String text) {
    assertThat(AttributeKey.parse(text)).isEmpty();
    assertThatThrownBy(() -> new AttributeKey(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAKeyLongerThanItsColumn() {
    assertThat(AttributeKey.parse("a".repeat(255))).isPresent();
    assertThat(AttributeKey.parse("a".repeat(256))).isEmpty();
  }

  @Test
  void anIndexTooLargeForAnIntIsAbsentNotAnError() {
    assertThat(new AttributeKey("names.nicknames.99999999999").valueIn(SEED_EXAMPLE).reason())
        .contains("'names.nicknames' has 2 elements, so there is no 99999999999");
  }

  private static JsonValue json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
