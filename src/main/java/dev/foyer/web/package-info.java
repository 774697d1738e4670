/**
 * What every HTTP-facing package needs the same way: HTML escaping, strict JSON-B reading (a wrong
 * type is a refusal, not a silent default), strict form decoding (a broken escape or bytes that are
 * not UTF-8 are a refusal, not a dropped parameter or U+FFFD), empty JSON bodies, one definition of
 * a valid email, an absolute http(s) URL and a name (NFC, something visible in it), and Foyer's own
 * address. That address is {@code foyer.public-url} when set, applied once to every JAX-RS request
 * before matching rather than at each place a URL is built, so a resource written later cannot take
 * the client's {@code Host} by forgetting it.
 */
package dev.foyer.web;
