package dev.foyer.spaces.entity;


import dev.foyer.secrets.Randomness;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A tenant: seed 000's account (its landing page), seeds 001/003's Spot. The slug is what URI
 * Auth's {@code account} names; the id is the UUID seeds 001/003 put in URLs. Signing secrets are
 * stored sealed (see {@code SecretBox}); the previous one stays valid for a while after a
 * rotation so links already handed out keep working.
 */
@Entity
@Table(name = "space", uniqueConstraints = @UniqueConstraint(name = "space_slug", columnNames = "slug"))
@NamedQuery(name = Space.BY_SLUG, query = "select s from Space s where s.slug = :slug")
@NamedQuery(name = Space.ALL, query = "select s from Space s order by s.slug")
public class Space {
  public static final String BY_SLUG = "Space.bySlug";
  public static final String ALL = "Space.all";

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = 64)
  private String slug;

  @Column(nullable = false, length = 255)
  private String name;

  @Column(name = "landing_url", length = 2048)
  private String landingUrl;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Visibility visibility = Visibility.PUBLIC;

  @Column(name = "signed_links_required", nullable = false)
  private boolean signedLinksRequired;

  @Column(name = "link_by_email", nullable = false)
  private boolean linkByEmail;

  @Column(name = "signing_secret", length = 512)
  private String sealedSigningSecret;

  @Column(name = "previous_signing_secret", length = 512)
  private String sealedPreviousSigningSecret;

  @Column(name = "previous_secret_until")
  private Instant previousSecretUntil;

  /** Newline-separated origins ("https://intranet.example.com") allowed to embed the chat. */
  @Column(name = "allowed_origins", length = 4000)
  private String allowedOrigins = "";

  /** Newline-separated names of the custom properties members of this space may carry. */
  @Column(name = "custom_properties", length = 4000)
  private String customProperties = "";

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  protected Space() {}

  public Space(String slug, String name, String sealedSigningSecret, Instant now) {
    this.id = Randomness.uuid();
    this.slug = slug;
    this.name = name;
    this.sealedSigningSecret = sealedSigningSecret;
    this.createdAt = now;
  }

  public void rename(String name) {
    this.name = name;
  }

  public void changeLanding(URI landingUrl) {
    this.landingUrl = landingUrl == null ? null : landingUrl.toString();
  }

  public void changeVisibility(Visibility visibility) {
    this.visibility = visibility;
  }

  public void requireSignedLinks(boolean required) {
    this.signedLinksRequired = required;
  }

  public void linkByEmail(boolean link) {
    this.linkByEmail = link;
  }

  public void allowOrigins(List<String> origins) {
    this.allowedOrigins = String.join("\n", origins);
  }

  /** Installs a new sealed secret; the one it replaces stays valid until {@code overlapUntil}. */
  public void rotateSigningSecret(String sealedSecret, Instant overlapUntil) {
    this.sealedPreviousSigningSecret = this.sealedSigningSecret;
    this.previousSecretUntil = overlapUntil;
    this.sealedSigningSecret = sealedSecret;
  }

  /** The sealed secrets a signature may be made with right now, newest first. */
  public List<String> sealedSigningSecrets(Instant now) {
    if (sealedPreviousSigningSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
      return List.of(sealedSigningSecret, sealedPreviousSigningSecret);
    }
    return List.of(sealedSigningSecret);
  }

  public void defineCustomProperties(List<String> names) {
    this.customProperties = String.join("\n", names);
  }

  public List<String> customProperties() {
    return lines(customProperties);
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }

  public boolean allowsOrigin(String origin) {
    return origin != null && allowedOrigins().contains(origin);
  }

  public List<String> allowedOrigins() {
    return lines(allowedOrigins);
  }

  public String id() {
    return id;
  }

  public String slug() {
    return slug;
  }

  public String name() {
    return name;
  }

  public Optional<URI> landingUrl() {
    return Optional.ofNullable(landingUrl).map(URI::create);
  }

  public Visibility visibility() {
    return visibility;
  }

  public boolean signedLinksRequired() {
    return signedLinksRequired;
  }

  public boolean linksByEmail() {
    return linkByEmail;
  }

  public Optional<Instant> previousSecretUntil() {
    return Optional.ofNullable(previousSecretUntil);
  }

  public Instant createdAt() {
    return createdAt;
  }
}
