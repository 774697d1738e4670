package dev.foyer.federation.entity;

/** How Foyer authenticates to a provider's token endpoint (RFC 6749 §2.3.1). */
public enum ClientAuthentication {
  CLIENT_SECRET_BASIC,
  CLIENT_SECRET_POST
}
