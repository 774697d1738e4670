package dev.foyer.federation.boundary;

import static dev.foyer.spaces.boundary.ConfigurationDocument.at;
import static dev.foyer.spaces.boundary.ConfigurationDocument.refusal;

import dev.foyer.federation.boundary.IdentityProvidersResource.ProviderRequest;
import dev.foyer.federation.entity.AttributeKeys;
import dev.foyer.federation.entity.IdentityProvider;
import dev.foyer.federation.entity.Protocol;
import dev.foyer.federation.entity.ProviderKind;
import dev.foyer.federation.entity.SamlSettings;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.boundary.ConfigurationDocument;
import dev.foyer.spaces.boundary.ConfigurationSection;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A space's identity providers in its configuration document ({@code identityProviders}), each in
 * the shape of {@code POST .../identity-providers} by alias. Never exported: the client secret (a
 * provider keeps the one it has stored; a new one, or one without, takes {@code clientSecret} from
 * the document, write-only) and the SAML service provider's keys (a provider keeps its own; a new
 * one makes its own, as on {@code POST}). A provider the document does not name is removed; one it
 * names is checked and saved by the identity providers API's own code, as a whole: what the
 * document leaves out is at its default, as in a new provider.
 */
@ApplicationScoped
public class IdentityProvidersConfiguration implements ConfigurationSection {
  static final String NAME = "identityProviders";

  @PersistenceContext EntityManager em;
  @Inject IdentityProvidersResource providers;
  @Inject Clock clock;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<JsonValue> export(Space space) {
    return Optional.of(
        ConfigurationDocument.json(
            stored(space).values().stream()
                .map(IdentityProvidersConfiguration::described)
                .toList()));
  }

  /** A provider as a request that makes it again, without its secret. */
  static ProviderRequest described(IdentityProvider provider) {
    var kind = provider.kind();
    var protocol = kind.protocol();
    var oauth = protocol == Protocol.OAUTH2 || protocol == Protocol.OIDC;
    var endpoints = provider.endpoints();
    var saml = protocol == Protocol.SAML ? provider.saml() : null;
    return new ProviderRequest(
        provider.alias(),
        kind.name(),
        provider.displayName(),
        provider.buttonLabel(),
        provider.enabled(),
        endpoints.issuer().orElse(null),
        endpoints.authorizationUrl().orElse(null),
        endpoints.tokenUrl().orElse(null),
        endpoints.userInfoUrl().orElse(null),
        endpoints.requestTokenUrl().orElse(null),
        endpoints.tenant().orElse(null),
        provider.clientId().orElse(null),
        null,
        provider.scopes().orElse(null),
        protocol == Protocol.OAUTH2 ? provider.pkce() : null,
        oauth ? provider.clientAuthentication().name() : null,
        provider.trustedEmails(),
        keys(provider.attributeKeys()),
        null,
        saml == null ? null : saml.metadataUrl().orElse(null),
        saml == null || saml.metadataUrl().isPresent() ? null : saml.metadata().orElse(null),
        saml == null ? null : saml.spEntityId().orElse(null),
        saml == null ? null : saml.nameIdFormat(),
        saml == null ? null : saml.postBinding() ? "POST" : "REDIRECT",
        saml == null ? null : saml.encryptedAssertions(),
        saml == null ? null : saml.idpInitiated());
  }

  /**
   * Refuses before anything is written an alias given twice, a kind changed (as {@code PATCH} does)
   * and an enabled provider that would have no client secret: the document carries none (exports
   * never do) and the space has none stored under that alias for that kind.
   */
  @Override
  public Change check(Optional<Space> space, JsonValue section) {
    var requests = ConfigurationDocument.readList(section, ProviderRequest.class, "/" + NAME);
    var stored = space.map(this::stored).orElse(Map.of());
    var aliases = new HashSet<String>();
    for (int i = 0; i < requests.size(); i++) {
      var request = requests.get(i);
      var pointer = "/" + NAME + "/" + i;
      if (request.alias() == null) {
        continue; // refused with the API's own words when it is saved
      }
      if (!aliases.add(request.alias())) {
        throw refusal(
            ProblemType.IMPORT_DUPLICATE,
            pointer + "/alias",
            "a second identity provider '" + request.alias() + "'");
      }
      var kind = kind(request.kind());
      if (kind.isEmpty()) {
        throw refusal(
            ProblemType.ADMIN_INVALID,
            pointer + "/kind",
            "identity provider '"
                + request.alias()
                + "': kind is one of "
                + Arrays.toString(ProviderKind.values()));
      }
      var existing = Optional.ofNullable(stored.get(request.alias()));
      if (existing.isPresent() && existing.get().kind() != kind.get()) {
        throw refusal(
            ProblemType.ADMIN_INVALID,
            pointer + "/kind",
            "identity provider '"
                + request.alias()
                + "' is "
                + existing.get().kind()
                + "; a kind cannot be changed: give the provider of the other kind a new alias");
      }
      if (kind.get().protocol() != Protocol.SAML
          && !Boolean.FALSE.equals(request.enabled())
          && request.clientSecret() == null
          && existing.flatMap(IdentityProvider::sealedClientSecret).isEmpty()) {
        throw refusal(
            ProblemType.IMPORT_SECRET_MISSING,
            pointer,
            "identity provider '"
                + request.alias()
                + "' ("
                + kind.get()
                + ") is enabled and needs its client secret, which exports never carry, and the"
                + " space has none stored under this alias. Add \"clientSecret\" to it in the"
                + " document (write-only: never exported), or \"enabled\": false.");
      }
    }
    return target -> apply(target, requests);
  }

  private Applied apply(Space space, List<ProviderRequest> requests) {
    var stored = stored(space);
    var named = requests.stream().map(ProviderRequest::alias).collect(Collectors.toSet());
    var removed = new ArrayList<String>();
    for (var provider : stored.values()) {
      if (!named.contains(provider.alias())) {
        em.remove(provider);
        removed.add(provider.alias());
      }
    }
    for (int i = 0; i < requests.size(); i++) {
      var request = requests.get(i);
      var existing = request.alias() == null ? null : stored.get(request.alias());
      at(
          "/" + NAME + "/" + i,
          "identity provider '" + request.alias() + "'",
          () -> {
            if (existing == null) {
              providers.add(space, request);
            } else {
              replace(space, existing, request);
            }
          });
    }
    return new Applied(Map.of(), removed);
  }

  /**
   * The provider as the request describes it whole: a new provider of the kind is made from the
   * request by the API's own checks, seeded only with what the document cannot carry (the stored
   * client secret, the SAML entity id fixed when the provider was first saved, and the identity
   * provider's metadata as last read when its URL has not changed, so it is not fetched again). The
   * provider takes its settings, keeping its id, keys and members; a change of identity source with
   * members is {@code IDP4}, as on {@code PATCH}.
   */
  private void replace(Space space, IdentityProvider existing, ProviderRequest request) {
    var fresh =
        new IdentityProvider(space.id(), existing.alias(), existing.kind(), clock.instant());
    fresh.enable(true);
    existing.sealedClientSecret().ifPresent(fresh::keepSecret);
    var described = request;
    if (existing.kind().protocol() == Protocol.SAML) {
      var saml = existing.saml();
      var seed = new SamlSettings().with(saml.spEntityId().orElse(null), null, false, false, false);
      if (request.samlMetadataUrl() != null
          && saml.metadataUrl().filter(request.samlMetadataUrl()::equals).isPresent()) {
        seed =
            seed.withMetadata(
                saml.metadataUrl().orElse(null),
                saml.metadata().orElse(null),
                saml.idpEntityId().orElse(null),
                saml.metadataReadAt().orElse(null));
        described = withoutMetadataUrl(request);
      }
      fresh.configureSaml(seed);
    }
    providers.apply(space, fresh, described);
    var source = existing.identitySource();
    existing.configureAs(fresh);
    providers.keepLinked(space, existing, source, request.sameIdentities());
  }

  private static ProviderRequest withoutMetadataUrl(ProviderRequest request) {
    return new ProviderRequest(
        request.alias(),
        request.kind(),
        request.displayName(),
        request.buttonLabel(),
        request.enabled(),
        request.issuer(),
        request.authorizationUrl(),
        request.tokenUrl(),
        request.userInfoUrl(),
        request.requestTokenUrl(),
        request.tenant(),
        request.clientId(),
        request.clientSecret(),
        request.scopes(),
        request.pkce(),
        request.clientAuthentication(),
        request.trustedEmails(),
        request.attributeKeys(),
        request.sameIdentities(),
        null,
        request.samlMetadata(),
        request.spEntityId(),
        request.nameIdFormat(),
        request.authnRequestBinding(),
        request.encryptedAssertions(),
        request.idpInitiated());
  }

  private static Optional<ProviderKind> kind(String name) {
    return Arrays.stream(ProviderKind.values())
        .filter(kind -> kind.name().equals(name))
        .findFirst();
  }

  /** The space's providers by alias, in alias order. */
  private Map<String, IdentityProvider> stored(Space space) {
    return em.createNamedQuery(IdentityProvider.OF_SPACE, IdentityProvider.class)
        .setParameter("space", space.id())
        .getResultStream()
        .collect(
            Collectors.toMap(
                IdentityProvider::alias,
                Function.identity(),
                (first, second) -> first,
                LinkedHashMap::new));
  }

  /** The keys in force, those the provider has none for left out. */
  private static Map<String, String> keys(AttributeKeys keys) {
    var map = new LinkedHashMap<String, String>();
    IdentityProvidersResource.ProviderView.keys(keys)
        .forEach(
            (name, key) -> {
              if (key != null) {
                map.put(name, key);
              }
            });
    return map;
  }
}
