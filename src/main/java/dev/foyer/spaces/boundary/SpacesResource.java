package dev.foyer.spaces.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.ConflictPolicy;
import dev.foyer.spaces.entity.Space;
import dev.foyer.spaces.entity.SsoNicknamesTurningOn;
import dev.foyer.spaces.entity.Visibility;
import dev.foyer.web.DisplayNames;
import dev.foyer.web.WebAddresses;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

@RequestScoped
@Path("/api/admin/spaces")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class SpacesResource {
  /** A custom property's name, as member_property.property_name (64) holds it. */
  static final Pattern PROPERTY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  /** scheme://host[:port], nothing else: what a browser sends as Origin. */
  static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?");

  static final int MAX_NAME = 255;

  /** landing_url, and every other URL column of the admin API. */
  public static final int MAX_URL = 2048;

  /** 20 origins of 190 characters and their 19 line feeds fill 3,819 of allowed_origins' 4000. */
  static final int MAX_ORIGINS = 20;

  static final int MAX_ORIGIN = 190;

  /** 50 names of 64 characters and their 49 line feeds fill 3,249 of custom_properties' 4000. */
  static final int MAX_PROPERTIES = 50;

  @PersistenceContext EntityManager em;
  @Inject Spaces spaces;
  @Inject AdminScope scope;
  @Inject SpaceViews views;
  @Inject Clock clock;
  @Inject Event<SsoNicknamesTurningOn> ssoNicknamesTurningOn;

  @GET
  public List<SpaceView> list() {
    return em.createNamedQuery(Space.ALL, Space.class)
        .getResultStream()
        .filter(space -> scope.mayAdminister(space.slug()))
        .map(views::view)
        .toList();
  }

  @POST
  public Response create(SpaceRequest request) {
    var made = make(request);
    return Response.created(URI.create("/api/admin/spaces/" + made.space().slug()))
        .entity(views.view(made.space()).withSecret(made.signingSecret().orElse(null)))
        .build();
  }

  /** A new space (foyer-admin only), with the signing secret made for it, to show once. */
  Made make(SpaceRequest request) {
    scope.requireGlobal();
    if (request == null
        || request.slug() == null
        || !Spaces.SLUG.matcher(request.slug()).matches()) {
      throw invalid("slug: lower-case letters, digits and inner '-', at most 64 characters");
    }
    if (spaces.bySlug(request.slug()).isPresent()) {
      throw new GatewayProblem(
          ProblemType.SPACE_EXISTS, "The slug '" + request.slug() + "' is taken.");
    }
    if (request.name() == null || request.name().isBlank()) {
      throw invalid("name: required");
    }
    var space = new Space(request.slug(), name("name", request.name()), clock.instant());
    apply(space, request);
    return new Made(space, views.create(space, request));
  }

  record Made(Space space, Optional<String> signingSecret) {}

  @GET
  @Path("{slug}")
  public SpaceView get(@PathParam("slug") String slug) {
    return views.view(scope.space(slug));
  }

  @PATCH
  @Path("{slug}")
  public SpaceView update(@PathParam("slug") String slug, SpaceRequest request) {
    var space = scope.space(slug);
    if (request == null) {
      throw invalid("a JSON object is required");
    }
    if (request.slug() != null && !request.slug().equals(slug)) {
      throw invalid("slug: cannot be changed");
    }
    if (request.name() != null && request.name().isBlank()) {
      throw invalid("name: must not be blank");
    }
    apply(space, request);
    views.update(space, request);
    return views.view(space);
  }

  /**
   * Checks every field before changing anything, each against the size of its column (space: name
   * 255, landing_url 2048, allowed_origins and custom_properties 4000 joined by line feeds).
   */
  void apply(Space space, SpaceRequest request) {
    var name = request.name() == null ? null : name("name", request.name());
    var landing =
        request.landingUrl() == null || request.landingUrl().isBlank()
            ? null
            : landingUrl(request.landingUrl());
    var origins = request.allowedOrigins() == null ? null : origins(request.allowedOrigins());
    var properties =
        request.customProperties() == null ? null : properties(request.customProperties());
    var conflicts =
        request.conflicts() == null ? null : conflicts(space.conflicts(), request.conflicts());
    if (Boolean.TRUE.equals(request.alwaysSsoNicknames()) && !space.alwaysSsoNicknames()) {
      if (em.contains(space)) {
        // The identity providers API takes the same row lock before it enables a social provider:
        // of two such requests at once, the second sees what the first committed. Nothing of the
        // request is applied yet, so the refresh loses nothing.
        em.refresh(space, LockModeType.PESSIMISTIC_WRITE);
      }
      // Its observers refuse (by throwing) while something excludes the option.
      ssoNicknamesTurningOn.fire(new SsoNicknamesTurningOn(space));
    }
    if (name != null) {
      space.rename(name);
    }
    if (request.landingUrl() != null) {
      space.changeLanding(landing);
    }
    if (request.visibility() != null) {
      space.changeVisibility(request.visibility());
    }
    if (origins != null) {
      space.allowOrigins(origins);
    }
    if (properties != null) {
      space.defineCustomProperties(properties);
    }
    if (request.alwaysSsoNicknames() != null) {
      space.alwaysUseSsoNicknames(request.alwaysSsoNicknames());
    }
    if (conflicts != null) {
      space.meetConflicts(conflicts);
    }
  }

  /** The options given replace the saved ones; an option left out stays as it is. */
  private static ConflictPolicy conflicts(ConflictPolicy saved, Map<String, Boolean> requested) {
    for (var entry : requested.entrySet()) {
      if (!Conflicts.OPTIONS.contains(entry.getKey())) {
        throw invalid(
            "conflicts: '" + shown(entry.getKey()) + "' is not one of " + Conflicts.OPTIONS);
      }
      if (entry.getValue() == null) {
        throw invalid("conflicts." + entry.getKey() + ": true or false");
      }
    }
    return new ConflictPolicy(
        requested.getOrDefault("autoResolve", saved.autoResolve()),
        requested.getOrDefault("changeUsername", saved.changeUsername()),
        requested.getOrDefault("changeEmail", saved.changeEmail()));
  }

  private static List<String> origins(List<String> requested) {
    if (requested.size() > MAX_ORIGINS) {
      throw invalid("allowedOrigins: at most " + MAX_ORIGINS + " origins");
    }
    var origins = new ArrayList<String>();
    for (var origin : requested) {
      var normalised = origin == null ? "" : origin.strip().toLowerCase(Locale.ROOT);
      if (normalised.length() > MAX_ORIGIN || !ORIGIN.matcher(normalised).matches()) {
        throw invalid(
            "allowedOrigins: '"
                + shown(origin)
                + "' is not an origin like https://intranet.example.com (at most "
                + MAX_ORIGIN
                + " characters)");
      }
      origins.add(normalised);
    }
    return origins.stream().distinct().toList();
  }

  private static List<String> properties(List<String> requested) {
    if (requested.size() > MAX_PROPERTIES) {
      throw invalid("customProperties: at most " + MAX_PROPERTIES + " names");
    }
    for (var name : requested) {
      if (name == null || !PROPERTY.matcher(name).matches()) {
        throw invalid(
            "customProperties: '"
                + shown(name)
                + "' is not a property name (letters, digits, '_', '-', at most 64)");
      }
    }
    return requested.stream().distinct().toList();
  }

  /** A value the caller sent, short enough to quote in a refusal. */
  public static String shown(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() > 64 ? value.substring(0, 64) + "…" : value;
  }

  private static URI landingUrl(String value) {
    return WebAddresses.httpUrl(value)
        .filter(uri -> value.length() <= MAX_URL)
        .orElseThrow(
            () ->
                invalid(
                    "landingUrl: an absolute http(s) URL of at most " + MAX_URL + " characters"));
  }

  /**
   * A name the admin API stores (a space's name, an event's title, a group's or a member's name):
   * in NFC with its ends cut ({@link DisplayNames}), at most 255 characters, and not blank nor made
   * only of invisible characters.
   */
  public static String name(String field, String value) {
    var outcome = DisplayNames.of(value);
    if (outcome instanceof DisplayNames.Invisible) {
      throw invalid(field + ": made only of invisible characters");
    }
    if (outcome instanceof DisplayNames.Name kept && kept.value().length() <= MAX_NAME) {
      return kept.value();
    }
    throw invalid(field + ": required, at most " + MAX_NAME + " characters");
  }

  static GatewayProblem invalid(String detail) {
    return new GatewayProblem(ProblemType.ADMIN_INVALID, detail);
  }

  public record SpaceRequest(
      String slug,
      String name,
      String landingUrl,
      Visibility visibility,
      Boolean signedLinksRequired,
      Boolean linkByEmail,
      List<String> allowedOrigins,
      List<String> customProperties,
      Boolean alwaysSsoNicknames,
      Map<String, Boolean> conflicts) {
    /** The same settings for the space with that slug. */
    SpaceRequest named(String slug) {
      return new SpaceRequest(
          slug,
          name,
          landingUrl,
          visibility,
          signedLinksRequired,
          linkByEmail,
          allowedOrigins,
          customProperties,
          alwaysSsoNicknames,
          conflicts);
    }
  }

  /** Seed 002's "SSO Conflicts" options, as the space view shows them. */
  public record Conflicts(boolean autoResolve, boolean changeUsername, boolean changeEmail) {
    static final List<String> OPTIONS = List.of("autoResolve", "changeUsername", "changeEmail");

    static Conflicts of(ConflictPolicy policy) {
      return new Conflicts(policy.autoResolve(), policy.changeUsername(), policy.changeEmail());
    }
  }

  public record SpaceView(
      String id,
      String slug,
      String name,
      String landingUrl,
      String homeUrl,
      Visibility visibility,
      boolean signedLinksRequired,
      boolean linkByEmail,
      List<String> allowedOrigins,
      List<String> customProperties,
      boolean alwaysSsoNicknames,
      Conflicts conflicts,
      Instant createdAt,
      Instant previousSecretValidUntil,
      String signingSecret) {
    static SpaceView of(Space space) {
      return new SpaceView(
          space.id(),
          space.slug(),
          space.name(),
          space.landingUrl().map(URI::toString).orElse(null),
          Spaces.home(space).toString(),
          space.visibility(),
          false,
          false,
          space.allowedOrigins(),
          space.customProperties(),
          space.alwaysSsoNicknames(),
          Conflicts.of(space.conflicts()),
          space.createdAt(),
          null,
          null);
    }

    public SpaceView withSignedLinks(
        boolean signedLinksRequired, boolean linkByEmail, Instant previousSecretValidUntil) {
      return new SpaceView(
          id,
          slug,
          name,
          landingUrl,
          homeUrl,
          visibility,
          signedLinksRequired,
          linkByEmail,
          allowedOrigins,
          customProperties,
          alwaysSsoNicknames,
          conflicts,
          createdAt,
          previousSecretValidUntil,
          signingSecret);
    }

    /** Shown once: in the answer that made the secret. */
    public SpaceView withSecret(String signingSecret) {
      return new SpaceView(
          id,
          slug,
          name,
          landingUrl,
          homeUrl,
          visibility,
          signedLinksRequired,
          linkByEmail,
          allowedOrigins,
          customProperties,
          alwaysSsoNicknames,
          conflicts,
          createdAt,
          previousSecretValidUntil,
          signingSecret);
    }
  }
}
