package dev.foyer.signin.entity;

import dev.foyer.spaces.entity.AdmissionLevel;

/**
 * The ways in. Each door only turns a request into an {@link AssertedIdentity}; the level is what
 * an event must admit for the door's participants to enter it.
 */
public enum Door {
  URI_AUTH("uri-auth", AdmissionLevel.NICKNAME),
  PROGRAMMATIC_LOGON("programmatic-logon", AdmissionLevel.NICKNAME),
  JWT_SSO("jwt-sso", AdmissionLevel.SSO),
  PASSWORD("password", AdmissionLevel.NICKNAME_EMAIL);

  private final String alias;
  private final AdmissionLevel level;

  Door(String alias, AdmissionLevel level) {
    this.alias = alias;
    this.level = level;
  }

  /** The provider alias linked identities of this door are stored under. */
  public String alias() {
    return alias;
  }

  public AdmissionLevel level() {
    return level;
  }
}
