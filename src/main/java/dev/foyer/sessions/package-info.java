/**
 * Participant sessions. A session is a random 256-bit token held by the browser in a per-space
 * cookie ({@code foyer_<slug>}), so one browser holds sessions in several spaces at once; the
 * database keeps only its SHA-256, with expiry, last use and revocation. Logout revokes
 * server-side: a copied cookie dies with it. A session is only as good as its member's standing:
 * every check reads the member's status, and a status that refuses sign-in revokes all the member's
 * sessions in the transaction that set it (the members package announces the change as an event,
 * because it cannot see sessions without a package cycle).
 */
package dev.foyer.sessions;
