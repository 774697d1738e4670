/**
 * The spine every door feeds. A door (a pac4j client) leaves an {@link
 * dev.foyer.doors.AssertedProfile} on the request; {@link
 * dev.foyer.signin.control.SignIn} admits the identity, opens the session and names the redirect
 * target in one transaction; {@link dev.foyer.doors.SignInResponses} turns that into a
 * 302 with the cookie, or JSON for the plugin. Refusals anywhere on a door's path are rendered by
 * the platform and recorded by {@link dev.foyer.signin.control.LoginRecords} in a transaction of
 * their own, because the attempt's transaction has rolled back.
 */
package dev.foyer.signin;
