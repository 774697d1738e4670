package dev.foyer.federation.control;

import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.federation.entity.IdentityProvider;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.spaces.entity.Space;
import dev.foyer.spaces.entity.SsoNicknamesTurningOn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/**
 * Seed 002: "Always use SSO nicknames" is "not available if you have any social login providers
 * turned on". Enforced from both sides, each refusing before anything is written: the spaces admin
 * API announces the option turning on (it may not know this package), and the identity providers
 * API asks before a social provider is saved enabled.
 */
@ApplicationScoped
public class SsoNicknames {
  @PersistenceContext EntityManager em;

  /** Synchronous: the exception reaches the spaces resource and rolls its transaction back. */
  void refuseWhileSocialEnabled(@Observes SsoNicknamesTurningOn turningOn) {
    var social =
        em.createNamedQuery(IdentityProvider.ENABLED_OF_SPACE, IdentityProvider.class)
            .setParameter("space", turningOn.space().id())
            .getResultStream()
            .filter(provider -> provider.kind().social())
            .map(IdentityProvider::alias)
            .sorted()
            .toList();
    if (!social.isEmpty()) {
      throw new GatewayProblem(
          FederationProblem.SSO_NICKNAMES_EXCLUDE_SOCIAL,
          "alwaysSsoNicknames: cannot be turned on while social login providers are enabled ("
              + String.join(", ", social)
              + "); disable them first.");
    }
  }

  /** Refuses an enabled social provider in a space that always uses SSO nicknames. */
  public void checkEnabled(Space space, IdentityProvider provider, boolean enabled) {
    if (!enabled || !provider.kind().social()) {
      return;
    }
    // The space's row lock, as the spaces API takes it before turning the option on: the option
    // read here is the committed one, and it cannot turn on until this request ends.
    em.refresh(space, LockModeType.PESSIMISTIC_WRITE);
    if (space.alwaysSsoNicknames()) {
      throw new GatewayProblem(
          FederationProblem.SSO_NICKNAMES_EXCLUDE_SOCIAL,
          "enabled: a social login provider cannot be enabled while the space always uses SSO"
              + " nicknames (alwaysSsoNicknames); save it with \"enabled\": false or turn the"
              + " option off first.");
    }
  }
}
