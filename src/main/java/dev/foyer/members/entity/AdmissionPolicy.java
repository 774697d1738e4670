package dev.foyer.members.entity;

import java.util.Set;

/**
 * How admission treats one asserted identity, decided by its door and space.
 *
 * @param emailVerified the door vouches for the email (a signed link, a JWT): only such an email is
 *     stored as verified, and only a verified email may be linked by
 * @param linkByEmail attach an unknown external id to the member already holding the same verified
 *     email
 * @param forceSync the profile fields replaced at every sign-in; the rest are set on creation only
 * @param newMemberOnEmailChange a known external id arriving with another email starts a new member
 *     (seeds 001/003's documented behaviour, a space setting)
 * @param resolvesConflicts the space's conflict options (seed 002's "SSO Conflicts") apply: an
 *     asserted username or email another member of the space holds is taken from them or refused;
 *     federated providers only, every other door passes false and keeps its behaviour
 */
public record AdmissionPolicy(
    boolean emailVerified,
    boolean linkByEmail,
    Set<ProfileField> forceSync,
    boolean newMemberOnEmailChange,
    boolean resolvesConflicts) {}
