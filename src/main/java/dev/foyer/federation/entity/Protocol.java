package dev.foyer.federation.entity;

/** How Foyer talks to an identity provider; each kind of provider speaks one. */
public enum Protocol {
  OAUTH2,
  OIDC,
  OAUTH1,
  SAML
}
