package dev.foyer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {
  @Test
  void readsBackWhatItWrote() {
    var cursor =
        new PageCursor(
            Instant.parse("2026-12-01T07:34:13.123456Z"), "0b7c2e54-1f6a-4c55-9d0e-5b1f0c7a9e21");

    assertThat(PageCursor.parse(cursor.text())).contains(cursor);
    assertThat(cursor.text()).matches("[A-Za-z0-9_-]+");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not base64!",
        "%%%",
        "bm9zcGFjZQ", // "nospace"
      })
  void refusesWhatItDidNotWrite(String text) {
    assertThat(PageCursor.parse(text)).isEmpty();
  }

  @Test
  void refusesABadInstantOrIdAndAnOversizedText() {
    assertThat(PageCursor.parse(encode("yesterday abc"))).isEmpty();
    assertThat(PageCursor.parse(encode("2026-12-01T07:34:13Z ab'c"))).isEmpty();
    assertThat(PageCursor.parse(encode("2026-12-01T07:34:13Z " + "a".repeat(37)))).isEmpty();
    assertThat(PageCursor.parse(encode("2026-12-01T07:34:13Z abc"))).isPresent();
    assertThat(PageCursor.parse("A".repeat(201))).isEmpty();
  }

  @Test
  void refusesNothingAtAll() {
    assertThat(PageCursor.parse(null)).isEmpty();
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
