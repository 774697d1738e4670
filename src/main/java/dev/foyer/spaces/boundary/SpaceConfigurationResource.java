package dev.foyer.spaces.boundary;

import static dev.foyer.spaces.boundary.ConfigurationDocument.at;
import static dev.foyer.spaces.boundary.ConfigurationDocument.refusal;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.boundary.EventsResource.EventRequest;
import dev.foyer.spaces.boundary.GroupsResource.GroupView;
import dev.foyer.spaces.boundary.SpacesResource.SpaceRequest;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.AdmissionLevel;
import dev.foyer.spaces.entity.Event;
import dev.foyer.spaces.entity.Space;
import dev.foyer.spaces.entity.SpaceGroup;
import dev.foyer.spaces.entity.Visibility;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A space's whole configuration as one JSON document, to move a space between environments or keep
 * it in version control: {@code GET} exports it (never a secret), {@code PUT} makes the space what
 * a document says. An import is declarative: what the document leaves out, the space no longer has
 * (events and identity providers are removed, as their {@code DELETE} would), except what cannot be
 * made again: secrets stay (an identity provider keeps its stored client secret, the space its
 * signing secret and JWT SSO key), and groups are never removed (members belong to them), so a
 * document that leaves out one of the space's groups is refused. Every part is checked by the code
 * of the admin API that changes it on its own, and the whole import is one transaction: refused
 * anywhere, it leaves the space exactly as it was.
 */
@RequestScoped
@Path("/api/admin/spaces/{slug}/configuration")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class SpaceConfigurationResource {
  /** The document's version ({@code foyerExport}); a later Foyer reads older ones. */
  public static final int VERSION = 1;

  static final String VERSION_FIELD = "foyerExport";

  /**
   * A document's largest size. A space's settings, events and groups take a few KiB; what makes a
   * document large is a SAML provider's pasted metadata (up to 512 KiB each, a few KiB usually).
   */
  static final int MAX_DOCUMENT = 2 * 1024 * 1024;

  static final Set<String> SPINE_FIELDS = Set.of(VERSION_FIELD, "space", "events", "groups");

  @PersistenceContext EntityManager em;
  @Inject AdminScope scope;
  @Inject Spaces spaces;
  @Inject SpaceViews views;
  @Inject SpacesResource spaceSettings;
  @Inject EventsResource eventSettings;
  @Inject Instance<ConfigurationSection> doors;
  @Resource TransactionSynchronizationRegistry transaction;

  @PathParam("slug")
  String slug;

  @GET
  public Response export() {
    return Response.ok(ConfigurationDocument.text(document(scope.space(slug)))).build();
  }

  /**
   * Makes the space what the document says; creates it (only {@code foyer-admin}) when there is
   * none under the slug. {@code dryRun=true} checks and applies the document as an import would,
   * answers what it would do, and rolls every change back.
   */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response replace(
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      @QueryParam("dryRun") String dryRunParameter) {
    var existing = target();
    var dryRun = flag("dryRun", dryRunParameter);
    var document = read(body, length);
    var plan = check(existing, document);
    var space = existing.orElse(null);
    var secrets = new TreeMap<String, Map<String, String>>();
    var removed = new TreeMap<String, List<String>>();
    if (space == null) {
      var made = at("/space", "the space", () -> spaceSettings.make(plan.space().named(slug)));
      space = made.space();
      made.signingSecret()
          .ifPresent(secret -> secrets.put("space", Map.of("signingSecret", secret)));
    } else {
      var target = space;
      at(
          "/space",
          "the space",
          () -> {
            spaceSettings.apply(target, plan.space());
            views.update(target, plan.space());
          });
    }
    em.flush();
    removed.put("events", applyEvents(space, plan.events()));
    applyGroups(space, plan.groups());
    em.flush();
    for (var door : plan.doors().entrySet()) {
      var target = space;
      var applied = at("/" + door.getKey(), door.getKey(), () -> door.getValue().apply(target));
      // Each door sees what the ones before it wrote, and the option below sees every provider.
      em.flush();
      if (!applied.secrets().isEmpty()) {
        secrets.put(door.getKey(), applied.secrets());
      }
      if (!applied.removed().isEmpty()) {
        removed.put(door.getKey(), applied.removed());
      }
    }
    if (plan.alwaysSsoNicknames() && !space.alwaysSsoNicknames()) {
      // Last: it cannot be on while a social provider is enabled, and the document may have just
      // disabled them.
      var target = space;
      at(
          "/space/alwaysSsoNicknames",
          "the space",
          () -> spaceSettings.apply(target, alwaysSsoNicknames()));
      em.flush();
    }
    removed.values().removeIf(List::isEmpty);
    var answer =
        Json.createObjectBuilder()
            .add("created", existing.isEmpty())
            .add("dryRun", dryRun)
            .add("configuration", document(space))
            .add("removed", ConfigurationDocument.json(removed))
            .add("secrets", ConfigurationDocument.json(dryRun ? Map.of() : secrets))
            .build();
    var text = ConfigurationDocument.text(answer);
    if (dryRun) {
      transaction.setRollbackOnly();
      return Response.ok(text).build();
    }
    if (existing.isEmpty()) {
      return Response.created(URI.create("/api/admin/spaces/" + space.slug())).entity(text).build();
    }
    return Response.ok(text).build();
  }

  /**
   * The space named by the path, locked until the import ends (a second import of it waits, and so
   * do the admin API's changes that take the same lock); empty when there is none, which only a
   * {@code foyer-admin} may create.
   */
  private Optional<Space> target() {
    if (slug == null || !Spaces.SLUG.matcher(slug).matches()) {
      throw new GatewayProblem(ProblemType.SPACE_UNKNOWN, "No space has a slug like that.");
    }
    if (!scope.mayAdminister(slug)) {
      throw new GatewayProblem(
          ProblemType.SPACE_FORBIDDEN, "This token administers another space.");
    }
    var space = spaces.bySlug(slug);
    if (space.isEmpty()) {
      scope.requireGlobal();
    } else {
      em.refresh(space.get(), LockModeType.PESSIMISTIC_WRITE);
    }
    return space;
  }

  /** The body: at most {@link #MAX_DOCUMENT} bytes of UTF-8, one JSON object. */
  private static JsonObject read(InputStream body, String length) {
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > MAX_DOCUMENT) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        // The container checks the header; the bytes are counted below all the same.
      }
    }
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(MAX_DOCUMENT + 1);
    } catch (IOException e) {
      throw new GatewayProblem(ProblemType.MALFORMED_BODY, "The body could not be read.");
    }
    if (bytes.length > MAX_DOCUMENT) {
      throw tooLarge();
    }
    return ConfigurationDocument.parse(bytes);
  }

  private static GatewayProblem tooLarge() {
    return new GatewayProblem(
        ProblemType.REQUEST_TOO_LARGE,
        "A configuration document is at most " + MAX_DOCUMENT / 1024 / 1024 + " MiB.");
  }

  /** The whole document read and checked, before anything is written. */
  record Plan(
      SpaceRequest space,
      boolean alwaysSsoNicknames,
      List<EventRequest> events,
      List<GroupChange> groups,
      Map<String, ConfigurationSection.Change> doors) {}

  /** A group of the document: the space's group it is (none: a new one) and its name. */
  record GroupChange(Optional<SpaceGroup> existing, String id, String name, String pointer) {}

  private Plan check(Optional<Space> existing, JsonObject document) {
    var version = document.get(VERSION_FIELD);
    if (!(version instanceof JsonNumber number)
        || !number.isIntegral()
        || !number.bigIntegerValue().equals(BigInteger.valueOf(VERSION))) {
      throw refusal(
          ProblemType.IMPORT_VERSION,
          "/" + VERSION_FIELD,
          version == null
              ? "missing: this is not a Foyer configuration document (GET"
                  + " /api/admin/spaces/{slug}/configuration makes one)"
              : "this Foyer reads version " + VERSION + ", not " + version);
    }
    var sections = new TreeMap<String, ConfigurationSection>();
    doors.forEach(door -> sections.put(door.name(), door));
    for (var field : document.keySet()) {
      if (!SPINE_FIELDS.contains(field) && !sections.containsKey(field)) {
        var known = new ArrayList<>(List.of(VERSION_FIELD, "space", "events", "groups"));
        known.addAll(sections.keySet());
        throw refusal(
            ProblemType.IMPORT_UNKNOWN_FIELD,
            "/" + ConfigurationDocument.escape(field),
            "not a part of a configuration document; its parts are " + known);
      }
    }
    var given = space(document.get("space"));
    var space = settings(given);
    var events = events(document.get("events"));
    var groups = groups(existing, document.get("groups"));
    var changes = new LinkedHashMap<String, ConfigurationSection.Change>();
    for (var section : sections.values()) {
      var value = document.getOrDefault(section.name(), JsonValue.NULL);
      changes.put(
          section.name(),
          at("/" + section.name(), section.name(), () -> section.check(existing, value)));
    }
    return new Plan(
        space, Boolean.TRUE.equals(given.alwaysSsoNicknames()), events, groups, changes);
  }

  private static SpaceRequest space(JsonValue value) {
    if (value == null || value == JsonValue.NULL) {
      throw refusal(
          ProblemType.ADMIN_INVALID, "/space", "required: the space's settings, its name at least");
    }
    var given = ConfigurationDocument.read(value, SpaceRequest.class, "/space");
    if (given.name() == null) {
      throw refusal(ProblemType.ADMIN_INVALID, "/space/name", "required");
    }
    return given;
  }

  /**
   * The space's settings as the document gives them, every setting left out at its default (as a
   * new space has it); the slug is the path's. {@code alwaysSsoNicknames} is turned on only at the
   * end of the import, once the identity providers are as the document says.
   */
  private static SpaceRequest settings(SpaceRequest given) {
    var conflicts = new LinkedHashMap<String, Boolean>();
    SpacesResource.Conflicts.OPTIONS.forEach(option -> conflicts.put(option, false));
    if (given.conflicts() != null) {
      conflicts.putAll(given.conflicts());
    }
    return new SpaceRequest(
        null,
        given.name(),
        given.landingUrl() == null ? "" : given.landingUrl(),
        given.visibility() == null ? Visibility.PUBLIC : given.visibility(),
        Boolean.TRUE.equals(given.signedLinksRequired()),
        Boolean.TRUE.equals(given.linkByEmail()),
        given.allowedOrigins() == null ? List.of() : given.allowedOrigins(),
        given.customProperties() == null ? List.of() : given.customProperties(),
        Boolean.TRUE.equals(given.alwaysSsoNicknames()) ? null : false,
        conflicts);
  }

  private static SpaceRequest alwaysSsoNicknames() {
    return new SpaceRequest(null, null, null, null, null, null, null, null, true, null);
  }

  /** The document's events: each with its id (how the next import finds it again), once. */
  private static List<EventRequest> events(JsonValue value) {
    var events = ConfigurationDocument.readList(value, EventRequest.class, "/events");
    var seen = new HashSet<String>();
    for (int i = 0; i < events.size(); i++) {
      var id = events.get(i).id();
      if (id == null) {
        throw refusal(
            ProblemType.ADMIN_INVALID,
            "/events/" + i + "/id",
            "required: an event's id is how an import finds it again");
      }
      if (!seen.add(id)) {
        throw refusal(
            ProblemType.IMPORT_DUPLICATE, "/events/" + i + "/id", "a second event '" + id + "'");
      }
    }
    return events;
  }

  /**
   * Matches the document's groups with the space's: by id, else by name (a group made by hand in
   * another environment). A group of the space that the document does not name is refused: an
   * import never removes a group, which members belong to.
   */
  private List<GroupChange> groups(Optional<Space> space, JsonValue value) {
    var given = ConfigurationDocument.readList(value, GroupView.class, "/groups");
    var unmatched = new LinkedHashMap<String, SpaceGroup>();
    space.ifPresent(
        found -> spaces.groups(found).forEach(group -> unmatched.put(group.id(), group)));
    var ids = new HashSet<String>();
    var names = new ArrayList<String>();
    var matched = new ArrayList<Optional<SpaceGroup>>();
    for (int i = 0; i < given.size(); i++) {
      var group = given.get(i);
      var pointer = "/groups/" + i;
      if (group.id() != null) {
        if (!SpaceGroup.ID.matcher(group.id()).matches()) {
          throw refusal(
              ProblemType.ADMIN_INVALID,
              pointer + "/id",
              "a group's id as Foyer shows it (a UUID in lower case), or none for a new group");
        }
        if (!ids.add(group.id())) {
          throw refusal(
              ProblemType.IMPORT_DUPLICATE, pointer + "/id", "a second group " + group.id());
        }
      }
      names.add(at(pointer, "a group", () -> SpacesResource.name("name", group.name())));
      matched.add(Optional.ofNullable(group.id()).map(unmatched::remove));
    }
    for (int i = 0; i < given.size(); i++) {
      if (matched.get(i).isEmpty()) {
        var name = names.get(i);
        var sameName =
            unmatched.values().stream().filter(group -> group.name().equals(name)).toList();
        if (sameName.size() == 1) {
          matched.set(i, Optional.of(unmatched.remove(sameName.get(0).id())));
        }
      }
    }
    if (!unmatched.isEmpty()) {
      throw refusal(
          ProblemType.IMPORT_GROUPS_LEFT_OUT,
          "/groups",
          "the space has groups the document does not name: "
              + unmatched.values().stream()
                  .map(group -> "'" + group.name() + "' (" + group.id() + ")")
                  .toList()
              + ". An import never removes a group (members belong to it): add them to the"
              + " document.");
    }
    var changes = new ArrayList<GroupChange>();
    for (int i = 0; i < given.size(); i++) {
      changes.add(new GroupChange(matched.get(i), given.get(i).id(), names.get(i), "/groups/" + i));
    }
    return changes;
  }

  /** The space's events become the document's; the ids removed. */
  private List<String> applyEvents(Space space, List<EventRequest> requested) {
    var stored = new HashMap<String, Event>();
    spaces.events(space).forEach(event -> stored.put(event.id(), event));
    var removed = new ArrayList<String>();
    var named = requested.stream().map(EventRequest::id).collect(Collectors.toSet());
    for (var event : stored.values()) {
      if (!named.contains(event.id())) {
        eventSettings.remove(event);
        removed.add(event.id());
      }
    }
    for (int i = 0; i < requested.size(); i++) {
      var request = requested.get(i);
      var event = stored.get(request.id());
      at(
          "/events/" + i,
          "event '" + request.id() + "'",
          () -> {
            if (event == null) {
              eventSettings.add(space, request);
            } else {
              eventSettings.replace(event, request);
            }
          });
    }
    removed.sort(Comparator.naturalOrder());
    return removed;
  }

  /**
   * Renames the groups matched, makes the others: under the document's id when no group has it (so
   * JWT claims naming it keep working in the new environment), else under a new one.
   */
  private void applyGroups(Space space, List<GroupChange> groups) {
    for (var group : groups) {
      if (group.existing().isPresent()) {
        group.existing().get().rename(group.name());
      } else if (group.id() != null && em.find(SpaceGroup.class, group.id()) == null) {
        em.persist(new SpaceGroup(group.id(), space, group.name()));
      } else {
        em.persist(new SpaceGroup(space, group.name()));
      }
    }
  }

  /** The space's configuration as the document shows it, in a stable order. */
  JsonObject document(Space space) {
    var view = views.view(space);
    var conflicts = new LinkedHashMap<String, Boolean>();
    conflicts.put("autoResolve", view.conflicts().autoResolve());
    conflicts.put("changeUsername", view.conflicts().changeUsername());
    conflicts.put("changeEmail", view.conflicts().changeEmail());
    var settings =
        new SpaceRequest(
            view.slug(),
            view.name(),
            view.landingUrl(),
            view.visibility(),
            view.signedLinksRequired(),
            view.linkByEmail(),
            view.allowedOrigins(),
            view.customProperties(),
            view.alwaysSsoNicknames(),
            conflicts);
    var events =
        spaces.events(space).stream()
            .sorted(Comparator.comparing(Event::id))
            .map(
                event ->
                    new EventRequest(
                        event.id(),
                        event.title(),
                        levels(event.admittedLevels()),
                        event.startsAt().orElse(null),
                        event.endsAt().orElse(null)))
            .toList();
    var groups =
        spaces.groups(space).stream()
            .sorted(Comparator.comparing(SpaceGroup::name).thenComparing(SpaceGroup::id))
            .map(group -> new GroupView(group.id(), group.name()))
            .toList();
    var document =
        Json.createObjectBuilder()
            .add(VERSION_FIELD, VERSION)
            .add("space", ConfigurationDocument.json(settings))
            .add("events", ConfigurationDocument.json(events))
            .add("groups", ConfigurationDocument.json(groups));
    var sections = new TreeMap<String, ConfigurationSection>();
    doors.forEach(door -> sections.put(door.name(), door));
    sections.forEach(
        (name, section) -> section.export(space).ifPresent(value -> document.add(name, value)));
    return document.build();
  }

  private static List<String> levels(Set<AdmissionLevel> levels) {
    return levels.stream().sorted().map(Enum::name).toList();
  }

  private static boolean flag(String name, String value) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new GatewayProblem(ProblemType.ADMIN_INVALID, name + ": true or false");
  }
}
