/**
 * Seeds 001/003's JWT SSO door. A customer's application signs an HS256 token with the space's key
 * and sends the browser to {@code /spot/{spaceId}/sso/jwt?ms_token=...}. Verification uses
 * nimbus-jose-jwt directly with an explicit algorithm allow-list: {@code none}, JWE and every
 * algorithm but HS256 are refused before any key is touched. Foyer is stricter than the seed on
 * expiry ({@code exp} required by default, lifetime capped, each token used once), because a token
 * without expiry is a password in a URL. Only the canonical compact form is read (nimbus's decoder
 * would take many spellings of one signature), and single use is keyed on what was verified, the
 * {@code jti} or the decoded signature, never on the text as sent. The door stops at the asserted
 * identity; the one pipeline does the rest.
 */
package dev.foyer.jwtsso;
