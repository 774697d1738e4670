package dev.foyer.signin.boundary;

import dev.foyer.signin.entity.AssertedIdentity;
import java.util.Optional;
import org.pac4j.core.profile.CommonProfile;

/**
 * The pac4j profile a door's client produces: it carries the asserted identity and where the
 * participant asked to go, and nothing pac4j-specific leaves the boundary. Kept in the request
 * only (direct clients never save profiles in an HTTP session).
 */
public class AssertedProfile extends CommonProfile {
  private final transient AssertedIdentity identity;
  private final transient Optional<String> eventId;
  private final boolean linkByEmail;

  public AssertedProfile(AssertedIdentity identity, Optional<String> eventId, boolean linkByEmail) {
    this.identity = identity;
    this.eventId = eventId;
    this.linkByEmail = linkByEmail;
    setId(identity.provider() + ":" + identity.externalId().orElse("guest"));
  }

  public AssertedIdentity identity() {
    return identity;
  }

  public Optional<String> eventId() {
    return eventId;
  }

  public boolean linkByEmail() {
    return linkByEmail;
  }
}
