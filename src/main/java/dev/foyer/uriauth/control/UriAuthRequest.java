package dev.foyer.uriauth.control;

import dev.foyer.members.entity.AdmissionPolicy;
import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.MemberChanges;
import dev.foyer.members.entity.ProfileField;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.entity.AdmissionLevel;
import dev.foyer.spaces.entity.Event;
import dev.foyer.uriauth.entity.UriAuthProblem;
import dev.foyer.web.DisplayNames;
import dev.foyer.web.WebAddresses;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A URI Auth request's parameters, checked (seed 000's table plus Foyer's limits). Parsing is pure:
 * it needs no space and no database, so every rule here is unit-tested.
 *
 * @param parameters every parameter as received (one value each), for the signature's canonical
 *     form
 */
public record UriAuthRequest(
    String account,
    String givenName,
    Optional<String> familyName,
    Optional<String> email,
    Optional<String> uid,
    Optional<String> eventId,
    Optional<String> timestamp,
    Optional<String> signature,
    SortedMap<String, String> parameters) {

  public static final int MAX_LENGTH = 255;

  public static UriAuthRequest parse(Map<String, List<String>> raw) {
    var parameters = new TreeMap<String, String>();
    raw.forEach(
        (name, values) -> {
          if (values.size() > 1) {
            throw new GatewayProblem(
                ProblemType.PARAMETER_REPEATED,
                "The parameter \"" + printable(name) + "\" is given more than once.");
          }
          parameters.put(name, values.isEmpty() ? "" : values.get(0));
        });
    parameters.forEach(
        (name, value) -> {
          if (hasControlCharacters(name) || hasControlCharacters(value)) {
            throw new GatewayProblem(
                UriAuthProblem.CONTROL_CHARACTERS,
                "The parameter \"" + printable(name) + "\" contains control characters.");
          }
          if (name.length() > MAX_LENGTH || value.length() > MAX_LENGTH) {
            throw new GatewayProblem(
                UriAuthProblem.FIELD_TOO_LONG,
                "The parameter \"" + printable(name) + "\" is longer than 255 characters.");
          }
        });
    var account =
        present(parameters, "account")
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        ProblemType.ACCOUNT_MISSING,
                        "Say which account to sign in to with the account parameter."));
    var givenName =
        name(parameters, "givenName")
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        UriAuthProblem.GIVEN_NAME_MISSING, "The givenName parameter is required."));
    var email = present(parameters, "email");
    if (email.isPresent() && !WebAddresses.isEmail(email.get())) {
      throw new GatewayProblem(
          UriAuthProblem.EMAIL_INVALID, "The email parameter is not a valid email address.");
    }
    var eventId = present(parameters, "eventid");
    if (eventId.isPresent() && !Event.ID.matcher(eventId.get()).matches()) {
      throw new GatewayProblem(
          UriAuthProblem.EVENT_ID_MALFORMED,
          "The eventid parameter must be an event id (letters, digits, '-' and '_').");
    }
    return new UriAuthRequest(
        account,
        givenName,
        name(parameters, "familyName"),
        email,
        externalId(parameters, "uid"),
        eventId,
        present(parameters, "ts"),
        present(parameters, "sig"),
        parameters);
  }

  /**
   * @param signed whether the request carried a valid signature of the space; only then does its
   *     email count as vouched for
   * @param linkByEmail whether the space links signed requests to members by email
   */
  public AssertedIdentity toIdentity(
      String door, String provider, boolean signed, boolean linkByEmail) {
    var profile =
        Member.Profile.named(givenName, givenName)
            .withFamilyName(familyName.orElse(null))
            .withEmail(email.orElse(null));
    // The CRM that builds the link is the source of truth for the name it shows: take it every
    // time.
    var policy =
        new AdmissionPolicy(
            signed,
            signed && linkByEmail,
            EnumSet.of(ProfileField.NAMES, ProfileField.EMAIL),
            false,
            false);
    // Seed 000: URI Auth participants are admitted where an event allows nickname only.
    return new AssertedIdentity(
        account, door, provider, uid, AdmissionLevel.NICKNAME, profile, MemberChanges.NONE, policy);
  }

  /** Blank counts as absent: a form posts empty fields for what the user left out. */
  private static Optional<String> present(Map<String, String> parameters, String name) {
    return Optional.ofNullable(parameters.get(name))
        .map(String::strip)
        .filter(value -> !value.isEmpty());
  }

  /**
   * A name as {@link DisplayNames} keeps it (NFC, ends cut); absent when blank, refused when it is
   * nothing but invisible characters.
   */
  private static Optional<String> name(Map<String, String> parameters, String name) {
    var outcome = DisplayNames.of(parameters.get(name));
    if (outcome instanceof DisplayNames.Invisible) {
      throw new GatewayProblem(
          ProblemType.NAME_INVISIBLE,
          "The parameter \"" + name + "\" is made only of invisible characters.");
    }
    if (outcome instanceof DisplayNames.Name kept) {
      if (kept.value().length() > MAX_LENGTH) {
        throw new GatewayProblem(
            UriAuthProblem.FIELD_TOO_LONG,
            "The parameter \"" + name + "\" is longer than 255 characters.");
      }
      return Optional.of(kept.value());
    }
    return Optional.empty();
  }

  /**
   * An external id exactly as sent, never cut: "42" and "42 " would be two people, so an id with a
   * space (or an invisible character) at either end is refused rather than guessed at. Blank counts
   * as absent, as a form posts an empty field.
   */
  private static Optional<String> externalId(Map<String, String> parameters, String name) {
    var value = parameters.get(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (DisplayNames.hasEdgeSpace(value)) {
      throw new GatewayProblem(
          ProblemType.EXTERNAL_ID_SPACED,
          "The parameter \""
              + name
              + "\" starts or ends with a space or an invisible character; Foyer never trims an"
              + " id, so send it exactly as your system stores it.");
    }
    return Optional.of(value);
  }

  /** C0, DEL and C1 controls, and the bidi overrides that make a name display as something else. */
  static boolean hasControlCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)
          || (c >= '\u202A' && c <= '\u202E')
          || (c >= '\u2066' && c <= '\u2069')) {
        return true;
      }
    }
    return false;
  }

  private static String printable(String name) {
    var cleaned =
        name.codePoints()
            .filter(cp -> !Character.isISOControl(cp))
            .limit(40)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return cleaned.length() < name.length() ? cleaned + "…" : cleaned;
  }
}
