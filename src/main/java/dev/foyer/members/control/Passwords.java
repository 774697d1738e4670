package dev.foyer.members.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.Optional;

/** Jakarta Security's PBKDF2 (SHA-256, 210,000 iterations, OWASP 2023) for member passwords. */
@ApplicationScoped
public class Passwords {
  /**
   * The provider alias a member's password login (their email, lower case) is linked under: the
   * admin API links it when it sets a password, the password door finds the member by it.
   */
  public static final String LOGIN_PROVIDER = "password";

  @Inject Pbkdf2PasswordHash hash;
  private String decoy;

  @PostConstruct
  void init() {
    hash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "16",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    decoy = hash.generate("decoy password for unknown emails".toCharArray());
  }

  public String hash(String password) {
    return hash.generate(password.toCharArray());
  }

  /** An unknown member is checked against a decoy, so timing does not tell which emails exist. */
  public boolean verify(Optional<String> stored, String password) {
    var matches = hash.verify(password.toCharArray(), stored.orElse(decoy));
    return stored.isPresent() && matches;
  }
}
