package dev.foyer.jwtsso.entity;

import dev.foyer.members.entity.ProfileField;
import dev.foyer.secrets.RotatingKey;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A space's JWT SSO settings (seeds 001/003's "Spot settings"), keyed by the space's id. The HS256
 * key is stored sealed; after a rotation the previous key keeps verifying until {@code
 * previousKeyUntil}, so tokens minted by servers that have not picked up the new key still work.
 */
@Entity
@Table(name = "jwt_sso_settings")
public class JwtSsoSettings {
  @Id
  @Column(name = "space_id", length = 36)
  private String spaceId;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "authorization_url", length = 2048)
  private String authorizationUrl;

  @Embedded private RotatingKey key;

  @Column(name = "require_exp", nullable = false)
  private boolean requireExp = true;

  @Column(name = "max_lifetime_seconds", nullable = false)
  private long maxLifetimeSeconds = 300;

  /**
   * Comma-separated {@link ProfileField}s replaced at every sign-in; empty = the seed's "no
   * update".
   */
  @Column(name = "force_sync", length = 255)
  private String forceSync = "";

  @Column(name = "new_member_on_email_change", nullable = false)
  private boolean newMemberOnEmailChange;

  @Version private long version;

  protected JwtSsoSettings() {}

  public JwtSsoSettings(String spaceId, String sealedKey) {
    this.spaceId = spaceId;
    this.key = new RotatingKey(sealedKey);
  }

  public void enable(boolean enabled) {
    this.enabled = enabled;
  }

  public void authorizeAt(URI authorizationUrl) {
    this.authorizationUrl = authorizationUrl == null ? null : authorizationUrl.toString();
  }

  public void requireExp(boolean requireExp) {
    this.requireExp = requireExp;
  }

  public void capLifetime(Duration maxLifetime) {
    this.maxLifetimeSeconds = maxLifetime.toSeconds();
  }

  public void syncOnEveryLogin(Set<ProfileField> fields) {
    this.forceSync = fields.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  public void newMemberOnEmailChange(boolean newMember) {
    this.newMemberOnEmailChange = newMember;
  }

  /** The HS256 key, sealed, with the previous one until the rotation overlap ends. */
  public RotatingKey key() {
    return key;
  }

  public String spaceId() {
    return spaceId;
  }

  public boolean enabled() {
    return enabled;
  }

  public Optional<URI> authorizationUrl() {
    return Optional.ofNullable(authorizationUrl).map(URI::create);
  }

  public boolean requiresExp() {
    return requireExp;
  }

  public Duration maxLifetime() {
    return Duration.ofSeconds(maxLifetimeSeconds);
  }

  public Set<ProfileField> forceSync() {
    var fields = EnumSet.noneOf(ProfileField.class);
    if (forceSync != null && !forceSync.isEmpty()) {
      Arrays.stream(forceSync.split(",")).map(ProfileField::valueOf).forEach(fields::add);
    }
    return fields;
  }

  public boolean startsNewMemberOnEmailChange() {
    return newMemberOnEmailChange;
  }
}
