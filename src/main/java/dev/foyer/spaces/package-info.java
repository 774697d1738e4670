/**
 * Spaces and their events, and the administration API over them. Administration accepts only
 * MicroProfile JWT bearer tokens: {@code foyer-admin} may do everything, {@code foyer-space-admin}
 * only what concerns the space named in its {@code foyer_space} claim. Beyond what MP-JWT checks, a
 * token must be for Foyer's audience, short-lived and not dated in the future ({@code
 * control.AdminTokenPolicy}), checked before any role. A space holds nothing of any door: a door
 * keeps its settings in its own table keyed by the space's id, and shows them with the space
 * through {@link dev.foyer.spaces.boundary.DoorSpaceSettings}.
 */
package dev.foyer.spaces;
