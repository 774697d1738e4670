package dev.foyer.federation.entity;

import dev.foyer.problems.ProblemCode;

/** Refusals of the federation door (seed 002's codes keep their meaning). */
public enum FederationProblem implements ProblemCode {
  INVALID_PROVIDER_URL("IOU2URL", 400, "Invalid Authorize/AccessToken/GetUserInfo URL"),
  PROVIDER_EXISTS("IDP1", 409, "The space already has an identity provider with this alias"),
  PROVIDER_UNKNOWN("IDP2", 404, "The space has no identity provider with this alias"),
  ALIAS_RESERVED("IDP3", 400, "This alias is reserved for one of Foyer's own doors"),
  MEMBERS_WOULD_MOVE(
      "IDP4",
      409,
      "The provider has members; this change would hand them to another identity source"),
  // Seed 002's codes, with its meanings.
  CALLBACK_UNPARSABLE("O1PACE", 400, "Error parsing authorization callback"),
  REQUEST_TOKEN_FAILED("O1RSE", 502, "Error getting request secret from request token"),
  ACCESS_TOKEN_FAILED("O1GATE", 502, "Error getting access token from request token and secret"),
  USER_INFO_UNREACHABLE("TO1", 502, "Error getting user information from identity provider"),
  USER_INFO_REFUSED("TO2", 502, "Error getting user information from identity provider"),
  USER_INFO_NOT_JSON("DEO1", 502, "Error decoding user information from the identity provider"),
  USER_INFO_NOT_OBJECT("DEO2", 502, "Error decoding user information from the identity provider"),
  UNIQUE_VALUE_NOT_TEXT("DEO3", 502, "Error decoding user information from the identity provider"),
  RESPONSE_UNREADABLE("RR1", 502, "Error reading response from identity provider"),
  UNIQUE_VALUE_EMPTY("UM1", 502, "User ID returned by identity provider is empty"),
  CODE_NOT_EXCHANGED("CO1", 502, "Error converting authorization code into a token"),
  // Foyer's own.
  FLOW_UNKNOWN("FLOW1", 400, "No sign-in is waiting for this answer"),
  FLOW_FINISHED("FLOW2", 409, "This sign-in was already finished"),
  STATE_MISMATCH("FLOW3", 400, "The answer's state is not this sign-in's"),
  ISSUER_MISMATCH("FLOW4", 400, "The answer comes from another identity provider"),
  PROVIDER_REFUSED("FLOW5", 401, "The identity provider did not sign the person in"),
  TOO_MANY_PENDING("FLOW6", 429, "Too many sign-ins are waiting for this identity provider"),
  CHOICE_FOREIGN("FLOW7", 403, "This choice was sent from another site's page"),
  ID_TOKEN_INVALID("OIDC1", 401, "The ID token failed verification"),
  DISCOVERY_FAILED("OIDC2", 502, "The identity provider's OpenID configuration is unusable"),
  USER_INFO_OTHER_SUBJECT("OIDC3", 502, "The user info is about another person than the ID token"),
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
