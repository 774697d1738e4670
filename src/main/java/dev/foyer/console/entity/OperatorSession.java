package dev.foyer.console.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** An operator signed in to the console: found by the hash of its cookie, never by the cookie. */
@Entity
@Table(name = "operator_session")
public class OperatorSession {
  /** How the operator got the session. */
  public enum Source {
    LINK,
    OIDC
  }

  @Id
  @Column(name = "id_hash", length = 64)
  private String idHash;

  @Column(length = 255, nullable = false)
  private String subject;

  @Column(name = "display_name", length = 255)
  private String displayName;

  @Column(name = "operator_role", length = 32, nullable = false)
  private String role;

  @Column(name = "space_slug", length = 64)
  private String spaceSlug;

  @Column(length = 16, nullable = false)
  private String source;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected OperatorSession() {}

  public OperatorSession(
      String idHash,
      String subject,
      String displayName,
      OperatorRole role,
      Source source,
      Instant now,
      Instant expiresAt) {
    this.idHash = idHash;
    this.subject = subject;
    this.displayName = displayName;
    this.role = role.role();
    this.spaceSlug = role.space().orElse(null);
    this.source = source.name();
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  public String idHash() {
    return idHash;
  }

  public String subject() {
    return subject;
  }

  public Optional<String> displayName() {
    return Optional.ofNullable(displayName);
  }

  public OperatorRole role() {
    return new OperatorRole(role, Optional.ofNullable(spaceSlug));
  }

  public Source source() {
    return Source.valueOf(source);
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
