package dev.foyer.spaces.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationDocumentTest {
  public record Inner(String name, Boolean on) {}

  public record Outer(String title, Inner inner, List<Inner> items, Map<String, String> keys) {}

  @Test
  void readsARecordWithTheApisStrictJson() {
    var read =
        ConfigurationDocument.read(
            json(
                "{\"title\":\"T\",\"inner\":{\"name\":\"n\",\"on\":true},"
                    + "\"items\":[{\"name\":\"a\"}],\"keys\":{\"anything\":\"goes\"}}"),
            Outer.class,
            "/x");

    assertThat(read.title()).isEqualTo("T");
    assertThat(read.inner().on()).isTrue();
    assertThat(read.items()).containsExactly(new Inner("a", null));
    assertThat(read.keys()).containsEntry("anything", "goes");
  }

  @Test
  void refusesAFieldNoRecordHasWherePointingToIt() {
    assertThatThrownBy(
            () -> ConfigurationDocument.read(json("{\"titel\":\"T\"}"), Outer.class, "/x"))
        .satisfies(refusal(ProblemType.IMPORT_UNKNOWN_FIELD, "/x/titel"));
    assertThatThrownBy(
            () ->
                ConfigurationDocument.read(json("{\"inner\":{\"nmae\":\"n\"}}"), Outer.class, "/x"))
        .satisfies(refusal(ProblemType.IMPORT_UNKNOWN_FIELD, "/x/inner/nmae"));
    assertThatThrownBy(
            () ->
                ConfigurationDocument.read(
                    json("{\"items\":[{\"name\":\"a\"},{\"a/b~c\":1}]}"), Outer.class, "/x"))
        .satisfies(refusal(ProblemType.IMPORT_UNKNOWN_FIELD, "/x/items/1/a~1b~0c"));
  }

  @Test
  void refusesAValueOfTheWrongTypeWithoutQuotingIt() {
    assertThatThrownBy(
            () ->
                ConfigurationDocument.read(
                    json("{\"inner\":{\"on\":\"s3cr3t\"}}"), Outer.class, "/x"))
        .isInstanceOf(GatewayProblem.class)
        .satisfies(
            thrown -> {
              var problem = (GatewayProblem) thrown;
              assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_BODY);
              assertThat(problem.getMessage()).doesNotContain("s3cr3t").startsWith("/x");
            });
    assertThatThrownBy(() -> ConfigurationDocument.read(json("[]"), Outer.class, "/x"))
        .satisfies(refusal(ProblemType.MALFORMED_BODY, "/x"));
  }

  @Test
  void parsesOneJsonObjectOfUtf8() {
    assertThat(parse("{\"foyerExport\":1,\"space\":{\"name\":\"Zoë\"}}").getJsonObject("space"))
        .containsEntry("name", Json.createValue("Zoë"));
    assertThatThrownBy(() -> parse("[1]"))
        .isInstanceOf(GatewayProblem.class)
        .extracting(thrown -> ((GatewayProblem) thrown).type())
        .isEqualTo(ProblemType.IMPORT_VERSION);
    for (var malformed :
        List.of("", "{", "{} {}", "{\"a\":}", "{\"a\":" + "[".repeat(33) + "]".repeat(33) + "}")) {
      assertThatThrownBy(() -> parse(malformed))
          .as(malformed)
          .isInstanceOf(GatewayProblem.class)
          .extracting(thrown -> ((GatewayProblem) thrown).type())
          .isEqualTo(ProblemType.MALFORMED_BODY);
    }
    assertThatThrownBy(() -> ConfigurationDocument.parse(new byte[] {'{', (byte) 0xff, '}'}))
        .extracting(thrown -> ((GatewayProblem) thrown).type())
        .isEqualTo(ProblemType.MALFORMED_BODY);
  }

  @Test
  void countsNestingOutsideStringsOnly() {
    assertThat(ConfigurationDocument.depth("{\"a\":[[1]]}")).isEqualTo(3);
    assertThat(ConfigurationDocument.depth("{\"a\":\"[[[{{\\\"[\"}")).isEqualTo(1);
    assertThat(ConfigurationDocument.depth("[".repeat(1000))).isEqualTo(1000);
    assertThat(ConfigurationDocument.depth("\"\"")).isZero();
  }

  @Test
  void readsAListLeftOutAsNone() {
    assertThat(ConfigurationDocument.readList(null, Inner.class, "/l")).isEmpty();
    assertThat(ConfigurationDocument.readList(JsonValue.NULL, Inner.class, "/l")).isEmpty();
    assertThatThrownBy(() -> ConfigurationDocument.readList(json("{}"), Inner.class, "/l"))
        .satisfies(refusal(ProblemType.MALFORMED_BODY, "/l"));
  }

  @Test
  void placesARefusalOfTheApisChecksKeepingItsCode() {
    assertThatThrownBy(
            () ->
                ConfigurationDocument.at(
                    "/events/2",
                    "event 'a'",
                    () -> {
                      throw new GatewayProblem(ProblemType.ADMIN_INVALID, "title: required");
                    }))
        .satisfies(refusal(ProblemType.ADMIN_INVALID, "/events/2"))
        .hasMessage("/events/2: event 'a': title: required");
  }

  @Test
  void writesRecordsWithoutNullsInLexicographicalOrder() {
    var text = ConfigurationDocument.json(new Inner("n", null)).toString();

    assertThat(text).isEqualTo("{\"name\":\"n\"}");
    assertThat(
            ConfigurationDocument.text(
                Json.createObjectBuilder().add("b", 1).add("a", JsonValue.TRUE).build()))
        .as("the order given, one field a line")
        .contains("\"b\": 1")
        .endsWith("}\n")
        .matches("(?s)\\{\\s*\"b\": 1,\\s*\"a\": true\\s*}\\n");
  }

  private static java.util.function.Consumer<Throwable> refusal(ProblemType type, String pointer) {
    return thrown -> {
      assertThat(thrown).isInstanceOf(ConfigurationDocument.Refusal.class);
      var refusal = (ConfigurationDocument.Refusal) thrown;
      assertThat(refusal.type()).isEqualTo(type);
      assertThat(refusal.extensions()).containsEntry("pointer", pointer);
    };
  }

  private static jakarta.json.JsonObject parse(String text) {
    return ConfigurationDocument.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static JsonValue json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
