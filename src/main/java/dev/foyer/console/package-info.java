/**
 * The operator console: pages served by the WAR that work on the admin API, for operators who would
 * rather click than curl. Decisions: the console has no rules of its own; its pages call the same
 * admin API as scripts, and an operator's console session stands in for an admin token there,
 * carrying the same role (foyer-admin, or foyer-space-admin of one space) to the same checks. The
 * session is an HttpOnly, SameSite=Strict cookie kept only as a hash in the database (any node
 * serves it); every changing call must echo the session's CSRF token in a header and come from
 * Foyer's own origin. An operator gets a session from a single-use link that a holder of an admin
 * token asks for (bin/run prints one for the local operator), or by signing in at the
 * organisation's OpenID Connect provider. The console is not a door: it signs in operators, never
 * members, and feeds nothing into the sign-in pipeline.
 */
package dev.foyer.console;
