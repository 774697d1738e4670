package dev.foyer.federation.control;

import dev.foyer.federation.entity.IdentityProvider;
import dev.foyer.federation.entity.Protocol;
import dev.foyer.secrets.StoredSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** The identity providers a sign-in may use: only enabled ones, and only in their own space. */
@ApplicationScoped
public class IdentityProviders {
  @PersistenceContext EntityManager em;

  public Optional<IdentityProvider> enabled(String spaceId, String alias) {
    return em.createNamedQuery(IdentityProvider.BY_ALIAS, IdentityProvider.class)
        .setParameter("space", spaceId)
        .setParameter("alias", alias)
        .getResultStream()
        .filter(IdentityProvider::enabled)
        .findFirst();
  }

  /** A SAML provider of the space, enabled or not (its metadata and logout address serve both). */
  public Optional<IdentityProvider> saml(String spaceId, String alias) {
    return em.createNamedQuery(IdentityProvider.BY_ALIAS, IdentityProvider.class)
        .setParameter("space", spaceId)
        .setParameter("alias", alias)
        .getResultStream()
        .filter(provider -> provider.kind().protocol() == Protocol.SAML)
        .findFirst();
  }

  /** The provider a flow named, if it is still there, in that space, and enabled. */
  public Optional<IdentityProvider> enabledById(String spaceId, String id) {
    return byId(spaceId, id).filter(IdentityProvider::enabled);
  }

  /** Any provider of the space, enabled or not (Test Integration tries a provider before use). */
  public Optional<IdentityProvider> byId(String spaceId, String id) {
    return Optional.ofNullable(em.find(IdentityProvider.class, id))
        .filter(provider -> provider.spaceId().equals(spaceId));
  }

  /**
   * Every provider's sealed values, through the start-up walk of the secrets key (counted, or
   * sealed again under a new key): without it a key rotation would leave client secrets and SAML
   * keys that no key opens once the previous key is gone.
   */
  void visitSecrets(@Observes StoredSecrets secrets) {
    em.createQuery("select p from IdentityProvider p", IdentityProvider.class)
        .getResultList()
        .forEach(provider -> provider.visit(secrets));
  }

  public List<IdentityProvider> enabledOf(String spaceId) {
    return em.createNamedQuery(IdentityProvider.OF_SPACE, IdentityProvider.class)
        .setParameter("space", spaceId)
        .getResultStream()
        .filter(IdentityProvider::enabled)
        .toList();
  }
}
