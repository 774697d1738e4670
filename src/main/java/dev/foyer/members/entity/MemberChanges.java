package dev.foyer.members.entity;

import java.util.List;
import java.util.Map;

/** Membership data a door may carry besides the profile (JWT SSO's groups, properties, domains). */
public record MemberChanges(
    List<String> groupsJoin,
    List<String> groupsLeave,
    Map<String, String> properties,
    Map<String, String> domainsSet,
    List<String> domainsUnset) {
  public static final MemberChanges NONE =
      new MemberChanges(List.of(), List.of(), Map.of(), Map.of(), List.of());
}
