package dev.foyer.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "<        | &lt;",
        ">        | &gt;",
        "&        | &amp;",
        "\"       | &quot;",
        "'        | &#39;",
      })
  void escapesEachSpecialCharacter(String raw, String escaped) {
    assertThat(Html.escape(raw)).isEqualTo(escaped);
  }

  @Test
  void escapesAScriptInjection() {
    assertThat(Html.escape("<script>alert('Sue & \"Bob\"')</script>"))
        .isEqualTo("&lt;script&gt;alert(&#39;Sue &amp; &quot;Bob&quot;&#39;)&lt;/script&gt;");
  }

  @Test
  void escapesAnAttributeBreakout() {
    assertThat(Html.escape("x\" onmouseover=\"alert(1)"))
        .isEqualTo("x&quot; onmouseover=&quot;alert(1)");
  }

  @Test
  void escapesAlreadyEscapedTextAgain() {
    assertThat(Html.escape("&lt;b&gt;")).isEqualTo("&amp;lt;b&amp;gt;");
  }

  @Test
  void leavesPlainAndNonAsciiTextAlone() {
    assertThat(Html.escape("Zoë Ölçer 李 🙂 a/b=c;d")).isEqualTo("Zoë Ölçer 李 🙂 a/b=c;d");
  }

  @Test
  void turnsNullIntoEmptyText() {
    assertThat(Html.escape(null)).isEmpty();
    assertThat(Html.escape("")).isEmpty();
  }
}
