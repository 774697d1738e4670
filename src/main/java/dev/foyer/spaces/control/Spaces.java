package dev.foyer.spaces.control;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.entity.Event;
import dev.foyer.spaces.entity.Space;
import dev.foyer.spaces.entity.SpaceGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finding spaces and events, and the only place that knows where they live in URL space. */
@ApplicationScoped
public class Spaces {
  /** Lower-case letters, digits and inner '-': safe in a path and in a cookie name. */
  public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

  @PersistenceContext EntityManager em;
  @Inject Instance<SpaceAddresses> addresses;

  public Optional<Space> bySlug(String slug) {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      return Optional.empty();
    }
    return em.createNamedQuery(Space.BY_SLUG, Space.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst();
  }

  /**
   * The space a request names by its slug.
   *
   * @throws GatewayProblem {@code UAACCT2} (404) when there is none
   */
  public Space named(String slug) {
    return bySlug(slug)
        .orElseThrow(
            () ->
                new GatewayProblem(
                    ProblemType.ACCOUNT_UNKNOWN, "There is no account named like that."));
  }

  public Optional<Space> byId(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(em.find(Space.class, id));
  }

  /** The space's event with that id; another space's event of the same id is never found. */
  public Optional<Event> event(Space space, String id) {
    if (id == null || !Event.ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return em.createNamedQuery(Event.IN_SPACE, Event.class)
        .setParameter("space", space)
        .setParameter("id", id)
        .getResultStream()
        .findFirst();
  }

  public List<Event> events(Space space) {
    return em.createNamedQuery(Event.OF_SPACE, Event.class)
        .setParameter("space", space)
        .getResultList();
  }

  public List<SpaceGroup> groups(Space space) {
    return em.createNamedQuery(SpaceGroup.OF_SPACE, SpaceGroup.class)
        .setParameter("space", space)
        .getResultList();
  }

  /** Exact match against each space's list; the LIKE only narrows the candidates. */
  public boolean anySpaceAllowsOrigin(String origin) {
    if (origin.indexOf('%') >= 0 || origin.indexOf('_') >= 0 || origin.indexOf('\\') >= 0) {
      return false;
    }
    return em.createQuery("select s from Space s where s.allowedOrigins like :pattern", Space.class)
        .setParameter("pattern", "%" + origin + "%")
        .getResultStream()
        .anyMatch(space -> space.allowsOrigin(origin));
  }

  /**
   * A requested path (JWT SSO's {@code referrerUrl}) if it lies inside the space; see {@link
   * SpacePaths}.
   */
  public Optional<URI> inside(Space space, String requested) {
    var prefixes = new ArrayList<String>();
    prefixes.add(home(space).toString());
    addresses.forEach(door -> prefixes.addAll(door.prefixes(space)));
    return SpacePaths.inside(prefixes, requested);
  }

  /** Where a participant lands in the space: its configured landing URL or Foyer's own page. */
  public static URI landing(Space space) {
    return space.landingUrl().orElseGet(() -> home(space));
  }

  public static URI home(Space space) {
    return URI.create("/spaces/" + space.slug());
  }

  public static URI eventPage(Event event) {
    return URI.create("/spaces/" + event.space().slug() + "/events/" + event.id());
  }
}
