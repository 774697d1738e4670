package dev.foyer.signin.control;

import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.members.entity.Member;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.sessions.control.SessionIssuer;
import dev.foyer.signin.entity.Destination;
import dev.foyer.spaces.entity.SpaceGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

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
   * What the sign-in would do, without doing it (Test Integration): the whole pipeline runs in a
   * transaction that is rolled back, so the answer is the pipeline's own and nothing is written.
   */
  public Preview preview(AssertedIdentity identity, Destination destination) {
    return attempt.preview(identity, destination);
  }

  /**
   * @param memberId the member the identity would sign in as, when admitted
   * @param newMember that member would be created by this sign-in
   * @param refusal why the pipeline would refuse it
   * @param groupsJoined the groups the member would join, sorted by name
   * @param groupsLeft the groups the member would leave, sorted by name
   */
  public record Preview(
      Optional<String> memberId,
      boolean newMember,
      Optional<GatewayProblem> refusal,
      List<SpaceGroup> groupsJoined,
      List<SpaceGroup> groupsLeft) {}

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
