package dev.foyer.problems;

import java.net.URI;

/** RFC 9457 problem details, with Foyer's stable {@code code} as an extension member. */
public record Problem(
    URI type, String title, int status, String detail, URI instance, String code) {

  public static Problem of(ProblemCode type, String detail, URI instance) {
    return new Problem(type.uri(), type.title(), type.status(), detail, instance, type.code());
  }
}
