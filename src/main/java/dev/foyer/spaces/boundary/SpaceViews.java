package dev.foyer.spaces.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.boundary.SpacesResource.SpaceRequest;
import dev.foyer.spaces.boundary.SpacesResource.SpaceView;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** A space together with every door's settings of it, as the admin API shows and changes it. */
@ApplicationScoped
public class SpaceViews {
  @PersistenceContext EntityManager em;
  @Inject Instance<DoorSpaceSettings> doors;

  /**
   * Stores a new space and each door's settings for it; the secret a door made, to show once (the
   * view has one such field, URI Auth's signing secret).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<String> create(Space space, SpaceRequest request) {
    try {
      em.persist(space);
      // The space's row first: door settings refer to it by a foreign key the mapping does not
      // know. A concurrent create of the same slug fails here, on the unique constraint, and is
      // answered like SpacesResource's check rather than as a failed commit (500).
      em.flush();
    } catch (PersistenceException raced) {
      throw new GatewayProblem(
          ProblemType.SPACE_EXISTS, "The slug '" + space.slug() + "' is taken.");
    }
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
