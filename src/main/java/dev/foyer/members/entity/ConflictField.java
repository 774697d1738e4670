package dev.foyer.members.entity;

/** What two members of a space may not share (seed 002's "SSO Conflicts"). */
public enum ConflictField {
  USERNAME,
  EMAIL
}
