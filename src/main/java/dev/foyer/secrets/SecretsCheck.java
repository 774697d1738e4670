package dev.foyer.secrets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A known text sealed with {@code foyer.secrets.key} at the first start on a database, shared by
 * every node through that database: a node whose key does not open it has the wrong key.
 */
@Entity
@Table(name = "secrets_check")
public class SecretsCheck {
  static final String ID = "check";
  static final String TEXT = "foyer.secrets.key check value";

  @Id
  @Column(length = 16)
  private String id;

  @Column(name = "sealed_value", nullable = false, length = 512)
  private String sealedValue;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "resealed_at")
  private Instant resealedAt;

  protected SecretsCheck() {}

  SecretsCheck(String sealedValue, Instant now) {
    this.id = ID;
    this.sealedValue = sealedValue;
    this.createdAt = now;
  }

  String sealedValue() {
    return sealedValue;
  }

  Instant createdAt() {
    return createdAt;
  }

  void resealed(String sealedValue, Instant now) {
    this.sealedValue = sealedValue;
    this.resealedAt = now;
  }
}
