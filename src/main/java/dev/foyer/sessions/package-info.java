/**
 * Participant sessions. A session is a random 256-bit token held by the browser in a per-space
 * cookie ({@code foyer_<slug>}), so one browser holds sessions in several spaces at once; the
 * database keeps only its SHA-256, with expiry, last use and revocation. Logout revokes
 * server-side: a copied cookie dies with it.
 */
package dev.foyer.sessions;
