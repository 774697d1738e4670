package dev.foyer.federation.control;

import dev.foyer.doors.DoorSecrets;
import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.federation.entity.IdentityProvider;
import dev.foyer.federation.saml.IdpMetadata;
import dev.foyer.federation.saml.SamlProblem;
import dev.foyer.federation.saml.SpKey;
import dev.foyer.federation.saml.SpMetadata;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.spaces.control.Spaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Foyer's side of a SAML provider: its keys (made, sealed, rotated with an overlap), its metadata
 * document, and the identity provider's metadata fetched with the outbound rules.
 */
@ApplicationScoped
public class SamlServiceProvider {
  /** The addresses Foyer publishes for one SAML provider (absolute, on Foyer's origin). */
  public record Addresses(String metadata, String acs, String logout) {
    /** Foyer's addresses for the provider {@code alias} of space {@code account}. */
    public static Addresses of(String origin, String account, String alias) {
      var tail = "/" + account + "/" + alias;
      return new Addresses(
          origin + "/auth/federation/metadata" + tail,
          origin + "/auth/federation/callback" + tail,
          origin + "/auth/federation/logout" + tail);
    }
  }

  static final System.Logger LOGGER = System.getLogger(SamlServiceProvider.class.getName());

  /** A provider's metadata is read again at most this often on one node, whatever the reason. */
  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  private final Map<String, Instant> tried = new ConcurrentHashMap<>();

  @Inject
  @ConfigProperty(name = "foyer.saml.metadata-refresh", defaultValue = "PT6H")
  Duration refreshAfter;

  @PersistenceContext EntityManager em;
  @Inject Spaces spaces;
  @Inject IdentityProviders providers;
  @Inject DoorSecrets secrets;
  @Inject Outbound outbound;
  @Inject Clock clock;

  /** A new key for the provider, sealed: its certificate names the service provider. */
  public String newSealedKey(String spEntityId) {
    var commonName = spEntityId.length() > 64 ? spEntityId.substring(0, 64) : spEntityId;
    return secrets.seal(SpKey.generate(commonName, clock.instant()).encoded());
  }

  /** The provider's keys, opened, current first. */
  public List<SpKey> keys(IdentityProvider provider) {
    return secrets
        .open("the SAML keys of identity provider " + provider.alias(), provider.sealedSpKeys())
        .stream()
        .map(SpKey::decoded)
        .toList();
  }

  /** The service provider metadata of a space's SAML provider, enabled or not. */
  public String metadata(String account, String alias, Addresses addresses) {
    var provider =
        spaces
            .bySlug(account)
            .flatMap(space -> providers.saml(space.id(), alias))
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        FederationProblem.PROVIDER_UNKNOWN,
                        "The space has no SAML identity provider with that alias."));
    var saml = provider.saml();
    return SpMetadata.write(
        saml.spEntityId().orElse(addresses.metadata()),
        addresses.acs(),
        addresses.logout(),
        saml.nameIdFormat(),
        saml.encryptedAssertions(),
        keys(provider));
  }

  /**
   * The identity provider's metadata at {@code url}, read with the outbound rules (timeouts, size
   * cap, no redirects, no internal addresses unless allowed).
   *
   * @return the document and what Foyer read from it
   */
  public Fetched fetch(String url) {
    Outbound.Reply reply;
    try {
      reply =
          outbound.exchange(
              "GET",
              URI.create(url),
              Map.of("Accept", List.of("application/samlmetadata+xml, application/xml, text/xml")),
              null);
    } catch (Outbound.Failed failed) {
      throw new GatewayProblem(
          SamlProblem.METADATA_UNUSABLE,
          "The identity provider's SAML metadata could not be fetched: its answer "
              + failed.getMessage()
              + ".");
    } catch (GatewayProblem refused) {
      throw new GatewayProblem(
          SamlProblem.METADATA_UNUSABLE,
          "The identity provider's SAML metadata could not be fetched: " + refused.getMessage());
    }
    if (reply.status() < 200 || reply.status() >= 300) {
      throw new GatewayProblem(
          SamlProblem.METADATA_UNUSABLE,
          "The identity provider's SAML metadata could not be fetched: it answered "
              + reply.status()
              + ".");
    }
    String text;
    try {
      text = reply.text();
    } catch (Outbound.Failed e) {
      throw new GatewayProblem(
          SamlProblem.METADATA_UNUSABLE, "The identity provider's SAML metadata is not UTF-8.");
    }
    return new Fetched(text, IdpMetadata.parse(text));
  }

  public record Fetched(String xml, IdpMetadata metadata) {}

  /** Whether the provider's metadata URL is due to be read again (no transaction, no call). */
  public boolean due(IdentityProvider provider) {
    var saml = provider.saml();
    return saml.metadataUrl().isPresent()
        && saml.metadataReadAt()
            .map(read -> !read.plus(refreshAfter).isAfter(clock.instant()))
            .orElse(true);
  }

  /**
   * Reads a provider's metadata URL again when it is due ({@code foyer.saml.metadata-refresh} since
   * the last read) or when {@code now} (a response's signature did not verify with the certificates
   * Foyer knows: the identity provider may have rolled its key), at most once a minute per provider
   * on this node. A metadata that cannot be read, or names another entity id (that would hand the
   * provider's members to another identity source), is logged and the known one kept.
   *
   * @return whether the stored metadata changed
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean refresh(String providerId, boolean now) {
    var provider = em.find(IdentityProvider.class, providerId);
    if (provider == null || provider.saml().metadataUrl().isEmpty()) {
      return false;
    }
    var saml = provider.saml();
    var url = saml.metadataUrl().get();
    var at = clock.instant();
    var due =
        now || saml.metadataReadAt().map(read -> !read.plus(refreshAfter).isAfter(at)).orElse(true);
    var last = tried.get(providerId);
    if (!due || last != null && last.plus(MIN_INTERVAL).isAfter(at)) {
      return false;
    }
    tried.put(providerId, at);
    Fetched fetched;
    try {
      fetched = fetch(url);
    } catch (GatewayProblem failed) {
      LOGGER.log(
          System.Logger.Level.WARNING,
          "The SAML metadata of identity provider {0} was not read again; the known one is kept: {1}",
          provider.alias(),
          failed.getMessage());
      return false;
    }
    if (!fetched.metadata().entityId().equals(saml.idpEntityId().orElse(null))) {
      LOGGER.log(
          System.Logger.Level.WARNING,
          "The SAML metadata of identity provider {0} now names the entity {1}, not {2}; the known"
              + " metadata is kept (change it through the admin API if the move is intended)",
          provider.alias(),
          fetched.metadata().entityId(),
          saml.idpEntityId().orElse(null));
      return false;
    }
    var changed = !fetched.xml().equals(saml.metadata().orElse(null));
    provider.configureSaml(
        saml.withMetadata(url, fetched.xml(), fetched.metadata().entityId(), at));
    return changed;
  }
}
