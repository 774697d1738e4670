package dev.foyer.spaces.entity;

/**
 * How a space meets a sign-in whose username or email another member holds (seed 002's "SSO
 * Conflicts"). Only identities whose admission policy resolves conflicts (federated providers) are
 * held to it.
 *
 * @param autoResolve the person signing in takes the value; the other member's username becomes a
 *     random one and their email is removed, until their own next sign-in brings theirs back
 * @param changeUsername without {@code autoResolve}, the person may choose another username
 * @param changeEmail without {@code autoResolve}, the person may choose another email
 */
public record ConflictPolicy(boolean autoResolve, boolean changeUsername, boolean changeEmail) {
  public static final ConflictPolicy NONE = new ConflictPolicy(false, false, false);
}
