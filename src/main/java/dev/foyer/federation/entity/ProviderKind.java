package dev.foyer.federation.entity;

import java.util.Optional;

/**
 * The kinds of identity provider a space can add (seed 002): three generic ones the administrator
 * describes in full, and social sign-in with the space's own credentials, where Foyer knows the
 * endpoints and the attribute keys of the provider's documented user info. Custom providers (SAML
 * 2.0 among them) admit at the SSO level, social ones at the SOCIAL level.
 */
public enum ProviderKind {
  OAUTH2(Protocol.OAUTH2, false, Endpoints.NONE, null, AttributeKeys.NONE),
  OIDC(Protocol.OIDC, false, Endpoints.NONE, "openid email profile", AttributeKeys.OIDC),
  OAUTH1(Protocol.OAUTH1, false, Endpoints.NONE, null, AttributeKeys.NONE),
  /** SAML 2.0: the endpoints and keys come from the identity provider's metadata. */
  SAML(Protocol.SAML, false, Endpoints.NONE, null, AttributeKeys.SAML),
  /** Google's OpenID Connect; the issuer is fixed. */
  GOOGLE(
      Protocol.OIDC,
      true,
      new Endpoints("https://accounts.google.com", null, null, null, null, null),
      "openid email profile",
      AttributeKeys.OIDC),
  /** Microsoft Entra ID; the issuer is the tenant's ({@code {tenant}} is replaced). */
  MICROSOFT(
      Protocol.OIDC,
      true,
      new Endpoints(
          "https://login.microsoftonline.com/{tenant}/v2.0", null, null, null, null, null),
      "openid email profile",
      new AttributeKeys(
          "sub", "preferred_username", "name", "email", "given_name", "family_name", null, null)),
  GITHUB(
      Protocol.OAUTH2,
      true,
      new Endpoints(
          null,
          "https://github.com/login/oauth/authorize",
          "https://github.com/login/oauth/access_token",
          "https://api.github.com/user",
          null,
          null),
      "read:user user:email",
      new AttributeKeys("id", "login", "name", "email", null, null, "avatar_url", null)),
  FACEBOOK(
      Protocol.OAUTH2,
      true,
      new Endpoints(
          null,
          "https://www.facebook.com/v19.0/dialog/oauth",
          "https://graph.facebook.com/v19.0/oauth/access_token",
          "https://graph.facebook.com/v19.0/me?fields=id,name,email,first_name,last_name,picture",
          null,
          null),
      "public_profile email",
      new AttributeKeys(
          "id", null, "name", "email", "first_name", "last_name", "picture.data.url", null)),
  /** LinkedIn's "Sign In with LinkedIn using OpenID Connect". */
  LINKEDIN(
      Protocol.OIDC,
      true,
      new Endpoints("https://www.linkedin.com/oauth", null, null, null, null, null),
      "openid profile email",
      AttributeKeys.OIDC),
  /** X (Twitter) with OAuth 1.0a. */
  X(
      Protocol.OAUTH1,
      true,
      new Endpoints(
          null,
          "https://api.twitter.com/oauth/authenticate",
          "https://api.twitter.com/oauth/access_token",
          "https://api.twitter.com/1.1/account/verify_credentials.json?include_email=true",
          "https://api.twitter.com/oauth/request_token",
          null),
      null,
      new AttributeKeys(
          "id_str", "screen_name", "name", "email", null, null, "profile_image_url_https", null));

  private final Protocol protocol;
  private final boolean social;
  private final Endpoints endpoints;
  private final String scopes;
  private final AttributeKeys attributeKeys;

  ProviderKind(
      Protocol protocol,
      boolean social,
      Endpoints endpoints,
      String scopes,
      AttributeKeys attributeKeys) {
    this.protocol = protocol;
    this.social = social;
    this.endpoints = endpoints;
    this.scopes = scopes;
    this.attributeKeys = attributeKeys;
  }

  public Protocol protocol() {
    return protocol;
  }

  /** Social sign-in: Foyer knows the endpoints; admits at the SOCIAL level. */
  public boolean social() {
    return social;
  }

  /**
   * A social kind's own endpoints ({@code {tenant}} in Microsoft's issuer); none for the generic
   * kinds, whose administrator gives them.
   */
  public Endpoints endpoints() {
    return endpoints;
  }

  public Optional<String> scopes() {
    return Optional.ofNullable(scopes);
  }

  /** The keys that read this kind's documented user info; none for generic OAuth. */
  public AttributeKeys attributeKeys() {
    return attributeKeys;
  }
}
