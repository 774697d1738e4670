package dev.foyer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormEncodingTest {

  @Test
  void decodesPercentEscapesPlusAndUtf8() throws Exception {
    assertThat(FormEncoding.parseQuery("givenName=Zo%C3%AB&familyName=Mary+Ann%20Li&e=a%40b"))
        .containsExactly(
            Map.entry("givenName", List.of("Zo\u00eb")),
            Map.entry("familyName", List.of("Mary Ann Li")),
            Map.entry("e", List.of("a@b")));
  }

  @Test
  void keepsRepeatedNamesEmptyValuesAndSkipsEmptyPairs() throws Exception {
    assertThat(FormEncoding.parseQuery("a=1&&a=2&b&c="))
        .containsExactly(
            Map.entry("a", List.of("1", "2")),
            Map.entry("b", List.of("")),
            Map.entry("c", List.of("")));
    assertThat(FormEncoding.parseQuery(null)).isEmpty();
    assertThat(FormEncoding.parseQuery("")).isEmpty();
  }

  @Test
  void acceptsRawUtf8BytesInABody() throws Exception {
    assertThat(FormEncoding.parse("n=Zo\u00eb".getBytes(StandardCharsets.UTF_8)))
        .containsEntry("n", List.of("Zo\u00eb"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "n=%",
        "n=%4",
        "n=%zz",
        "n=%4g",
        "%=1",
        "n=Zo%EB",
        "n=%C3",
        "n=%FF",
        "n=%ED%A0%80",
        "n=%C0%AF",
        "n%FF=1"
      })
  void refusesMalformedEscapesAndBytesThatAreNotUtf8(String input) {
    assertThatThrownBy(() -> FormEncoding.parseQuery(input))
        .isInstanceOf(FormEncoding.MalformedException.class);
  }

  @Test
  void refusesRawBytesThatAreNotUtf8InABody() {
    assertThatThrownBy(() -> FormEncoding.parse("n=Zo\u00eb".getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(FormEncoding.MalformedException.class);
  }

  @Test
  void refusesCharactersThatAreNotPercentEncodedInAQuery() {
    assertThatThrownBy(() -> FormEncoding.parseQuery("n=Zo\u00eb"))
        .isInstanceOf(FormEncoding.MalformedException.class);
    assertThatThrownBy(() -> FormEncoding.parseQuery("n=a b"))
        .isInstanceOf(FormEncoding.MalformedException.class);
  }
}
