/**
 * The composition root of the doors and the one place pac4j is wired. A door is a package with a
 * CDI bean implementing {@link dev.foyer.doors.Door}; {@link dev.foyer.doors.Pac4jConfiguration}
 * collects them, builds the one pac4j {@code Config} and registers, per endpoint, CORS where the
 * plugin calls it, the {@link dev.foyer.doors.DoorGuard} (method, size, media type, refusal
 * rendering and the login record's door and space) and pac4j's security filter. A door's client
 * leaves an {@link dev.foyer.doors.AssertedProfile} on the request and stops there; {@link
 * dev.foyer.doors.SignInResponses} hands its asserted identity to the one pipeline and answers with
 * a 302 and the cookie, or JSON for the plugin. No spine package imports this one or pac4j; doors
 * import it, never each other (an ArchUnit test in the build says so).
 */
package dev.foyer.doors;
