/**
 * Federation: a space's own identity providers (OAuth 2.0, OpenID Connect, OAuth 1.0a, social
 * sign-in; seed 002). A provider's answer is JSON whose shape the organisation chooses, so which
 * value is the unique user key, the username or the email is configured per provider as an {@link
 * dev.foyer.federation.entity.AttributeKey} (a dot path), read by Foyer's own code rather than by
 * pac4j's per-provider profile classes: one reading rule for every provider kind, and one place
 * that can say why a key found nothing (Test Integration).
 */
package dev.foyer.federation;
