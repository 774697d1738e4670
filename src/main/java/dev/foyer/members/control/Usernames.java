package dev.foyer.members.control;

import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.members.entity.LinkedIdentity;
import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.UsernameSkeleton;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.secrets.Randomness;
import dev.foyer.spaces.entity.Space;
import dev.foyer.web.DisplayNames;
import dev.foyer.web.WebAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.text.Normalizer;
import java.util.Optional;

/**
 * Usernames in a space: the random stand-in a conflict leaves behind, and the checks on a value a
 * person chose when a conflict let them ({@code changeUsername}, {@code changeEmail}).
 */
@ApplicationScoped
public class Usernames {
  static final int MIN = 3;
  static final int MAX = 64;

  /** RFC 4648 base32, in lower case: no 0/1/8/9 to be misread as letters. */
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  @PersistenceContext EntityManager em;

  /** {@code user-} and 10 random base32 characters (50 bits), not held in the space. */
  public String random(Space space) {
    while (true) {
      var name = new StringBuilder("user-");
      for (int i = 0; i < 10; i++) {
        name.append(BASE32.charAt(Randomness.nextInt(BASE32.length())));
      }
      if (holder(space, name.toString()).isEmpty()) {
        return name.toString();
      }
    }
  }

  /**
   * A username the person chose after a {@code CNF1}: its checked form (NFC), to put in the
   * asserted profile for the sign-in's next run. Taken means held by a member of the space other
   * than the one this identity is linked to, ignoring case ({@code CNF4}); one that looks like such
   * a member's ({@link UsernameSkeleton}: {@code CNF6}) or mixes scripts ({@code CNF3}) is refused
   * too. Providers' usernames keep the exact rule: only a person's choice is held to looks.
   */
  public String chosen(Space space, AssertedIdentity identity, String username) {
    var checked = shape(username);
    if (UsernameSkeleton.mixesScripts(checked)) {
      throw new GatewayProblem(
          ProblemType.USERNAME_INVALID,
          "A username may not mix letters of several scripts (such as Latin and Cyrillic), which"
              + " can look like other names; Latin may go with Chinese, Japanese or Korean.");
    }
    var self =
        identity
            .externalId()
            .flatMap(
                externalId ->
                    em.createNamedQuery(LinkedIdentity.FIND, LinkedIdentity.class)
                        .setParameter("space", space)
                        .setParameter("provider", identity.provider())
                        .setParameter("externalId", externalId)
                        .getResultStream()
                        .findFirst()
                        .map(link -> link.member().id()));
    var holder = holder(space, checked);
    if (holder.isPresent() && !holder.get().id().equals(self.orElse(null))) {
      throw new GatewayProblem(
          ProblemType.USERNAME_TAKEN, "Another member of this space has this username already.");
    }
    var lookalike =
        em.createNamedQuery(Member.BY_SKELETON, Member.class)
            .setParameter("space", space)
            .setParameter("skeleton", UsernameSkeleton.of(checked))
            .setMaxResults(2)
            .getResultStream()
            .anyMatch(member -> !member.id().equals(self.orElse(null)));
    if (lookalike) {
      throw new GatewayProblem(
          ProblemType.USERNAME_LOOKALIKE,
          "This username looks like another member's (letters such as 0 and o, 1 and l, rn and m,"
              + " or Latin and Cyrillic ones read alike): choose one that does not.");
    }
    return checked;
  }

  /**
   * A username's own rules, without the space: 3 to 64 characters once in NFC, no control or format
   * characters, no spaces at its ends ({@code CNF3}).
   */
  public static String shape(String username) {
    if (username == null) {
      throw invalidUsername();
    }
    var name = Normalizer.normalize(username, Normalizer.Form.NFC);
    var length = name.codePointCount(0, name.length());
    if (length < MIN
        || length > MAX
        || DisplayNames.hasEdgeSpace(name)
        || name.codePoints()
            .anyMatch(
                cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
      throw invalidUsername();
    }
    return name;
  }

  /** An email the person chose after a {@code CNF2}: trimmed and of an address's shape. */
  public static String chosenEmail(String email) {
    var trimmed = email == null ? null : email.strip();
    if (!WebAddresses.isEmail(trimmed)) {
      throw new GatewayProblem(
          ProblemType.EMAIL_INVALID, "This is not an email address (name@example.com).");
    }
    return trimmed;
  }

  /** The member holding the username in the space, ignoring case. */
  public Optional<Member> holder(Space space, String username) {
    return em.createNamedQuery(Member.BY_USERNAME, Member.class)
        .setParameter("space", space)
        .setParameter("username", Member.usernameKey(username))
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  private static GatewayProblem invalidUsername() {
    return new GatewayProblem(
        ProblemType.USERNAME_INVALID,
        "A username has "
            + MIN
            + " to "
            + MAX
            + " characters, no control characters and no spaces at its ends.");
  }
}
