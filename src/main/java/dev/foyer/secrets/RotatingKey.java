package dev.foyer.secrets;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sealed key (see {@link SecretBox}) with the one it replaced, which keeps verifying until the
 * overlap ends, so links and tokens minted by systems that have not picked up the new key yet still
 * work. One embeddable for every door setting that holds a key.
 */
@Embeddable
public class RotatingKey {
  @Column(name = "sealed_key", length = 512)
  private String sealedKey;

  @Column(name = "sealed_previous_key", length = 512)
  private String sealedPreviousKey;

  @Column(name = "previous_key_until")
  private Instant previousKeyUntil;

  protected RotatingKey() {}

  public RotatingKey(String sealedKey) {
    this.sealedKey = sealedKey;
  }

  /** Installs a new sealed key; the one it replaces stays valid until {@code overlapUntil}. */
  public void rotate(String sealedKey, Instant overlapUntil) {
    this.sealedPreviousKey = this.sealedKey;
    this.previousKeyUntil = overlapUntil;
    this.sealedKey = sealedKey;
  }

  /**
   * The sealed keys a signature may be made with right now, newest first; none where a row made by
   * hand holds no key, so that nothing verifies against it.
   */
  public List<String> sealedKeys(Instant now) {
    var keys = new ArrayList<String>(2);
    if (sealedKey != null) {
      keys.add(sealedKey);
    }
    if (sealedPreviousKey != null && previousKeyUntil != null && now.isBefore(previousKeyUntil)) {
      keys.add(sealedPreviousKey);
    }
    return List.copyOf(keys);
  }

  /** Passes both sealed values through {@link StoredSecrets#visit}, storing what it returns. */
  public void visit(StoredSecrets secrets) {
    var key = secrets.visit(sealedKey);
    var previous = secrets.visit(sealedPreviousKey);
    if (!java.util.Objects.equals(key, sealedKey)) {
      sealedKey = key;
    }
    if (!java.util.Objects.equals(previous, sealedPreviousKey)) {
      sealedPreviousKey = previous;
    }
  }

  public Optional<Instant> previousKeyUntil() {
    return Optional.ofNullable(previousKeyUntil);
  }
}
