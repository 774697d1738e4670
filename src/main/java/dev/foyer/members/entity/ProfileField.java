package dev.foyer.members.entity;

/**
 * The parts of a member's profile an identity provider may keep in sync. A door (or a space's SSO
 * settings) names the fields that are replaced at every sign-in, Keycloak's "force" sync; all other
 * fields are only imported when the member is created.
 */
public enum ProfileField {
  NAMES,
  /** Seed 002's username; a door that asserts none (every door but federation) clears it. */
  USERNAME,
  EMAIL,
  TITLE,
  AVATAR,
  LANGUAGE,
  TIME_ZONE
}
