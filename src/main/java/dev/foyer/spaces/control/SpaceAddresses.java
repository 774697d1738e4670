package dev.foyer.spaces.control;

import dev.foyer.spaces.entity.Space;
import java.util.List;

/**
 * Paths a door serves a space under besides Foyer's own {@code /spaces/{slug}} (JWT SSO's {@code
 * /spot/{id}}). A requested path under any of them lies inside the space. Implemented by doors,
 * collected by {@link Spaces}.
 */
public interface SpaceAddresses {
  List<String> prefixes(Space space);
}
