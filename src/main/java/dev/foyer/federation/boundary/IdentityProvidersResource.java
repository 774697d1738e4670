package dev.foyer.federation.boundary;

import dev.foyer.doors.DoorSecrets;
import dev.foyer.federation.control.SamlServiceProvider;
import dev.foyer.federation.control.SsoNicknames;
import dev.foyer.federation.entity.AttributeKey;
import dev.foyer.federation.entity.AttributeKeys;
import dev.foyer.federation.entity.ClientAuthentication;
import dev.foyer.federation.entity.Endpoints;
import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.federation.entity.IdentityProvider;
import dev.foyer.federation.entity.IdentitySource;
import dev.foyer.federation.entity.Protocol;
import dev.foyer.federation.entity.ProviderKind;
import dev.foyer.federation.entity.SamlSettings;
import dev.foyer.federation.saml.IdpMetadata;
import dev.foyer.members.entity.LinkedIdentity;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.signin.control.FlowStates;
import dev.foyer.spaces.boundary.AdminScope;
import dev.foyer.spaces.boundary.SpacesResource;
import dev.foyer.spaces.entity.Space;
import dev.foyer.web.PublicAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServletRequest;
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
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A space's identity providers (seed 002's "SSO settings"). Every field is checked against its rule
 * and its column before anything is stored; a URL that is not an {@code https} URL (or {@code http}
 * on a loopback address, for tests and development) is {@code IOU2URL}. The client secret is sealed
 * at rest and never answered, only whether one is set.
 */
@RequestScoped
@Path("/api/admin/spaces/{slug}/identity-providers")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class IdentityProvidersResource {
  /** Kebab-case, as the style's one provider id: the DB key, the client name, the login path. */
  static final Pattern ALIAS = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  static final int MAX_ALIAS = 64;
  static final int MAX_CLIENT_ID = 512;
  static final int MAX_SECRET = 512;
  static final int MAX_SCOPES = 1024;

  /** RFC 6749 §3.3 scope-token, space-separated. */
  static final Pattern SCOPES =
      Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");

  /** An Entra ID tenant: its GUID, a verified domain, or common/organizations/consumers. */
  static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,127}");

  /** Printable ASCII without spaces, as client ids and secrets are issued. */
  static final Pattern CREDENTIAL = Pattern.compile("[\\x21-\\x7E]+");

  private static final System.Logger LOGGER =
      System.getLogger(IdentityProvidersResource.class.getName());

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  @PersistenceContext EntityManager em;

  /**
   * A member's linked identities are keyed by (provider, id); these name Foyer's own doors, so a
   * provider with one of these aliases would find the door's members.
   */
  static final Set<String> RESERVED_ALIASES =
      java.util.Set.of("uri-auth", "programmatic-logon", "jwt-sso", "password", "federation");

  @Inject
  @ConfigProperty(name = "foyer.members.uid-provider", defaultValue = "uri-auth")
  String uidProvider;

  private static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");

  @Inject AdminScope scope;
  @Inject FlowStates flows;
  @Inject PublicAddress address;
  // CDI's, not JAX-RS's @Context: the configuration import calls this resource's checks as a bean.
  @Inject HttpServletRequest servletRequest;
  @Inject DoorSecrets secrets;
  @Inject Clock clock;
  @Inject SsoNicknames ssoNicknames;
  @Inject SamlServiceProvider serviceProvider;

  @PathParam("slug")
  String slug;

  @GET
  public List<ProviderView> list() {
    var space = scope.space(slug);
    return em.createNamedQuery(IdentityProvider.OF_SPACE, IdentityProvider.class)
        .setParameter("space", space.id())
        .getResultStream()
        .map(provider -> view(space, provider))
        .toList();
  }

  @POST
  public Response create(ProviderRequest request) {
    var space = scope.space(slug);
    var provider = add(space, request);
    return Response.created(
            URI.create(
                "/api/admin/spaces/" + space.slug() + "/identity-providers/" + provider.alias()))
        .entity(view(space, provider))
        .build();
  }

  /** A new provider of the space, checked and stored as {@code POST} does it. */
  IdentityProvider add(Space space, ProviderRequest request) {
    if (request == null) {
      throw invalid("a JSON object is required");
    }
    if (request.alias() == null
        || request.alias().length() > MAX_ALIAS
        || !ALIAS.matcher(request.alias()).matches()) {
      throw invalid(
          "alias: lower-case letters and digits in words joined by '-', at most "
              + MAX_ALIAS
              + " characters");
    }
    if (RESERVED_ALIASES.contains(request.alias()) || request.alias().equals(uidProvider)) {
      throw new GatewayProblem(
          FederationProblem.ALIAS_RESERVED,
          "alias: '"
              + request.alias()
              + "' names one of Foyer's own doors, whose members it would mix up");
    }
    var kind = kind(request.kind());
    if (find(space, request.alias()).isPresent()) {
      throw taken(request.alias());
    }
    keepLinked(space, request.alias(), request.sameIdentities());
    var provider = new IdentityProvider(space.id(), request.alias(), kind, clock.instant());
    provider.enable(true);
    apply(space, provider, request);
    if (kind.protocol() == Protocol.SAML) {
      provider.rotateSpKey(serviceProvider.newSealedKey(spEntityId(space, provider)));
    }
    try {
      em.persist(provider);
      // A concurrent create of the same alias in this space fails here, on the unique constraint,
      // and is answered like the check above rather than at commit.
      em.flush();
    } catch (PersistenceException raced) {
      throw taken(request.alias());
    }
    return provider;
  }

  /**
   * Seed 002's Test Integration: a single-use link, valid for {@code foyer.flow.ttl}, that runs the
   * provider's real sign-in in test mode and shows its result page (or JSON) instead of signing
   * anyone in. The provider may be disabled: test it before turning it on.
   */
  @POST
  @Path("{alias}/tests")
  public Response startTest(@PathParam("alias") String alias) {
    var space = scope.space(slug);
    var provider = existing(space, alias);
    var ticket = flows.begin(space.id(), FederationDoor.TEST_TICKET, provider.id(), null, null);
    flows.save(ticket.flow());
    var url = address.origin(servletRequest) + "/auth/federation/tests/" + ticket.id();
    return Response.status(Response.Status.CREATED)
        .entity(new TestLink(url, ticket.flow().expiresAt()))
        .build();
  }

  public record TestLink(String url, Instant expiresAt) {}

  /** The provider as the API shows it, with the redirect URI to register at the provider. */
  private ProviderView view(Space space, IdentityProvider provider) {
    return ProviderView.of(
        provider,
        address.origin(servletRequest) + FederationDoor.callback(space, provider.alias()),
        provider.kind().protocol() == Protocol.SAML ? samlView(space, provider) : null);
  }

  private SamlView samlView(Space space, IdentityProvider provider) {
    var saml = provider.saml();
    var addresses =
        SamlServiceProvider.Addresses.of(
            address.origin(servletRequest), space.slug(), provider.alias());
    var keys = serviceProvider.keys(provider);
    var views = new ArrayList<SpKeyView>();
    for (int i = 0; i < keys.size(); i++) {
      var key = keys.get(i);
      views.add(
          new SpKeyView(
              key.id(),
              i == 0,
              i == keys.size() - 1,
              key.certificate().getNotAfter().toInstant(),
              key.certificateBase64()));
    }
    var sso =
        saml.metadata()
            .map(IdpMetadata::parse)
            .flatMap(
                metadata ->
                    saml.postBinding()
                        ? metadata.ssoPost().or(metadata::ssoRedirect)
                        : metadata.ssoRedirect().or(metadata::ssoPost))
            .orElse(null);
    return new SamlView(
        saml.metadataUrl().orElse(null),
        saml.metadataReadAt().orElse(null),
        saml.idpEntityId().orElse(null),
        sso,
        saml.spEntityId().orElse(addresses.metadata()),
        addresses.metadata(),
        addresses.acs(),
        saml.nameIdFormat(),
        saml.postBinding() ? "POST" : "REDIRECT",
        saml.encryptedAssertions(),
        saml.idpInitiated(),
        List.copyOf(views));
  }

  /**
   * A new service provider key for a SAML provider, published and decrypting at once; the key it
   * replaces goes on signing (the identity provider trusts it) until {@code DELETE
   * .../saml-keys/previous} ends the overlap, when the new one signs (give the identity provider
   * the new certificate in between). A key before that one goes.
   */
  @POST
  @Path("{alias}/saml-keys")
  public Response rotateKey(@PathParam("alias") String alias) {
    var space = scope.space(slug);
    var provider = samlProvider(space, alias);
    provider.rotateSpKey(serviceProvider.newSealedKey(spEntityId(space, provider)));
    return Response.status(Response.Status.CREATED).entity(view(space, provider)).build();
  }

  /** Ends a key rotation's overlap: the previous key is neither published nor used any more. */
  @DELETE
  @Path("{alias}/saml-keys/previous")
  public Response dropPreviousKey(@PathParam("alias") String alias) {
    var space = scope.space(slug);
    if (!samlProvider(space, alias).dropPreviousSpKey()) {
      throw new GatewayProblem(
          ProblemType.NOT_FOUND, "The provider has no previous key: no rotation is under way.");
    }
    return Response.noContent().build();
  }

  private IdentityProvider samlProvider(Space space, String alias) {
    var provider = existing(space, alias);
    if (provider.kind().protocol() != Protocol.SAML) {
      throw invalid("only a SAML provider has service provider keys");
    }
    return provider;
  }

  private String spEntityId(Space space, IdentityProvider provider) {
    return provider
        .saml()
        .spEntityId()
        .orElseGet(
            () ->
                SamlServiceProvider.Addresses.of(
                        address.origin(servletRequest), space.slug(), provider.alias())
                    .metadata());
  }

  @GET
  @Path("{alias}")
  public ProviderView get(@PathParam("alias") String alias) {
    var space = scope.space(slug);
    return view(space, existing(space, alias));
  }

  @PATCH
  @Path("{alias}")
  public ProviderView update(@PathParam("alias") String alias, ProviderRequest request) {
    var space = scope.space(slug);
    var provider = existing(space, alias);
    if (request == null) {
      throw invalid("a JSON object is required");
    }
    if (request.alias() != null && !request.alias().equals(alias)) {
      throw invalid("alias: cannot be changed");
    }
    if (request.kind() != null && !request.kind().equals(provider.kind().name())) {
      throw invalid("kind: cannot be changed; add a provider of the other kind");
    }
    var source = provider.identitySource();
    apply(space, provider, request);
    keepLinked(space, provider, source, request.sameIdentities());
    return view(space, provider);
  }

  /**
   * Members are linked under (space, alias, unique value): a provider with members that came to
   * read its unique values from another source (issuer, user info origin, tenant, unique key) would
   * sign in whoever that source calls by an old member's value as that member. Refused unless the
   * administrator says it is the same source (the directory moved); the caller's transaction rolls
   * the change back.
   */
  void keepLinked(
      Space space, IdentityProvider provider, IdentitySource before, Boolean sameIdentities) {
    var changed = before.changesTo(provider.identitySource());
    if (changed.isEmpty()) {
      return;
    }
    var linked = linkedIdentities(space, provider.alias());
    if (linked == 0) {
      return;
    }
    var what = String.join(", ", changed);
    if (Boolean.TRUE.equals(sameIdentities)) {
      LOGGER.log(
          System.Logger.Level.INFO,
          "Identity provider {0} of space {1}: {2} changed with sameIdentities; {3} linked"
              + " identities kept",
          provider.alias(),
          space.slug(),
          what,
          linked);
      return;
    }
    throw new GatewayProblem(
        FederationProblem.MEMBERS_WOULD_MOVE,
        "The provider '"
            + provider.alias()
            + "' has "
            + identities(linked)
            + "; changing its "
            + what
            + " would hand them to another identity source, which could sign in as them by"
            + " their unique values. Add a new provider instead (members link to it again by a"
            + " verified email), or, if the same directory only moved (a new hostname), send"
            + " \"sameIdentities\": true with the change.");
  }

  /**
   * A provider removed with members leaves their linked identities under its alias: a new one there
   * is a change of source like any other.
   */
  private void keepLinked(Space space, String alias, Boolean sameIdentities) {
    if (Boolean.TRUE.equals(sameIdentities)) {
      return;
    }
    var linked = linkedIdentities(space, alias);
    if (linked > 0) {
      throw new GatewayProblem(
          FederationProblem.MEMBERS_WOULD_MOVE,
          "The space has "
              + identities(linked)
              + " under the alias '"
              + alias
              + "', from a provider that was removed; a new provider there would hand them to"
              + " its identity source. Choose another alias (members link to it again by a"
              + " verified email), or, if this is the same directory as the removed provider's,"
              + " send \"sameIdentities\": true.");
    }
  }

  private static String identities(long linked) {
    return linked + (linked == 1 ? " linked identity" : " linked identities");
  }

  private long linkedIdentities(Space space, String alias) {
    return em.createNamedQuery(LinkedIdentity.COUNT_OF_PROVIDER, Long.class)
        .setParameter("space", space)
        .setParameter("provider", alias)
        // Not worth flushing the provider being changed: the count reads another table.
        .setFlushMode(FlushModeType.COMMIT)
        .getSingleResult();
  }

  @DELETE
  @Path("{alias}")
  public Response delete(@PathParam("alias") String alias) {
    em.remove(existing(scope.space(slug), alias));
    return Response.noContent().build();
  }

  /**
   * Checks every field given, then the provider as a whole (an enabled provider has what its
   * protocol needs), and only then changes it: a refused request leaves it as it was.
   */
  void apply(Space space, IdentityProvider provider, ProviderRequest request) {
    var kind = provider.kind();
    var saml = kind.protocol() == Protocol.SAML ? saml(space, provider, request) : null;
    if (saml == null) {
      refuseSamlFields(kind, request);
    }
    var displayName =
        request.displayName() == null
            ? null
            : SpacesResource.name("displayName", request.displayName());
    var buttonLabel =
        request.buttonLabel() == null
            ? null
            : SpacesResource.name("buttonLabel", request.buttonLabel());
    var endpoints = endpoints(kind, provider.endpoints(), request);
    var clientId =
        request.clientId() == null
            ? null
            : credential("clientId", request.clientId(), MAX_CLIENT_ID);
    var clientSecret =
        request.clientSecret() == null
            ? null
            : credential("clientSecret", request.clientSecret(), MAX_SECRET);
    var scopes = request.scopes() == null ? null : scopes(request.scopes());
    var clientAuthentication =
        request.clientAuthentication() == null
            ? provider.clientAuthentication()
            : clientAuthentication(request.clientAuthentication());
    if (request.pkce() != null && !request.pkce() && kind.protocol() == Protocol.OIDC) {
      throw invalid("pkce: always on for OpenID Connect");
    }
    var keys =
        request.attributeKeys() == null
            ? provider.attributeKeys()
            : provider.attributeKeys().overriddenBy(attributeKeys(request.attributeKeys()));
    // Sealed before anything changes: without a confirmed secrets key it is refused (KEY1), as
    // every door's secrets are (sealed under another key, it could never be opened again).
    var sealedSecret = clientSecret == null ? null : secrets.seal(clientSecret);
    var enabled = request.enabled() == null ? provider.enabled() : request.enabled();
    ssoNicknames.checkEnabled(space, provider, enabled);
    if (enabled && saml != null) {
      completeSaml(saml, keys);
    } else if (enabled) {
      complete(
          kind,
          endpoints,
          clientId != null ? clientId : provider.clientId().orElse(null),
          clientSecret != null || provider.sealedClientSecret().isPresent(),
          keys);
    }
    if (saml != null) {
      provider.configureSaml(saml);
    }

    provider.describe(
        displayName != null ? displayName : provider.displayName(),
        buttonLabel != null ? buttonLabel : provider.buttonLabel());
    provider.connectAt(endpoints);
    if (clientId != null) {
      provider.identifyAs(clientId);
    }
    if (sealedSecret != null) {
      provider.keepSecret(sealedSecret);
    }
    provider.ask(
        scopes != null ? scopes : provider.scopes().orElse(null),
        request.pkce() == null ? provider.pkce() : request.pkce(),
        clientAuthentication);
    if (request.trustedEmails() != null) {
      provider.trustEmails(request.trustedEmails());
    }
    if (provider.trustedEmails()
        && provider.kind() == ProviderKind.MICROSOFT
        && provider.endpoints().tenant().map(MULTI_TENANT::contains).orElse(false)) {
      // Any Entra tenant can assert any email there: trusting them would link anyone to anyone.
      throw invalid(
          "trustedEmails: not with the multi-tenant tenants common, organizations or consumers;"
              + " name your own tenant");
    }
    provider.readWith(keys);
    provider.enable(enabled);
  }

  private static Endpoints endpoints(ProviderKind kind, Endpoints saved, ProviderRequest request) {
    if (kind.social()) {
      var given = new LinkedHashMap<String, String>();
      given.put("issuer", request.issuer());
      given.put("authorizationUrl", request.authorizationUrl());
      given.put("tokenUrl", request.tokenUrl());
      given.put("userInfoUrl", request.userInfoUrl());
      given.put("requestTokenUrl", request.requestTokenUrl());
      given.forEach(
          (field, value) -> {
            if (value != null) {
              throw invalid(field + ": " + kind + " has its own endpoints; leave it out");
            }
          });
      if (request.tenant() != null && kind != ProviderKind.MICROSOFT) {
        throw invalid("tenant: only for MICROSOFT");
      }
      var tenant =
          request.tenant() == null ? saved.tenant().orElse(null) : tenant(request.tenant());
      return new Endpoints(null, null, null, null, null, tenant);
    }
    if (request.tenant() != null) {
      throw invalid("tenant: only for MICROSOFT");
    }
    return new Endpoints(
        url("issuer", request.issuer(), saved.issuer()),
        url("authorizationUrl", request.authorizationUrl(), saved.authorizationUrl()),
        url("tokenUrl", request.tokenUrl(), saved.tokenUrl()),
        url("userInfoUrl", request.userInfoUrl(), saved.userInfoUrl()),
        url("requestTokenUrl", request.requestTokenUrl(), saved.requestTokenUrl()),
        null);
  }

  static final int MAX_ENTITY_ID = 1024;

  /** SAML 2.0's NameID formats (Core §8.3). */
  static final Pattern NAME_ID_FORMAT =
      Pattern.compile("urn:oasis:names:tc:SAML:(1\\.1|2\\.0):nameid-format:[A-Za-z]{1,64}");

  /**
   * A SAML provider's settings from the request over the saved ones: the identity provider's
   * metadata fetched from its URL ({@code SML2GCFE} when it cannot be fetched or read) or pasted,
   * and the service provider's choices. OAuth's fields have no meaning here and are refused.
   */
  private SamlSettings saml(Space space, IdentityProvider provider, ProviderRequest request) {
    var oauth = new LinkedHashMap<String, Object>();
    oauth.put("issuer", request.issuer());
    oauth.put("authorizationUrl", request.authorizationUrl());
    oauth.put("tokenUrl", request.tokenUrl());
    oauth.put("userInfoUrl", request.userInfoUrl());
    oauth.put("requestTokenUrl", request.requestTokenUrl());
    oauth.put("tenant", request.tenant());
    oauth.put("clientId", request.clientId());
    oauth.put("clientSecret", request.clientSecret());
    oauth.put("scopes", request.scopes());
    oauth.put("pkce", request.pkce());
    oauth.put("clientAuthentication", request.clientAuthentication());
    oauth.forEach(
        (field, value) -> {
          if (value != null) {
            throw invalid(field + ": not for a SAML provider (its metadata says where it is)");
          }
        });
    var saml = provider.saml();
    if (request.samlMetadataUrl() != null && request.samlMetadata() != null) {
      throw invalid("samlMetadataUrl, samlMetadata: give one of them");
    }
    if (request.samlMetadataUrl() != null) {
      var url = url("samlMetadataUrl", request.samlMetadataUrl(), Optional.empty());
      if (url == null) {
        saml =
            saml.withMetadata(
                null,
                saml.metadata().orElse(null),
                saml.idpEntityId().orElse(null),
                saml.metadataReadAt().orElse(null));
      } else {
        var fetched = serviceProvider.fetch(url);
        saml =
            saml.withMetadata(url, fetched.xml(), fetched.metadata().entityId(), clock.instant());
      }
    } else if (request.samlMetadata() != null) {
      var metadata = IdpMetadata.parse(request.samlMetadata());
      saml = saml.withMetadata(null, request.samlMetadata(), metadata.entityId(), clock.instant());
    }
    var spEntityId = saml.spEntityId().orElse(null);
    if (request.spEntityId() != null) {
      if (request.spEntityId().isEmpty()
          || request.spEntityId().length() > MAX_ENTITY_ID
          || request.spEntityId().chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw invalid(
            "spEntityId: 1 to " + MAX_ENTITY_ID + " characters without spaces (a URI, usually)");
      }
      spEntityId = request.spEntityId();
    }
    if (spEntityId == null) {
      // Foyer's metadata address, as the identity provider's administrator will see it.
      spEntityId =
          SamlServiceProvider.Addresses.of(
                  address.origin(servletRequest), space.slug(), provider.alias())
              .metadata();
    }
    var nameIdFormat = saml.nameIdFormat();
    if (request.nameIdFormat() != null) {
      if (!NAME_ID_FORMAT.matcher(request.nameIdFormat()).matches()) {
        throw invalid(
            "nameIdFormat: a SAML NameID format, e.g."
                + " urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
      }
      nameIdFormat = request.nameIdFormat();
    }
    var post = saml.postBinding();
    if (request.authnRequestBinding() != null) {
      if (!Set.of("REDIRECT", "POST").contains(request.authnRequestBinding())) {
        throw invalid("authnRequestBinding: REDIRECT or POST");
      }
      post = request.authnRequestBinding().equals("POST");
    }
    return saml.with(
        spEntityId,
        nameIdFormat,
        post,
        request.encryptedAssertions() == null
            ? saml.encryptedAssertions()
            : request.encryptedAssertions(),
        request.idpInitiated() == null ? saml.idpInitiated() : request.idpInitiated());
  }

  private static void refuseSamlFields(ProviderKind kind, ProviderRequest request) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("samlMetadataUrl", request.samlMetadataUrl());
    fields.put("samlMetadata", request.samlMetadata());
    fields.put("spEntityId", request.spEntityId());
    fields.put("nameIdFormat", request.nameIdFormat());
    fields.put("authnRequestBinding", request.authnRequestBinding());
    fields.put("encryptedAssertions", request.encryptedAssertions());
    fields.put("idpInitiated", request.idpInitiated());
    fields.forEach(
        (field, value) -> {
          if (value != null) {
            throw invalid(field + ": only for a SAML provider, not " + kind);
          }
        });
  }

  /** What an enabled SAML provider needs: the identity provider's metadata and a unique key. */
  private static void completeSaml(SamlSettings saml, AttributeKeys keys) {
    var missing = new ArrayList<String>();
    if (saml.metadata().isEmpty()) {
      missing.add("samlMetadataUrl or samlMetadata");
    }
    if (keys.unique().isEmpty()) {
      missing.add("attributeKeys.unique");
    }
    if (!missing.isEmpty()) {
      throw invalid(
          "an enabled SAML provider needs "
              + String.join(", ", missing)
              + " (or send \"enabled\": false)");
    }
  }

  /** What an enabled provider of the kind needs to sign anyone in. */
  private static void complete(
      ProviderKind kind,
      Endpoints endpoints,
      String clientId,
      boolean secretSet,
      AttributeKeys keys) {
    var missing = new ArrayList<String>();
    if (!kind.social()) {
      switch (kind.protocol()) {
        case OIDC -> {
          if (endpoints.issuer().isEmpty()) {
            missing.add("issuer");
          }
        }
        case OAUTH1 -> {
          if (endpoints.requestTokenUrl().isEmpty()) {
            missing.add("requestTokenUrl");
          }
          addOAuthUrls(endpoints, missing);
        }
        case OAUTH2 -> addOAuthUrls(endpoints, missing);
      }
    } else if (kind == ProviderKind.MICROSOFT && endpoints.tenant().isEmpty()) {
      missing.add("tenant");
    }
    if (clientId == null) {
      missing.add(kind.protocol() == Protocol.OAUTH1 ? "clientId (the consumer key)" : "clientId");
    }
    if (!secretSet) {
      missing.add(
          kind.protocol() == Protocol.OAUTH1
              ? "clientSecret (the consumer secret)"
              : "clientSecret");
    }
    if (keys.unique().isEmpty()) {
      missing.add("attributeKeys.unique");
    }
    if (!missing.isEmpty()) {
      throw invalid(
          "an enabled "
              + kind
              + " provider needs "
              + String.join(", ", missing)
              + " (or send \"enabled\": false)");
    }
  }

  private static void addOAuthUrls(Endpoints endpoints, List<String> missing) {
    if (endpoints.authorizationUrl().isEmpty()) {
      missing.add("authorizationUrl");
    }
    if (endpoints.tokenUrl().isEmpty()) {
      missing.add("tokenUrl");
    }
    if (endpoints.userInfoUrl().isEmpty()) {
      missing.add("userInfoUrl");
    }
  }

  /**
   * An identity provider's URL: {@code https}, or {@code http} on a loopback address (tests and
   * development); no user info, no fragment; "" clears it.
   */
  static String url(String field, String value, Optional<String> saved) {
    if (value == null) {
      return saved.orElse(null);
    }
    if (value.isEmpty()) {
      return null;
    }
    if (value.length() > Endpoints.MAX_URL) {
      throw invalidUrl(field, "at most " + Endpoints.MAX_URL + " characters");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalidUrl(field, "not a URL");
    }
    var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    var host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || host.isEmpty() || uri.getRawUserInfo() != null) {
      throw invalidUrl(field, "an absolute URL with a host and no user name");
    }
    if (uri.getRawFragment() != null) {
      throw invalidUrl(field, "no fragment (#...)");
    }
    if (!scheme.equals("https") && !(scheme.equals("http") && LOOPBACK.contains(host))) {
      throw invalidUrl(field, "https (http only on 127.0.0.1, [::1] or localhost)");
    }
    return value;
  }

  private static GatewayProblem invalidUrl(String field, String rule) {
    return new GatewayProblem(FederationProblem.INVALID_PROVIDER_URL, field + ": " + rule);
  }

  private static ProviderKind kind(String value) {
    try {
      return ProviderKind.valueOf(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid(
          "kind: one of "
              + Arrays.toString(ProviderKind.values())
              + ", not '"
              + SpacesResource.shown(value)
              + "'");
    }
  }

  private static ClientAuthentication clientAuthentication(String value) {
    try {
      return ClientAuthentication.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw invalid(
          "clientAuthentication: one of " + Arrays.toString(ClientAuthentication.values()));
    }
  }

  private static String credential(String field, String value, int max) {
    if (value.isEmpty() || value.length() > max || !CREDENTIAL.matcher(value).matches()) {
      throw invalid(field + ": 1 to " + max + " printable ASCII characters without spaces");
    }
    return value;
  }

  private static String scopes(String value) {
    if (value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_SCOPES || !SCOPES.matcher(value).matches()) {
      throw invalid(
          "scopes: scope names separated by single spaces (RFC 6749 §3.3), at most "
              + MAX_SCOPES
              + " characters");
    }
    return value;
  }

  private static String tenant(String value) {
    if (!TENANT.matcher(value).matches()) {
      throw invalid("tenant: the Entra ID tenant's id or domain, or common or organizations");
    }
    return value;
  }

  private static AttributeKeys attributeKeys(Map<String, String> request) {
    var known = ProviderView.keys(AttributeKeys.NONE).keySet();
    for (var entry : request.entrySet()) {
      if (!known.contains(entry.getKey())) {
        throw invalid(
            "attributeKeys: '" + SpacesResource.shown(entry.getKey()) + "' is not one of " + known);
      }
      if (entry.getValue() != null && AttributeKey.parse(entry.getValue()).isEmpty()) {
        throw invalid(
            "attributeKeys."
                + entry.getKey()
                + ": names separated by single dots (names.first,"
                + " emails.0), at most "
                + AttributeKey.MAX_LENGTH
                + " characters");
      }
    }
    return new AttributeKeys(
        request.get("unique"),
        request.get("username"),
        request.get("nickname"),
        request.get("email"),
        request.get("givenName"),
        request.get("familyName"),
        request.get("avatar"),
        request.get("groups"));
  }

  private Optional<IdentityProvider> find(Space space, String alias) {
    return em.createNamedQuery(IdentityProvider.BY_ALIAS, IdentityProvider.class)
        .setParameter("space", space.id())
        .setParameter("alias", alias)
        .getResultStream()
        .findFirst();
  }

  private IdentityProvider existing(Space space, String alias) {
    if (alias == null || alias.length() > MAX_ALIAS || !ALIAS.matcher(alias).matches()) {
      throw unknown();
    }
    return find(space, alias).orElseThrow(IdentityProvidersResource::unknown);
  }

  private static GatewayProblem taken(String alias) {
    return new GatewayProblem(
        FederationProblem.PROVIDER_EXISTS,
        "The space has an identity provider '" + alias + "' already.");
  }

  private static GatewayProblem unknown() {
    return new GatewayProblem(
        FederationProblem.PROVIDER_UNKNOWN, "The space has no identity provider with that alias.");
  }

  private static GatewayProblem invalid(String detail) {
    return new GatewayProblem(ProblemType.ADMIN_INVALID, detail);
  }

  public record ProviderRequest(
      String alias,
      String kind,
      String displayName,
      String buttonLabel,
      Boolean enabled,
      String issuer,
      String authorizationUrl,
      String tokenUrl,
      String userInfoUrl,
      String requestTokenUrl,
      String tenant,
      String clientId,
      String clientSecret,
      String scopes,
      Boolean pkce,
      String clientAuthentication,
      Boolean trustedEmails,
      Map<String, String> attributeKeys,
      Boolean sameIdentities,
      String samlMetadataUrl,
      String samlMetadata,
      String spEntityId,
      String nameIdFormat,
      String authnRequestBinding,
      Boolean encryptedAssertions,
      Boolean idpInitiated) {}

  /**
   * A SAML provider's settings as the API shows them: what Foyer read from the identity provider's
   * metadata, and what to give its administrator ({@code spMetadataUrl}, or the entity id and the
   * assertion consumer service with the certificates).
   */
  public record SamlView(
      String metadataUrl,
      Instant metadataReadAt,
      String idpEntityId,
      String singleSignOnUrl,
      String spEntityId,
      String spMetadataUrl,
      String assertionConsumerServiceUrl,
      String nameIdFormat,
      String authnRequestBinding,
      boolean encryptedAssertions,
      boolean idpInitiated,
      List<SpKeyView> spKeys) {}

  /** One of the service provider's keys: its certificate's serial and validity, never the key. */
  public record SpKeyView(
      String id, boolean current, boolean signing, Instant notAfter, String certificate) {}

  /**
   * A provider as the API shows it: effective endpoints and scopes, never the secret; {@code
   * redirectUri} is the address to register at the provider.
   */
  public record ProviderView(
      String alias,
      String kind,
      String protocol,
      String redirectUri,
      String admissionLevel,
      String displayName,
      String buttonLabel,
      boolean enabled,
      String issuer,
      String authorizationUrl,
      String tokenUrl,
      String userInfoUrl,
      String requestTokenUrl,
      String tenant,
      String clientId,
      boolean clientSecretSet,
      String scopes,
      boolean pkce,
      String clientAuthentication,
      boolean trustedEmails,
      Map<String, String> attributeKeys,
      SamlView saml,
      Instant createdAt) {
    static ProviderView of(IdentityProvider provider, String redirectUri, SamlView saml) {
      var endpoints = provider.effectiveEndpoints();
      var kind = provider.kind();
      return new ProviderView(
          provider.alias(),
          kind.name(),
          kind.protocol().name(),
          redirectUri,
          kind.social() ? "SOCIAL" : "SSO",
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
          provider.sealedClientSecret().isPresent(),
          provider.effectiveScopes().orElse(null),
          (kind.protocol() == Protocol.OAUTH2 || kind.protocol() == Protocol.OIDC)
              && provider.pkce(),
          provider.clientAuthentication().name(),
          provider.trustedEmails(),
          keys(provider.attributeKeys()),
          saml,
          provider.createdAt());
    }

    static Map<String, String> keys(AttributeKeys keys) {
      var map = new LinkedHashMap<String, String>();
      map.put("unique", keys.unique().map(AttributeKey::text).orElse(null));
      map.put("username", keys.username().map(AttributeKey::text).orElse(null));
      map.put("nickname", keys.nickname().map(AttributeKey::text).orElse(null));
      map.put("email", keys.email().map(AttributeKey::text).orElse(null));
      map.put("givenName", keys.givenName().map(AttributeKey::text).orElse(null));
      map.put("familyName", keys.familyName().map(AttributeKey::text).orElse(null));
      map.put("avatar", keys.avatar().map(AttributeKey::text).orElse(null));
      map.put("groups", keys.groups().map(AttributeKey::text).orElse(null));
      return map;
    }
  }
}
