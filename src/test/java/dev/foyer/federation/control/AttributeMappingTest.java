package dev.foyer.federation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.federation.entity.AttributeKeys;
import dev.foyer.problems.GatewayProblem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class AttributeMappingTest {
  private static final AttributeKeys SEED_KEYS =
      new AttributeKeys(
          "info.id",
          "info.username",
          "names.nicknames.0",
          "info.email",
          "names.first",
          "names.last",
          "info.avatar",
          "groups");

  @Test
  void readsTheSeedsNestedJsonThroughDotPaths() {
    var mapped =
        AttributeMapping.map(
            json(
                """
                {"info": {"id": 48213, "username": "John", "email": "john@example.com",
                          "avatar": "https://cdn.example.com/j.png"},
                 "names": {"first": "John", "last": "Smith", "nicknames": ["Rob", "Robbie"]},
                 "groups": ["staff", "", 7]}
                """),
            SEED_KEYS,
            true);

    assertThat(mapped.unique()).isEqualTo("48213");
    assertThat(mapped.username()).contains("John");
    assertThat(mapped.nickname()).contains("Rob");
    assertThat(mapped.email()).contains("john@example.com");
    assertThat(mapped.emailVerified()).isTrue();
    assertThat(mapped.givenName()).contains("John");
    assertThat(mapped.familyName()).contains("Smith");
    assertThat(mapped.avatarUrl()).contains("https://cdn.example.com/j.png");
    assertThat(mapped.groups()).containsExactly("staff", "7");
  }

  @Test
  void refusesAMissingOrEmptyUniqueValueWithUm1() {
    for (var body : new String[] {"{\"info\": {}}", "{\"info\": {\"id\": \"\"}}", "{}"}) {
      assertThatThrownBy(() -> AttributeMapping.map(json(body), SEED_KEYS, false))
          .isInstanceOfSatisfying(
              GatewayProblem.class, problem -> assertThat(problem.type().code()).isEqualTo("UM1"));
    }
  }

  @Test
  void refusesAUniqueValueThatIsAnObjectWithDeo3() {
    assertThatThrownBy(
            () -> AttributeMapping.map(json("{\"info\": {\"id\": {\"a\": 1}}}"), SEED_KEYS, false))
        .isInstanceOfSatisfying(
            GatewayProblem.class, problem -> assertThat(problem.type().code()).isEqualTo("DEO3"));
  }

  @Test
  void leavesOutWhatCannotBeStoredAndSaysWhy() {
    var mapped =
        AttributeMapping.map(
            json(
                """
                {"info": {"id": "a1", "email": "not-an-email", "avatar": "javascript:alert(1)"},
                 "names": {"first": "\\u200b", "last": "%s"}}
                """
                    .formatted("x".repeat(300))),
            SEED_KEYS,
            true);

    assertThat(mapped.email()).isEmpty();
    assertThat(mapped.emailVerified()).isFalse();
    assertThat(mapped.avatarUrl()).isEmpty();
    assertThat(mapped.extracted().get("avatar").reason()).contains("not an http(s) URL");
    assertThat(mapped.givenName()).isEmpty();
    assertThat(mapped.extracted().get("givenName").reason()).contains("only invisible characters");
    assertThat(mapped.familyName()).isEmpty();
    assertThat(mapped.extracted().get("familyName").reason())
        .contains("longer than 255 characters");
    assertThat(mapped.extracted().get("username").reason())
        .hasValueSatisfying(reason -> assertThat(reason).contains("username"));
  }

  @Test
  void anEmailIsVerifiedOnlyWhenTheProviderSaysSo() {
    var keys = new AttributeKeys("sub", null, null, "email", null, null, null, null);
    var unverified =
        json("{\"sub\": \"1\", \"email\": \"a@b.example\", \"email_verified\": false}");
    var verified = json("{\"sub\": \"1\", \"email\": \"a@b.example\", \"email_verified\": true}");
    var asText = json("{\"sub\": \"1\", \"email\": \"a@b.example\", \"email_verified\": \"true\"}");

    assertThat(AttributeMapping.emailVerifiedClaim(unverified)).isFalse();
    assertThat(AttributeMapping.emailVerifiedClaim(verified)).isTrue();
    assertThat(AttributeMapping.emailVerifiedClaim(asText)).isTrue();
    assertThat(AttributeMapping.map(unverified, keys, false).emailVerified()).isFalse();
    assertThat(AttributeMapping.map(verified, keys, true).emailVerified()).isTrue();
  }

  private static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
