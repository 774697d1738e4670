/**
 * Federation: a space's own identity providers (OAuth 2.0, OpenID Connect, OAuth 1.0a, social
 * sign-in; seed 002). A provider's answer is JSON whose shape the organisation chooses, so which
 * value is the unique user key, the username or the email is configured per provider as an {@link
 * dev.foyer.federation.entity.AttributeKey} (a dot path), read by Foyer's own code rather than by
 * pac4j's per-provider profile classes: one reading rule for every provider kind, and one place
 * that can say why a key found nothing (Test Integration).
 *
 * <p>pac4j's indirect clients speak the protocols (redirect with state, nonce and PKCE, the code
 * exchange, the ID token's verification, OAuth 1.0a's tokens); their "session" is a row of {@code
 * flow_state} behind a short cookie, so a flow started on one node finishes on any other, once. The
 * user info call is Foyer's own ({@code control.Outbound}: timeouts, size cap, identifying
 * headers), so the raw answer can be mapped exactly and shown by Test Integration. The door never
 * writes members or sessions: the callback hands an asserted identity to the one pipeline, and a
 * test run only previews what the pipeline would do, in a transaction that is rolled back.
 */
package dev.foyer.federation;
