package dev.foyer.uriauth.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signed link that was used, kept until it would have expired anyway. It lives in the database,
 * not in one node's memory, so a link used on one node is refused on every other.
 */
@Entity
@Table(name = "used_link_signature")
public class UsedLinkSignature {
  @Id
  @Column(name = "signature_hash", length = 64)
  private String signatureHash;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected UsedLinkSignature() {}

  public UsedLinkSignature(String signatureHash, Instant expiresAt) {
    this.signatureHash = signatureHash;
    this.expiresAt = expiresAt;
  }
}
