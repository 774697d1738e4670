package dev.foyer.members.entity;

import dev.foyer.spaces.entity.AdmissionLevel;
import java.util.Optional;

/**
 * What a door vouches for, in one shape for every door: the anti-corruption layer between pac4j,
 * JOSE or SAML types and the admission pipeline.
 *
 * @param spaceSlug the space the person signs in to
 * @param door the door they came through, as login records and sessions name it ({@code uri-auth})
 * @param provider the alias their external id is linked under (a door or an identity provider)
 * @param externalId the stable id the upstream system knows them by; empty for a guest
 * @param level what an event must admit for this identity to enter it: a property of how the
 *     identity was asserted (a federated provider is SSO or SOCIAL by its kind), not of the door
 * @param profile names, email and the rest, as asserted now
 * @param changes groups, properties and domains to apply to the member
 * @param policy how admission treats this identity
 * @param upstream the identity provider's own session, kept with Foyer's for single logout
 */
public record AssertedIdentity(
    String spaceSlug,
    String door,
    String provider,
    Optional<String> externalId,
    AdmissionLevel level,
    Member.Profile profile,
    MemberChanges changes,
    AdmissionPolicy policy,
    Optional<UpstreamSession> upstream) {

  /** An identity no single logout reaches (every door but SAML's). */
  public AssertedIdentity(
      String spaceSlug,
      String door,
      String provider,
      Optional<String> externalId,
      AdmissionLevel level,
      Member.Profile profile,
      MemberChanges changes,
      AdmissionPolicy policy) {
    this(spaceSlug, door, provider, externalId, level, profile, changes, policy, Optional.empty());
  }

  public boolean guest() {
    return externalId.isEmpty();
  }
}
