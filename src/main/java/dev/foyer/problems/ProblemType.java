package dev.foyer.problems;

/**
 * The refusals of the spine: requests, spaces and events, admission, sessions, the admin API. Each
 * door keeps its own codes in an enum of its own package implementing {@link ProblemCode}. Codes
 * never change.
 */
public enum ProblemType implements ProblemCode {
  // Requests any door refuses before looking at them.
  METHOD_NOT_ALLOWED("REQ405", 405, "Method not allowed"),
  REQUEST_TOO_LARGE("REQ413", 413, "Request too large"),
  LENGTH_REQUIRED("REQ411", 411, "Content length required"),
  UNSUPPORTED_MEDIA_TYPE("REQ415", 415, "Unsupported media type"),
  MALFORMED_BODY("REQ400", 400, "Malformed request body"),
  MALFORMED_ENCODING("ENC1", 400, "Malformed percent-encoding or invalid UTF-8"),

  // Every door: the space, the event and its levels, parameters (seed 000 named them first).
  ACCOUNT_MISSING("UAACCT1", 400, "The account parameter is missing"),
  ACCOUNT_UNKNOWN("UAACCT2", 404, "No such account"),
  PARAMETER_REPEATED("UADUP1", 400, "A parameter is given more than once"),
  EVENT_UNKNOWN("UAEV2", 404, "No such event"),
  // UAEV3 ("the event belongs to another account") is retired: event ids are per space, so
  // another space's event is UAEV2 like any id this space does not have.
  EVENT_LEVEL_NOT_ADMITTED("UAEV4", 403, "The event does not admit this way of signing in"),
  CREDENTIAL_RACED("REQ409", 409, "The same credential was presented twice at once"),
  NAME_INVISIBLE("NAME1", 400, "A name is made only of invisible characters"),
  EXTERNAL_ID_SPACED(
      "XID1", 400, "An external id starts or ends with a space or an invisible character"),
  SECRETS_KEY_WRONG(
      "KEY1", 503, "Foyer's secrets key does not open the stored secrets; try again later"),

  // Admission of a member (every door).
  MEMBER_DEACTIVATED("MBR1", 403, "This member has been deactivated"),
  MEMBER_REJECTED("MBR2", 403, "This member has been rejected"),
  GROUP_UNKNOWN("MBR3", 400, "Unknown group"),
  PROPERTY_UNKNOWN("MBR4", 400, "Unknown custom property"),
  // Seed 002's "SSO Conflicts": another member holds the asserted value (federated providers).
  USERNAME_CONFLICT("CNF1", 409, "Another member of this space has this username"),
  EMAIL_CONFLICT("CNF2", 409, "Another member of this space has this email"),
  USERNAME_INVALID("CNF3", 400, "Not a username"),
  USERNAME_TAKEN("CNF4", 409, "This username is taken in this space"),
  EMAIL_INVALID("CNF5", 400, "Not an email address"),
  USERNAME_LOOKALIKE("CNF6", 409, "Looks like another member's username"),

  // A member's own changes (PATCH /api/me).
  NICKNAME_LOCKED("NICK1", 403, "This space always uses the nickname from single sign-on"),
  NICKNAME_INVALID("NICK2", 400, "Not a nickname"),

  // Sessions.
  SESSION_REQUIRED("SES1", 401, "Not signed in"),
  SESSION_ACCOUNT_AMBIGUOUS("SES2", 400, "Signed in to several accounts: name one with ?account="),
  LOGOUT_ORIGIN_REFUSED("SES3", 403, "This page may not sign the participant out of that account"),

  // Administration API.
  ADMIN_INVALID("ADM1", 400, "The request is not valid"),
  SPACE_EXISTS("ADM2", 409, "A space with this slug exists"),
  SPACE_UNKNOWN("ADM3", 404, "No such space"),
  EVENT_EXISTS("ADM4", 409, "An event with this id exists"),
  ADMIN_EVENT_UNKNOWN("ADM5", 404, "No such event"),
  MEMBER_UNKNOWN("ADM6", 404, "No such member"),
  SPACE_FORBIDDEN("ADM7", 403, "This token may not administer that space"),
  MEMBER_EXISTS("ADM8", 409, "A member with this email exists"),

  // A space's configuration imported as a document (PUT /api/admin/spaces/{slug}/configuration).
  IMPORT_VERSION("IMPORT1", 400, "Not a Foyer configuration document of a version Foyer reads"),
  IMPORT_UNKNOWN_FIELD("IMPORT2", 400, "The document has a field Foyer does not know"),
  IMPORT_DUPLICATE("IMPORT3", 400, "The document names one thing twice"),
  IMPORT_SECRET_MISSING(
      "IMPORT4", 400, "An identity provider needs a client secret the document does not carry"),
  IMPORT_GROUPS_LEFT_OUT("IMPORT5", 409, "The space has groups the document does not name"),

  // Anything else.
  NOT_FOUND("GEN404", 404, "Not found"),
  NOT_ACCEPTABLE("GEN406", 406, "None of the accepted media types can be produced"),
  FORBIDDEN("GEN403", 403, "Forbidden"),
  UNAUTHORIZED("GEN401", 401, "Authentication required"),
  BAD_REQUEST("GEN400", 400, "Bad request"),
  INTERNAL("GEN500", 500, "Internal error");

  private final Definition definition;

  ProblemType(String code, int status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }

  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 411 -> LENGTH_REQUIRED;
      case 413 -> REQUEST_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      default -> INTERNAL;
    };
  }
}
