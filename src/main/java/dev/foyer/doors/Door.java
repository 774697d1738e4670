package dev.foyer.doors;

import java.util.List;

/**
 * A way in, as a plug-in: one CDI bean per door package describes the door's endpoints, and {@link
 * Pac4jConfiguration} collects every such bean, makes one pac4j client per endpoint and puts the
 * endpoint's guard and security filter in front of its paths. Adding a door adds a package with one
 * of these; nothing outside the package changes.
 *
 * <p>A door only turns a request into an {@link AssertedProfile}. Admission, the session, the
 * redirect and the login record belong to the one pipeline ({@link SignInResponses}).
 */
public interface Door {
  List<DoorEndpoint> endpoints();
}
