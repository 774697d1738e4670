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
 * Auth's {@code account} names; the id is the UUID seeds 001/003 put in URLs. What a door keeps per
 * space (signing secrets, JWT SSO keys) lives in the door's own settings, keyed by the id.
 */
@Entity
@Table(
    name = "space",
    uniqueConstraints = @UniqueConstraint(name = "space_slug", columnNames = "slug"))
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

  /** Newline-separated origins ("https://intranet.example.com") allowed to embed the chat. */
  @Column(name = "allowed_origins", length = 4000)
  private String allowedOrigins = "";

  /** Newline-separated names of the custom properties members of this space may carry. */
  @Column(name = "custom_properties", length = 4000)
  private String customProperties = "";

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** Seed 002: members cannot change their nickname; the identity provider's is always used. */
  @Column(name = "always_sso_nicknames", nullable = false)
  private boolean alwaysSsoNicknames;

  @Column(name = "conflicts_auto_resolve", nullable = false)
  private boolean conflictsAutoResolve;

  @Column(name = "conflicts_change_username", nullable = false)
  private boolean conflictsChangeUsername;

  @Column(name = "conflicts_change_email", nullable = false)
  private boolean conflictsChangeEmail;

  @Version private long version;

  protected Space() {}

  public Space(String slug, String name, Instant now) {
    this.id = Randomness.uuid();
    this.slug = slug;
    this.name = name;
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

  public void allowOrigins(List<String> origins) {
    this.allowedOrigins = String.join("\n", origins);
  }

  public void defineCustomProperties(List<String> names) {
    this.customProperties = String.join("\n", names);
  }

  /**
   * The caller has made sure no social provider is enabled in the space (seed 002: the option is
   * "not available if you have any social login providers turned on").
   */
  public void alwaysUseSsoNicknames(boolean always) {
    this.alwaysSsoNicknames = always;
  }

  public boolean alwaysSsoNicknames() {
    return alwaysSsoNicknames;
  }

  public void meetConflicts(ConflictPolicy policy) {
    this.conflictsAutoResolve = policy.autoResolve();
    this.conflictsChangeUsername = policy.changeUsername();
    this.conflictsChangeEmail = policy.changeEmail();
  }

  public ConflictPolicy conflicts() {
    return new ConflictPolicy(conflictsAutoResolve, conflictsChangeUsername, conflictsChangeEmail);
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

  public Instant createdAt() {
    return createdAt;
  }
}
