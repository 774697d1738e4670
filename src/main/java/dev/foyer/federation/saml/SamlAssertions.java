package dev.foyer.federation.saml;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A valid assertion as JSON, so that a SAML provider's attribute keys read it like any provider's
 * answer: {@code NameID} (and {@code NameIDFormat}, {@code SessionIndex}), then each attribute
 * under its {@code Name} and under its {@code FriendlyName} (where no attribute has that Name): one
 * value as text, several as a list. {@code email} finds Keycloak's X.500 email by its FriendlyName;
 * {@code http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress} finds Entra ID's.
 */
public final class SamlAssertions {
  private SamlAssertions() {}

  public static JsonObject json(SamlResponses.Accepted accepted) {
    var values = new LinkedHashMap<String, List<String>>();
    for (var attribute : accepted.attributes()) {
      values.merge(attribute.name(), attribute.values(), SamlAssertions::joined);
    }
    for (var attribute : accepted.attributes()) {
      attribute
          .friendlyName()
          .filter(
              friendly -> accepted.attributes().stream().noneMatch(a -> a.name().equals(friendly)))
          .ifPresent(
              friendly -> values.merge(friendly, attribute.values(), SamlAssertions::joined));
    }
    var json = Json.createObjectBuilder().add("NameID", accepted.nameId());
    accepted.nameIdFormat().ifPresent(format -> json.add("NameIDFormat", format));
    accepted.sessionIndex().ifPresent(index -> json.add("SessionIndex", index));
    values.forEach(
        (name, list) -> {
          if (name.equals("NameID") || name.equals("NameIDFormat") || name.equals("SessionIndex")) {
            return;
          }
          if (list.size() == 1) {
            json.add(name, list.get(0));
          } else {
            json.add(name, Json.createArrayBuilder(list));
          }
        });
    return json.build();
  }

  private static List<String> joined(List<String> first, List<String> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }
}
