/**
 * Secrets at rest and randomness. Space signing secrets and door keys are sealed with AES-GCM under
 * a key from configuration before they reach the database; a rotated key keeps verifying for an
 * overlap ({@link dev.foyer.secrets.RotatingKey}). Random bytes come from a per-thread DRBG,
 * because one shared {@code SecureRandom} serialised sign-ins under load.
 */
package dev.foyer.secrets;
