package dev.foyer.signin.control;

import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.members.entity.Member;
import dev.foyer.sessions.control.SessionIssuer;
import dev.foyer.signin.entity.Destination;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.net.URI;

/**
 * The one pipeline every door feeds: admission, session, redirect target, login record. Doors hand
 * it an {@link AssertedIdentity} and get back what to tell the participant; they never write
 * members, sessions or redirect URLs themselves.
 */
@ApplicationScoped
public class SignIn {
  static final System.Logger LOGGER = System.getLogger(SignIn.class.getName());

  @Inject SignInAttempt attempt;

  /**
   * @param destination where the participant asked to go; checked here, not by the door
   */
  public Result admit(AssertedIdentity identity, Destination destination) {
    try {
      return attempt.run(identity, destination);
    } catch (PersistenceException | TransactionalException conflict) {
      // Two first sign-ins of the same person raced and the other one linked the identity first.
      // Its member exists now; the second run finds it.
      LOGGER.log(
          System.Logger.Level.DEBUG, () -> "retrying a sign-in after a conflict: " + conflict);
      return attempt.run(identity, destination);
    }
  }

  /**
   * A completed sign-in. {@code target} is a path inside the space or its configured landing URL.
   */
  public record Result(
      String memberId,
      String nickname,
      Member.Profile profile,
      boolean guest,
      SessionIssuer.IssuedSession session,
      URI target) {}
}
