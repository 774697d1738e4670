/**
 * What every HTTP-facing package needs the same way: HTML escaping, strict JSON-B reading (a wrong
 * type is a refusal, not a silent default), empty JSON bodies, and one definition of a valid email
 * and an absolute http(s) URL.
 */
package dev.foyer.web;
