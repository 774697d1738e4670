package dev.foyer.federation.saml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.federation.entity.AttributeKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An assertion as the attribute keys read it: by Name, by FriendlyName, Entra ID's claim URIs. */
class SamlAssertionsTest {
  static final String EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
  static final String GROUPS = "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups";

  static final SamlResponses.Accepted ENTRA =
      new SamlResponses.Accepted(
          "A_1",
          Instant.parse("2026-12-01T10:05:00Z"),
          "0f1e2d3c",
          Optional.of("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"),
          Optional.of("S_1"),
          List.of(
              new SamlResponses.Attribute(EMAIL, Optional.empty(), List.of("ada@corp.example")),
              new SamlResponses.Attribute(GROUPS, Optional.empty(), List.of("g-1", "g-2")),
              new SamlResponses.Attribute(
                  "urn:oid:2.5.4.42", Optional.of("givenName"), List.of("Ada"))),
          false);

  @Test
  void readsEntraIdsClaimUrisAsKeys() {
    var json = SamlAssertions.json(ENTRA);

    assertThat(new AttributeKey(EMAIL).valueIn(json).value()).contains("ada@corp.example");
    assertThat(new AttributeKey(GROUPS).valuesIn(json)).containsExactly("g-1", "g-2");
    assertThat(new AttributeKey("NameID").valueIn(json).value()).contains("0f1e2d3c");
  }

  @Test
  void readsAnAttributeByItsFriendlyNameToo() {
    var json = SamlAssertions.json(ENTRA);

    assertThat(new AttributeKey("givenName").valueIn(json).value()).contains("Ada");
    assertThat(new AttributeKey("urn:oid:2.5.4.42").valueIn(json).value()).contains("Ada");
    assertThat(json.getString("SessionIndex")).isEqualTo("S_1");
  }
}
