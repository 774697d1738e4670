package dev.foyer.spaces.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.secrets.Randomness;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.AdmissionLevel;
import dev.foyer.spaces.entity.Event;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

@RequestScoped
@Path("/api/admin/spaces/{slug}/events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class EventsResource {
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  static final int MAX_LEVELS = 10;

  @PersistenceContext EntityManager em;
  @Inject Spaces spaces;
  @Inject AdminScope scope;

  @PathParam("slug")
  String slug;

  @GET
  public List<EventView> list() {
    return spaces.events(scope.space(slug)).stream().map(EventView::of).toList();
  }

  /** Seed 000's scheduler: the admitted levels decide who may enter; URI Auth needs NICKNAME. */
  @POST
  public Response create(EventRequest request) {
    var event = add(scope.space(slug), request);
    return Response.created(URI.create("/api/admin/spaces/" + slug + "/events/" + event.id()))
        .entity(EventView.of(event))
        .build();
  }

  /** A new event of the space, checked as {@code POST} checks it. */
  Event add(Space space, EventRequest request) {
    if (request == null) {
      throw SpacesResource.invalid("a JSON object is required");
    }
    var id = request.id() == null ? newId() : request.id();
    if (!Event.ID.matcher(id).matches()) {
      throw SpacesResource.invalid("id: letters, digits, '-' and '_', at most 64 characters");
    }
    if (spaces.event(space, id).isPresent()) {
      throw taken(id);
    }
    var event =
        new Event(
            id,
            space,
            title(request.title()),
            levels(request.admittedLevels(), EnumSet.of(AdmissionLevel.NICKNAME)));
    schedule(event, request);
    try {
      em.persist(event);
      // A concurrent create of the same id in this space fails here, on the unique constraint,
      // and is answered like the check above rather than at commit.
      em.flush();
    } catch (PersistenceException raced) {
      throw taken(id);
    }
    return event;
  }

  @GET
  @Path("{eventId}")
  public EventView get(@PathParam("eventId") String eventId) {
    return EventView.of(event(scope.space(slug), eventId));
  }

  @PATCH
  @Path("{eventId}")
  public EventView update(@PathParam("eventId") String eventId, EventRequest request) {
    var event = event(scope.space(slug), eventId);
    if (request == null) {
      throw SpacesResource.invalid("a JSON object is required");
    }
    var title = request.title() == null ? null : title(request.title());
    var levels =
        request.admittedLevels() == null
            ? null
            : levels(request.admittedLevels(), EnumSet.noneOf(AdmissionLevel.class));
    if (title != null) {
      event.retitle(title);
    }
    if (levels != null) {
      event.admit(levels);
    }
    if (request.startsAt() != null || request.endsAt() != null) {
      schedule(
          event,
          new EventRequest(
              null,
              null,
              null,
              request.startsAt() != null ? request.startsAt() : event.startsAt().orElse(null),
              request.endsAt() != null ? request.endsAt() : event.endsAt().orElse(null)));
    }
    return EventView.of(event);
  }

  /**
   * The event as {@code request} describes it whole: a field left out takes its default, as in a
   * new event (the admitted levels {@code NICKNAME}, no start or end). Checked before anything
   * changes.
   */
  void replace(Event event, EventRequest request) {
    var title = title(request.title());
    var levels = levels(request.admittedLevels(), EnumSet.of(AdmissionLevel.NICKNAME));
    schedule(event, request);
    event.retitle(title);
    event.admit(levels);
  }

  @DELETE
  @Path("{eventId}")
  public Response delete(@PathParam("eventId") String eventId) {
    remove(event(scope.space(slug), eventId));
    return Response.noContent().build();
  }

  /** The event and who joined it. */
  void remove(Event event) {
    em.createQuery("delete from EventJoin j where j.event = :event")
        .setParameter("event", event)
        .executeUpdate();
    em.remove(event);
  }

  /** Says nothing of other spaces: each has its own ids. */
  private static GatewayProblem taken(String id) {
    return new GatewayProblem(
        ProblemType.EVENT_EXISTS, "This space already has an event '" + id + "'.");
  }

  private Event event(Space space, String eventId) {
    return spaces
        .event(space, eventId)
        .orElseThrow(
            () ->
                new GatewayProblem(
                    ProblemType.ADMIN_EVENT_UNKNOWN, "This space has no event '" + eventId + "'."));
  }

  private static void schedule(Event event, EventRequest request) {
    try {
      event.schedule(request.startsAt(), request.endsAt());
    } catch (IllegalArgumentException e) {
      throw SpacesResource.invalid("endsAt: " + e.getMessage());
    }
  }

  private static String title(String title) {
    return SpacesResource.name("title", title);
  }

  /** Each level once at most, and a few repeats forgiven; admitted_levels (128) holds all five. */
  private static Set<AdmissionLevel> levels(List<String> names, Set<AdmissionLevel> fallback) {
    if (names == null) {
      return fallback;
    }
    if (names.size() > MAX_LEVELS) {
      throw SpacesResource.invalid("admittedLevels: at most " + MAX_LEVELS + " entries");
    }
    var levels = EnumSet.noneOf(AdmissionLevel.class);
    for (var name : names) {
      try {
        levels.add(AdmissionLevel.valueOf(name));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw SpacesResource.invalid(
            "admittedLevels: '"
                + SpacesResource.shown(name)
                + "' is not one of "
                + EnumSet.allOf(AdmissionLevel.class));
      }
    }
    return levels;
  }

  private static String newId() {
    var id = new StringBuilder("ev-");
    for (int i = 0; i < 10; i++) {
      id.append(ALPHABET[Randomness.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }

  public record EventRequest(
      String id, String title, List<String> admittedLevels, Instant startsAt, Instant endsAt) {}

  public record EventView(
      String id,
      String title,
      Set<AdmissionLevel> admittedLevels,
      Instant startsAt,
      Instant endsAt,
      String url) {
    static EventView of(Event event) {
      return new EventView(
          event.id(),
          event.title(),
          event.admittedLevels(),
          event.startsAt().orElse(null),
          event.endsAt().orElse(null),
          Spaces.eventPage(event).toString());
    }
  }
}
