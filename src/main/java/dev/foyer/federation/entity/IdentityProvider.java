package dev.foyer.federation.entity;

import dev.foyer.secrets.Randomness;
import dev.foyer.secrets.StoredSecrets;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * An identity provider a space added (seed 002), known in the space by its alias. The client secret
 * is stored sealed and never leaves Foyer. Endpoints are checked when they are saved ({@code
 * IOU2URL}); a social kind's endpoints are its own and not stored.
 */
@Entity
@Table(name = "identity_provider")
@NamedQuery(
    name = IdentityProvider.OF_SPACE,
    query = "SELECT p FROM IdentityProvider p WHERE p.spaceId = :space ORDER BY p.alias")
@NamedQuery(
    name = IdentityProvider.BY_ALIAS,
    query = "SELECT p FROM IdentityProvider p WHERE p.spaceId = :space AND p.alias = :alias")
@NamedQuery(
    name = IdentityProvider.ENABLED_OF_SPACE,
    query = "SELECT p FROM IdentityProvider p WHERE p.spaceId = :space AND p.enabled = true")
public class IdentityProvider {
  public static final String ENABLED_OF_SPACE = "IdentityProvider.enabledOfSpace";
  public static final String OF_SPACE = "IdentityProvider.ofSpace";
  public static final String BY_ALIAS = "IdentityProvider.byAlias";

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "space_id", length = 36, nullable = false)
  private String spaceId;

  @Column(length = 64, nullable = false)
  private String alias;

  @Enumerated(EnumType.STRING)
  @Column(length = 16, nullable = false)
  private ProviderKind kind;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  @Column(name = "button_label", nullable = false)
  private String buttonLabel;

  @Column(nullable = false)
  private boolean enabled;

  @Embedded private Endpoints endpoints;

  @Column(name = "client_id", length = 512)
  private String clientId;

  @Column(name = "sealed_client_secret", length = 1024)
  private String sealedClientSecret;

  @Column(length = 1024)
  private String scopes;

  /** PKCE S256 (OAuth 2.0 and OpenID Connect); on unless turned off, always on for OIDC. */
  @Column(nullable = false)
  private boolean pkce = true;

  @Enumerated(EnumType.STRING)
  @Column(name = "client_authentication", length = 32, nullable = false)
  private ClientAuthentication clientAuthentication = ClientAuthentication.CLIENT_SECRET_BASIC;

  /** Emails from this provider count as verified even without an {@code email_verified} claim. */
  @Column(name = "trusted_emails", nullable = false)
  private boolean trustedEmails;

  @Embedded private AttributeKeys attributeKeys;

  @Embedded private SamlSettings saml;

  /** The SAML service provider's key (private key and certificate, {@code SpKey}), sealed. */
  @Column(name = "sealed_sp_key", length = 8192)
  private String sealedSpKey;

  /** The key before the last rotation, still published and still decrypting; sealed. */
  @Column(name = "sealed_sp_previous_key", length = 8192)
  private String sealedSpPreviousKey;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  protected IdentityProvider() {}

  public IdentityProvider(String spaceId, String alias, ProviderKind kind, Instant now) {
    this.id = Randomness.uuid();
    this.spaceId = spaceId;
    this.alias = alias;
    this.kind = kind;
    this.displayName = alias;
    this.buttonLabel = alias;
    this.endpoints = Endpoints.NONE;
    this.attributeKeys = kind.attributeKeys();
    // Its flags are NOT NULL columns: every provider has the settings, a SAML one fills them in.
    this.saml = new SamlSettings();
    this.createdAt = now;
  }

  /**
   * Takes every setting of {@code other}, a provider of the same kind made from a whole description
   * (an imported configuration): this one keeps its id, alias, creation time and service provider
   * keys, and so its members and the flows under way.
   */
  public void configureAs(IdentityProvider other) {
    if (other.kind != kind) {
      throw new IllegalArgumentException("a provider's kind never changes");
    }
    describe(other.displayName, other.buttonLabel);
    enable(other.enabled);
    connectAt(other.endpoints());
    identifyAs(other.clientId);
    keepSecret(other.sealedClientSecret);
    ask(other.scopes, other.pkce, other.clientAuthentication);
    trustEmails(other.trustedEmails);
    readWith(other.attributeKeys());
    configureSaml(other.saml());
  }

  public void describe(String displayName, String buttonLabel) {
    this.displayName = displayName;
    this.buttonLabel = buttonLabel;
  }

  public void enable(boolean enabled) {
    this.enabled = enabled;
  }

  public void connectAt(Endpoints endpoints) {
    this.endpoints = endpoints;
  }

  public void keepSecret(String sealedClientSecret) {
    this.sealedClientSecret = sealedClientSecret;
  }

  public void identifyAs(String clientId) {
    this.clientId = clientId;
  }

  public void ask(String scopes, boolean pkce, ClientAuthentication clientAuthentication) {
    this.scopes = scopes;
    this.pkce = pkce || kind.protocol() == Protocol.OIDC;
    this.clientAuthentication = clientAuthentication;
  }

  public void trustEmails(boolean trustedEmails) {
    this.trustedEmails = trustedEmails;
  }

  public void readWith(AttributeKeys attributeKeys) {
    this.attributeKeys = attributeKeys;
  }

  public String id() {
    return id;
  }

  public String spaceId() {
    return spaceId;
  }

  public String alias() {
    return alias;
  }

  public ProviderKind kind() {
    return kind;
  }

  public String displayName() {
    return displayName;
  }

  public String buttonLabel() {
    return buttonLabel;
  }

  public boolean enabled() {
    return enabled;
  }

  /** The endpoints as saved; a social kind saves only its tenant. */
  public Endpoints endpoints() {
    return endpoints == null ? Endpoints.NONE : endpoints;
  }

  /** Where the provider answers: a social kind's own endpoints, else the saved ones. */
  public Endpoints effectiveEndpoints() {
    if (!kind.social()) {
      return endpoints();
    }
    var tenant = endpoints().tenant().orElse(null);
    var own = kind.endpoints();
    return new Endpoints(
        own.issuer().map(issuer -> issuer.replace("{tenant}", String.valueOf(tenant))).orElse(null),
        own.authorizationUrl().orElse(null),
        own.tokenUrl().orElse(null),
        own.userInfoUrl().orElse(null),
        own.requestTokenUrl().orElse(null),
        tenant);
  }

  /** Who answers for the provider's unique values, and where they are read. */
  public IdentitySource identitySource() {
    return IdentitySource.of(this);
  }

  /** The scopes asked for: the saved ones, else the kind's. */
  public Optional<String> effectiveScopes() {
    return scopes().or(kind::scopes);
  }

  public Optional<String> clientId() {
    return Optional.ofNullable(clientId);
  }

  public Optional<String> sealedClientSecret() {
    return Optional.ofNullable(sealedClientSecret);
  }

  public Optional<String> scopes() {
    return Optional.ofNullable(scopes);
  }

  public boolean pkce() {
    return pkce;
  }

  public ClientAuthentication clientAuthentication() {
    return clientAuthentication;
  }

  public boolean trustedEmails() {
    return trustedEmails;
  }

  public AttributeKeys attributeKeys() {
    return attributeKeys == null ? AttributeKeys.NONE : attributeKeys;
  }

  /** SAML 2.0's settings (empty for the other protocols). */
  public SamlSettings saml() {
    return saml == null ? new SamlSettings() : saml;
  }

  public void configureSaml(SamlSettings saml) {
    this.saml = saml;
  }

  /** The sealed service provider keys, current first. */
  public java.util.List<String> sealedSpKeys() {
    return java.util.stream.Stream.of(sealedSpKey, sealedSpPreviousKey)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** A new current key; the current one stays as the previous (an overlap), the one before goes. */
  public void rotateSpKey(String sealedKey) {
    this.sealedSpPreviousKey = this.sealedSpKey;
    this.sealedSpKey = sealedKey;
  }

  /**
   * Passes each sealed value (the client secret, the SAML keys) through the start-up walk of the
   * secrets key, storing what it returns (sealed again during a rotation of {@code
   * foyer.secrets.key}).
   */
  public void visit(StoredSecrets secrets) {
    sealedClientSecret = secrets.visit(sealedClientSecret);
    sealedSpKey = secrets.visit(sealedSpKey);
    sealedSpPreviousKey = secrets.visit(sealedSpPreviousKey);
  }

  /** Ends a rotation's overlap: only the current key is published and used. */
  public boolean dropPreviousSpKey() {
    var had = sealedSpPreviousKey != null;
    sealedSpPreviousKey = null;
    return had;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Changes with every saved change: a client made from an older version is made again. */
  public long version() {
    return version;
  }
}
