package dev.foyer.secrets;

import java.util.function.UnaryOperator;

/**
 * A walk over every sealed value the database holds, fired by {@link SecretsKeyCheck} at start-up.
 * The secrets package cannot know the doors' tables, so each owner of sealed values observes this
 * event and passes each of its values through {@link #visit}, storing what it returns. The walk
 * counts the values and how many open with the key, and during a key rotation returns each value
 * sealed again under the new key.
 */
public final class StoredSecrets {
  private final SecretBox box;
  private final UnaryOperator<String> replacement;
  private int stored;
  private int openWithKey;
  private int resealed;

  private StoredSecrets(SecretBox box, UnaryOperator<String> replacement) {
    this.box = box;
    this.replacement = replacement;
  }

  /** Counts only: every value stays as it is. */
  static StoredSecrets survey(SecretBox box) {
    return new StoredSecrets(box, UnaryOperator.identity());
  }

  /** Seals again under the key each value only the previous key opens. */
  static StoredSecrets reseal(SecretBox box) {
    return new StoredSecrets(box, box::reseal);
  }

  /**
   * @return the value to store in place of {@code sealed} (the same one unless it was sealed again)
   */
  public String visit(String sealed) {
    if (sealed == null) {
      return null;
    }
    stored++;
    var result = replacement.apply(sealed);
    if (!result.equals(sealed)) {
      resealed++;
    }
    if (box.openWithKey(result).isPresent()) {
      openWithKey++;
    }
    return result;
  }

  int stored() {
    return stored;
  }

  int openWithKey() {
    return openWithKey;
  }

  int resealed() {
    return resealed;
  }
}
