package dev.foyer.uriauth.entity;

import dev.foyer.problems.ProblemCode;

/**
 * Refusals of seed 000's doors (URI Auth and programmatic logon) and of signed links. Codes never
 * change; the README lists them.
 */
public enum UriAuthProblem implements ProblemCode {
  GIVEN_NAME_MISSING("UAGN1", 400, "The givenName parameter is missing"),
  FIELD_TOO_LONG("UALEN1", 400, "A parameter is longer than 255 characters"),
  EMAIL_INVALID("UAMAIL1", 400, "The email address is not valid"),
  CONTROL_CHARACTERS("UACTL1", 400, "A parameter contains control characters"),
  EVENT_ID_MALFORMED("UAEV1", 400, "The eventid parameter is not an event id"),
  SIGNATURE_MISSING("UASIG1", 401, "This account requires signed links"),
  SIGNATURE_INVALID("UASIG2", 401, "The link signature is not valid"),
  SIGNATURE_EXPIRED("UASIG3", 401, "The signed link has expired"),
  SIGNATURE_REPLAYED("UASIG4", 401, "The signed link was already used"),
  ORIGIN_NOT_ALLOWED("PLORIG1", 403, "This page may not embed the account's chat");

  private final Definition definition;

  UriAuthProblem(String code, int status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
