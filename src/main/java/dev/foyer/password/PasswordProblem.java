package dev.foyer.password;

import dev.foyer.problems.ProblemCode;

/** Refusals of the password door. Codes never change; the README lists them. */
public enum PasswordProblem implements ProblemCode {
  PASSWORD_REFUSED("PWD1", 401, "Wrong email or password"),
  THROTTLED("PWD2", 429, "Too many failed sign-ins"),
  CREDENTIALS_IN_QUERY("PWD3", 400, "Credentials in the query string");

  private final Definition definition;

  PasswordProblem(String code, int status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
