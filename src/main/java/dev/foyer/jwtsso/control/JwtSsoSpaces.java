package dev.foyer.jwtsso.control;

import dev.foyer.jwtsso.entity.JwtSsoProblem;
import dev.foyer.jwtsso.entity.JwtSsoSettings;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.secrets.StoredSecrets;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.regex.Pattern;

/** Spaces by the id seeds 001/003 put in URLs, and their JWT SSO settings. */
@ApplicationScoped
public class JwtSsoSpaces {
  static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @PersistenceContext EntityManager em;

  public Space space(String spaceId) {
    return find(spaceId)
        .orElseThrow(
            () ->
                new GatewayProblem(
                    JwtSsoProblem.SSO_SPACE_UNKNOWN, "There is no space with that id."));
  }

  public Optional<Space> find(String spaceId) {
    if (spaceId == null || !UUID.matcher(spaceId).matches()) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(Space.class, spaceId));
  }

  public Optional<JwtSsoSettings> settings(Space space) {
    return Optional.ofNullable(em.find(JwtSsoSettings.class, space.id()));
  }

  /** Every space's JWT SSO keys, through a start-up walk (counted, or sealed again). */
  void visitSecrets(@Observes StoredSecrets secrets) {
    em.createQuery("select j from JwtSsoSettings j", JwtSsoSettings.class)
        .getResultList()
        .forEach(settings -> settings.key().visit(secrets));
  }

  public JwtSsoSettings enabledSettings(Space space) {
    return settings(space)
        .filter(JwtSsoSettings::enabled)
        .orElseThrow(
            () ->
                new GatewayProblem(
                    JwtSsoProblem.SSO_DISABLED, "This space does not accept JWT SSO."));
  }
}
