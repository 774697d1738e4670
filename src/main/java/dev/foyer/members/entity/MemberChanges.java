package dev.foyer.members.entity;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Membership data a door may carry besides the profile: JWT SSO's groups to join and leave by id,
 * properties and domains; a federated provider's {@link GroupSync}.
 */
public record MemberChanges(
    List<String> groupsJoin,
    List<String> groupsLeave,
    Map<String, String> properties,
    Map<String, String> domainsSet,
    List<String> domainsUnset,
    Optional<GroupSync> groupSync) {
  public static final MemberChanges NONE =
      new MemberChanges(List.of(), List.of(), Map.of(), Map.of(), List.of(), Optional.empty());

  /** Only a provider's group sync. */
  public static MemberChanges synced(GroupSync sync) {
    return new MemberChanges(
        List.of(), List.of(), Map.of(), Map.of(), List.of(), Optional.of(sync));
  }
}
