package dev.foyer.problems;

import java.net.URI;
import java.util.Locale;

/**
 * A kind of refusal: the stable code users and integrators see, its HTTP status and a title.
 * Implemented by enums: {@link ProblemType} for the spine, and one per door in the door's own
 * package, so a new door adds its codes without editing the error model.
 */
public interface ProblemCode {
  /** What an enum constant states once; the accessors below read it. */
  record Definition(String code, int status, String title) {}

  Definition definition();

  default String code() {
    return definition().code();
  }

  default int status() {
    return definition().status();
  }

  default String title() {
    return definition().title();
  }

  /** RFC 9457 §3.1.1: a URI reference; relative, so it resolves to this server's error list. */
  default URI uri() {
    return URI.create("/errors#" + code().toLowerCase(Locale.ROOT));
  }
}
