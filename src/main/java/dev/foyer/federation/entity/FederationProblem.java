package dev.foyer.federation.entity;

import dev.foyer.problems.ProblemCode;

/** Refusals of the federation door (seed 002's codes keep their meaning). */
public enum FederationProblem implements ProblemCode {
  INVALID_PROVIDER_URL("IOU2URL", 400, "Invalid Authorize/AccessToken/GetUserInfo URL"),
  PROVIDER_EXISTS("IDP1", 409, "The space already has an identity provider with this alias"),
  PROVIDER_UNKNOWN("IDP2", 404, "The space has no identity provider with this alias"),
  SSO_NICKNAMES_EXCLUDE_SOCIAL(
      "SSONICK1",
      409,
      "\"Always use SSO nicknames\" and enabled social login providers exclude each other");

  private final Definition definition;

  FederationProblem(String code, int status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
