/**
 * Spaces and their events, and the administration API over them. Administration accepts only
 * MicroProfile JWT bearer tokens: {@code foyer-admin} may do everything, {@code foyer-space-admin}
 * only what concerns the space named in its {@code foyer_space} claim. Signing secrets are shown
 * once, when created or rotated, and stored sealed.
 */
package dev.foyer.spaces;
