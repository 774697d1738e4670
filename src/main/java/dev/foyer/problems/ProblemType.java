package dev.foyer.problems;


import java.net.URI;
import java.util.Locale;

/** Every refusal Foyer makes, with the code users and integrators see. Codes never change. */
public enum ProblemType {
  // Requests any door refuses before looking at them.
  METHOD_NOT_ALLOWED("REQ405", 405, "Method not allowed"),
  REQUEST_TOO_LARGE("REQ413", 413, "Request too large"),
  LENGTH_REQUIRED("REQ411", 411, "Content length required"),
  UNSUPPORTED_MEDIA_TYPE("REQ415", 415, "Unsupported media type"),
  MALFORMED_BODY("REQ400", 400, "Malformed request body"),

  // URI Auth and programmatic logon (seed 000).
  ACCOUNT_MISSING("UAACCT1", 400, "The account parameter is missing"),
  ACCOUNT_UNKNOWN("UAACCT2", 404, "No such account"),
  GIVEN_NAME_MISSING("UAGN1", 400, "The givenName parameter is missing"),
  FIELD_TOO_LONG("UALEN1", 400, "A parameter is longer than 255 characters"),
  EMAIL_INVALID("UAMAIL1", 400, "The email address is not valid"),
  CONTROL_CHARACTERS("UACTL1", 400, "A parameter contains control characters"),
  PARAMETER_REPEATED("UADUP1", 400, "A parameter is given more than once"),
  EVENT_ID_MALFORMED("UAEV1", 400, "The eventid parameter is not an event id"),
  EVENT_UNKNOWN("UAEV2", 404, "No such event"),
  EVENT_OF_ANOTHER_SPACE("UAEV3", 404, "The event belongs to another account"),
  EVENT_LEVEL_NOT_ADMITTED("UAEV4", 403, "The event does not admit this way of signing in"),
  SIGNATURE_MISSING("UASIG1", 401, "This account requires signed links"),
  SIGNATURE_INVALID("UASIG2", 401, "The link signature is not valid"),
  SIGNATURE_EXPIRED("UASIG3", 401, "The signed link has expired"),
  SIGNATURE_REPLAYED("UASIG4", 401, "The signed link was already used"),
  CREDENTIAL_RACED("REQ409", 409, "The same credential was presented twice at once"),
  ORIGIN_NOT_ALLOWED("PLORIG1", 403, "This page may not embed the account's chat"),

  // JWT SSO (seeds 001/003).
  SSO_SPACE_UNKNOWN("JWT16", 404, "No such space"),
  SSO_DISABLED("JWT17", 403, "JWT SSO is not enabled for this space"),
  JWT_MISSING("JWT1", 400, "The ms_token parameter is missing"),
  JWT_TOO_LARGE("JWT2", 400, "The token is too large"),
  JWT_MALFORMED("JWT3", 400, "The token is not a signed JWT"),
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
  EMBED_ORIGIN_NOT_ALLOWED("JWT18", 403, "This page may not embed the space"),

  // Password sign-in (members created with a password).
  PASSWORD_REFUSED("PWD1", 401, "Wrong email or password"),

  // Admission of a member (every door).
  MEMBER_DEACTIVATED("MBR1", 403, "This member has been deactivated"),
  MEMBER_REJECTED("MBR2", 403, "This member has been rejected"),
  GROUP_UNKNOWN("MBR3", 400, "Unknown group"),
  PROPERTY_UNKNOWN("MBR4", 400, "Unknown custom property"),

  // Sessions.
  SESSION_REQUIRED("SES1", 401, "Not signed in"),
  SESSION_ACCOUNT_AMBIGUOUS("SES2", 400, "Signed in to several accounts: name one with ?account="),

  // Administration API.
  ADMIN_INVALID("ADM1", 400, "The request is not valid"),
  SPACE_EXISTS("ADM2", 409, "A space with this slug exists"),
  SPACE_UNKNOWN("ADM3", 404, "No such space"),
  EVENT_EXISTS("ADM4", 409, "An event with this id exists"),
  ADMIN_EVENT_UNKNOWN("ADM5", 404, "No such event"),
  MEMBER_UNKNOWN("ADM6", 404, "No such member"),
  SPACE_FORBIDDEN("ADM7", 403, "This token may not administer that space"),
  MEMBER_EXISTS("ADM8", 409, "A member with this email exists"),

  // Anything else.
  NOT_FOUND("GEN404", 404, "Not found"),
  NOT_ACCEPTABLE("GEN406", 406, "None of the accepted media types can be produced"),
  FORBIDDEN("GEN403", 403, "Forbidden"),
  UNAUTHORIZED("GEN401", 401, "Authentication required"),
  BAD_REQUEST("GEN400", 400, "Bad request"),
  INTERNAL("GEN500", 500, "Internal error");

  private final String code;
  private final int status;
  private final String title;

  ProblemType(String code, int status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** RFC 9457 §3.1.1: a URI reference; relative, so it resolves to this server's error list. */
  public URI uri() {
    return URI.create("/errors#" + code.toLowerCase(Locale.ROOT));
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
