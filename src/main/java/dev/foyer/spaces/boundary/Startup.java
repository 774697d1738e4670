package dev.foyer.spaces.boundary;

import dev.foyer.database.DatabaseReadiness;
import dev.foyer.secrets.SecretsKeyCheck;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.AdmissionLevel;
import dev.foyer.spaces.entity.Event;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Start-up, after {@code SchemaMigrations} has migrated the schema: creates the readiness checks
 * eagerly, settles whether the secrets key is the database's (before the demo seed seals a secret),
 * and on the embedded default ({@code foyer.demo.seed=true}) a demo space with events to try URI
 * Auth against.
 */
@ApplicationScoped
public class Startup {
  static final System.Logger LOGGER = System.getLogger(Startup.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Spaces spaces;
  @Inject SpaceViews views;
  @Inject Clock clock;
  @Inject @org.eclipse.microprofile.health.Readiness DatabaseReadiness readiness;
  @Inject @org.eclipse.microprofile.health.Readiness SecretsKeyCheck keyCheck;

  @Inject
  @ConfigProperty(name = "foyer.demo.seed", defaultValue = "false")
  boolean seedDemo;

  @Transactional
  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    readiness.call();
    try {
      keyCheck.verify();
    } catch (RuntimeException e) {
      // Nodes starting together on an empty database both store the check value; the loser's
      // insert fails on the primary key, and its second look finds the winner's value.
      LOGGER.log(System.Logger.Level.INFO, "Checking the secrets key again: " + e);
      keyCheck.verify();
    }
    if (seedDemo && spaces.bySlug("demo").isEmpty()) {
      var now = clock.instant();
      var space = new Space("demo", "Demo Space", now);
      views.create(
          space,
          new SpacesResource.SpaceRequest(
              null, null, null, null, null, null, null, null, null, null));
      var welcome =
          new Event(
              "welcome",
              space,
              "Welcome chat",
              EnumSet.of(AdmissionLevel.NICKNAME, AdmissionLevel.NICKNAME_EMAIL));
      welcome.schedule(now, now.plus(Duration.ofDays(30)));
      em.persist(welcome);
      em.persist(
          new Event(
              "town-hall",
              space,
              "Town hall Q&A",
              EnumSet.of(AdmissionLevel.NICKNAME, AdmissionLevel.SSO)));
      em.persist(
          new Event("board", space, "Board briefing (SSO only)", EnumSet.of(AdmissionLevel.SSO)));
      LOGGER.log(
          System.Logger.Level.INFO,
          "Seeded the demo space 'demo' with events welcome, town-hall and board");
    }
  }
}
