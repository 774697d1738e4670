package dev.foyer.members.entity;

import java.util.Optional;

/**
 * Who an identity provider said the person is and which of its own sessions it was (SAML: the
 * NameID, its format and the SessionIndex): kept with the Foyer session it opens, for single
 * logout.
 */
public record UpstreamSession(
    String subject, Optional<String> subjectFormat, Optional<String> index) {
  public static final int MAX_SUBJECT = 1024;
  public static final int MAX_VALUE = 255;

  /** The values, cut to their columns' lengths (a longer one cannot be matched anyway). */
  public UpstreamSession {
    if (subject == null || subject.isEmpty() || subject.length() > MAX_SUBJECT) {
      throw new IllegalArgumentException("an upstream subject is 1 to 1024 characters");
    }
    subjectFormat = subjectFormat.filter(format -> format.length() <= MAX_VALUE);
    index = index.filter(value -> value.length() <= MAX_VALUE);
  }
}
