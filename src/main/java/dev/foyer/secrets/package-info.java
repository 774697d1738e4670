/**
 * Secrets at rest and randomness. Space signing secrets and door keys are sealed with AES-GCM under
 * a key from configuration before they reach the database; a rotated secret keeps verifying for an
 * overlap ({@link dev.foyer.secrets.RotatingKey}). Whether the configured key is the database's is
 * settled once at start-up against a check value stored in the database ({@link
 * dev.foyer.secrets.SecretsKeyCheck}), because a wrong key otherwise surfaced only as failed
 * sign-ins; the key itself rotates through {@code foyer.secrets.previous-key}, which re-seals
 * everything at the next start. A stored value no key opens is skipped, never a failed request.
 * Random bytes come from a per-thread DRBG, because one shared {@code SecureRandom} serialised
 * sign-ins under load.
 */
package dev.foyer.secrets;
