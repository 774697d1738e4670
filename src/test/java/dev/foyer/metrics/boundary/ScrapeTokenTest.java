package dev.foyer.metrics.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.secrets.Sha256;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrapeTokenTest {
  private static final String TOKEN = "s3cr3t-scrape-token-of-the-operator";

  private static ScrapeToken configured(String sha256) {
    var scrapeToken = new ScrapeToken();
    scrapeToken.setting = Optional.ofNullable(sha256);
    scrapeToken.read();
    return scrapeToken;
  }

  @Test
  void admitsTheTokenWhoseDigestIsConfiguredWhateverTheSchemesCase() {
    var scrapeToken = configured(Sha256.hex(TOKEN).toUpperCase());

    assertThat(scrapeToken.admits("Metrics " + TOKEN)).isTrue();
    assertThat(scrapeToken.admits("metrics " + TOKEN)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Metrics s3cr3t-scrape-token-of-the-operatoR",
        "Metrics ",
        "Metrics s3cr3t-scrape-token-of-the-operator-and-more"
      })
  void refusesAnyOtherTokenOfTheSchemeWithGen401(String authorization) {
    var scrapeToken = configured(Sha256.hex(TOKEN));

    assertThatThrownBy(() -> scrapeToken.admits(authorization))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.type()).isEqualTo(ProblemType.UNAUTHORIZED));
  }

  @Test
  void refusesEveryTokenOfTheSchemeWhenNoneIsConfigured() {
    var scrapeToken = configured(null);

    assertThatThrownBy(() -> scrapeToken.admits("Metrics " + TOKEN))
        .isInstanceOf(GatewayProblem.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Bearer eyJ.a.b", "Basic bWV0cmljczp4", "Metrics", "MetricsX abc"})
  void leavesOtherAuthorizationsToTheAdminRules(String authorization) {
    var scrapeToken = configured(Sha256.hex(TOKEN));

    assertThat(scrapeToken.admits(authorization)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "",
        "zz00000000000000000000000000000000000000000000000000000000000000",
        "000000000000000000000000000000000000000000000000000000000000000",
        "00000000000000000000000000000000000000000000000000000000000000000"
      })
  void refusesASettingThatIsNotASha256InHex(String setting) {
    assertThatThrownBy(() -> configured(setting))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("foyer.metrics.token-sha256");
  }
}
