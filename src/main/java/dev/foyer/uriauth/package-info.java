/**
 * Seed 000's doors: URI Auth ({@code /auth/uri}, GET or form POST) and programmatic logon for the
 * embedded plugin ({@code /auth/programmatic}, JSON). Both are pac4j direct clients so they sit
 * behind the same filters as every other door; both turn the request into a {@link
 * dev.foyer.uriauth.control.UriAuthRequest} and then into an asserted identity, and stop there.
 * Unsigned links are trusted for a name only: they never link to an existing member by email.
 * Signed links (HMAC-SHA256 over a canonical form, a timestamp, single use) make a link that was
 * shared or left in a history useless to anyone else.
 */
package dev.foyer.uriauth;
