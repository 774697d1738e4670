package dev.foyer.jwtsso.entity;

import dev.foyer.problems.ProblemCode;

/** Refusals of the JWT SSO door (seeds 001/003). Codes never change; the README lists them. */
public enum JwtSsoProblem implements ProblemCode {
  SSO_SPACE_UNKNOWN("JWT16", 404, "No such space"),
  SSO_DISABLED("JWT17", 403, "JWT SSO is not enabled for this space"),
  JWT_MISSING("JWT1", 400, "The ms_token parameter is missing"),
  JWT_TOO_LARGE("JWT2", 400, "The token is too large"),
  JWT_MALFORMED("JWT3", 400, "The token is not a signed JWT in canonical compact form"),
  JWT_ENCRYPTED("JWT4", 400, "Encrypted tokens are not accepted"),
  JWT_ALGORITHM("JWT5", 401, "The token's algorithm is not accepted"),
  JWT_SIGNATURE("JWT6", 401, "The token's signature is not valid"),
  JWT_EXP_MISSING("JWT7", 401, "The token has no expiry"),
  JWT_EXPIRED("JWT8", 401, "The token has expired"),
  JWT_NOT_YET_VALID("JWT9", 401, "The token is not valid yet"),
  JWT_LIFETIME("JWT10", 401, "The token lives too long"),
  JWT_REPLAYED("JWT11", 401, "The token was already used"),
  JWT_CLAIM_MISSING("JWT12", 400, "A required claim is missing"),
  JWT_CLAIM_INVALID("JWT13", 400, "A claim has the wrong type or is too long"),
  JWT_EMAIL_INVALID("JWT14", 400, "The email claim is not a valid address"),
  JWT_AVATAR_INVALID("JWT15", 400, "The avatarUrl claim is not an http(s) URL"),
  EMBED_ORIGIN_NOT_ALLOWED("JWT18", 403, "This page may not embed the space");

  private final Definition definition;

  JwtSsoProblem(String code, int status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
