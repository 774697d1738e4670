package dev.foyer.federation.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.federation.entity.ProviderKind;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * Social providers cannot be reached from the tests: their default attribute keys are checked
 * against the user info shapes each provider documents.
 */
class SocialKindsTest {

  @Test
  void readsGitHubsUser() {
    // https://docs.github.com/en/rest/users/users#get-the-authenticated-user
    var mapped =
        map(
            ProviderKind.GITHUB,
            """
            {"login": "octocat", "id": 1, "node_id": "MDQ6VXNlcjE=",
             "avatar_url": "https://github.com/images/error/octocat_happy.gif",
             "name": "monalisa octocat", "email": "octocat@github.com", "type": "User"}
            """);

    assertThat(mapped.unique()).isEqualTo("1");
    assertThat(mapped.username()).contains("octocat");
    assertThat(mapped.nickname()).contains("monalisa octocat");
    assertThat(mapped.email()).contains("octocat@github.com");
    assertThat(mapped.avatarUrl()).contains("https://github.com/images/error/octocat_happy.gif");
  }

  @Test
  void readsFacebooksMe() {
    // Graph API /me?fields=id,name,email,first_name,last_name,picture
    var mapped =
        map(
            ProviderKind.FACEBOOK,
            """
            {"id": "10158000000000001", "name": "Ann Example", "email": "ann@example.com",
             "first_name": "Ann", "last_name": "Example",
             "picture": {"data": {"height": 50, "is_silhouette": false,
                                  "url": "https://platform-lookaside.fbsbx.com/p.jpg", "width": 50}}}
            """);

    assertThat(mapped.unique()).isEqualTo("10158000000000001");
    assertThat(mapped.givenName()).contains("Ann");
    assertThat(mapped.familyName()).contains("Example");
    assertThat(mapped.avatarUrl()).contains("https://platform-lookaside.fbsbx.com/p.jpg");
  }

  @Test
  void readsXsVerifyCredentials() {
    // https://developer.x.com/en/docs/x-api/v1/accounts-and-users/manage-account-settings
    var mapped =
        map(
            ProviderKind.X,
            """
            {"id": 6253282, "id_str": "6253282", "name": "Twitter API", "screen_name": "TwitterAPI",
             "profile_image_url_https": "https://pbs.twimg.com/profile_images/1/a_normal.png",
             "email": "api@example.com"}
            """);

    assertThat(mapped.unique()).isEqualTo("6253282");
    assertThat(mapped.username()).contains("TwitterAPI");
    assertThat(mapped.nickname()).contains("Twitter API");
    assertThat(mapped.avatarUrl()).contains("https://pbs.twimg.com/profile_images/1/a_normal.png");
  }

  @Test
  void readsTheOpenIdConnectClaimsOfGoogleMicrosoftAndLinkedIn() {
    var google =
        map(
            ProviderKind.GOOGLE,
            """
            {"sub": "110169484474386276334", "email": "ann@example.com", "email_verified": true,
             "name": "Ann Example", "given_name": "Ann", "family_name": "Example",
             "picture": "https://lh3.googleusercontent.com/a/x"}
            """);
    var microsoft =
        map(
            ProviderKind.MICROSOFT,
            """
            {"sub": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ", "name": "Megan Bowen",
             "preferred_username": "meganb@contoso.com", "email": "meganb@contoso.com",
             "given_name": "Megan", "family_name": "Bowen"}
            """);
    var linkedin =
        map(
            ProviderKind.LINKEDIN,
            """
            {"sub": "782bbtaQ", "name": "John Doe", "given_name": "John", "family_name": "Doe",
             "picture": "https://media.licdn.com/p.jpg", "email": "doe@email.com",
             "email_verified": true, "locale": "en-US"}
            """);

    assertThat(google.unique()).isEqualTo("110169484474386276334");
    assertThat(google.givenName()).contains("Ann");
    assertThat(google.avatarUrl()).contains("https://lh3.googleusercontent.com/a/x");
    assertThat(microsoft.unique()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ");
    assertThat(microsoft.username()).contains("meganb@contoso.com");
    assertThat(microsoft.nickname()).contains("Megan Bowen");
    assertThat(linkedin.unique()).isEqualTo("782bbtaQ");
    assertThat(linkedin.email()).contains("doe@email.com");
  }

  private static AttributeMapping.Mapped map(ProviderKind kind, String json) {
    return AttributeMapping.map(read(json), kind.attributeKeys(), false);
  }

  private static JsonObject read(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
