package dev.foyer.problems;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProblemBodyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FIREFOX =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  private static final String CHROME =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
          + "application/signed-exchange;v=b3;q=0.7";
  private static final String SAFARI =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @ParameterizedTest
  @ValueSource(
      strings = {FIREFOX, CHROME, SAFARI, "text/html", "TEXT/HTML", "text/html, application/json"})
  void prefersHtmlForBrowsers(String accept) {
    assertThat(ProblemBody.prefersHtml(accept)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/problem+json",
        "*/*",
        "application/json, text/plain, */*",
        "application/json, text/html",
        "application/xhtml+xml",
        "text/plain"
      })
  void prefersJsonForEveryoneElse(String accept) {
    assertThat(ProblemBody.prefersHtml(accept)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void prefersJsonWithoutAnAcceptHeader(String accept) {
    assertThat(ProblemBody.prefersHtml(accept)).isFalse();
  }

  // RFC 9110 §12.5.1: the preference is the quality value, not the order of the list.
  @Test
  void weighsQualityValuesOverListOrder() {
    assertThat(ProblemBody.prefersHtml("text/html;q=0.1, application/json")).isFalse();
    assertThat(ProblemBody.prefersHtml("text/html;q=0, */*")).isFalse();
    assertThat(ProblemBody.prefersHtml("application/json;q=0.5, text/html")).isTrue();
  }

  @Test
  void rendersAPageShowingTitleCodeAndStatusForBrowsers() {
    var body =
        ProblemBody.of(
            new GatewayProblem(ProblemType.MEMBER_DEACTIVATED, "Ask the space's administrators."),
            FIREFOX);

    assertThat(body.status()).isEqualTo(403);
    assertThat(body.contentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
    assertThat(body.text())
        .startsWith("<!DOCTYPE html>")
        .contains("<title>This member has been deactivated</title>")
        .contains("<code class=\"error-code\">MBR1</code>")
        .contains("HTTP 403")
        .contains("Ask the space&#39;s administrators.")
        .contains(body.instance().toString());
  }

  @Test
  void escapesTheDetailInThePage() {
    var detail =
        "The parameter \"<script>alert('x')</script>\" & <img src=x onerror=alert(1)> is bad";

    var body = ProblemBody.of(new GatewayProblem(ProblemType.PARAMETER_REPEATED, detail), CHROME);

    assertThat(body.text())
        .doesNotContain("<script>")
        .doesNotContain("<img")
        .contains(
            "&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; &amp; &lt;img src=x onerror=alert(1)&gt; is bad");
  }

  @Test
  void answersProblemJsonWithTheCodeWithoutAnAcceptHeader() throws JsonProcessingException {
    var body =
        ProblemBody.of(
            new GatewayProblem(ProblemType.ACCOUNT_UNKNOWN, "There is no account named like that."),
            null);

    assertThat(body.status()).isEqualTo(404);
    assertThat(body.contentType()).isEqualTo("application/problem+json");
    var json = MAPPER.readTree(body.text());
    assertThat(json.path("code").asText()).isEqualTo("UAACCT2");
    assertThat(json.path("status").asInt()).isEqualTo(404);
    assertThat(json.path("title").asText()).isEqualTo("No such account");
    assertThat(json.path("detail").asText()).isEqualTo("There is no account named like that.");
    assertThat(json.path("type").asText()).isEqualTo("/errors#uaacct2");
    assertThat(json.path("instance").asText()).isEqualTo(body.instance().toString());
  }

  @Test
  void givesEveryRefusalItsOwnReference() {
    var problem = new GatewayProblem(ProblemType.SESSION_REQUIRED);

    var first = ProblemBody.of(problem, "application/json");
    var second = ProblemBody.of(problem, "application/json");

    assertThat(first.instance().toString()).startsWith("urn:uuid:");
    assertThat(first.instance()).isNotEqualTo(second.instance());
  }
}
