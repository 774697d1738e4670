package dev.foyer.singleuse;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A single-use credential (a signed link's signature, a JWT's id) that was used, kept until it
 * would have expired anyway. It lives in the database, not in one node's memory, so a credential
 * used on one node is refused on every other.
 */
@Entity
@Table(
    name = "used_credential",
    indexes = @Index(name = "used_credential_expires_at", columnList = "expires_at"))
public class UsedCredential {
  @Id
  @Column(name = "credential_hash", length = 64)
  private String credentialHash;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected UsedCredential() {}

  UsedCredential(String credentialHash, Instant expiresAt) {
    this.credentialHash = credentialHash;
    this.expiresAt = expiresAt;
  }
}
