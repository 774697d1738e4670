package dev.foyer.uriauth.control;

import dev.foyer.doors.DoorSecrets;
import dev.foyer.secrets.SecretBox;
import dev.foyer.secrets.StoredSecrets;
import dev.foyer.spaces.boundary.DoorSpaceSettings;
import dev.foyer.spaces.boundary.SpacesResource.SpaceRequest;
import dev.foyer.spaces.boundary.SpacesResource.SpaceView;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.Space;
import dev.foyer.uriauth.entity.UriAuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A space's URI Auth settings, made with the space (its signing secret is shown once, in the answer
 * that created the space) and shown by the spaces admin API as part of the space.
 */
@ApplicationScoped
public class UriAuthSpaces implements DoorSpaceSettings {
  @PersistenceContext EntityManager em;
  @Inject Spaces spaces;
  @Inject DoorSecrets secrets;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "foyer.signed-link.rotation-overlap", defaultValue = "PT24H")
  Duration rotationOverlap;

  /**
   * The space a URI Auth request names, with its settings, in one query: this is every URI Auth
   * sign-in's first read, and the space's own row no longer holds the settings.
   */
  public Optional<SpaceSettings> bySlug(String slug) {
    if (slug == null || !Spaces.SLUG.matcher(slug).matches()) {
      return Optional.empty();
    }
    var found =
        em.createQuery(
                "select s, u from Space s, UriAuthSettings u where s.slug = :slug and u.spaceId = s.id",
                Object[].class)
            .setParameter("slug", slug)
            .getResultStream()
            .findFirst()
            .map(row -> new SpaceSettings((Space) row[0], Optional.of((UriAuthSettings) row[1])));
    return found.or(
        () -> spaces.bySlug(slug).map(space -> new SpaceSettings(space, Optional.empty())));
  }

  /** A space and its URI Auth settings, absent only where rows were removed by hand. */
  public record SpaceSettings(Space space, Optional<UriAuthSettings> settings) {}

  /**
   * Every space has its settings (made with the space, or by migration V2); absent only where rows
   * were removed by hand, and then {@link SignedLinks} accepts no link at all.
   */
  public Optional<UriAuthSettings> settings(Space space) {
    return Optional.ofNullable(em.find(UriAuthSettings.class, space.id()));
  }

  @Override
  public Optional<String> create(Space space, SpaceRequest request) {
    var secret = SecretBox.newSecret();
    var settings = new UriAuthSettings(space.id(), secrets.seal(secret));
    apply(settings, request);
    em.persist(settings);
    return Optional.of(secret);
  }

  @Override
  public void update(Space space, SpaceRequest request) {
    var settings =
        settings(space)
            .orElseGet(
                () -> {
                  // Made again with a secret nobody has seen; rotating it shows one.
                  var made = new UriAuthSettings(space.id(), secrets.seal(SecretBox.newSecret()));
                  em.persist(made);
                  return made;
                });
    apply(settings, request);
  }

  private static void apply(UriAuthSettings settings, SpaceRequest request) {
    if (request.signedLinksRequired() != null) {
      settings.requireSignedLinks(request.signedLinksRequired());
    }
    if (request.linkByEmail() != null) {
      settings.linkByEmail(request.linkByEmail());
    }
  }

  @Override
  public SpaceView show(Space space, SpaceView view) {
    return settings(space)
        .map(
            settings ->
                view.withSignedLinks(
                    settings.signedLinksRequired(),
                    settings.linksByEmail(),
                    settings.signingSecret().previousKeyUntil().orElse(null)))
        .orElse(view);
  }

  /** Every space's signing secrets, through a start-up walk (counted, or sealed again). */
  void visitSecrets(@Observes StoredSecrets secrets) {
    em.createQuery("select u from UriAuthSettings u", UriAuthSettings.class)
        .getResultList()
        .forEach(settings -> settings.signingSecret().visit(secrets));
  }

  /**
   * A new secret, returned once; the previous one keeps verifying links for the configured overlap.
   */
  public String rotate(Space space) {
    var secret = SecretBox.newSecret();
    var sealed = secrets.seal(secret);
    var existing = settings(space);
    if (existing.isPresent()) {
      existing.get().signingSecret().rotate(sealed, clock.instant().plus(rotationOverlap));
    } else {
      em.persist(new UriAuthSettings(space.id(), sealed));
    }
    return secret;
  }
}
