package dev.foyer.sessions.control;

import dev.foyer.sessions.entity.ParticipantSession;
import java.net.URI;
import java.util.Optional;

/**
 * What a door does once Foyer has ended a session the door opened, before the browser goes on to
 * the space's page: a SAML identity provider's single logout, say, where the browser is sent with a
 * signed LogoutRequest and comes back. Doors provide it as a CDI bean; the spine asks each.
 */
public interface SignOutFollowUp {
  /**
   * @param ended the session just ended
   * @param origin Foyer's origin as this request reached it
   * @return where the browser goes instead of the space's page, if anywhere
   */
  Optional<URI> after(ParticipantSession ended, String origin);
}
