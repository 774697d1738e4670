package dev.foyer.console.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A single-use console sign-in link, kept as the hash of its code with the role it hands on: the
 * role of the admin token that asked for it, never more.
 */
@Entity
@Table(name = "console_link")
public class ConsoleLink {
  @Id
  @Column(name = "code_hash", length = 64)
  private String codeHash;

  @Column(length = 255, nullable = false)
  private String subject;

  @Column(name = "operator_role", length = 32, nullable = false)
  private String role;

  @Column(name = "space_slug", length = 64)
  private String spaceSlug;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected ConsoleLink() {}

  public ConsoleLink(
      String codeHash, String subject, OperatorRole role, Instant now, Instant expiresAt) {
    this.codeHash = codeHash;
    this.subject = subject;
    this.role = role.role();
    this.spaceSlug = role.space().orElse(null);
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  public String codeHash() {
    return codeHash;
  }

  public String subject() {
    return subject;
  }

  public OperatorRole role() {
    return new OperatorRole(role, Optional.ofNullable(spaceSlug));
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
