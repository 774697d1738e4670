package dev.foyer.spaces.boundary;

import dev.foyer.spaces.entity.Space;
import java.util.Optional;

/**
 * Settings a door keeps per space in its own table but that the spaces admin API shows and takes as
 * part of the space (URI Auth's signed links: {@code signedLinksRequired}, {@code linkByEmail}, the
 * signing secret). The spaces resource calls every implementation, so the space itself holds
 * nothing of any door. Runs inside the resource's transaction.
 */
public interface DoorSpaceSettings {
  /**
   * A new space: makes the door's settings from the request; a secret to show once, if one was
   * made.
   */
  Optional<String> create(Space space, SpacesResource.SpaceRequest request);

  /** Applies the request's fields this door owns; a field left out (null) stays as it is. */
  void update(Space space, SpacesResource.SpaceRequest request);

  /** The view with this door's fields filled in. */
  SpacesResource.SpaceView show(Space space, SpacesResource.SpaceView view);
}
