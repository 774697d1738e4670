package dev.foyer.spaces.boundary;

import dev.foyer.spaces.boundary.SpacesResource.SpaceRequest;
import dev.foyer.spaces.boundary.SpacesResource.SpaceView;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/** A space together with every door's settings of it, as the admin API shows and changes it. */
@ApplicationScoped
public class SpaceViews {
  @Inject Instance<DoorSpaceSettings> doors;

  /** Makes each door's settings for a new space; the secret one of them made, to show once. */
  public Optional<String> created(Space space, SpaceRequest request) {
    Optional<String> secret = Optional.empty();
    for (var door : doors) {
      var made = door.create(space, request);
      secret = made.isPresent() ? made : secret;
    }
    return secret;
  }

  public void update(Space space, SpaceRequest request) {
    doors.forEach(door -> door.update(space, request));
  }

  public SpaceView view(Space space) {
    var view = SpaceView.of(space);
    for (var door : doors) {
      view = door.show(space, view);
    }
    return view;
  }
}
