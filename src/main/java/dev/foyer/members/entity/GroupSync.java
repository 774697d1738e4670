package dev.foyer.members.entity;

import java.util.List;

/**
 * The groups a source (an identity provider, by its alias) names for a person now, as it sent them:
 * ids or names of the space's groups, and others the space does not know. The member's groups from
 * this source become exactly the ones these values match; groups given another way stay.
 */
public record GroupSync(String source, List<String> values) {
  public GroupSync {
    values = List.copyOf(values);
  }
}
