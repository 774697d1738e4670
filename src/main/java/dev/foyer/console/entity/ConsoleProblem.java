package dev.foyer.console.entity;

import dev.foyer.problems.ProblemCode;

/** The console's refusals. Codes never change. */
public enum ConsoleProblem implements ProblemCode {
  LINK_UNUSABLE("CON1", 400, "This console sign-in link is unknown, used or expired"),
  CSRF_MISSING("CON2", 403, "A console request that changes something must carry its CSRF token"),
  ORIGIN_REFUSED("CON3", 403, "A console request must come from Foyer's own pages"),
  SIGN_IN_OFF("CON4", 404, "Operator sign-in through OpenID Connect is not configured"),
  NO_ROLE("CON5", 403, "The identity provider gives this operator no Foyer role"),
  SIGN_IN_FAILED("CON6", 401, "The identity provider did not sign the operator in");

  private final Definition definition;

  ConsoleProblem(String code, int status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
