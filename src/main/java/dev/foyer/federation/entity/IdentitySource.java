package dev.foyer.federation.entity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What makes a provider's unique values name people: who answers for them (an OpenID Connect
 * issuer, the origin of an OAuth user info URL, a Microsoft tenant) and under which attribute key.
 * Members are linked under (space, alias, unique value), so a provider whose source changes would
 * recognise whoever the new source calls by an old member's value as that member.
 *
 * @param kind the provider's kind (it never changes, but it decides the rest)
 * @param issuer a custom OpenID Connect provider's issuer, exactly: its ID tokens' {@code iss}; a
 *     SAML identity provider's entity id
 * @param userInfoOrigin a custom OAuth 2.0 / 1.0a provider's user info URL's scheme, host and port:
 *     the paths under one origin are one directory's
 * @param tenant a Microsoft provider's Entra ID tenant
 * @param uniqueKey where the unique value is read: another key reads other values
 */
public record IdentitySource(
    ProviderKind kind, String issuer, String userInfoOrigin, String tenant, String uniqueKey) {

  static IdentitySource of(IdentityProvider provider) {
    var kind = provider.kind();
    var endpoints = provider.endpoints();
    var custom = !kind.social();
    return new IdentitySource(
        kind,
        switch (kind.protocol()) {
          case OIDC -> custom ? endpoints.issuer().orElse(null) : null;
          case SAML -> provider.saml().idpEntityId().orElse(null);
          default -> null;
        },
        custom && (kind.protocol() == Protocol.OAUTH2 || kind.protocol() == Protocol.OAUTH1)
            ? endpoints.userInfoUrl().map(IdentitySource::origin).orElse(null)
            : null,
        endpoints.tenant().orElse(null),
        provider.attributeKeys().unique().map(AttributeKey::text).orElse(null));
  }

  /** The fields that differ in {@code other}, as the admin API names them; empty if none. */
  public List<String> changesTo(IdentitySource other) {
    var changed = new ArrayList<String>();
    if (kind != other.kind) {
      changed.add("kind");
    }
    if (!Objects.equals(issuer, other.issuer)) {
      changed.add("issuer");
    }
    if (!Objects.equals(userInfoOrigin, other.userInfoOrigin)) {
      changed.add("userInfoUrl (its origin)");
    }
    if (!Objects.equals(tenant, other.tenant)) {
      changed.add("tenant");
    }
    if (!Objects.equals(uniqueKey, other.uniqueKey)) {
      changed.add("attributeKeys.unique");
    }
    return changed;
  }

  /** {@code scheme://host:port}, lower case, the port made explicit. */
  static String origin(String url) {
    try {
      var uri = new URI(url);
      var scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
      var port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
      return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    } catch (URISyntaxException e) {
      // Saved URLs were checked; one that is not a URL anymore is its own origin.
      return url;
    }
  }
}
