package dev.foyer.console.entity;

import java.util.Optional;

/**
 * What an operator may do in the console: the two admin roles of the admin API, with the space a
 * space admin administers.
 */
public record OperatorRole(String role, Optional<String> space) {
  public static final String ADMIN = "foyer-admin";
  public static final String SPACE_ADMIN = "foyer-space-admin";

  public OperatorRole {
    if (!ADMIN.equals(role) && !SPACE_ADMIN.equals(role)) {
      throw new IllegalArgumentException("No operator role " + role);
    }
    if (SPACE_ADMIN.equals(role) && space.isEmpty()) {
      throw new IllegalArgumentException("A space admin administers a space");
    }
    space = ADMIN.equals(role) ? Optional.empty() : space;
  }

  public static OperatorRole admin() {
    return new OperatorRole(ADMIN, Optional.empty());
  }

  public static OperatorRole spaceAdmin(String space) {
    return new OperatorRole(SPACE_ADMIN, Optional.of(space));
  }
}
