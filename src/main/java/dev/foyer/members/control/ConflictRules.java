package dev.foyer.members.control;

import dev.foyer.members.entity.ConflictField;
import dev.foyer.members.entity.Member;
import dev.foyer.spaces.entity.ConflictPolicy;
import java.util.List;
import java.util.Objects;

/**
 * Seed 002's "SSO Conflicts", decided without I/O: whether the username and email a sign-in is
 * about to write are held by other members of the space, and what then happens. Values compare as
 * their keys (case does not count); the member being signed in never conflicts with themselves.
 * With {@code autoResolve} the person signing in wins and the holders lose only the conflicting
 * field; otherwise the first conflict (the username before the email) refuses the sign-in.
 */
public final class ConflictRules {
  private ConflictRules() {}

  /**
   * What the sign-in is about to write.
   *
   * @param memberId the member being signed in; null when the sign-in creates one
   * @param username the username to write, or null when none is written
   * @param email the email to write, or null when none is written
   */
  public record Claim(String memberId, String username, String email) {}

  /** A member of the space holding the claimed username or email (as stored). */
  public record Holder(String memberId, String username, String email) {}

  public sealed interface Outcome permits Proceed, Refuse {}

  /** Go on; the members listed first lose their username, resp. their email. */
  public record Proceed(List<String> usernameTakenFrom, List<String> emailTakenFrom)
      implements Outcome {
    public static final Proceed CLEAR = new Proceed(List.of(), List.of());

    public boolean clear() {
      return usernameTakenFrom.isEmpty() && emailTakenFrom.isEmpty();
    }
  }

  /** Refuse the sign-in; {@code mayChoose}: the space lets the person choose another value. */
  public record Refuse(ConflictField field, boolean mayChoose) implements Outcome {}

  public static Outcome decide(ConflictPolicy policy, Claim claim, List<Holder> holders) {
    var usernameKey = blankToNull(Member.usernameKey(claim.username()));
    var emailKey = blankToNull(Member.emailKey(claim.email()));
    var others =
        holders.stream().filter(h -> !Objects.equals(h.memberId(), claim.memberId())).toList();
    var usernameHolders =
        usernameKey == null
            ? List.<String>of()
            : others.stream()
                .filter(h -> usernameKey.equals(Member.usernameKey(h.username())))
                .map(Holder::memberId)
                .distinct()
                .toList();
    var emailHolders =
        emailKey == null
            ? List.<String>of()
            : others.stream()
                .filter(h -> emailKey.equals(Member.emailKey(h.email())))
                .map(Holder::memberId)
                .distinct()
                .toList();
    if (usernameHolders.isEmpty() && emailHolders.isEmpty()) {
      return Proceed.CLEAR;
    }
    if (policy.autoResolve()) {
      return new Proceed(usernameHolders, emailHolders);
    }
    return usernameHolders.isEmpty()
        ? new Refuse(ConflictField.EMAIL, policy.changeEmail())
        : new Refuse(ConflictField.USERNAME, policy.changeUsername());
  }

  private static String blankToNull(String key) {
    return key == null || key.isBlank() ? null : key;
  }
}
