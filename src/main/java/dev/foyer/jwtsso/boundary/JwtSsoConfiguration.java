package dev.foyer.jwtsso.boundary;

import dev.foyer.jwtsso.boundary.JwtSsoSettingsResource.SettingsRequest;
import dev.foyer.jwtsso.control.JwtSsoSpaces;
import dev.foyer.spaces.boundary.ConfigurationDocument;
import dev.foyer.spaces.boundary.ConfigurationSection;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A space's JWT SSO settings in its configuration document ({@code jwtSso}), in the shape of {@code
 * PUT .../sso}, without the key. Imported as a whole, a setting left out at its default, through
 * that endpoint's own checks: a space without settings gets them and a new key (shown once in the
 * import's answer), one with settings keeps its key. A document without {@code jwtSso} turns JWT
 * SSO off, keeping the key, so turning it on again needs no new key in the customer's application.
 */
@ApplicationScoped
public class JwtSsoConfiguration implements ConfigurationSection {
  static final String NAME = "jwtSso";

  @Inject JwtSsoSettingsResource settings;
  @Inject JwtSsoSpaces ssoSpaces;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<JsonValue> export(Space space) {
    return ssoSpaces
        .settings(space)
        .map(
            stored ->
                ConfigurationDocument.json(
                    new SettingsRequest(
                        stored.enabled(),
                        stored.authorizationUrl().map(URI::toString).orElse(null),
                        stored.requiresExp(),
                        stored.maxLifetime().toString(),
                        stored.forceSync().stream().sorted().map(Enum::name).toList(),
                        stored.startsNewMemberOnEmailChange())));
  }

  @Override
  public Change check(Optional<Space> space, JsonValue section) {
    if (section == JsonValue.NULL) {
      return this::turnOff;
    }
    var given = ConfigurationDocument.read(section, SettingsRequest.class, "/" + NAME);
    var whole =
        new SettingsRequest(
            Boolean.TRUE.equals(given.enabled()),
            given.authorizationUrl() == null ? "" : given.authorizationUrl(),
            !Boolean.FALSE.equals(given.requireExp()),
            given.maxLifetime() == null ? "PT5M" : given.maxLifetime(),
            given.syncOnEveryLogin() == null ? List.of() : given.syncOnEveryLogin(),
            Boolean.TRUE.equals(given.newMemberOnEmailChange()));
    return target -> {
      var key = settings.configure(target, whole).key();
      return new Applied(key == null ? Map.of() : Map.of("key", key), List.of());
    };
  }

  private Applied turnOff(Space space) {
    if (ssoSpaces.settings(space).isPresent()) {
      settings.configure(space, new SettingsRequest(false, null, null, null, null, null));
    }
    return Applied.NOTHING;
  }
}
