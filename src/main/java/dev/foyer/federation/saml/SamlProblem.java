package dev.foyer.federation.saml;

import dev.foyer.problems.ProblemCode;

/**
 * Refusals of SAML 2.0 sign-in. Seed 002 names three ({@code SML2GCFE}, {@code SML2NIA1}, {@code
 * SML2IT1}) and {@code SML2RE1} for the rest; Foyer's own say more precisely what was wrong, so an
 * administrator knows which side to fix.
 */
public enum SamlProblem implements ProblemCode {
  // Seed 002's codes, with its meanings.
  METADATA_UNUSABLE("SML2GCFE", 502, "The identity provider's SAML metadata cannot be read"),
  AUDIENCE_MISMATCH("SML2NIA1", 403, "The SAML assertion is not addressed to this space"),
  OUTSIDE_VALIDITY("SML2IT1", 403, "The SAML assertion is expired or not yet valid"),
  RESPONSE_REFUSED("SML2RE1", 400, "The SAML response could not be used"),
  // Foyer's own.
  SIGNATURE_INVALID(
      "SML2SIG1", 403, "The SAML response carries no valid signature of the identity provider"),
  AMBIGUOUS_DOCUMENT(
      "SML2XSW1", 403, "The SAML response holds duplicate IDs or more than one assertion"),
  WRONG_DESTINATION("SML2DST1", 403, "The SAML response was sent to another address"),
  WRONG_ISSUER("SML2ISS1", 403, "The SAML response was issued by another identity provider"),
  NOT_IN_RESPONSE("SML2IRT1", 403, "The SAML response answers a request this sign-in did not send"),
  REPLAYED("SML2REP1", 409, "This SAML assertion was used before"),
  NOT_ENCRYPTED("SML2ENC1", 403, "The SAML assertion must be encrypted and could not be decrypted"),
  IDP_REFUSED("SML2ST1", 401, "The identity provider did not sign the person in"),
  UNSOLICITED(
      "SML2IDP1", 403, "This provider does not accept sign-ins its identity provider starts");

  private final Definition definition;

  SamlProblem(String code, int status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
