package dev.foyer.doors;

import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.signin.entity.Destination;
import org.pac4j.core.profile.CommonProfile;

/**
 * The pac4j profile a door's client produces: it carries the asserted identity and where the
 * participant asked to go, and nothing pac4j-specific leaves the boundary. Kept in the request only
 * (direct clients never save profiles in an HTTP session).
 */
public class AssertedProfile extends CommonProfile {
  private final transient AssertedIdentity identity;
  private final transient Destination destination;

  public AssertedProfile(AssertedIdentity identity, Destination destination) {
    this.identity = identity;
    this.destination = destination;
    setId(identity.provider() + ":" + identity.externalId().orElse("guest"));
  }

  public AssertedIdentity identity() {
    return identity;
  }

  public Destination destination() {
    return destination;
  }
}
