package dev.foyer.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionTest {
  @Test
  void escapesBackslashQuoteAndLineFeedInLabelValues() {
    var text =
        new Exposition()
            .family("foyer_things_total", Exposition.Type.COUNTER, "Things.")
            .sample(
                "foyer_things_total",
                List.of("door", "code"),
                List.of("a\\b \"c\"", "line\nbreak"),
                3)
            .text();

    assertThat(text)
        .isEqualTo(
            """
            # HELP foyer_things_total Things.
            # TYPE foyer_things_total counter
            foyer_things_total{door="a\\\\b \\"c\\"",code="line\\nbreak"} 3
            """);
  }

  @Test
  void escapesBackslashAndLineFeedInHelpButNotQuotes() {
    var text = new Exposition().gauge("foyer_x", "A \"quoted\" C:\\path\nand more", 1).text();

    assertThat(text).startsWith("# HELP foyer_x A \"quoted\" C:\\\\path\\nand more\n");
  }

  @Test
  void writesAnUnlabelledGaugeWithoutBraces() {
    var text = new Exposition().gauge("foyer_sessions_active", "Open sessions.", 42).text();

    assertThat(text)
        .isEqualTo(
            """
            # HELP foyer_sessions_active Open sessions.
            # TYPE foyer_sessions_active gauge
            foyer_sessions_active 42
            """);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 0",
    "1, 1",
    "42, 42",
    "0.005, 0.005",
    "2.5, 2.5",
    "10, 10",
    "1.0E-7, 0.0000001",
    "12345678901, 12345678901",
    "Infinity, +Inf",
    "-Infinity, -Inf",
    "NaN, NaN"
  })
  void writesNumbersAsPrometheusReadsThem(double value, String written) {
    assertThat(Exposition.number(value)).isEqualTo(written);
  }

  @Test
  void refusesNamesPrometheusCannotRead() {
    var exposition = new Exposition();

    assertThatThrownBy(() -> exposition.gauge("foyer-x", "", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> exposition.sample("foyer_x", List.of("a-b"), List.of("v"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> exposition.sample("foyer_x", List.of("__name"), List.of("v"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> exposition.sample("foyer_x", List.of("a"), List.of(), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countersAreWrittenSortedByLabelValuesWithTouchedOnesAtZero() {
    var counters = new CounterFamily("foyer_signins_total", "Sign-ins.", "door", "outcome");
    counters.touch("uri-auth", "accepted");
    counters.increment("password", "refused");
    counters.increment("password", "refused");
    counters.increment("password", "accepted");
    var exposition = new Exposition();

    counters.writeTo(exposition);

    assertThat(exposition.text())
        .isEqualTo(
            """
            # HELP foyer_signins_total Sign-ins.
            # TYPE foyer_signins_total counter
            foyer_signins_total{door="password",outcome="accepted"} 1
            foyer_signins_total{door="password",outcome="refused"} 2
            foyer_signins_total{door="uri-auth",outcome="accepted"} 0
            """);
    assertThat(counters.value("password", "refused")).isEqualTo(2);
    assertThat(counters.value("jwt-sso", "refused")).isZero();
  }

  @Test
  void refusesACounterWithTheWrongNumberOfLabelValues() {
    var counters = new CounterFamily("foyer_signins_total", "Sign-ins.", "door", "outcome");

    assertThatThrownBy(() -> counters.increment("uri-auth"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> counters.increment("uri-auth", null))
        .isInstanceOf(NullPointerException.class);
  }
}
