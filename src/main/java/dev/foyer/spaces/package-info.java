/**
 * Spaces and their events, and the administration API over them. Administration accepts only
 * MicroProfile JWT bearer tokens: {@code foyer-admin} may do everything, {@code foyer-space-admin}
 * only what concerns the space named in its {@code foyer_space} claim. Beyond what MP-JWT checks, a
 * token must be for Foyer's audience, short-lived and not dated in the future ({@code
 * control.AdminTokenPolicy}), checked before any role. A space holds nothing of any door: a door
 * keeps its settings in its own table keyed by the space's id, and shows them with the space
 * through {@link dev.foyer.spaces.boundary.DoorSpaceSettings}. A space's configuration is exported
 * and imported as one document whose parts have the shapes of the admin API's requests and are
 * saved by the admin API's own checks; a door adds its part through {@link
 * dev.foyer.spaces.boundary.ConfigurationSection}. An import is declarative and one transaction.
 */
package dev.foyer.spaces;
