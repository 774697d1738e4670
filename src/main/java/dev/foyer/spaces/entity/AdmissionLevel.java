package dev.foyer.spaces.entity;

/**
 * How a participant proved who they are, in the terms of seed 000's event scheduler. An event
 * admits a set of these; URI Auth and programmatic logon count as {@link #NICKNAME}, because the
 * link only asserts a name.
 */
public enum AdmissionLevel {
  NICKNAME,
  NICKNAME_EMAIL,
  GUEST,
  SOCIAL,
  SSO
}
