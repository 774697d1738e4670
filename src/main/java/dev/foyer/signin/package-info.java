/**
 * The one pipeline every door feeds: {@link dev.foyer.signin.control.SignIn} admits the asserted
 * identity, opens the session and names the redirect target, all in one transaction, and writes the
 * login record. Doors reach it through {@code doors.SignInResponses}; this package knows no door
 * and no pac4j. Refusals anywhere on a door's path are recorded by {@link
 * dev.foyer.signin.control.LoginRecords} in a transaction of their own, because the attempt's
 * transaction has rolled back. Once a login record commits, {@link
 * dev.foyer.signin.control.SignInMetrics} counts it (door, outcome, code, duration since the door
 * began with the request): the operators' metrics and the audit trail tell the same story.
 */
package dev.foyer.signin;
