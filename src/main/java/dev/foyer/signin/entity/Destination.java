package dev.foyer.signin.entity;

import java.util.Optional;

/**
 * Where the participant asked to go: an event (URI Auth's {@code eventid}) or a path inside the
 * space (JWT SSO's {@code referrerUrl}). Doors pass what they received; the pipeline decides.
 */
public record Destination(Optional<String> eventId, Optional<String> path) {
  public static final Destination HOME = new Destination(Optional.empty(), Optional.empty());

  public static Destination event(Optional<String> eventId) {
    return new Destination(eventId, Optional.empty());
  }

  public static Destination path(Optional<String> path) {
    return new Destination(Optional.empty(), path);
  }
}
