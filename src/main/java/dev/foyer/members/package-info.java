/**
 * Members of a space and admission. A member is found by a linked identity (a door or provider
 * alias with the external id it vouches for), else, where the asserted identity's policy allows, by
 * a verified email, else created; the status rules then decide whether they may sign in.
 * Admission's input is the one {@link dev.foyer.members.entity.AssertedIdentity} every door
 * produces, so this package knows no door. A status change that refuses sign-in is announced as an
 * event in the same transaction, and the sessions package ends that member's sessions. Seed 002's
 * username and email conflicts are decided by a pure rule ({@link
 * dev.foyer.members.control.ConflictRules}) only for identities whose policy asks for it, so the
 * older doors keep their behaviour; a refusal is an exception that rolls the whole sign-in back. A
 * provider's groups arrive as a {@link dev.foyer.members.entity.GroupSync} the pipeline applies:
 * each membership a provider gave is recorded with its source, so a provider only ever takes away
 * what it gave, and a membership the JWT SSO door gives is the door's for good.
 */
package dev.foyer.members;
